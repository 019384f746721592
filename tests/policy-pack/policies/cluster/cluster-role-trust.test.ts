import * as assert from "assert";
import { clusterRoleTrust } from "../../../../policy-pack/policies/cluster/cluster-role-trust";
import { ACCOUNT, ec2Trust, editTrust, find, happyStack } from "../../factories";
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

    it("accepts ec2.amazonaws.com, and only it, for a local cluster on Outposts (outpostConfig)", async () => {
        const stack = happyStack();
        find(stack, "cluster-role").props.assumeRolePolicy = ec2Trust();
        assert.deepStrictEqual(await stackMessages(clusterRoleTrust, stack), [
            `Cluster role "cluster-role" (cluster role through roleArn of aws:eks/cluster:Cluster "prod") trust statement 0 also trusts "ec2.amazonaws.com". Trust only "eks.amazonaws.com".`,
        ]);
        find(stack, "prod").props.outpostConfig = {
            controlPlaneInstanceType: "m5d.large",
            outpostArns: [`arn:aws:outposts:us-west-2:${ACCOUNT}:outpost/op-1`],
        };
        assert.deepStrictEqual(await stackMessages(clusterRoleTrust, stack), []);
        const eks = happyStack();
        find(eks, "prod").props.outpostConfig = find(stack, "prod").props.outpostConfig;
        assert.deepStrictEqual(await stackMessages(clusterRoleTrust, eks), [
            `Cluster role "cluster-role" (cluster role through roleArn of aws:eks/cluster:Cluster "prod") trust statement 0 also trusts "eks.amazonaws.com". Trust only "ec2.amazonaws.com" (a local cluster on Outposts).`,
        ]);
    });
});
