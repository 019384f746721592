import * as assert from "assert";
import { nodeRoleTrust } from "../../../../policy-pack/policies/node/node-role-trust";
import { NODE, editTrust, find, happyStack } from "../../factories";
import { stackMessages } from "../../harness";

describe("node-role-trust", () => {
    const policy = nodeRoleTrust;

    it("flags a node role that also trusts pods.eks.amazonaws.com", async () => {
        const stack = happyStack();
        editTrust(
            find(stack, "node-role"),
            (doc) =>
                (doc.Statement[0].Principal = { Service: ["ec2.amazonaws.com", "pods.eks.amazonaws.com"] }),
        );
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${NODE} trust statement 0 also trusts "pods.eks.amazonaws.com". A node role must trust only ec2.amazonaws.com: give other principals their own role.`,
        ]);
        assert.deepStrictEqual(
            await stackMessages(policy, stack, {
                allowedServices: ["ec2.amazonaws.com", "pods.eks.amazonaws.com"],
            }),
            [],
        );
    });

    it("passes the happy stack at preview", async () => {
        assert.deepStrictEqual(await stackMessages(policy, happyStack({ preview: true })), []);
    });
});
