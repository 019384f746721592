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
import { PACK_NAME, PACK_VERSION, policies as packPolicies } from "./policies";

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

/** Checks the shape of resources (e.g. parsed from a file); throws `EvaluateInputError`. */
export function validateResources(value: unknown): ResourceInput[] {
    const list = Array.isArray(value)
        ? value
        : typeof value === "object" &&
            value !== null &&
            Array.isArray((value as { resources?: unknown }).resources)
          ? (value as { resources: unknown[] }).resources
          : undefined;
    if (!list) {
        throw new EvaluateInputError("expected an array of resources or an object with a `resources` array");
    }
    const problems: string[] = [];
    list.forEach((r, i) => {
        const o = r as Record<string, unknown>;
        if (typeof r !== "object" || r === null) {
            problems.push(`resources[${i}]: not an object`);
            return;
        }
        for (const key of ["urn", "type", "name"]) {
            if (typeof o[key] !== "string" || o[key] === "") {
                problems.push(`resources[${i}].${key}: expected a non-empty string`);
            }
        }
        if (typeof o.props !== "object" || o.props === null || Array.isArray(o.props)) {
            problems.push(`resources[${i}].props: expected an object`);
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
                Object.values(pd).every((v) => Array.isArray(v) && v.every((d) => typeof d === "string"))
            )
        ) {
            problems.push(
                `resources[${i}].propertyDependencies: expected an object of property name to URN arrays`,
            );
        }
    });
    if (problems.length > 0) {
        throw new EvaluateInputError(`invalid resources:\n  ${problems.slice(0, 20).join("\n  ")}`);
    }
    return list as ResourceInput[];
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
 * not run). Throws `EvaluateInputError` for malformed config; policy bugs propagate.
 */
export async function evaluate(
    resources: ResourceInput[],
    options: EvaluateOptions = {},
): Promise<Violation[]> {
    const policies = options.policies ?? packPolicies;
    const config = normalizeConfig(policies, options.config, options.enforcementLevels);
    const stackTags: ReadonlyMap<string, string> = new Map(Object.entries(options.stackTags ?? {}));
    const violations: Violation[] = [];
    const props = resources.map((r) => runtimeProps(r.props));
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
