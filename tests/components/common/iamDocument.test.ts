import * as assert from "assert";
import { ManagedPolicies, managedPolicyArn, policyDocument } from "../../../components/common/iamDocument";

describe("common/iamDocument", () => {
    it("policyDocument: the 2012-10-17 version and the statements in the order given", () => {
        const read = { Effect: "Allow" as const, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
        const deny = { Effect: "Deny" as const, Action: "s3:DeleteObject", Resource: "*" };
        assert.strictEqual(
            JSON.stringify(policyDocument(read, deny)),
            JSON.stringify({ Version: "2012-10-17", Statement: [read, deny] }),
        );
        assert.deepStrictEqual(policyDocument(), { Version: "2012-10-17", Statement: [] });
    });

    it("managedPolicyArn: in the partition AWS reports, never a hard-coded arn:aws", () => {
        const cases: [string, string, string][] = [
            ["aws", "AmazonEKSClusterPolicy", "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"],
            ["aws-cn", "AmazonEKSWorkerNodePolicy", "arn:aws-cn:iam::aws:policy/AmazonEKSWorkerNodePolicy"],
            ["aws-us-gov", "AmazonEKS_CNI_Policy", "arn:aws-us-gov:iam::aws:policy/AmazonEKS_CNI_Policy"],
        ];
        for (const [partition, name, arn] of cases) {
            assert.strictEqual(managedPolicyArn(partition, name), arn);
        }
    });

    it("ManagedPolicies: the AWS managed policy names as AWS publishes them", () => {
        assert.deepStrictEqual(ManagedPolicies, {
            clusterPolicy: "AmazonEKSClusterPolicy",
            vpcResourceController: "AmazonEKSVPCResourceController",
            workerNodePolicy: "AmazonEKSWorkerNodePolicy",
            ecrPullOnly: "AmazonEC2ContainerRegistryPullOnly",
            ecrReadOnly: "AmazonEC2ContainerRegistryReadOnly",
            ssmManagedInstanceCore: "AmazonSSMManagedInstanceCore",
            cniPolicy: "AmazonEKS_CNI_Policy",
            fargatePodExecution: "AmazonEKSFargatePodExecutionRolePolicy",
        });
    });
});
