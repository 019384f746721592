// Runs the pack in-process, the way the policy runtime (@pulumi/policy's analyzer server) runs
// it for the engine, without the engine: for CI on exported resources, for tests and for tools.
// Mirrored from @pulumi/policy 1.21.0 server.js:
// - props go through the same deserialisation (a protobuf Struct, secrets unwrapped) and are
//   wrapped in `unknownCheckingProxy`, so reading an unknown throws `UnknownValueError`;
// - enforcement level: configured level, else the policy's, else the pack's ("advisory");
//   "disabled" skips, "remediate" reports as "mandatory";
// - a policy that throws `UnknownValueError` yields the runtime's advisory "can't run ... during
//   preview" violation; `notApplicable` is swallowed; any other error propagates;
// - a violation's message is `description + "\n" + message`, as the runtime reports it.
import {
    EnforcementLevel,
    Policies,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
    UnknownValueError,
    unknownCheckingProxy,
} from "@pulumi/policy";
import {
    specialArchiveSig,
    specialAssetSig,
    specialOutputValueSig,
    specialResourceSig,
    specialSecretSig,
    specialSigKey,
} from "@pulumi/pulumi/runtime/rpc";
import { PACK_NAME, PACK_VERSION, policies as packPolicies } from "./policies";
import { UNKNOWN_STRING_SENTINEL } from "./props";

// Internal to @pulumi/policy but what its server uses: deserialising a Struct the way the
// engine's gRPC request carries it (undefined dropped, secrets unwrapped, assets rebuilt).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deserializeProperties } = require("@pulumi/policy/deserialize") as {
    deserializeProperties(struct: unknown, proxySecrets: boolean): Record<string, unknown>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as {
    Struct: { fromJavaScript(value: Record<string, unknown>): unknown };
};

/**
 * One resource as the engine sends it to a policy pack. Unknown values (preview) are the
 * engine's sentinel string `"04da6b54-80e4-46f7-96ec-b56ff0331ba9"` (`UNKNOWN_STRING_SENTINEL`);
 * `pulumi preview --json` and `pulumi stack export` show them that way.
 */
export interface ResourceInput {
    urn: string;
    /** Pulumi type token, e.g. `aws:iam/role:Role`. */
    type: string;
    /** Logical name. */
    name: string;
    /** Inputs (resource policies) / outputs (stack policies), as plain JSON. */
    props: Record<string, unknown>;
    /** URN of the parent resource. */
    parent?: string;
    /** URNs this resource depends on. */
    dependencies?: string[];
    /** Property name to the URNs its value came from: how stack policies link resources at preview. */
    propertyDependencies?: Record<string, string[]>;
}

/** A policy's entry in a policy config file: a level, or an object of level and properties. */
export type PolicyConfigEntry =
    EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);

export interface EvaluateOptions {
    /** Policy config, as in a `--policy-pack-config` file: policy name to level or `{ enforcementLevel?, ...properties }`. */
    config?: Record<string, PolicyConfigEntry>;
    /** Enforcement overrides by policy name; they win over `config`. */
    enforcementLevels?: Record<string, EnforcementLevel>;
    /** Stack tags handed to policies (`args.stackTags`). */
    stackTags?: Record<string, string>;
    /** Policies to run instead of the pack's (tests). */
    policies?: Policies;
    /** Run resource policies (default true). */
    resourcePolicies?: boolean;
    /** Run stack policies (default true). */
    stackPolicies?: boolean;
}

export interface Violation {
    policyName: string;
    enforcementLevel: "advisory" | "mandatory";
    /** The policy's description, a newline, then the specific message: what the Pulumi CLI prints. */
    message: string;
    /** The resource the violation is about (resource policies: always; stack policies: when the policy names one). */
    urn?: string;
}

/** Bad resources or config: the caller's input, not a policy, is wrong. */
export class EvaluateInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "EvaluateInputError";
    }
}

class NotApplicableError extends Error {}

function throwNotApplicable(reason?: string): never {
    // Thrown for every resource a multi-type policy skips: no stack trace, it is control flow.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        throw new NotApplicableError(reason ?? "Policy does not apply");
    } finally {
        Error.stackTraceLimit = limit;
    }
}

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

