// Stack config from a typed object, validated by the stacks' own schema (stacks/config/) before
// anything is written, then set through the Automation API as one `pulumi config set-all`.
//
// Secrets: no key of today's schema holds secret material (account id, ARNs, subnet ids, CIDRs,
// instance types are identifiers, not credentials), so nothing is secret by default. A caller that
// treats a key as confidential names it in `secretKeys`; its whole value is then stored encrypted
// (`--secret`) with the stack's secrets provider. Note that a file with `secure:` values can no
// longer be read by the offline `npm run plan`; the library's pre-flight plans the typed config in
// memory, so it is unaffected.
import { ConfigMap } from "@pulumi/pulumi/automation";
import { z } from "zod";
import {
    ALLOWED_ACCOUNT_IDS,
    allowedAccountIds,
    NAMESPACE,
    parseStackConfig,
    PlatformConfig,
    PlatformConfigSchema,
    StackConfig,
} from "../stacks/config";
import { UsageError } from "./errors";
import { StackHandle } from "./workspace";

/** What a caller writes: the schema's input type, defaults may be left out. */
export type PlatformConfigInput = z.input<typeof PlatformConfigSchema>;
export type PlatformKey = keyof PlatformConfig;

export interface TypedStackConfig {
    /** `aws:region`, e.g. us-west-2. */
    region: string;
    platform: PlatformConfigInput;
}

export interface ConfigWriteOptions {
    /** Top-level `platform:` keys stored encrypted. @default [] (see the header) */
    secretKeys?: PlatformKey[];
    /** Names the source in error messages. @default "typed config of <stack>" */
    label?: string;
}

export const PLATFORM_KEYS = Object.keys(PlatformConfigSchema.shape) as PlatformKey[];

/** Validates with parseStackConfig: every problem at once as a ConfigError with key paths. */
export function validateTypedConfig(config: TypedStackConfig, label: string): StackConfig {
    // The account guard follows from the typed account: a caller never writes it twice.
    const raw: Record<string, unknown> = {
        "aws:region": config.region,
        [ALLOWED_ACCOUNT_IDS]: allowedAccountIds({ accountId: config.platform?.accountId }),
    };
    for (const [key, value] of Object.entries(config.platform ?? {})) {
        raw[`${NAMESPACE}:${key}`] = value;
    }
    return parseStackConfig(raw, label);
}

/**
 * The ConfigMap of a validated config: strings as they are, everything else as JSON text (what
 * the engine hands the program for structured values, and what stacks/index.ts parses back).
 */
export function toConfigMap(config: StackConfig, options: ConfigWriteOptions = {}): ConfigMap {
    const secret = new Set<string>(options.secretKeys ?? []);
    const unknown = [...secret].filter((k) => !(PLATFORM_KEYS as string[]).includes(k));
    if (unknown.length > 0) {
        throw new UsageError(
            `secretKeys names no platform config key: ${unknown.join(", ")} (keys: ${PLATFORM_KEYS.join(", ")})`,
        );
    }
    const map: ConfigMap = {
        "aws:region": { value: config.region },
        [ALLOWED_ACCOUNT_IDS]: { value: JSON.stringify(allowedAccountIds(config.platform)) },
    };
    for (const [key, value] of Object.entries(config.platform)) {
        if (value === undefined) {
            continue;
        }
        map[`${NAMESPACE}:${key}`] = {
            value: typeof value === "string" ? value : JSON.stringify(value),
            ...(secret.has(key) ? { secret: true } : {}),
        };
    }
    return map;
}

/** Validates `config` and writes it to the stack; returns what was validated (defaults filled). */
export async function setStackConfig(
    stack: StackHandle,
    config: TypedStackConfig,
    options: ConfigWriteOptions = {},
): Promise<StackConfig> {
    const validated = validateTypedConfig(config, options.label ?? `typed config of ${stack.name}`);
    await stack.setConfig(toConfigMap(validated, options));
    return validated;
}
