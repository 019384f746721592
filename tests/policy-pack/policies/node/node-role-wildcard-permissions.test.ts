import * as assert from "assert";
import { StackValidationPolicy } from "@pulumi/policy";
import { nodeRoleWildcardPermissions } from "../../../../policy-pack/policies/node/node-role-wildcard-permissions";
import { NODE, T, U, find, happyStack, resource, roleArn, urn } from "../../factories";
import { runStack, stackMessages } from "../../harness";

describe("node-role-wildcard-permissions", () => {
    const policy = nodeRoleWildcardPermissions;
    const inline = (statement: Record<string, unknown>) =>
        resource(T.rolePolicy, "inline", {
            role: "node-role",
            name: "extra",
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", ...statement }] }),
        });

    it("flags *:* and PassRole on *, passes scoped permissions", async () => {
        const stack = happyStack();
        stack.push(inline({ Action: "*", Resource: "*" }));
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${NODE}: inline policy "extra" statement 0 allows every action ("*"), which every pod on the node can use through IMDS. Name the actions and resources, and move workload permissions to the workload's own role.`,
        ]);
        stack[stack.length - 1] = inline({ Action: ["iam:Pass*"], Resource: roleArn("x") });
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
        stack[stack.length - 1] = inline({ Action: ["iam:PassRole"], Resource: "*" });
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${NODE}: inline policy "extra" statement 0 allows iam:PassRole on every resource ("*"), which every pod on the node can use through IMDS. Name the actions and resources, and move workload permissions to the workload's own role.`,
        ]);
        stack[stack.length - 1] = inline({ Action: "iam:PassRole", Resource: roleArn("x") });
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
    });

    it("flags service wildcards (s3:*, ec2:*, secretsmanager:*) and wildcard actions on every resource", async () => {
        const stack = happyStack();
        stack.push(inline({ Action: ["s3:*", "ec2:*"], Resource: "arn:aws:s3:::bucket/*" }));
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${NODE}: inline policy "extra" statement 0 allows every s3 action ("s3:*"), which every pod on the node can use through IMDS. Name the actions and resources, and move workload permissions to the workload's own role.`,
            `${NODE}: inline policy "extra" statement 0 allows every ec2 action ("ec2:*"), which every pod on the node can use through IMDS. Name the actions and resources, and move workload permissions to the workload's own role.`,
        ]);
        stack[stack.length - 1] = inline({ Action: "secretsmanager:Get*", Resource: "*" });
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${NODE}: inline policy "extra" statement 0 allows "secretsmanager:Get*" on every resource ("*"), which every pod on the node can use through IMDS. Name the actions and resources, and move workload permissions to the workload's own role.`,
        ]);
    });

    it("flags a customer-managed policy with s3:* on a node role (preview, linked through policyArn)", async () => {
        const stack = happyStack({ preview: true });
        stack.push(
            resource(T.policy, "workload", {
                name: "workload",
                arn: U,
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
                }),
            }),
            resource(
                T.attachment,
                "node-workload",
                { role: "node-role", policyArn: U },
                { policyArn: [urn(T.policy, "workload")] },
            ),
        );
        const outcome = await runStack(policy as StackValidationPolicy, stack);
        assert.deepStrictEqual(outcome.messages, [
            `${NODE}: customer-managed policy "workload" statement 0 allows every s3 action ("s3:*"), which every pod on the node can use through IMDS. Name the actions and resources, and move workload permissions to the workload's own role.`,
        ]);
        assert.deepStrictEqual(outcome.urns, [urn(T.policy, "workload")]);
    });

    it("checks inlinePolicies and skips unknown documents", async () => {
        const stack = happyStack();
        find(stack, "node-role").props.inlinePolicies = [
            {
                name: "a",
                policy: JSON.stringify({
                    Statement: { Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" },
                }),
            },
            { name: "b", policy: U },
        ];
        assert.strictEqual((await stackMessages(policy, stack)).length, 1);
    });
});