function isResourcePolicy(
    p: ResourceValidationPolicy | StackValidationPolicy,
): p is ResourceValidationPolicy {
    return "validateResource" in p && p.validateResource !== undefined;
}

function isStackPolicy(p: ResourceValidationPolicy | StackValidationPolicy): p is StackValidationPolicy {
    return "validateStack" in p && typeof p.validateStack === "function";
}

/** Normalised config: policy name to `{ level?, properties }`; throws on unknown policies or bad types. */
export function normalizeConfig(
    policies: Policies,
    config: Record<string, PolicyConfigEntry> = {},
    overrides: Record<string, EnforcementLevel> = {},
): Map<string, { level?: EnforcementLevel; properties: Record<string, unknown> }> {
    const byName = new Map(policies.map((p) => [p.name, p]));
    const result = new Map<string, { level?: EnforcementLevel; properties: Record<string, unknown> }>();
    const problems: string[] = [];
    const checkLevel = (name: string, level: unknown): EnforcementLevel | undefined => {
        if (level === undefined) {
            return undefined;
        }
        if (typeof level !== "string" || !LEVELS.includes(level as EnforcementLevel)) {
            problems.push(
                `${name}: enforcementLevel must be one of ${LEVELS.join(", ")}, got ${JSON.stringify(level)}`,
            );
            return undefined;
        }
        return level as EnforcementLevel;
    };
    // "all" first, so that a policy's own entry refines it wherever it appears in the file.
    const entries = Object.entries(config).sort(([a], [b]) => Number(b === "all") - Number(a === "all"));
    for (const [name, entry] of entries) {
        if (name === "all") {
            const level = checkLevel(name, typeof entry === "string" ? entry : entry?.enforcementLevel);
            for (const p of policies) {
                result.set(p.name, { level, properties: {} });
            }
            continue;
        }
        const policy = byName.get(name);
        if (!policy) {
            problems.push(`${name}: no such policy in the pack`);
            continue;
        }
        if (typeof entry === "string") {
            result.set(name, {
                level: checkLevel(name, entry),
                properties: { ...result.get(name)?.properties },
            });
            continue;
        }
        if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
            problems.push(`${name}: expected an enforcement level or an object`);
            continue;
        }
        const { enforcementLevel, ...properties } = entry;
        const schema = policy.configSchema?.properties ?? {};
        for (const [key, value] of Object.entries(properties)) {
            const property = schema[key];
            if (!property) {
                problems.push(`${name}.${key}: the policy has no such config property`);
                continue;
            }
            const type = property.type;
            const ok =
                type === undefined ||
                (type === "array" && Array.isArray(value)) ||
                (type === "integer" && Number.isInteger(value)) ||
                (type === "number" && typeof value === "number") ||
                (type === "boolean" && typeof value === "boolean") ||
                (type === "string" && typeof value === "string") ||
                (type === "object" && typeof value === "object" && value !== null && !Array.isArray(value));
            if (!ok) {
                problems.push(`${name}.${key}: expected ${String(type)}, got ${JSON.stringify(value)}`);
            }
        }
        result.set(name, {
            level: checkLevel(name, enforcementLevel) ?? result.get(name)?.level,
            properties,
        });
    }
    for (const [name, level] of Object.entries(overrides)) {
        if (!byName.has(name)) {
            problems.push(`${name}: no such policy in the pack`);
            continue;
        }
        result.set(name, { properties: result.get(name)?.properties ?? {}, level: checkLevel(name, level) });
    }
    if (problems.length > 0) {
        throw new EvaluateInputError(`invalid policy config:\n  ${problems.join("\n  ")}`);
    }
    return result;
}

/** At most this many problems are listed; the rest are counted. */
const PROBLEMS_SHOWN = 20;

function inputError(what: string, problems: string[]): EvaluateInputError {
    const more = problems.length > PROBLEMS_SHOWN ? [`... and ${problems.length - PROBLEMS_SHOWN} more`] : [];
    return new EvaluateInputError(
        `${what}:\n  ${[...problems.slice(0, PROBLEMS_SHOWN), ...more].join("\n  ")}`,
    );
}

/**
 * Checks the shape of resources (e.g. parsed from a file); throws `EvaluateInputError` naming
 * every problem with its index. Garbage is refused rather than checked into zero violations.
 */
