import * as assert from "assert";
import { clusterRoleManagedPolicies } from "../../../../policy-pack/policies/cluster/cluster-role-managed-policies";
import { attachment, aws, find, happyStack } from "../../factories";
import { stackMessages } from "../../harness";

describe("cluster-role-managed-policies", () => {
    it("flags AmazonEKSServicePolicy; allow-list configurable", async () => {
        const stack = happyStack({ preview: true });
        stack.push(attachment("svc", "cluster-role", aws("AmazonEKSServicePolicy"), true));
        assert.deepStrictEqual(await stackMessages(clusterRoleManagedPolicies, stack), [
            `Cluster role "cluster-role" (cluster role through roleArn of aws:eks/cluster:Cluster "prod") carries arn:aws:iam::aws:policy/AmazonEKSServicePolicy, which is not on the cluster-role allow-list. Detach it (AmazonEKSServicePolicy is obsolete since 2020), or add it to allowedPolicies.`,
        ]);
        assert.deepStrictEqual(
            await stackMessages(clusterRoleManagedPolicies, stack, {
                allowedPolicies: ["AmazonEKSClusterPolicy", "AmazonEKSServicePolicy"],
            }),
            [],
        );
    });

    it("holds a local cluster's role (outpostConfig) to AmazonEKSLocalOutpostClusterPolicy, configurably", async () => {
        const stack = happyStack();
        find(stack, "prod").props.outpostConfig = {
            controlPlaneInstanceType: "m5d.large",
            outpostArns: ["arn:aws:outposts:us-west-2:111122223333:outpost/op-1"],
        };
        stack.push(attachment("local", "cluster-role", aws("AmazonEKSLocalOutpostClusterPolicy"), false));
        assert.deepStrictEqual(await stackMessages(clusterRoleManagedPolicies, stack), [
            `Cluster role "cluster-role" (cluster role through roleArn of aws:eks/cluster:Cluster "prod") carries arn:aws:iam::aws:policy/AmazonEKSClusterPolicy, which is not on the cluster-role allow-list. Detach it (AmazonEKSServicePolicy is obsolete since 2020), or add it to allowedPolicies.`,
        ]);
        assert.deepStrictEqual(
            await stackMessages(clusterRoleManagedPolicies, stack, {
                localClusterAllowedPolicies: ["AmazonEKSLocalOutpostClusterPolicy", "AmazonEKSClusterPolicy"],
            }),
            [],
        );
    });
});
