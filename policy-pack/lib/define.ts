// Small builders so every policy file reads the same way: a resource policy validates plain
// props of one type, a stack policy validates the linked stack index. Both apply the config
// schema's defaults themselves (the Pulumi CLI fills them in too, but a policy must not depend on
// who calls it), and both declare their Pulumi type so the runtime can skip other resources
// without calling them (`__pulumiType`, as `validateResourceOfType` does).
import {
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
    UnknownValueError,
} from "@pulumi/policy";
import { ParsedPolicy } from "./iam/parser";
import { FILLED, partialPolicy, PartialPolicy } from "./iam/partial";
import { get, Plain, plainProps, UNKNOWN_STRING_SENTINEL } from "./props";
import { readPolicy } from "./read";
import { StackIndex, stackIndex, Types } from "./stack";

/** The config a policy sees: its schema's defaults overlaid with what the user configured. */
export function configWithDefaults<C>(schema: PolicyConfigSchema | undefined, configured: object): C {
    const config: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema?.properties ?? {})) {
        if (property.default !== undefined) {
            config[key] = Array.isArray(property.default) ? [...property.default] : property.default;
        }
    }
    for (const [key, value] of Object.entries(configured)) {
        if (key !== "enforcementLevel" && value !== undefined) {
            config[key] = value;
        }
    }
    return config as C;
}

export type Report = (message: string) => void;

export interface ResourcePolicyDefinition<C> {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: PolicyConfigSchema;
    /** The Pulumi type token(s) the policy checks, e.g. `aws:iam/role:Role`. */
    resourceType: string | string[];
    validate(props: Plain, report: Report, config: C, args: ResourceValidationArgs): void;
}

/** A resource policy over one resource type, reading plain props (unknowns as `UNKNOWN`). */
export function resourcePolicy<C = Record<string, never>>(
    def: ResourcePolicyDefinition<C>,
): ResourceValidationPolicy {
    const types = Array.isArray(def.resourceType) ? def.resourceType : [def.resourceType];
    const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
        if (!types.includes(args.type)) {
            args.notApplicable(`Policy only applies to resources of type '${types.join("', '")}'`);
        }
        const config = configWithDefaults<C>(def.configSchema, args.getConfig());
        def.validate(plainProps(args.props), (message) => reportViolation(message), config, args);
    };
    if (types.length === 1) {
        (validateResource as unknown as { __pulumiType: string }).__pulumiType = types[0];
    }
    return {
        name: def.name,
        description: def.description,
        enforcementLevel: def.enforcementLevel,
        ...(def.configSchema ? { configSchema: def.configSchema } : {}),
        validateResource,
    };
}

export type StackReport = (message: string, urn?: string) => void;

export interface StackPolicyDefinition<C> {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: PolicyConfigSchema;
    /** May be async: the permission policies read the IAM action catalog, which loads lazily. */
    validate(
        index: StackIndex,
        report: StackReport,
        config: C,
        args: StackValidationArgs,
    ): void | Promise<void>;
}

/** A stack policy over the linked index of the stack's resources (roles, their uses, attachments). */
export function stackPolicy<C = Record<string, never>>(def: StackPolicyDefinition<C>): StackValidationPolicy {
    return {
        name: def.name,
        description: def.description,
        enforcementLevel: def.enforcementLevel,
        ...(def.configSchema ? { configSchema: def.configSchema } : {}),
        validateStack: (
            args: StackValidationArgs,
            reportViolation: ReportViolation,
        ): void | Promise<void> => {
            const config = configWithDefaults<C>(def.configSchema, args.getConfig());
            return def.validate(
                stackIndex(args.resources),
                (message, urn) => reportViolation(message, urn),
                config,
                args,
            );
        },
    };
}

/** @pulumi/policy types UnknownValueError loosely (proxy.d.ts exports nothing); its constructor. */
type UnknownValueErrorClass = new (unknownTypeSentinel: string, props: string[]) => Error;