export function validateResources(value: unknown): ResourceInput[] {
    const list = Array.isArray(value)
        ? value
        : typeof value === "object" &&
            value !== null &&
            Array.isArray((value as { resources?: unknown }).resources)
          ? (value as { resources: unknown[] }).resources
          : undefined;
    if (!list) {
        const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
        throw new EvaluateInputError(
            `expected an array of resources or an object with a \`resources\` array; got ${got === "object" ? "an object without `resources`" : got}: give the \`resources\` of a plan file (npm run plan -- --json <file>)`,
        );
    }
    const problems: string[] = [];
    const urns = new Map<string, number>();
    list.forEach((r, i) => {
        const o = r as Record<string, unknown>;
        if (typeof r !== "object" || r === null || Array.isArray(r)) {
            problems.push(`resources[${i}]: not an object; each resource is { urn, type, name, props }`);
            return;
        }
        for (const key of ["urn", "type", "name"]) {
            if (typeof o[key] !== "string" || o[key] === "") {
                problems.push(`resources[${i}].${key}: expected a non-empty string`);
            }
        }
        if (typeof o.urn === "string" && o.urn !== "") {
            const first = urns.get(o.urn);
            if (first !== undefined) {
                problems.push(
                    `resources[${i}].urn: the same URN as resources[${first}]; a URN names one resource`,
                );
            } else {
                urns.set(o.urn, i);
            }
        }
        if (typeof o.props !== "object" || o.props === null || Array.isArray(o.props)) {
            problems.push(
                `resources[${i}].props: expected an object (the resource's inputs; {} when it has none)`,
            );
        }
        if (o.parent !== undefined && typeof o.parent !== "string") {
            problems.push(`resources[${i}].parent: expected a URN string`);
        }
        if (
            o.dependencies !== undefined &&
            !(Array.isArray(o.dependencies) && o.dependencies.every((d) => typeof d === "string"))
        ) {
            problems.push(`resources[${i}].dependencies: expected an array of URNs`);
        }
        const pd = o.propertyDependencies;
        if (
            pd !== undefined &&
            !(
                typeof pd === "object" &&
                pd !== null &&
                !Array.isArray(pd) &&
                Object.values(pd).every((v) => Array.isArray(v) && v.every((d) => typeof d === "string"))
            )
        ) {
            problems.push(
                `resources[${i}].propertyDependencies: expected an object of property name to URN arrays`,
            );
        }
    });
    if (problems.length > 0) {
        throw inputError("invalid resources", problems);
    }
    return list as ResourceInput[];
}

/**
 * Deepest nesting of props accepted. Ours, not the engine's: the runtime's deserialisation and
 * JSON.stringify recurse, and Node's stack ends near 10,000 levels; an IAM policy document nests
 * five. Deeper input is refused with its path instead of crashing the process.
 */
export const MAX_PROPS_DEPTH = 1000;

const SIGNATURES: Record<string, string> = {
    [specialSecretSig]: "secret",
    [specialAssetSig]: "asset",
    [specialArchiveSig]: "archive",
    [specialResourceSig]: "resource reference",
    [specialOutputValueSig]: "output value",
};
const KNOWN_SIGNATURES = `${specialSecretSig} (secret), ${specialAssetSig} (asset), ${specialArchiveSig} (archive), ${specialResourceSig} (resource reference)`;

