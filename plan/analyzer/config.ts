// Policy configuration, handled the way the Pulumi CLI handles `--policy-pack-config <file>`
// (pkg/resource/analyzer/config.go): parse the file, start from each policy's defaults (its
// enforcement level and its config schema's `default`s), apply the pack's initial config, then
// the file (`"all"` sets every policy's enforcement level first), validate each policy's
// properties against its schema, and send the whole reconciled map in `Configure`.
import { EnforcementLevel, enforcementLevels, isEnforcementLevel } from "./wire";

export interface ResolvedPolicyConfig {
    enforcementLevel?: EnforcementLevel;
    properties?: Record<string, unknown>;
}

export interface PolicySchemaInfo {
    name: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: { properties?: Record<string, Record<string, unknown>>; required?: string[] };
}

/** Invalid policy configuration: every problem found, one per line. */
export class PolicyConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(`invalid policy configuration:\n  ${problems.join("\n  ")}`);
        this.name = "PolicyConfigError";
    }
}

/** `parsePolicyPackConfig`: a value is an enforcement level, or an object with optional `enforcementLevel`. */
export function parsePolicyConfig(config: Record<string, unknown>): Map<string, ResolvedPolicyConfig> {
    const problems: string[] = [];
    const result = new Map<string, ResolvedPolicyConfig>();
    for (const [key, value] of Object.entries(config)) {
        if (typeof value === "string") {
            if (!isEnforcementLevel(value)) {
                problems.push(
                    `${key}: "${value}" is not a valid enforcement level (${enforcementLevels.join(", ")})`,
                );
                continue;
            }
            result.set(key, { enforcementLevel: value });
        } else if (value && typeof value === "object" && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
                problems.push(
                    `${key}.enforcementLevel: ${JSON.stringify(enforcementLevel)} is not a valid enforcement level (${enforcementLevels.join(", ")})`,
                );
                continue;
            }
            const entry: ResolvedPolicyConfig = {};
            if (enforcementLevel !== undefined) {
                entry.enforcementLevel = enforcementLevel;
            }
            if (Object.keys(properties).length > 0) {
                entry.properties = properties;
            }
            if (entry.enforcementLevel || entry.properties) {
                result.set(key, entry);
            }
        } else {
            problems.push(
                `${key}: ${JSON.stringify(value)} is not a valid value; must be a string or object`,
            );
        }
    }
    if (problems.length > 0) {
        throw new PolicyConfigError(problems);
    }
    return result;
}

function applyConfig(
    result: Map<string, ResolvedPolicyConfig>,
    apply: Map<string, ResolvedPolicyConfig>,
): void {
    const all = apply.get("all")?.enforcementLevel;
    if (all) {
        for (const [k, v] of result) {
            result.set(k, { ...v, enforcementLevel: all });
        }
    }
    for (const [policy, given] of apply) {
        const current = result.get(policy) ?? {};
        const properties =
            given.properties && Object.keys(given.properties).length > 0
                ? { ...(current.properties ?? {}), ...given.properties }
                : current.properties;
        result.set(policy, {
            enforcementLevel: given.enforcementLevel ?? current.enforcementLevel,
            ...(properties ? { properties } : {}),
        });
    }
}

/**
 * `ReconcilePolicyPackConfig`. Stricter than the CLI in one way: a key naming no policy of the
 * pack (other than `"all"`) is an error, so a typo cannot silently leave a policy unconfigured.
 */
