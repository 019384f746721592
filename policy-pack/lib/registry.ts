// Every policy registers itself where it is defined (`policies/<area>/<name>.ts`), the way
// awsguard's policies do: `export const trustLength = registerPolicy(trustPolicyCheck({...}))`.
// lib/policies.ts loads the policy files and serves what they registered, in its own order.
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

export type PackPolicy = ResourceValidationPolicy | StackValidationPolicy;

/** Policies by name; a name registered twice is a bug (two files, or one file loaded twice). */
export class PolicyRegistry {
    private readonly byName = new Map<string, PackPolicy>();

    register<P extends PackPolicy>(policy: P): P {
        if (this.byName.has(policy.name)) {
            throw new Error(`policy ${policy.name} is registered twice`);
        }
        this.byName.set(policy.name, policy);
        return policy;
    }

    get(name: string): PackPolicy | undefined {
        return this.byName.get(name);
    }

    /** Registered names, in registration order. */
    names(): string[] {
        return [...this.byName.keys()];
    }
}

/** The pack's registry: each file under policies/ registers its policy here. */
export const registry = new PolicyRegistry();

/** Registers the pack's policy `policy` and returns it, so a policy file exports what it registers. */
export function registerPolicy<P extends PackPolicy>(policy: P): P {
    return registry.register(policy);
}
