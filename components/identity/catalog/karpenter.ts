// Karpenter controller, modelled on Karpenter v1's controller policy (karpenter.sh/docs/reference/
// cloudformation, KarpenterControllerPolicy) and terraform-aws-modules/eks-pod-identity karpenter.tf.
// Like upstream, instances, launch templates and instance profiles are scoped by the
// `kubernetes.io/cluster/<name>: owned` and `eks:eks-cluster-name` tags Karpenter sets;
// differing from the module, iam:PassRole is limited to the listed node roles (never `role/*`),
// the interruption queue is granted only when given, resources are pinned to this region and
// account, and eks:DescribeCluster names this cluster only.
import { PolicyStatement } from "../../common/iamDocument";
import { CatalogContext, ResolvedWellKnownPolicy } from "./args";
import { CatalogEntry, ec2ServicePrincipals, need, oneOrMany } from "./entry";
import { accountlessArn, ec2Arn, globalArn, regionalArn } from "./arns";

const KIND = "karpenter";

function statements(args: ResolvedWellKnownPolicy, ctx: CatalogContext): PolicyStatement[] {
    const cluster = need(args.clusterName, "clusterName", KIND);
    const nodeRoles = need(args.nodeRoleArns, "nodeRoleArns", KIND);
    const ownedTag = `kubernetes.io/cluster/${cluster}`;
    const instanceProfiles = globalArn(ctx, "iam", "instance-profile/*", ctx.accountId);
    const launchedResources = [
        ec2Arn(ctx, "fleet/*"),
        ec2Arn(ctx, "instance/*"),
        ec2Arn(ctx, "volume/*"),
        ec2Arn(ctx, "network-interface/*"),
        ec2Arn(ctx, "launch-template/*"),
        ec2Arn(ctx, "spot-instances-request/*"),
    ];
    const requestOwned = {
        [`aws:RequestTag/${ownedTag}`]: "owned",
        "aws:RequestTag/eks:eks-cluster-name": cluster,
    };
    const resourceOwned = { [`aws:ResourceTag/${ownedTag}`]: "owned" };
    const sharedEc2Arn = (resource: string) => `arn:${ctx.partition}:ec2:${ctx.region}:*:${resource}`;
    const result: PolicyStatement[] = [
        {
            // Inputs of a launch that Karpenter does not own (AMIs, subnets, security groups).
            Sid: "AllowScopedEC2InstanceAccessActions",
            Effect: "Allow",
            Action: ["ec2:RunInstances", "ec2:CreateFleet"],
            Resource: [
                accountlessArn(ctx, "ec2", "image/*"),
                accountlessArn(ctx, "ec2", "snapshot/*"),
                ec2Arn(ctx, "security-group/*"),
                // Subnets and capacity reservations may be shared (RAM) from another account.
                sharedEc2Arn("subnet/*"),
                sharedEc2Arn("capacity-reservation/*"),
                ec2Arn(ctx, "placement-group/*"),
            ],
        },
        {
            Sid: "AllowScopedEC2LaunchTemplateAccessActions",
            Effect: "Allow",
            Action: ["ec2:RunInstances", "ec2:CreateFleet"],
            Resource: ec2Arn(ctx, "launch-template/*"),
            Condition: {
                StringEquals: resourceOwned,
                StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
            },
        },
        {
            Sid: "AllowScopedEC2InstanceActionsWithTags",
            Effect: "Allow",
            Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
            Resource: launchedResources,
            Condition: {
                StringEquals: requestOwned,
                StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
            },
        },
        {
            Sid: "AllowScopedResourceCreationTagging",
            Effect: "Allow",
            Action: "ec2:CreateTags",
            Resource: launchedResources,
            Condition: {
                StringEquals: {
                    ...requestOwned,
                    "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"],
                },
                StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
            },
        },
        {
            // Later tagging of its own instances, limited to the keys Karpenter writes.
            Sid: "AllowScopedResourceTagging",
            Effect: "Allow",
            Action: "ec2:CreateTags",
            Resource: ec2Arn(ctx, "instance/*"),
            Condition: {
                StringEquals: resourceOwned,
                StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
                StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": cluster },
                "ForAllValues:StringEquals": {
                    "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"],
                },
            },
        },
        {
            Sid: "AllowScopedDeletion",
            Effect: "Allow",
            Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
            Resource: [ec2Arn(ctx, "instance/*"), ec2Arn(ctx, "launch-template/*")],
            Condition: {
                StringEquals: resourceOwned,
                StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
            },
        },
        {
            // Describe calls support no resource type; pinned to the cluster's region.
            Sid: "AllowRegionalReadActions",
            Effect: "Allow",
            Action: [
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
            ],
            Resource: "*",
            Condition: { StringEquals: { "aws:RequestedRegion": ctx.region } },
        },
        {
            // settings.enableZonalShift: the operator panics at startup without it (operator.go).
            Sid: "AllowZonalShiftStatusReadOnly",
            Effect: "Allow",
            Action: "arc-zonal-shift:GetManagedResource",
            Resource: "*",
            Condition: {
                StringEquals: {
                    "arc-zonal-shift:ResourceIdentifier": regionalArn(ctx, "eks", `cluster/${cluster}`),
                },
            },
        },
        {
            // Public AMI parameters (EKS optimized, Bottlerocket) have no account in their ARN.
            Sid: "AllowSSMReadActions",
            Effect: "Allow",
            Action: "ssm:GetParameter",
            Resource: accountlessArn(ctx, "ssm", "parameter/aws/service/*"),
        },
        {
            // The Price List API supports no resource type.
            Sid: "AllowPricingReadActions",
            Effect: "Allow",
            Action: "pricing:GetProducts",
            Resource: "*",
        },
        {
            Sid: "AllowPassingInstanceRole",
            Effect: "Allow",
            Action: "iam:PassRole",
            Resource: oneOrMany(nodeRoles),
            Condition: { StringEquals: { "iam:PassedToService": ec2ServicePrincipals(ctx.partition) } },
        },
        {
            Sid: "AllowScopedInstanceProfileCreationActions",
            Effect: "Allow",
            Action: "iam:CreateInstanceProfile",
            Resource: instanceProfiles,
            Condition: {
                StringEquals: { ...requestOwned, "aws:RequestTag/topology.kubernetes.io/region": ctx.region },
                StringLike: { "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" },
            },
        },
        {
            Sid: "AllowScopedInstanceProfileTagActions",
            Effect: "Allow",
            Action: "iam:TagInstanceProfile",
            Resource: instanceProfiles,
            Condition: {
                StringEquals: {
                    ...resourceOwned,
                    "aws:ResourceTag/topology.kubernetes.io/region": ctx.region,
                    ...requestOwned,
                    "aws:RequestTag/topology.kubernetes.io/region": ctx.region,
                },
                StringLike: {
                    "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*",
                    "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*",
                },
            },
        },
        {
            Sid: "AllowScopedInstanceProfileActions",
            Effect: "Allow",
            Action: [
                "iam:AddRoleToInstanceProfile",
                "iam:RemoveRoleFromInstanceProfile",
                "iam:DeleteInstanceProfile",
            ],
            Resource: instanceProfiles,
            Condition: {
                StringEquals: {
                    ...resourceOwned,
                    "aws:ResourceTag/topology.kubernetes.io/region": ctx.region,
                },
                StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*" },
            },
        },
        {
            Sid: "AllowInstanceProfileReadActions",
            Effect: "Allow",
            Action: "iam:GetInstanceProfile",
            Resource: instanceProfiles,
        },
        {
            // Karpenter v1 lists profiles to garbage-collect the ones it created; no resource type.
            Sid: "AllowUnscopedInstanceProfileListAction",
            Effect: "Allow",
            Action: "iam:ListInstanceProfiles",
            Resource: "*",
        },
        {
            Sid: "AllowAPIServerEndpointDiscovery",
            Effect: "Allow",
            Action: "eks:DescribeCluster",
            Resource: regionalArn(ctx, "eks", `cluster/${cluster}`),
        },
    ];
    if (args.interruptionQueueArn) {
        result.push({
            Sid: "AllowInterruptionQueueActions",
            Effect: "Allow",
            Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
            Resource: args.interruptionQueueArn,
        });
    }
    return result;
}

export const karpenter: CatalogEntry = {
    kind: KIND,
    upstream: {
        repository: "aws/karpenter-provider-aws",
        path: "website/content/en/docs/getting-started/getting-started-with-karpenter/cloudformation.yaml",
        version: "v1.14.1",
        drops: [],
    },
    required: ["clusterName", "nodeRoleArns"],
    optional: ["interruptionQueueArn"],
    statements,
};
