import * as assert from "assert";
import { clusterRoleManagedPolicies } from "../../../../policy-pack/policies/cluster/cluster-role-managed-policies";
import { attachment, aws, happyStack } from "../../factories";
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
});
