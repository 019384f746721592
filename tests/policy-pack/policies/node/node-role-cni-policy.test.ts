import * as assert from "assert";
import { ManagedPolicies } from "../../../../components/common/iamDocument";
import { nodeRoleCniPolicy } from "../../../../policy-pack/policies/node/node-role-cni-policy";
import { NODE, attachment, aws, find, happyStack } from "../../factories";
import { stackMessages } from "../../harness";

describe("node-role-cni-policy", () => {
    const policy = nodeRoleCniPolicy;

    it("flags the CNI policy on the node role when vpc-cni has its own role", async () => {
        const stack = happyStack();
        stack.push(attachment("node-cni", "node-role", aws(ManagedPolicies.cniPolicy), false));
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${NODE} carries arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy although vpc-cni has its own identity (serviceAccountRoleArn of add-on "vpc-cni"). Detach it from the node role.`,
        ]);
        find(stack, "vpc-cni").props = { addonName: "vpc-cni" };
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
    });
});
