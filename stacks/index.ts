// Entry point of `pulumi up --stack <env>`: the stack's config, validated as a whole, then the
// program. Exported values become the stack outputs application stacks read by StackReference.
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, stackConfigPath } from "./config";
import { buildPlatform } from "./program";

const raw: Record<string, unknown> = {};
for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    // The engine passes structured values as JSON text.
    try {
        raw[key] = JSON.parse(value);
    } catch {
        raw[key] = value;
    }
}

export = buildPlatform(parseStackConfig(raw, stackConfigPath(pulumi.getStack())));
