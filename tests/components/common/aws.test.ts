import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { awsFacts, createRole, managedPolicyArnOutput } from "../../../components/common/aws";
import { physicalName } from "../../../plan/cloud";
import { chinaCloud, valueOf } from "../../harness";
import { underParent } from "../parent";

describe("common/aws", () => {
    it("awsFacts: partition, account and region of the provider, read without creating anything", async () => {
        const r = await underParent((parent) => awsFacts(parent), chinaCloud);
        assert.deepStrictEqual(
            await Promise.all([r.value.partition, r.value.accountId, r.value.region].map(valueOf)),
            ["aws-cn", "444455556666", "cn-north-1"],
        );
        assert.deepStrictEqual(r.names(), ["test:index:Parent::parent"]);
        assert.deepStrictEqual([...r.invokes].sort(), [
            "aws:index/getCallerIdentity:getCallerIdentity",
            "aws:index/getPartition:getPartition",
            "aws:index/getRegion:getRegion",
        ]);
    });

    it("createRole: the role as specified, each managed policy attached by name in the partition", async () => {
        const r = await underParent(
            (parent) =>
                createRole(
                    {
                        name: "dev-cluster-role",
                        description: "EKS control plane role",
                        assumeRolePolicy: '{"Version":"2012-10-17","Statement":[]}',
                        managedPolicies: ["AmazonEKSClusterPolicy", "AmazonEKSVPCResourceController"],
                        path: "/platform/",
                        maxSessionDuration: 7200,
                        tags: { team: "platform" },
                    },
                    "aws-cn",
                    parent,
                ),
            chinaCloud,
        );
        assert.deepStrictEqual(r.names(), [
            "test:index:Parent::parent",
            "aws:iam/role:Role::dev-cluster-role",
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment::dev-cluster-role-AmazonEKSClusterPolicy",
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment::dev-cluster-role-AmazonEKSVPCResourceController",
        ]);
        const parent = r.one("test:index:Parent", "parent");
        assert.ok(r.registrations.slice(1).every((x) => x.parent === parent.urn));
        assert.deepStrictEqual(r.one("aws:iam/role:Role", "dev-cluster-role").inputs, {
            description: "EKS control plane role",
            assumeRolePolicy: '{"Version":"2012-10-17","Statement":[]}',
            path: "/platform/",
            maxSessionDuration: 7200,
            tags: { team: "platform" },
        });
        assert.deepStrictEqual(r.attachedPolicies("dev-cluster-role"), [
            "arn:aws-cn:iam::aws:policy/AmazonEKSClusterPolicy",
            "arn:aws-cn:iam::aws:policy/AmazonEKSVPCResourceController",
        ]);
        assert.strictEqual(await valueOf(r.value.role.name), physicalName("dev-cluster-role"));
        assert.strictEqual(r.value.attachments.length, 2);
    });

    it("managedPolicyArnOutput: the ARN once the partition is known", async () => {
        assert.strictEqual(
            await valueOf(managedPolicyArnOutput(pulumi.output("aws-us-gov"), "AmazonEKSWorkerNodePolicy")),
            "arn:aws-us-gov:iam::aws:policy/AmazonEKSWorkerNodePolicy",
        );
        assert.strictEqual(
            await valueOf(managedPolicyArnOutput("aws", "AmazonEKS_CNI_Policy")),
            "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
        );
    });
});
