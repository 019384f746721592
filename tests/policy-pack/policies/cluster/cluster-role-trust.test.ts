import * as assert from "assert";
import { clusterRoleTrust } from "../../../../policy-pack/policies/cluster/cluster-role-trust";
import { editTrust, find, happyStack } from "../../factories";
import { stackMessages } from "../../harness";

describe("cluster-role-trust", () => {
    it("flags a cluster role trusting more than eks.amazonaws.com", async () => {
        const stack = happyStack();
        editTrust(
            find(stack, "cluster-role"),
            (doc) =>
                (doc.Statement[0].Principal = { Service: "eks.amazonaws.com", AWS: "arn:aws:iam::1:root" }),
        );
        assert.deepStrictEqual(await stackMessages(clusterRoleTrust, stack), [
            `Cluster role "cluster-role" (cluster role through roleArn of aws:eks/cluster:Cluster "prod") trust statement 0 also trusts "arn:aws:iam::1:root". Trust only "eks.amazonaws.com".`,
        ]);
    });
});