function pathOf(base: string, key: string | number): string {
    return typeof key === "number"
        ? `${base}[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(key)
          ? `${base}.${key}`
          : `${base}[${JSON.stringify(key)}]`;
}

/** An asset envelope as @pulumi/policy's deserialisation reads it: one of path, text or uri. */
function assetProblem(o: Record<string, unknown>): string | undefined {
    const given = ["path", "text", "uri"].filter((k) => o[k] !== undefined);
    if (given.length !== 1 || typeof o[given[0]] !== "string" || o[given[0]] === "") {
        return "an asset needs exactly one of `path`, `text` or `uri`, a non-empty string";
    }
    return undefined;
}

/**
 * Props made safe for the runtime's deserialisation, which throws a bare Error (or overflows the
 * stack) on what the engine never sends. Each envelope (`{ "4dabf181...": <signature>, ... }`) is
 * checked; what the engine would send differently is turned into what it sends:
 * - a secret is `{ sig, value }`; an encrypted one (`ciphertext`, as `pulumi stack export` writes
 *   it) cannot be read here and is planned as an unknown value, as the offline plan plans a
 *   `secure:` config value;
 * - a resource reference becomes its ID (a custom resource with a known ID) or its URN, what
 *   @pulumi/pulumi's `serializeProperty` sends to a consumer without resource references
 *   (runtime/rpc.ts, "return the id for backward compatibility"), as the policy runtime is;
 * - assets and archives are kept when well formed.
 * Problems are pushed with their property path; the result is only used when there are none.
 */
export function prepareProps(value: unknown, path: string, problems: string[], depth = 0): unknown {
    if (depth > MAX_PROPS_DEPTH) {
        problems.push(
            `${path.slice(0, 80)}...: nested deeper than ${MAX_PROPS_DEPTH} levels; no resource's inputs nest this deep`,
        );
        return null;
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map((v, i) => prepareProps(v, pathOf(path, i), problems, depth + 1));
    }
    const o = value as Record<string, unknown>;
    if (specialSigKey in o) {
        const sig = o[specialSigKey];
        const kind = typeof sig === "string" ? SIGNATURES[sig] : undefined;
        const at = `${path} (${kind ?? "signature"} ${JSON.stringify(sig)})`;
        switch (kind) {
            case "secret":
                if ("value" in o) {
                    return {
                        [specialSigKey]: sig,
                        value: prepareProps(o.value, pathOf(path, "value"), problems, depth + 1),
                    };
                }
                if (typeof o.ciphertext === "string") {
                    return UNKNOWN_STRING_SENTINEL;
                }
                problems.push(
                    `${at}: a secret without \`value\`; give { "${specialSigKey}": "${specialSecretSig}", "value": <the value> }`,
                );
                return null;
            case "asset": {
                const problem = assetProblem(o);
                if (problem) {
                    problems.push(`${at}: ${problem}`);
                }
                return o;
            }
            case "archive": {
                const assets = o.assets;
                if (assets !== undefined) {
                    if (typeof assets !== "object" || assets === null || Array.isArray(assets)) {
                        problems.push(`${at}: \`assets\` must be an object of name to asset or archive`);
                        return o;
                    }
                    for (const [name, a] of Object.entries(assets)) {
                        const inner = a as Record<string, unknown> | null;
                        const innerKind =
                            inner && typeof inner === "object"
                                ? SIGNATURES[String(inner[specialSigKey])]
                                : undefined;
                        if (innerKind !== "asset" && innerKind !== "archive") {
                            problems.push(
                                `${pathOf(pathOf(path, "assets"), name)}: an archive holds only assets and archives`,
                            );
                        } else {
                            prepareProps(a, pathOf(pathOf(path, "assets"), name), problems, depth + 2);
                        }
                    }
                    return o;
                }
                if (
                    (typeof o.path !== "string" || o.path === "") &&
                    (typeof o.uri !== "string" || o.uri === "")
                ) {
                    problems.push(`${at}: an archive needs \`assets\`, \`path\` or \`uri\``);
                }
                return o;
            }
            case "resource reference":
                if (typeof o.urn !== "string" || o.urn === "") {
                    problems.push(`${at}: a resource reference needs \`urn\`, the referenced resource's URN`);
                    return null;
                }
                if (o.id !== undefined && typeof o.id !== "string") {
                    problems.push(`${at}: a resource reference's \`id\` must be a string`);
                    return null;
                }
                return typeof o.id === "string" && o.id !== "" ? o.id : o.urn;
            case "output value":
                problems.push(
                    `${at}: an output value; the engine sends a policy pack plain values (unknowns as "${UNKNOWN_STRING_SENTINEL}")`,
                );
                return null;
            default:
                problems.push(
                    `${at}: not a signature Pulumi sends to a policy pack; known: ${KNOWN_SIGNATURES}`,
                );
                return null;
        }
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
        out[k] = prepareProps(v, pathOf(path, k), problems, depth + 1);
    }
    return out;
}

