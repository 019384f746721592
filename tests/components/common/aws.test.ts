import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { FargateProfile, WorkloadIdentity } from "../../../components";
import {
    arnPlacementProblem,
    awsContextOfRegion,
    awsFacts,
    createRole,
    managedPolicyArnOutput,
} from "../../../components/common/aws";
import { physicalName } from "../../../plan/cloud";
import { chinaCloud, errorPaths, run, runExpectingError, valueOf } from "../../harness";
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

describe("common/aws: where a component deploys, known up front", () => {
    it("awsContextOfRegion: the partition of a known region; nothing for one the table does not know", () => {
        assert.deepStrictEqual(awsContextOfRegion("cn-north-1"), {
            partition: "aws-cn",
            region: "cn-north-1",
        });
        assert.deepStrictEqual(awsContextOfRegion("us-gov-east-1"), {
            partition: "aws-us-gov",
            region: "us-gov-east-1",
        });
        assert.strictEqual(awsContextOfRegion("us-west-9"), undefined);
        assert.strictEqual(awsContextOfRegion(undefined), undefined);
    });

    it("arnPlacementProblem: another partition (with the ARN to use when there is one), another region where it matters", () => {
        const oregon = { partition: "aws", region: "us-west-2" };
        const beijing = { partition: "aws-cn", region: "cn-north-1" };
        const cases: [string, typeof oregon, string | undefined, string | undefined][] = [
            ["arn:aws:iam::111122223333:role/a", oregon, undefined, undefined],
            ["arn:aws:kms:us-east-1:111122223333:key/k", oregon, undefined, undefined],
            ["not an ARN", beijing, undefined, undefined],
            [
                "arn:aws:iam::111122223333:role/a",
                beijing,
                undefined,
                '"arn:aws:iam::111122223333:role/a" is in partition aws, but the stack deploys to cn-north-1 (partition aws-cn), where an ARN of another partition never matches: use the aws-cn ARN (arn:aws-cn:iam::111122223333:role/a)',
            ],
            [
                "arn:aws-cn:kms:cn-north-1:111122223333:key/k",
                oregon,
                undefined,
                '"arn:aws-cn:kms:cn-north-1:111122223333:key/k" is in partition aws-cn, but the stack deploys to us-west-2 (partition aws), where an ARN of another partition never matches: use a resource of partition aws (of us-west-2, for example)',
            ],
            [
                "arn:aws:kms:us-east-1:111122223333:key/k",
                oregon,
                "the key must be in the cluster's region",
                '"arn:aws:kms:us-east-1:111122223333:key/k" is in region us-east-1, but the cluster is in us-west-2: the key must be in the cluster\'s region',
            ],
        ];
        for (const [arn, context, sameRegion, want] of cases) {
            assert.strictEqual(arnPlacementProblem(arn, context, sameRegion), want, arn);
        }
    });
});

/** Runs `body` with AWS_REGION set, as the default AWS provider would read it. */
async function inRegion<T>(region: string, body: () => Promise<T>): Promise<T> {
    const previous = process.env.AWS_REGION;
    process.env.AWS_REGION = region;
    try {
        return await body();
    } finally {
        if (previous === undefined) {
            delete process.env.AWS_REGION;
        } else {
            process.env.AWS_REGION = previous;
        }
    }
}

describe("common/aws: the components refuse ARNs of another partition before registering anything", () => {
    it("WorkloadIdentity in us-west-2: an aws-cn hosted zone (once an error inside an apply), policy, target role and cluster", async () => {
        const { error, registrations } = await inRegion("us-west-2", () =>
            runExpectingError(
                () =>
                    new WorkloadIdentity("dns", {
                        clusterName: "dev",
                        namespace: "external-dns",
                        serviceAccount: "external-dns",
                        mode: "pod-identity",
                        managedPolicyArns: ["arn:aws-cn:iam::aws:policy/AmazonRoute53ReadOnlyAccess"],
                        targetRoleArn: "arn:aws-us-gov:iam::444455556666:role/dns",
                        clusterArn: "arn:aws:eks:us-east-1:111122223333:cluster/dev",
                        additionalClusters: [
                            {
                                clusterName: "blue",
                                clusterArn: "arn:aws:eks:us-east-1:111122223333:cluster/blue",
                            },
                        ],
                        wellKnownPolicies: [
                            {
                                kind: "external-dns",
                                hostedZoneArns: ["arn:aws-cn:route53:::hostedzone/Z0EXAMPLE1"],
                            },
                        ],
                    }),
            ),
        );
        assert.deepStrictEqual(errorPaths(error), [
            "clusterArn",
            "managedPolicyArns[0]",
            "targetRoleArn",
            "wellKnownPolicies[0].hostedZoneArns[0]",
        ]);
        assert.strictEqual(
            error.errors.find((e) => e.propertyPath === "wellKnownPolicies[0].hostedZoneArns[0]")!.reason,
            'hostedZoneArns[0] "arn:aws-cn:route53:::hostedzone/Z0EXAMPLE1" is in partition aws-cn, but the stack deploys to us-west-2 (partition aws), where an ARN of another partition never matches: use the aws ARN (arn:aws:route53:::hostedzone/Z0EXAMPLE1)',
        );
        assert.match(
            error.errors.find((e) => e.propertyPath === "clusterArn")!.reason,
            /is in region us-east-1, but the cluster is in us-west-2: the Pod Identity association is made on the cluster in the provider's region/,
        );
        assert.deepStrictEqual(
            registrations.map((r) => r.type),
            ["eks-identity:index:WorkloadIdentity"],
        );
    });

    it("with an explicit AWS provider the region is that provider's, unknown up front: nothing is refused for it", async () => {
        const r = await inRegion("us-west-2", () =>
            run(
                () => {
                    const provider = new aws.Provider("china", { region: "cn-north-1" });
                    return new WorkloadIdentity(
                        "dns",
                        {
                            clusterName: "dev",
                            namespace: "external-dns",
                            serviceAccount: "external-dns",
                            mode: "pod-identity",
                            managedPolicyArns: ["arn:aws-cn:iam::aws:policy/AmazonRoute53ReadOnlyAccess"],
                            createServiceAccount: false,
                        },
                        { providers: { aws: provider } },
                    );
                },
                { cloud: chinaCloud },
            ),
        );
        assert.strictEqual(r.ofType("aws:iam/role:Role").length, 1);
    });

    it("FargateProfile in GovCloud: EKS has no Fargate there, told against the cluster", async () => {
        const { error, registrations } = await inRegion("us-gov-west-1", () =>
            runExpectingError(
                () =>
                    new FargateProfile("batch", {
                        clusterName: "gov",
                        subnetIds: ["subnet-a", "subnet-b"],
                        selectors: [{ namespace: "batch" }],
                    }),
            ),
        );
        assert.deepStrictEqual(
            error.errors.map((e) => [e.propertyPath, e.reason]),
            [
                [
                    "clusterName",
                    "EKS on Fargate is not available in us-gov-west-1 (partition aws-us-gov; EKS User Guide, fargate.html): run these pods on a node group instead and remove the Fargate profiles",
                ],
            ],
        );
        assert.strictEqual(registrations.length, 1);
    });
});
