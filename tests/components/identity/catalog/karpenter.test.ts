import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, NODE_ROLE, QUEUE, FULL, statement, allActions } from "./fixtures";
import { ControllerRequest, calls, describeConformance, upstreamFixture } from "./conformance";

describe("identity/catalog/karpenter", () => {
    describe("key statements", () => {
        const cases: {
            kind: string;
            args: ResolvedWellKnownPolicy;
            check: (doc: PolicyDocument) => void;
        }[] = [
            {
                kind: "karpenter",
                args: FULL.karpenter,
                check: (doc) => {
                    assert.deepStrictEqual(statement(doc, "AllowScopedEC2InstanceAccessActions").Resource, [
                        "arn:aws:ec2:us-west-2::image/*",
                        "arn:aws:ec2:us-west-2::snapshot/*",
                        "arn:aws:ec2:us-west-2:111122223333:security-group/*",
                        "arn:aws:ec2:us-west-2:*:subnet/*",
                        "arn:aws:ec2:us-west-2:*:capacity-reservation/*",
                        "arn:aws:ec2:us-west-2:111122223333:placement-group/*",
                    ]);
                    assert.deepStrictEqual(statement(doc, "AllowZonalShiftStatusReadOnly"), {
                        Sid: "AllowZonalShiftStatusReadOnly",
                        Effect: "Allow",
                        Action: "arc-zonal-shift:GetManagedResource",
                        Resource: "*",
                        Condition: {
                            StringEquals: {
                                "arc-zonal-shift:ResourceIdentifier":
                                    "arn:aws:eks:us-west-2:111122223333:cluster/prod",
                            },
                        },
                    });
                    assert.deepStrictEqual(statement(doc, "AllowRegionalReadActions").Action, [
                        "ec2:DescribeCapacityReservations",
                        "ec2:DescribeImages",
                        "ec2:DescribeInstances",
                        "ec2:DescribeInstanceStatus",
                        "ec2:DescribeInstanceTypeOfferings",
                        "ec2:DescribeInstanceTypes",
                        "ec2:DescribeLaunchTemplates",
                        "ec2:DescribePlacementGroups",
                        "ec2:DescribeSecurityGroups",
                        "ec2:DescribeSpotPriceHistory",
                        "ec2:DescribeSubnets",
                    ]);
                    assert.deepStrictEqual(statement(doc, "AllowPassingInstanceRole"), {
                        Sid: "AllowPassingInstanceRole",
                        Effect: "Allow",
                        Action: "iam:PassRole",
                        Resource: NODE_ROLE,
                        Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
                    });
                    assert.deepStrictEqual(statement(doc, "AllowInterruptionQueueActions").Resource, QUEUE);
                    assert.deepStrictEqual(statement(doc, "AllowScopedDeletion").Condition, {
                        StringEquals: { "aws:ResourceTag/kubernetes.io/cluster/prod": "owned" },
                        StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
                    });
                    assert.strictEqual(
                        statement(doc, "AllowAPIServerEndpointDiscovery").Resource,
                        "arn:aws:eks:us-west-2:111122223333:cluster/prod",
                    );
                    assert.strictEqual(
                        statement(doc, "AllowSSMReadActions").Resource,
                        "arn:aws:ssm:us-west-2::parameter/aws/service/*",
                    );
                    assert.deepStrictEqual(
                        statement(doc, "AllowScopedInstanceProfileCreationActions").Condition?.StringEquals,
                        {
                            "aws:RequestTag/kubernetes.io/cluster/prod": "owned",
                            "aws:RequestTag/eks:eks-cluster-name": "prod",
                            "aws:RequestTag/topology.kubernetes.io/region": "us-west-2",
                        },
                    );
                },
            },
            {
                kind: "karpenter without interruption queue",
                args: { kind: "karpenter", clusterName: "prod", nodeRoleArns: [NODE_ROLE] },
                check: (doc) => {
                    assert.ok(!allActions([doc]).some((a) => a.startsWith("sqs:")));
                },
            },
        ];
        for (const c of cases) {
            it(c.kind, () => c.check(wellKnownPolicyDocument(c.args, CTX)));
        }
    });

    describe("partitions", () => {
        it("karpenter passes node roles to the China EC2 principal in aws-cn", () => {
            const doc = wellKnownPolicyDocument(
                {
                    kind: "karpenter",
                    clusterName: "prod",
                    nodeRoleArns: ["arn:aws-cn:iam::222233334444:role/node"],
                },
                { partition: "aws-cn", region: "cn-north-1", accountId: "222233334444" },
            );
            assert.deepStrictEqual(statement(doc, "AllowPassingInstanceRole").Condition, {
                StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] },
            });
        });
    });
});
const PROFILE = "arn:aws:iam::111122223333:instance-profile/demo_1234567890";
const PROFILE_TAGS = {
    "aws:ResourceTag/kubernetes.io/cluster/demo": "owned",
    "aws:ResourceTag/eks:eks-cluster-name": "demo",
    "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "default",
    "aws:ResourceTag/topology.kubernetes.io/region": "us-west-2",
};
const QUEUE_DEMO = "arn:aws:sqs:us-west-2:111122223333:demo";
const MORE: ControllerRequest[] = [
    ...calls(
        [
            "ec2:DescribeCapacityReservations",
            "ec2:DescribeImages",
            "ec2:DescribeInstanceTypeOfferings",
            "ec2:DescribeInstanceTypes",
            "ec2:DescribeInstances",
            "ec2:DescribeLaunchTemplates",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeSpotPriceHistory",
        ],
        "*",
        "pkg/aws/sdk.go: the providers' discovery and pricing reads",
    ),
    {
        action: "iam:TagInstanceProfile",
        resource: PROFILE,
        context: {
            ...PROFILE_TAGS,
            "aws:RequestTag/kubernetes.io/cluster/demo": "owned",
            "aws:RequestTag/eks:eks-cluster-name": "demo",
            "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "default",
            "aws:RequestTag/topology.kubernetes.io/region": "us-west-2",
            "aws:TagKeys": [
                "kubernetes.io/cluster/demo",
                "eks:eks-cluster-name",
                "karpenter.k8s.aws/ec2nodeclass",
                "topology.kubernetes.io/region",
            ],
        },
        note: "pkg/providers/instanceprofile: tags a profile it owns (migration of older profiles)",
    },
    ...calls(
        ["iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"],
        PROFILE,
        "instanceprofile garbage collection of an EC2NodeClass's profile",
        PROFILE_TAGS,
    ),
    ...calls(
        ["sqs:GetQueueUrl", "sqs:DeleteMessage"],
        QUEUE_DEMO,
        "pkg/providers/sqs: interruption queue (settings.interruptionQueue)",
    ),
];
const NEG: ControllerRequest[] = [
    {
        action: "ec2:TerminateInstances",
        resource: "arn:aws:ec2:us-west-2:111122223333:instance/i-0fedcba9876543210",
        context: {
            "aws:ResourceTag/kubernetes.io/cluster/other": "owned",
            "aws:ResourceTag/karpenter.sh/nodepool": "default",
        },
        note: "another cluster's node",
    },
    {
        action: "iam:PassRole",
        resource: "arn:aws:iam::111122223333:role/Admin",
        context: { "iam:PassedToService": "ec2.amazonaws.com" },
        note: "a role that is not a node role",
    },
];

