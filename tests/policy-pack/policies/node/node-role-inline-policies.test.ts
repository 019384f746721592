import * as assert from "assert";
import { StackValidationPolicy } from "@pulumi/policy";
import { nodeRoleInlinePolicies } from "../../../../policy-pack/policies/node/node-role-inline-policies";
import { nodeRoleWildcardPermissions } from "../../../../policy-pack/policies/node/node-role-wildcard-permissions";
import { MODES, NODE, T, U, happyStack, resource, urn } from "../../factories";
import { runStack, stackMessages } from "../../harness";

describe("node-role-inline-policies", () => {
    const policy = nodeRoleInlinePolicies;
    const inline = (...statements: Record<string, unknown>[]) =>
        resource(T.rolePolicy, "inline", {
            role: "node-role",
            name: "extra",
            policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
        });

    it("is advisory and passes the happy stack (no inline policy on the node role)", async () => {
        assert.strictEqual(policy.enforcementLevel, "advisory");
        assert.deepStrictEqual(await stackMessages(policy, happyStack()), []);
    });

    for (const { preview, label } of MODES) {
        it(`reports s3:GetObject on a bucket in an inline node-role policy (${label})`, async () => {
            const stack = happyStack({ preview });
            const p = inline({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" });
            if (preview) {
                p.props.role = "node-role";
                p.propertyDependencies = { role: [urn(T.role, "node-role")] };
            }
            stack.push(p);
            const outcome = await runStack(policy as StackValidationPolicy, stack);
            assert.deepStrictEqual(outcome.messages, [
                `${NODE}: inline policy "extra" allows s3:GetObject, which every pod on the node can use through IMDS. ` +
                    `Node roles should carry no workload permissions: grant them to the workload's own role (IRSA or Pod Identity) and remove the inline policy.`,
            ]);
            assert.deepStrictEqual(outcome.urns, [urn(T.rolePolicy, "inline")]);
            assert.deepStrictEqual(await stackMessages(nodeRoleWildcardPermissions, stack), []);
        });
    }

    it("leaves wildcard policies to node-role-wildcard-permissions, and ignores deny-only and unknown documents", async () => {
        const stack = happyStack();
        stack.push(inline({ Effect: "Allow", Action: "s3:*", Resource: "*" }));
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
        stack[stack.length - 1] = inline({ Effect: "Deny", Action: "s3:*", Resource: "*" });
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
        stack[stack.length - 1] = resource(T.rolePolicy, "inline", { role: "node-role", policy: U });
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
    });
});
