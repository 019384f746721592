// Runs one policy on runtime-shaped arguments: props deserialised and wrapped in
// unknownCheckingProxy (`runtimeProps`), resource args and linked stack resources built by the
// pack's own `resourceValidationArgs` / `policyResources`, which `evaluate` uses and which mirror
// @pulumi/policy's server.js. A raw object would hide a policy that reads an unknown value.
//
// What stays here on purpose, instead of calling `evaluate` with one policy:
// - getConfig returns only the properties the test configures, as the runtime does: a policy that
//   forgot its schema defaults (configWithDefaults) fails its test instead of being rescued;
// - notApplicable's reason is kept (`Outcome.notApplicable`); the runtime and `evaluate` drop it;
// - an escaping UnknownValueError fails the test: the runtime (and `evaluate`) would turn it
//   into an advisory "can't run during preview" diagnostic, which for this pack is a policy bug,
//   unless the policy threw it on purpose (`Undetermined`): that is kept as the last message;
// - messages are kept as the policy reported them, without the description the runtime prefixes.
import {
    ReportViolation,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
    UnknownValueError,
} from "@pulumi/policy";
import {
    ResourceInput,
    ValidationContext,
    policyResources,
    resourceValidationArgs,
    runtimeProps,
} from "../../policy-pack/lib/evaluate";
import { Undetermined, UNKNOWN_TRUST } from "../../policy-pack/lib/define";

/** What a trust check reports, as its last message, of a role whose trust policy is unknown. */
export const UNDETERMINED_TRUST = `undetermined: ${UNKNOWN_TRUST}, checked at pulumi up`;

export class NotApplicable extends Error {}

export interface Outcome {
    /** Messages passed to reportViolation, in order (without the policy description). */
    messages: string[];
    /** URNs passed with them (stack policies). */
    urns: (string | undefined)[];
    /** Set when the policy called notApplicable. */
    notApplicable?: string;
    /** Set when the policy could not decide (`Undetermined`): its message. */
    undetermined?: string;
}

function context(config: Record<string, unknown>): ValidationContext {
    return {
        getConfig: <T extends object>() => ({ ...config }) as T,
        stackTags: new Map<string, string>(),
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
}

function collector(outcome: Outcome): ReportViolation {
    return (message: string, urn?: string) => {
        outcome.messages.push(message);
        outcome.urns.push(urn);
    };
}

/** Runs `validate`, recording notApplicable in `outcome`; an escaping UnknownValueError is a policy bug. */
async function settle(policyName: string, outcome: Outcome, validate: () => void | Promise<void>) {
    try {
        await validate();
    } catch (e) {
        if (e instanceof NotApplicable) {
            outcome.notApplicable = e.message;
        } else if (e instanceof Undetermined) {
            outcome.undetermined = e.message;
        } else if (e instanceof UnknownValueError) {
            throw new Error(`policy ${policyName} read an unknown value: ${(e as Error).message}`);
        } else {
            throw e;
        }
    }
}

/**
 * Runs a resource policy on one resource. An UnknownValueError escaping the policy is rethrown
 * (the runtime would turn it into "can't run during preview": a policy bug for this pack).
 */
export async function runResource(
    policy: ResourceValidationPolicy,
    resource: ResourceInput,
    config: Record<string, unknown> = {},
): Promise<Outcome> {
    const outcome: Outcome = { messages: [], urns: [] };
    const validations = Array.isArray(policy.validateResource)
        ? policy.validateResource
        : [policy.validateResource!];
    for (const validate of validations) {
        const args = resourceValidationArgs(resource, runtimeProps(resource.props), context(config));
        await settle(policy.name, outcome, () => validate(args, collector(outcome)));
    }
    return outcome;
}

/** Runs a stack policy on resources; same contract as `runResource`. */
export async function runStack(
    policy: StackValidationPolicy,
    resources: ResourceInput[],
    config: Record<string, unknown> = {},
): Promise<Outcome> {
    const outcome: Outcome = { messages: [], urns: [] };
    const args: StackValidationArgs = { resources: policyResources(resources), ...context(config) };
    await settle(policy.name, outcome, () => policy.validateStack(args, collector(outcome)));
    return outcome;
}

/** An outcome's messages, then what it could not decide, so an undetermined check cannot pass as clean. */
function said(outcome: Outcome): string[] {
    return outcome.undetermined === undefined
        ? outcome.messages
        : [...outcome.messages, outcome.undetermined];
}

/** The messages a resource policy reports on `resource` (an undetermined check last). */
export async function messages(
    policy: ResourceValidationPolicy,
    resource: ResourceInput,
    config: Record<string, unknown> = {},
): Promise<string[]> {
    return said(await runResource(policy, resource, config));
}

/** The messages a stack policy reports on `resources` (an undetermined check last). */
export async function stackMessages(
    policy: StackValidationPolicy,
    resources: ResourceInput[],
    config: Record<string, unknown> = {},
): Promise<string[]> {
    return said(await runStack(policy, resources, config));
}
