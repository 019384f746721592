// Cluster Autoscaler on AWS, modelled on kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/
// README.md ("Full Cluster Autoscaler Features Policy (Recommended)") and terraform-aws-modules/
// eks-pod-identity cluster_autoscaler.tf. Scaling is limited to Auto Scaling groups carrying both
// auto-discovery tag keys of this cluster, whatever their values: auto-discovery matches tag names
// only (README "Auto-Discovery Setup"), so an ASG it discovers it may also scale. ASGs named with
// static `--nodes=` need the same tags. eks:DescribeNodegroup is limited to this cluster's groups.
import { PolicyStatement } from "../../common/iamDocument";
import { CatalogContext, ResolvedWellKnownPolicy } from "./args";
import { CatalogEntry, need } from "./entry";
import { regionalArn } from "./arns";

const KIND = "cluster-autoscaler";

function statements(args: ResolvedWellKnownPolicy, ctx: CatalogContext): PolicyStatement[] {
    const cluster = need(args.clusterName, "clusterName", KIND);
    return [
        {
            // Describe calls support no resource type.
            Sid: "Describe",
            Effect: "Allow",
            Action: [
                "autoscaling:DescribeAutoScalingGroups",
                "autoscaling:DescribeAutoScalingInstances",
                "autoscaling:DescribeLaunchConfigurations",
                "autoscaling:DescribeScalingActivities",
                "autoscaling:DescribeTags",
                "ec2:DescribeImages",
                "ec2:DescribeInstanceTypes",
                "ec2:DescribeLaunchTemplateVersions",
                "ec2:GetInstanceTypesFromInstanceRequirements",
            ],
            Resource: "*",
        },
        {
            // Reads labels and taints of managed node groups scaled from zero.
            Sid: "DescribeClusterNodegroups",
            Effect: "Allow",
            Action: "eks:DescribeNodegroup",
            Resource: regionalArn(ctx, "eks", `nodegroup/${cluster}/*/*`),
        },
        {
            Sid: "ScaleClusterGroups",
            Effect: "Allow",
            Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
            Resource: regionalArn(ctx, "autoscaling", "autoScalingGroup:*:autoScalingGroupName/*"),
            Condition: {
                Null: {
                    [`autoscaling:ResourceTag/k8s.io/cluster-autoscaler/${cluster}`]: "false",
                    "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/enabled": "false",
                },
            },
        },
    ];
}

export const clusterAutoscaler: CatalogEntry = {
    kind: KIND,
    upstream: {
        repository: "kubernetes/autoscaler",
        path: "cluster-autoscaler/cloudprovider/aws/README.md",
        version: "cluster-autoscaler-1.36.1",
        drops: [],
    },
    required: ["clusterName"],
    optional: [],
    statements,
};
