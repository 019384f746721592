// Validation arguments built the way @pulumi/policy's server builds them (server.js
// makeAnalyzeRpcFun / makeAnalyzeStackRpcFun): props deserialised and wrapped in
// unknownCheckingProxy, notApplicable throwing, stack tags a read-only map, getConfig returning
// the configured properties only. A raw object would hide a policy that reads an unknown value.
import {
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
    UnknownValueError,
} from "@pulumi/policy";
import { ResourceInput, policyResources, runtimeProps } from "../../policy-pack/lib/evaluate";

export class NotApplicable extends Error {}

export interface Outcome {
    /** Messages passed to reportViolation, in order (without the policy description). */
    messages: string[];
    /** URNs passed with them (stack policies). */
    urns: (string | undefined)[];
    /** Set when the policy called notApplicable. */
    notApplicable?: string;
}

function emptyOpts(parent?: string) {
    return {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...(parent ? { parent } : {}),
    };
}

/** Resource validation args for one resource, as the runtime builds them. */
export function resourceArgs(
    resource: ResourceInput,
    config: Record<string, unknown> = {},
): ResourceValidationArgs {
    const props = runtimeProps(resource.props);
    return {
        type: resource.type,
        props,
        urn: resource.urn,
        name: resource.name,
        opts: emptyOpts(resource.parent),
        stackTags: new Map<string, string>(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => ({ ...config }) as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
}

/** Stack validation args over resources, as the runtime builds them (linked parent/dependencies). */
export function stackArgs(
    resources: ResourceInput[],
    config: Record<string, unknown> = {},
): StackValidationArgs {
    return {
        resources: policyResources(resources),
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
        try {
            await validate(resourceArgs(resource, config), collector(outcome));
        } catch (e) {
            if (e instanceof NotApplicable) {
                outcome.notApplicable = e.message;
            } else if (e instanceof UnknownValueError) {
                throw new Error(`policy ${policy.name} read an unknown value: ${(e as Error).message}`);
            } else {
                throw e;
            }
        }
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
    try {
        await policy.validateStack(stackArgs(resources, config), collector(outcome));
    } catch (e) {
        if (e instanceof NotApplicable) {
            outcome.notApplicable = e.message;
        } else if (e instanceof UnknownValueError) {
            throw new Error(`policy ${policy.name} read an unknown value: ${(e as Error).message}`);
        } else {
            throw e;
        }
    }
    return outcome;
}
