// The one mock setup of the test suite: every test runs its program through the recorder, which
// answers with the fake cloud of plan/cloud.ts, records every registration with its parent and
// dependencies, and fails the run on any invoke the fake cloud does not model.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { CloudContext } from "../plan/cloud";
import { Registration, runProgram, RunOptions, Warning } from "../plan/recorder";

export { Registration };

export class Run<T = unknown> {
    constructor(
        readonly value: T,
        readonly registrations: Registration[],
        readonly invokes: string[],
        readonly warnings: Warning[],
    ) {}

    ofType(type: string): Registration[] {
        return this.registrations.filter((r) => r.type === type);
    }

    /** The one registration of `type` named `name`; fails when there is none or several. */
    one(type: string, name: string): Registration {
        const found = this.registrations.filter((r) => r.type === type && r.name === name);
        assert.strictEqual(
            found.length,
            1,
            `expected exactly one ${type} named ${name}; got ${found.length}. Registered: ${this.names().join(", ")}`,
        );
        return found[0];
    }

    byUrn(urn: string): Registration {
        const found = this.registrations.find((r) => r.urn === urn);
        assert.ok(found, `no registration with URN ${urn}`);
        return found;
    }

    names(): string[] {
        return this.registrations.map((r) => `${r.type}::${r.name}`);
    }

    /** Registration count per type, for exact inventory assertions. */
    inventory(): Record<string, number> {
        const counts: Record<string, number> = {};
        for (const r of this.registrations) {
            counts[r.type] = (counts[r.type] ?? 0) + 1;
        }
        return counts;
    }

    /** Policy ARNs attached to the role registered as `roleName`, sorted. */
    attachedPolicies(roleName: string): string[] {
        const role = this.one("aws:iam/role:Role", roleName);
        const roleId = String(role.outputs.name);
        return this.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
            .filter((a) => a.inputs.role === roleId)
            .map((a) => String(a.inputs.policyArn))
            .sort();
    }

    trustPolicy(roleName: string): unknown {
        return JSON.parse(String(this.one("aws:iam/role:Role", roleName).inputs.assumeRolePolicy));
    }
}

export async function run<T>(program: () => T, options: RunOptions = {}): Promise<Run<T>> {
    const result = await runProgram(program, options);
    return new Run(result.value, result.registrations, result.invokes, result.warnings);
}

/** Runs a program expected to fail validation; returns the error and what was registered. */
export async function runExpectingError(
    program: () => unknown,
    options: RunOptions = {},
): Promise<{ error: pulumi.InputPropertiesError; registrations: Registration[] }> {
    let registrations: Registration[] = [];
    try {
        const result = await runProgram(() => {
            try {
                program();
            } catch (error) {
                return error;
            }
            return undefined;
        }, options);
        registrations = result.registrations;
        const error = result.value;
        assert.ok(
            pulumi.InputPropertiesError.isInstance(error),
            `expected an InputPropertiesError; got ${String(error)}`,
        );
        return { error, registrations };
    } catch (error) {
        assert.fail(`the run itself failed: ${String(error)}; registrations: ${registrations.length}`);
    }
}

/** Property paths of an InputPropertiesError, sorted. */
export function errorPaths(error: pulumi.InputPropertiesError): string[] {
    return error.errors.map((e) => e.propertyPath).sort();
}

/** The resolved value of an Output (undefined while unknown in preview). */
export async function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return (output as unknown as { promise(): Promise<T> }).promise();
}

export const awsCloud: CloudContext = { partition: "aws", accountId: "111122223333", region: "us-west-2" };
export const chinaCloud: CloudContext = {
    partition: "aws-cn",
    accountId: "444455556666",
    region: "cn-north-1",
};
export const govCloud: CloudContext = {
    partition: "aws-us-gov",
    accountId: "777788889999",
    region: "us-gov-west-1",
};