export function reconcilePolicyConfig(
    policies: PolicySchemaInfo[],
    initialConfig: Map<string, ResolvedPolicyConfig>,
    config: Map<string, ResolvedPolicyConfig>,
): Map<string, ResolvedPolicyConfig> {
    const names = new Set(policies.map((p) => p.name));
    const unknownKeys = [...config.keys()].filter((k) => k !== "all" && !names.has(k));
    if (unknownKeys.length > 0) {
        throw new PolicyConfigError(
            unknownKeys.map(
                (k) => `${k}: no such policy in the pack (policies: ${[...names].sort().join(", ")})`,
            ),
        );
    }
    // A property the policy's schema does not name is a typo (`maxLenght`): the CLI's JSON Schema
    // check lets it through (the schema it builds has no additionalProperties: false, and the
    // protocol cannot carry one), and the policy would run on its default, silently.
    const misspelt: string[] = [];
    for (const [name, given] of config) {
        const known = Object.keys(policies.find((p) => p.name === name)?.configSchema?.properties ?? {});
        for (const key of Object.keys(given.properties ?? {})) {
            if (name !== "all" && !known.includes(key)) {
                misspelt.push(
                    `${name}.${key}: the policy has no such config property (${known.length > 0 ? `its properties: ${known.join(", ")}` : "it takes none"}); check the spelling`,
                );
            }
        }
    }
    if (misspelt.length > 0) {
        throw new PolicyConfigError(misspelt);
    }
    const result = new Map<string, ResolvedPolicyConfig>();
    for (const p of policies) {
        const defaults: Record<string, unknown> = {};
        for (const [k, schema] of Object.entries(p.configSchema?.properties ?? {})) {
            if ("default" in schema) {
                defaults[k] = schema.default;
            }
        }
        result.set(p.name, {
            enforcementLevel: p.enforcementLevel,
            ...(Object.keys(defaults).length > 0 ? { properties: defaults } : {}),
        });
    }
    applyConfig(result, initialConfig);
    applyConfig(result, config);

    const problems: string[] = [];
    for (const p of policies) {
        if (!p.configSchema) {
            continue;
        }
        const props = result.get(p.name)?.properties ?? {};
        const schema = {
            type: "object",
            properties: p.configSchema.properties,
            required: p.configSchema.required,
        };
        for (const problem of validateJsonSchema(schema, props, "")) {
            problems.push(`${p.name}: ${problem}`);
        }
    }
    if (problems.length > 0) {
        throw new PolicyConfigError(problems);
    }
    return result;
}

function typeOf(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "array";
    }
    if (typeof value === "number") {
        return Number.isInteger(value) ? "integer" : "number";
    }
    return typeof value;
}

/**
 * The JSON Schema subset policy config schemas use in practice: type, enum, const, minimum,
 * maximum, minLength, maxLength, pattern, items, minItems, maxItems, properties, required,
 * additionalProperties: false. Other keywords are not checked.
 */
export function validateJsonSchema(schema: Record<string, unknown>, value: unknown, path: string): string[] {
    const at = path || "(root)";
    const problems: string[] = [];
    const type = schema.type as string | string[] | undefined;
    if (type !== undefined) {
        const types = Array.isArray(type) ? type : [type];
        const actual = typeOf(value);
        const ok = types.some((t) => t === actual || (t === "number" && actual === "integer"));
        if (!ok) {
            return [`${at}: expected ${types.join(" or ")}, got ${actual}`];
        }
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
        problems.push(`${at}: must be one of ${JSON.stringify(schema.enum)}`);
    }
    if ("const" in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) {
        problems.push(`${at}: must be ${JSON.stringify(schema.const)}`);
    }
    if (typeof value === "number") {
        if (typeof schema.minimum === "number" && value < schema.minimum) {
            problems.push(`${at}: must be >= ${schema.minimum}`);
        }
        if (typeof schema.maximum === "number" && value > schema.maximum) {
            problems.push(`${at}: must be <= ${schema.maximum}`);
        }
    }
    if (typeof value === "string") {
        if (typeof schema.minLength === "number" && value.length < schema.minLength) {
            problems.push(`${at}: must be at least ${schema.minLength} characters`);
        }
        if (typeof schema.maxLength === "number" && value.length > schema.maxLength) {
            problems.push(`${at}: must be at most ${schema.maxLength} characters`);
        }
        if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) {
            problems.push(`${at}: must match ${schema.pattern}`);
        }
    }
    if (Array.isArray(value)) {
        if (typeof schema.minItems === "number" && value.length < schema.minItems) {
            problems.push(`${at}: must have at least ${schema.minItems} items`);
        }
        if (typeof schema.maxItems === "number" && value.length > schema.maxItems) {
            problems.push(`${at}: must have at most ${schema.maxItems} items`);
        }
        if (schema.items && typeof schema.items === "object" && !Array.isArray(schema.items)) {
            value.forEach((v, i) =>
                problems.push(
                    ...validateJsonSchema(schema.items as Record<string, unknown>, v, `${path}[${i}]`),
                ),
            );
        }
    }
    if (value && typeof value === "object" && !Array.isArray(value)) {
        const obj = value as Record<string, unknown>;
        const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
        for (const r of (schema.required as string[] | undefined) ?? []) {
            if (!(r in obj)) {
                problems.push(`${at}: ${r} is required`);
            }
        }
        for (const [k, v] of Object.entries(obj)) {
            const child = path ? `${path}.${k}` : k;
            if (properties[k]) {
                problems.push(...validateJsonSchema(properties[k], v, child));
            } else if (schema.additionalProperties === false) {
                problems.push(`${child}: additional property not allowed`);
            }
        }
    }
    return problems;
}