describe("identity/catalog/karpenter conformance", () => {
    describeConformance({
        kind: "karpenter",
        reference: Object.keys(upstreamFixture("karpenter").policies ?? {}),
        substitutions: {
            "AWS::Partition": "aws",
            "AWS::Region": "us-west-2",
            "AWS::AccountId": "111122223333",
            ClusterName: "demo",
            "KarpenterInterruptionQueue.Arn": "arn:aws:sqs:us-west-2:111122223333:demo",
            "KarpenterNodeRole.Arn": "arn:aws:iam::111122223333:role/KarpenterNodeRole-demo",
        },
        variants: [
            {
                name: "clusterName=demo, node role, interruption queue; defaults and a shared VPC",
                args: {
                    kind: "karpenter",
                    clusterName: "demo",
                    nodeRoleArns: ["arn:aws:iam::111122223333:role/KarpenterNodeRole-demo"],
                    interruptionQueueArn: "arn:aws:sqs:us-west-2:111122223333:demo",
                },
                requests: [
                    {
                        action: "ec2:CreateLaunchTemplate",
                        resource: "arn:aws:ec2:us-west-2:111122223333:launch-template/lt-0123456789abcdef0",
                        context: {
                            "aws:RequestTag/kubernetes.io/cluster/demo": "owned",
                            "aws:RequestTag/karpenter.sh/nodepool": "default",
                            "aws:RequestTag/eks:eks-cluster-name": "demo",
                            "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "default",
                            "aws:TagKeys": [
                                "kubernetes.io/cluster/demo",
                                "karpenter.sh/nodepool",
                                "eks:eks-cluster-name",
                                "karpenter.k8s.aws/ec2nodeclass",
                            ],
                        },
                        note: "pkg/providers/instanceprofile: profiles tagged per pkg/utils/utils.go (+ topology.kubernetes.io/region)",
                    },
                    {
                        action: "ec2:CreateTags",
                        resource: "arn:aws:ec2:us-west-2:111122223333:launch-template/lt-0123456789abcdef0",
                        context: {
                            "ec2:CreateAction": "CreateLaunchTemplate",
                            "aws:RequestTag/kubernetes.io/cluster/demo": "owned",
                            "aws:RequestTag/karpenter.sh/nodepool": "default",
                            "aws:RequestTag/eks:eks-cluster-name": "demo",
                            "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "default",
                            "aws:TagKeys": [
                                "kubernetes.io/cluster/demo",
                                "karpenter.sh/nodepool",
                                "eks:eks-cluster-name",
                                "karpenter.k8s.aws/ec2nodeclass",
                            ],
                        },
                        note: "pkg/providers/instance, launchtemplate: launches tagged per pkg/utils/utils.go (kubernetes.io/cluster/<name>=owned, karpenter.sh/nodepool, eks:eks-cluster-name, ec2nodeclass)",
                    },
                    {
                        action: "ec2:CreateFleet",
                        resource:
                            "arn:aws:ec2:us-west-2:111122223333:fleet/fleet-0123abcd-0123-4567-89ab-0123456789ab",
                        context: {
                            "aws:RequestTag/kubernetes.io/cluster/demo": "owned",
                            "aws:RequestTag/karpenter.sh/nodepool": "default",
                            "aws:RequestTag/eks:eks-cluster-name": "demo",
                            "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "default",
                            "aws:TagKeys": [
                                "kubernetes.io/cluster/demo",
                                "karpenter.sh/nodepool",
                                "eks:eks-cluster-name",
                                "karpenter.k8s.aws/ec2nodeclass",
                            ],
                        },
                        note: "pkg/providers/instance, launchtemplate: launches tagged per pkg/utils/utils.go (kubernetes.io/cluster/<name>=owned, karpenter.sh/nodepool, eks:eks-cluster-name, ec2nodeclass)",
                    },
                    {
                        action: "ec2:CreateFleet",
                        resource: "arn:aws:ec2:us-west-2:111122223333:launch-template/lt-0123456789abcdef0",
                        context: {
                            "aws:ResourceTag/kubernetes.io/cluster/demo": "owned",
                            "aws:ResourceTag/karpenter.sh/nodepool": "default",
                            "aws:ResourceTag/eks:eks-cluster-name": "demo",
                            "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "default",
                            "ec2:ResourceTag/kubernetes.io/cluster/demo": "owned",
                            "ec2:ResourceTag/karpenter.sh/nodepool": "default",
                            "ec2:ResourceTag/eks:eks-cluster-name": "demo",
                            "ec2:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "default",
                        },
                        note: "pkg/providers/instance, launchtemplate: launches tagged per pkg/utils/utils.go (kubernetes.io/cluster/<name>=owned, karpenter.sh/nodepool, eks:eks-cluster-name, ec2nodeclass)",
                    },
                    {
                        action: "ec2:CreateFleet",
                        resource: "arn:aws:ec2:us-west-2:111122223333:instance/*",
                        context: {
                            "aws:RequestTag/kubernetes.io/cluster/demo": "owned",
                            "aws:RequestTag/karpenter.sh/nodepool": "default",
                            "aws:RequestTag/eks:eks-cluster-name": "demo",
                            "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "default",
                            "aws:TagKeys": [
                                "kubernetes.io/cluster/demo",
                                "karpenter.sh/nodepool",
                                "eks:eks-cluster-name",
                                "karpenter.k8s.aws/ec2nodeclass",
                            ],
                        },
                        note: "pkg/providers/instance, launchtemplate: launches tagged per pkg/utils/utils.go (kubernetes.io/cluster/<name>=owned, karpenter.sh/nodepool, eks:eks-cluster-name, ec2nodeclass)",
                    },
                    {
                        action: "ec2:CreateFleet",
                        resource: "arn:aws:ec2:us-west-2:111122223333:subnet/subnet-0123456789abcdef0",
                        note: "pkg/providers/instance, launchtemplate: launches tagged per pkg/utils/utils.go (kubernetes.io/cluster/<name>=owned, karpenter.sh/nodepool, eks:eks-cluster-name, ec2nodeclass)",
                    },
                    {
                        action: "ec2:CreateFleet",
                        resource: "arn:aws:ec2:us-west-2:999988887777:subnet/subnet-0123456789abcdef0",
                        note: "subnet shared from VPC owner account",
                    },
                    {
                        action: "ec2:CreateFleet",
                        resource: "arn:aws:ec2:us-west-2:111122223333:security-group/sg-0123456789abcdef0",
                        note: "CreateFleet launch template overrides name security groups",
                        simulatorGap: "iam-data 0.21 lists no security-group resource type for CreateFleet",
                    },
                    {
                        action: "ec2:CreateFleet",
                        resource: "arn:aws:ec2:us-west-2::image/ami-0123456789abcdef0",
                        note: "pkg/providers/instance, launchtemplate: launches tagged per pkg/utils/utils.go (kubernetes.io/cluster/<name>=owned, karpenter.sh/nodepool, eks:eks-cluster-name, ec2nodeclass)",
                    },
                    {
                        action: "ec2:CreateFleet",
                        resource: "arn:aws:ec2:us-west-2:111122223333:placement-group/pg-0123456789abcdef0",
                        note: "EC2NodeClass placementGroupSelector",
                    },
                    {
                        action: "ec2:CreateFleet",
                        resource:
                            "arn:aws:ec2:us-west-2:111122223333:capacity-reservation/cr-0123456789abcdef0",
                        note: "pkg/providers/instance, launchtemplate: launches tagged per pkg/utils/utils.go (kubernetes.io/cluster/<name>=owned, karpenter.sh/nodepool, eks:eks-cluster-name, ec2nodeclass)",
                    },
                    {
                        action: "ec2:CreateTags",
                        resource: "arn:aws:ec2:us-west-2:111122223333:instance/i-0123456789abcdef0",
                        context: {
                            "ec2:CreateAction": "CreateFleet",
                            "aws:RequestTag/kubernetes.io/cluster/demo": "owned",
                            "aws:RequestTag/karpenter.sh/nodepool": "default",
                            "aws:RequestTag/eks:eks-cluster-name": "demo",
                            "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "default",
                            "aws:TagKeys": [
                                "kubernetes.io/cluster/demo",
                                "karpenter.sh/nodepool",
                                "eks:eks-cluster-name",
                                "karpenter.k8s.aws/ec2nodeclass",
                            ],
                        },
                        note: "pkg/providers/instance, launchtemplate: launches tagged per pkg/utils/utils.go (kubernetes.io/cluster/<name>=owned, karpenter.sh/nodepool, eks:eks-cluster-name, ec2nodeclass)",
                    },
                    {
                        action: "ec2:RunInstances",
                        resource: "arn:aws:ec2:us-west-2:111122223333:instance/*",
                        context: {
                            "aws:RequestTag/kubernetes.io/cluster/demo": "owned",
                            "aws:RequestTag/karpenter.sh/nodepool": "default",
                            "aws:RequestTag/eks:eks-cluster-name": "demo",
                            "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "default",
                            "aws:TagKeys": [
                                "kubernetes.io/cluster/demo",
                                "karpenter.sh/nodepool",
                                "eks:eks-cluster-name",
                                "karpenter.k8s.aws/ec2nodeclass",
                            ],
                        },
                        note: "nodeclass validation dry-run",
                    },
                    {
                        action: "ec2:CreateTags",
                        resource: "arn:aws:ec2:us-west-2:111122223333:instance/i-0123456789abcdef0",
                        context: {
                            "aws:ResourceTag/kubernetes.io/cluster/demo": "owned",
                            "aws:ResourceTag/karpenter.sh/nodepool": "default",
                            "aws:ResourceTag/eks:eks-cluster-name": "demo",
                            "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "default",
                            "aws:RequestTag/Name": "ip-10-0-0-1.ec2.internal",
                            "aws:RequestTag/karpenter.sh/nodeclaim": "default-abcde",
                            "aws:RequestTag/eks:eks-cluster-name": "demo",
                            "aws:TagKeys": ["Name", "karpenter.sh/nodeclaim", "eks:eks-cluster-name"],
                            "ec2:ResourceTag/kubernetes.io/cluster/demo": "owned",
                            "ec2:ResourceTag/karpenter.sh/nodepool": "default",
                            "ec2:ResourceTag/eks:eks-cluster-name": "demo",
                            "ec2:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "default",
                        },
                        note: "nodeclaim tagging controller",
                    },
                    {
                        action: "ec2:TerminateInstances",
                        resource: "arn:aws:ec2:us-west-2:111122223333:instance/i-0123456789abcdef0",
                        context: {
                            "aws:ResourceTag/kubernetes.io/cluster/demo": "owned",
                            "aws:ResourceTag/karpenter.sh/nodepool": "default",
                            "aws:ResourceTag/eks:eks-cluster-name": "demo",
                            "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "default",
                            "ec2:ResourceTag/kubernetes.io/cluster/demo": "owned",
                            "ec2:ResourceTag/karpenter.sh/nodepool": "default",
                            "ec2:ResourceTag/eks:eks-cluster-name": "demo",
                            "ec2:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "default",
                        },
                        note: "pkg/providers/instance, launchtemplate: launches tagged per pkg/utils/utils.go (kubernetes.io/cluster/<name>=owned, karpenter.sh/nodepool, eks:eks-cluster-name, ec2nodeclass)",
                    },
                    {
                        action: "ec2:DeleteLaunchTemplate",
                        resource: "arn:aws:ec2:us-west-2:111122223333:launch-template/lt-0123456789abcdef0",
                        context: {
                            "aws:ResourceTag/kubernetes.io/cluster/demo": "owned",
                            "aws:ResourceTag/karpenter.sh/nodepool": "default",
                            "aws:ResourceTag/eks:eks-cluster-name": "demo",
                            "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "default",
                            "ec2:ResourceTag/kubernetes.io/cluster/demo": "owned",
                            "ec2:ResourceTag/karpenter.sh/nodepool": "default",
                            "ec2:ResourceTag/eks:eks-cluster-name": "demo",
                            "ec2:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "default",
                        },
                        note: "pkg/providers/instance, launchtemplate: launches tagged per pkg/utils/utils.go (kubernetes.io/cluster/<name>=owned, karpenter.sh/nodepool, eks:eks-cluster-name, ec2nodeclass)",
                    },
                    {
                        action: "ec2:DescribeInstanceStatus",
                        resource: "*",
                        note: "interruption.instancestatus controller (always registered)",
                    },
                    {
                        action: "ec2:DescribePlacementGroups",
                        resource: "*",
                        note: "only with placementGroupSelector",
                    },
                    {
                        action: "ec2:DescribeSubnets",
                        resource: "*",
                        note: "pkg/providers/instance, launchtemplate: launches tagged per pkg/utils/utils.go (kubernetes.io/cluster/<name>=owned, karpenter.sh/nodepool, eks:eks-cluster-name, ec2nodeclass)",
                    },
                    {
                        action: "ssm:GetParameter",
                        resource:
                            "arn:aws:ssm:us-west-2::parameter/aws/service/eks/optimized-ami/1.33/amazon-linux-2023/x86_64/standard/recommended/image_id",
                        note: "pkg/providers/amifamily: EKS optimized AMI alias",
                        simulatorGap:
                            "iam-data 0.21 has no resource type matching an account-less public parameter ARN",
                    },
                    {
                        action: "pricing:GetProducts",
                        resource: "*",
                        note: "pkg/providers/instance, launchtemplate: launches tagged per pkg/utils/utils.go (kubernetes.io/cluster/<name>=owned, karpenter.sh/nodepool, eks:eks-cluster-name, ec2nodeclass)",
                    },
                    {
                        action: "iam:PassRole",
                        resource: "arn:aws:iam::111122223333:role/KarpenterNodeRole-demo",
                        context: { "iam:PassedToService": "ec2.amazonaws.com" },
                        note: "pkg/providers/instanceprofile: profiles tagged per pkg/utils/utils.go (+ topology.kubernetes.io/region)",
                    },
                    {
                        action: "iam:CreateInstanceProfile",
                        resource: "arn:aws:iam::111122223333:instance-profile/demo_1234567890",
                        context: {
                            "aws:RequestTag/kubernetes.io/cluster/demo": "owned",
                            "aws:RequestTag/karpenter.sh/nodepool": "default",
                            "aws:RequestTag/eks:eks-cluster-name": "demo",
                            "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "default",
                            "aws:RequestTag/topology.kubernetes.io/region": "us-west-2",
                            "aws:TagKeys": [
                                "kubernetes.io/cluster/demo",
                                "karpenter.sh/nodepool",
                                "eks:eks-cluster-name",
                                "karpenter.k8s.aws/ec2nodeclass",
                                "topology.kubernetes.io/region",
                            ],
                        },
                        note: "pkg/providers/instanceprofile: profiles tagged per pkg/utils/utils.go (+ topology.kubernetes.io/region)",
                    },
                    {
                        action: "iam:AddRoleToInstanceProfile",
                        resource: "arn:aws:iam::111122223333:instance-profile/demo_1234567890",
                        context: {
                            "aws:ResourceTag/kubernetes.io/cluster/demo": "owned",
                            "aws:ResourceTag/karpenter.sh/nodepool": "default",
                            "aws:ResourceTag/eks:eks-cluster-name": "demo",
                            "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "default",
                            "aws:ResourceTag/topology.kubernetes.io/region": "us-west-2",
                        },
                        note: "pkg/providers/instanceprofile: profiles tagged per pkg/utils/utils.go (+ topology.kubernetes.io/region)",
                    },
                    {
                        action: "iam:GetInstanceProfile",
                        resource: "arn:aws:iam::111122223333:instance-profile/demo_1234567890",
                        note: "pkg/providers/instanceprofile: profiles tagged per pkg/utils/utils.go (+ topology.kubernetes.io/region)",
                    },
                    {
                        action: "iam:ListInstanceProfiles",
                        resource: "*",
                        note: "pkg/providers/instanceprofile: profiles tagged per pkg/utils/utils.go (+ topology.kubernetes.io/region)",
                    },
                    {
                        action: "eks:DescribeCluster",
                        resource: "arn:aws:eks:us-west-2:111122223333:cluster/demo",
                        note: "operator.go: API server endpoint discovery",
                    },
                    {
                        action: "sqs:ReceiveMessage",
                        resource: "arn:aws:sqs:us-west-2:111122223333:demo",
                        note: "pkg/providers/sqs: interruption queue (settings.interruptionQueue)",
                    },
                    {
                        action: "arc-zonal-shift:GetManagedResource",
                        resource: "*",
                        context: {
                            "arc-zonal-shift:ResourceIdentifier":
                                "arn:aws:eks:us-west-2:111122223333:cluster/demo",
                        },
                        note: "settings.enableZonalShift=true (getting-started scripts): operator.go panics without it",
                    },
                    ...MORE,
                ],
                denied: [...NEG],
            },
        ],
    });
});
