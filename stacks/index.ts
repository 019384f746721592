// Entry point of `pulumi up --stack <env>`: the stack's config, validated as a whole, then the
// program. Exported values become the stack outputs application stacks read by StackReference.
import * as pulumi from "@pulumi/pulumi";
import { fromEngineConfig, parseStackConfig, stackConfigPath } from "./config";
import { buildPlatform } from "./program";

export = buildPlatform(
    parseStackConfig(fromEngineConfig(pulumi.runtime.allConfig()), stackConfigPath(pulumi.getStack())),
);
