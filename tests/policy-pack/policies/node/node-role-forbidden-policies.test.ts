import * as assert from "assert";
import { nodeRoleForbiddenPolicies } from "../../../../policy-pack/policies/node/node-role-forbidden-policies";
import { nodeRoleManagedPolicies } from "../../../../policy-pack/policies/node/node-role-managed-policies";
import { NODE, attachment, aws, happyStack } from "../../factories";
import { stackMessages } from "../../harness";

describe("node-role-forbidden-policies", () => {
    const policy = nodeRoleForbiddenPolicies;

    it("flags AdministratorAccess on the node role (and only there)", async () => {
        const stack = happyStack();
        stack.push(attachment("admin", "node-role", aws("AdministratorAccess"), false));
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${NODE} carries arn:aws:iam::aws:policy/AdministratorAccess, which gives every pod on the node that access through IMDS. Detach it.`,
        ]);
        assert.deepStrictEqual(await stackMessages(nodeRoleManagedPolicies, stack), []);
        assert.deepStrictEqual(await stackMessages(policy, stack, { deniedPolicies: ["IAMFullAccess"] }), []);
    });
});
