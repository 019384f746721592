import * as assert from "assert";
import { separationFargateNodeRole } from "../../../../policy-pack/policies/separation/separation-fargate-node-role";
import { find, happyStack, roleArn } from "../../factories";
import { stackMessages } from "../../harness";

describe("separation-fargate-node-role", () => {
    const policy = separationFargateNodeRole;

    it("flags a Fargate role that is also the node role", async () => {
        const stack = happyStack();
        find(stack, "batch").props.podExecutionRoleArn = roleArn("node-role");
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `Role "node-role" is the Fargate pod execution role (through podExecutionRoleArn of aws:eks/fargateProfile:FargateProfile "batch") and also the node role (through nodeRoleArn of aws:eks/nodeGroup:NodeGroup "ng"). Create a separate node role.`,
        ]);
    });
});
