import * as assert from "assert";
import { nodeRolePolicyQuota } from "../../../../policy-pack/policies/node/node-role-policy-quota";
import { NODE, aws, find, happyStack } from "../../factories";
import { stackMessages } from "../../harness";

describe("node-role-policy-quota", () => {
    const policy = nodeRolePolicyQuota;

    it("flags more managed policies than the quota", async () => {
        const stack = happyStack();
        find(stack, "node-role").props.managedPolicyArns = Array.from({ length: 9 }, (_, i) => aws(`P${i}`));
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${NODE} carries 11 managed policies, over the quota of 10. Keep the node role to the allow-listed policies and move the rest to workload roles.`,
        ]);
        assert.deepStrictEqual(await stackMessages(policy, stack, { maxManagedPolicies: 20 }), []);
    });
});
