import * as assert from "assert";
import { StackValidationPolicy } from "@pulumi/policy";
import { trustPodIdentityTargetRole } from "../../../../policy-pack/policies/trust/trust-pod-identity-target-role";
import { T, U, clone, find, happyStack, resource, role, roleArn, urn } from "../../factories";
import { runStack } from "../../harness";

describe("trust-pod-identity-target-role", () => {
    const policy = trustPodIdentityTargetRole as StackValidationPolicy;
    const targetTrust = (condition?: Record<string, unknown>, principal = roleArn("app-role")) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { AWS: principal },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                    ...(condition ? { Condition: condition } : {}),
                },
            ],
        });
    const withTarget = (trust: string) => {
        const stack = happyStack();
        stack.push(role("target-role", trust, false));
        find(stack, "app", T.pia).props.targetRoleArn = roleArn("target-role");
        return stack;
    };

    it("passes a target trusting the association role with sts:ExternalId", async () => {
        const stack = withTarget(targetTrust({ StringEquals: { "sts:ExternalId": "ext-123" } }));
        assert.deepStrictEqual((await runStack(policy, stack)).messages, []);
    });

    it("flags a target trust without sts:ExternalId", async () => {
        const outcome = await runStack(policy, withTarget(targetTrust()));
        assert.deepStrictEqual(outcome.messages, [
            `Target role "target-role" of Pod Identity association "app": trust statement 0 lets "${roleArn("app-role")}" assume it without checking sts:ExternalId. ` +
                `Add "StringEquals": {"sts:ExternalId": "<the association's externalId>"}.`,
        ]);
        assert.deepStrictEqual(outcome.urns, [urn(T.role, "target-role")]);
    });

    it("flags a target that does not trust the association role", async () => {
        const stack = withTarget(
            targetTrust({ StringEquals: { "sts:ExternalId": "e" } }, roleArn("someone-else")),
        );
        assert.deepStrictEqual((await runStack(policy, stack)).messages, [
            `Target role "target-role" of Pod Identity association "app" does not trust the association's role "${roleArn("app-role")}", so the association cannot assume it. ` +
                `Add a statement with "Principal": {"AWS": "${roleArn("app-role")}"}, "Action": ["sts:AssumeRole", "sts:TagSession"] and an sts:ExternalId condition.`,
        ]);
    });

    it("checks what is known at preview: linked through propertyDependencies, an unknown trust or role ARN undetermined", async () => {
        const stack = happyStack({ preview: true });
        stack.push(role("target-role", targetTrust(undefined, U), true));
        const pia = find(stack, "app", T.pia);
        pia.props.targetRoleArn = U;
        pia.propertyDependencies = {
            ...pia.propertyDependencies,
            targetRoleArn: [urn(T.role, "target-role")],
        };
        const unknownTrust = await runStack(policy, clone(stack));
        assert.deepStrictEqual(unknownTrust.messages, []);
        assert.strictEqual(
            unknownTrust.undetermined,
            'undetermined: the trust policy of target role "target-role" of Pod Identity association "app" is unknown at preview, checked at pulumi up',
        );
        find(stack, "target-role").props.assumeRolePolicy = targetTrust(
            undefined,
            "arn:aws:iam::999999999999:role/x",
        );
        const known = await runStack(policy, stack);
        assert.strictEqual(known.messages.length, 1);
        // Whether the target trusts the association's role waits for that role's ARN.
        assert.strictEqual(
            known.undetermined,
            'undetermined: the ARN of role "app-role", which target role "target-role" must trust, is unknown at preview, checked at pulumi up',
        );
    });

    it("ignores associations without a target role", async () => {
        assert.deepStrictEqual((await runStack(policy, happyStack())).messages, []);
        assert.deepStrictEqual((await runStack(policy, [resource(T.pia, "x", { roleArn: U })])).messages, []);
    });
});