/** Props the way the runtime hands them to a policy: deserialised from a Struct, unknown-checking. */
export function runtimeProps(props: Record<string, unknown>): Record<string, unknown> {
    return unknownCheckingProxy(deserializeProperties(Struct.fromJavaScript(props), false));
}

/** A resource's options as the runtime fills them from the engine's request: nothing set but the parent. */
function resourceOptions(r: ResourceInput): PolicyResource["opts"] {
    return {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...(r.parent ? { parent: r.parent } : {}),
    };
}

/** What the runtime hands every validation call besides the resource(s): config, stack tags, notApplicable. */
export interface ValidationContext {
    /** The policy's configured properties (the runtime adds no schema defaults). */
    getConfig: ResourceValidationArgs["getConfig"];
    stackTags: ReadonlyMap<string, string>;
    notApplicable: (reason?: string) => never;
}

/** Resource validation args as the runtime builds them (server.js makeAnalyzeRpcFun), over `runtimeProps` props. */
export function resourceValidationArgs(
    r: ResourceInput,
    props: Record<string, unknown>,
    context: ValidationContext,
): ResourceValidationArgs {
    return {
        type: r.type,
        props,
        urn: r.urn,
        name: r.name,
        opts: resourceOptions(r),
        stackTags: context.stackTags,
        isType: (cls) => isTypeOf(r.type, cls),
        asType: ((cls: unknown) =>
            isTypeOf(r.type, cls) ? props : undefined) as ResourceValidationArgs["asType"],
        getConfig: context.getConfig,
        notApplicable: context.notApplicable,
    };
}

/** Stack-policy resources linked like the runtime links them (parent, dependencies, propertyDependencies). */
export function policyResources(
    resources: ResourceInput[],
    props?: Record<string, unknown>[],
): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const out = resources.map((r, i) => {
        const resourceProps = props ? props[i] : runtimeProps(r.props);
        const resource: PolicyResource = {
            type: r.type,
            props: resourceProps,
            urn: r.urn,
            name: r.name,
            opts: resourceOptions(r),
            dependencies: [],
            propertyDependencies: {},
            isType: (cls) => isTypeOf(r.type, cls),
            asType: ((cls: unknown) =>
                isTypeOf(r.type, cls) ? resourceProps : undefined) as PolicyResource["asType"],
        };
        byUrn.set(r.urn, resource);
        return resource;
    });
    resources.forEach((r, i) => {
        const resource = out[i];
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        if (parent) {
            resource.parent = parent;
        }
        resource.dependencies = (r.dependencies ?? [])
            .map((d) => byUrn.get(d))
            .filter((d): d is PolicyResource => !!d);
        for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
            resource.propertyDependencies[key] = urns
                .map((d) => byUrn.get(d))
                .filter((d): d is PolicyResource => !!d);
        }
    });
    return out;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
    const pulumiType = (resourceClass as { __pulumiType?: unknown })?.__pulumiType;
    if (typeof pulumiType === "string" && pulumiType.length > 0) {
        return type === pulumiType;
    }
    const isInstance = (resourceClass as { isInstance?: (o: unknown) => boolean })?.isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

function pulumiTypeOf(fn: unknown): string | undefined {
    const t = (fn as { __pulumiType?: unknown })?.__pulumiType;
    return typeof t === "string" && t.length > 0 ? t : undefined;
}

/**
 * Runs every resource policy on every resource and every stack policy on the whole set, as the
 * policy runtime does, and returns the violations (advisory and mandatory; disabled policies do
 * not run). Throws `EvaluateInputError` for malformed resources, props (envelopes, nesting) or
 * config, every problem with its path; policy bugs propagate.
 */