/**
 * A check a policy could not make because a value it needs is unknown: a stack's first
 * `pulumi preview`, before AWS computed an ARN or the cluster's OIDC issuer. Thrown, it is what
 * the policy runtime makes of any unknown value read: an advisory "can't run policy '<name>' ...
 * during preview: undetermined: <what>, checked at pulumi up" for that policy and resource
 * (@pulumi/policy server.js reports an UnknownValueError at advisory level; evaluate() does the
 * same), so an unchecked value is never a silent pass.
 */
export class Undetermined extends (UnknownValueError as unknown as UnknownValueErrorClass) {
    constructor(readonly what: string) {
        super(UNKNOWN_STRING_SENTINEL, []);
        this.name = "Undetermined";
        this.message = `undetermined: ${what}, checked at pulumi up`;
    }
}

/** What a trust check says of a role whose trust policy is unknown at preview. */
export const UNKNOWN_TRUST =
    "the trust policy (assumeRolePolicy) is unknown at preview, built from values AWS computes (the cluster's OIDC issuer, an ARN)";

/**
 * What a check finds in the literal parts of the partly unknown statements: the findings made in
 * both fillings of a statement's unknowns (iam/partial.ts literalViews) that do not mention a
 * filled value. The rest of such a statement stays undetermined.
 */
export function literalFindings(
    partial: PartialPolicy,
    check: (policy: ParsedPolicy, report: Report) => void,
): string[] {
    const found: string[] = [];
    for (const view of partial.literal) {
        const [first, second] = view.variants.map(({ statement, filled }) => {
            const messages: string[] = [];
            check({ ...partial.known, statements: [statement], length: 0 }, (m) =>
                messages.push(filled.reduce((text, value) => text.split(value).join(FILLED), m)),
            );
            return messages;
        });
        found.push(...first.filter((m) => second.includes(m) && !m.includes(FILLED)));
    }
    return found;
}

export interface TrustPolicyCheckDefinition<C> {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: PolicyConfigSchema;
    /**
     * True when the check needs the whole document (its length): a partly unknown one is then
     * undetermined as a whole. Otherwise its known statements are checked. @default false
     */
    wholeDocument?: boolean;
    check(policy: ParsedPolicy, report: Report, config: C, props: Plain): void;
}

/**
 * A resource policy over the trust policies (`assumeRolePolicy`) of `aws:iam/role:Role`. An
 * unknown trust policy (preview, built from unknown ARNs or issuers) is reported undetermined
 * (advisory, see {@link Undetermined}): it is checked at update, when it is known. Of a document
 * in object form with unknown parts, the known statements are checked now and the others are
 * reported undetermined, naming what is unknown.
 */
export function trustPolicyCheck<C = Record<string, never>>(
    def: TrustPolicyCheckDefinition<C>,
): ResourceValidationPolicy {
    return resourcePolicy<C>({
        name: def.name,
        description: def.description,
        enforcementLevel: def.enforcementLevel,
        ...(def.configSchema ? { configSchema: def.configSchema } : {}),
        resourceType: Types.role,
        validate: (props, report, config) => {
            const value = get(props, "assumeRolePolicy");
            const read = readPolicy(value);
            if ("unknown" in read) {
                const partial = def.wholeDocument ? undefined : partialPolicy(value);
                if (!partial) {
                    throw new Undetermined(UNKNOWN_TRUST);
                }
                def.check(partial.known, report, config, props);
                for (const message of literalFindings(partial, (policy, r) =>
                    def.check(policy, r, config, props),
                )) {
                    report(message);
                }
                throw new Undetermined(
                    `the trust policy's ${partial.unknown.join(", ")} ${partial.unknown.length === 1 ? "is" : "are"} unknown at preview`,
                );
            }
            if ("policy" in read) {
                def.check(read.policy, report, config, props);
            }
        },
    });
}