export async function evaluate(
    resources: ResourceInput[],
    options: EvaluateOptions = {},
): Promise<Violation[]> {
    const policies = options.policies ?? packPolicies;
    const config = normalizeConfig(policies, options.config, options.enforcementLevels);
    const stackTags: ReadonlyMap<string, string> = new Map(Object.entries(options.stackTags ?? {}));
    const violations: Violation[] = [];
    validateResources(resources);
    const problems: string[] = [];
    const prepared = resources.map(
        (r, i) => prepareProps(r.props, `resources[${i}].props`, problems) as Record<string, unknown>,
    );
    if (problems.length > 0) {
        throw inputError("invalid resource properties", problems);
    }
    const props = prepared.map((p) => runtimeProps(p));
    const levelOf = (p: { name: string; enforcementLevel?: EnforcementLevel }): EnforcementLevel =>
        config.get(p.name)?.level ?? p.enforcementLevel ?? "advisory";
    const getConfigOf = (name: string) => () => ({ ...(config.get(name)?.properties ?? {}) }) as never;
    const cantRun = (name: string, e: UnknownValueError): Violation => ({
        policyName: name,
        enforcementLevel: "advisory",
        message: `can't run policy '${name}' from policy pack '${PACK_NAME}@v${PACK_VERSION}' during preview: ${e.message}`,
    });

    if (options.resourcePolicies !== false) {
        const resourcePolicies = policies.filter(isResourcePolicy).flatMap((policy) => {
            const level = levelOf(policy);
            if (level === "disabled" || !policy.validateResource) {
                return [];
            }
            const validations = Array.isArray(policy.validateResource)
                ? policy.validateResource
                : [policy.validateResource];
            return [
                {
                    policy,
                    validations,
                    reported: (level === "advisory"
                        ? "advisory"
                        : "mandatory") as Violation["enforcementLevel"],
                    onlyType: validations.length === 1 ? pulumiTypeOf(validations[0]) : undefined,
                    getConfig: getConfigOf(policy.name),
                },
            ];
        });
        // Resource-major, like the engine: one Analyze call per resource runs every policy.
        for (let i = 0; i < resources.length; i++) {
            const r = resources[i];
            for (const { policy, validations, reported, onlyType, getConfig } of resourcePolicies) {
                if (onlyType && r.type !== onlyType) {
                    continue;
                }
                const report: ReportViolation = (message) =>
                    violations.push({
                        policyName: policy.name,
                        enforcementLevel: reported,
                        message: message ? `${policy.description}\n${message}` : policy.description,
                        urn: r.urn,
                    });
                for (const validation of validations) {
                    const args = resourceValidationArgs(r, props[i], {
                        getConfig,
                        stackTags,
                        notApplicable: throwNotApplicable,
                    });
                    try {
                        await validation(args, report);
                    } catch (e) {
                        if (e instanceof UnknownValueError) {
                            violations.push({ ...cantRun(policy.name, e), urn: r.urn });
                        } else if (!(e instanceof NotApplicableError) && !isPolicyNotApplicable(e)) {
                            throw e;
                        }
                    }
                }
            }
        }
    }

    if (options.stackPolicies !== false) {
        const linked = policyResources(resources, props);
        for (const policy of policies) {
            const level = levelOf(policy);
            if (level === "disabled" || !isStackPolicy(policy)) {
                continue;
            }
            const onlyType = pulumiTypeOf(policy.validateStack);
            if (onlyType && !resources.some((r) => r.type === onlyType)) {
                continue;
            }
            const reported: "advisory" | "mandatory" = level === "advisory" ? "advisory" : "mandatory";
            const report: ReportViolation = (message, urn) =>
                violations.push({
                    policyName: policy.name,
                    enforcementLevel: reported,
                    message: message ? `${policy.description}\n${message}` : policy.description,
                    ...(urn ? { urn } : {}),
                });
            const args: StackValidationArgs = {
                resources: linked,
                getConfig: getConfigOf(policy.name),
                stackTags,
                notApplicable: throwNotApplicable,
            };
            try {
                await policy.validateStack(args, report);
            } catch (e) {
                if (e instanceof UnknownValueError) {
                    violations.push(cantRun(policy.name, e));
                } else if (!(e instanceof NotApplicableError) && !isPolicyNotApplicable(e)) {
                    throw e;
                }
            }
        }
    }
    return violations;
}

/** @pulumi/policy's own helpers (validateResourceOfType) call `args.notApplicable`, which is ours; this guards foreign ones. */
function isPolicyNotApplicable(e: unknown): boolean {
    return e instanceof Error && e.constructor.name === "NotApplicableError";
}

/** True when any violation is mandatory: what makes `pulumi up` (and the CLI) fail. */
export function hasMandatory(violations: Violation[]): boolean {
    return violations.some((v) => v.enforcementLevel === "mandatory");
}
