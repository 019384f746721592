import * as assert from "assert";
import { wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, FULL } from "./fixtures";
import { describeConformance } from "./conformance";

describe("identity/catalog/cluster-autoscaler", () => {
    describe("full documents", () => {
        it("cluster-autoscaler", () => {
            assert.deepStrictEqual(wellKnownPolicyDocument(FULL["cluster-autoscaler"], CTX), {
                Version: "2012-10-17",
                Statement: [
                    {
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
                        Sid: "DescribeClusterNodegroups",
                        Effect: "Allow",
                        Action: "eks:DescribeNodegroup",
                        Resource: "arn:aws:eks:us-west-2:111122223333:nodegroup/prod/*/*",
                    },
                    {
                        Sid: "ScaleClusterGroups",
                        Effect: "Allow",
                        Action: [
                            "autoscaling:SetDesiredCapacity",
                            "autoscaling:TerminateInstanceInAutoScalingGroup",
                        ],
                        Resource:
                            "arn:aws:autoscaling:us-west-2:111122223333:autoScalingGroup:*:autoScalingGroupName/*",
                        Condition: {
                            Null: {
                                "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/prod": "false",
                                "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/enabled": "false",
                            },
                        },
                    },
                ],
            });
        });
    });
});

describe("identity/catalog/cluster-autoscaler conformance", () => {
    describeConformance({
        kind: "cluster-autoscaler",
        reference: ["Full Cluster Autoscaler Features Policy (Recommended; default: ASG auto-discovery)"],
        variants: [
            {
                name: "clusterName=demo, auto-discovery (EKS managed and self-managed ASGs)",
                args: { kind: "cluster-autoscaler", clusterName: "demo" },
                requests: [
                    {
                        action: "autoscaling:DescribeAutoScalingGroups",
                        resource: "*",
                        note: "cloudprovider/aws/aws_manager.go: ASG and node group discovery",
                    },
                    {
                        action: "autoscaling:DescribeScalingActivities",
                        resource: "*",
                        note: "cloudprovider/aws/aws_manager.go: ASG and node group discovery",
                    },
                    {
                        action: "ec2:DescribeLaunchTemplateVersions",
                        resource: "*",
                        note: "cloudprovider/aws/aws_manager.go: ASG and node group discovery",
                    },
                    {
                        action: "ec2:GetInstanceTypesFromInstanceRequirements",
                        resource: "*",
                        note: "cloudprovider/aws/aws_manager.go: ASG and node group discovery",
                    },
                    {
                        action: "eks:DescribeNodegroup",
                        resource:
                            "arn:aws:eks:us-west-2:111122223333:nodegroup/demo/ng-1/0123abcd-0123-4567-89ab-0123456789ab",
                        note: "cloudprovider/aws/aws_manager.go: ASG and node group discovery",
                    },
                    {
                        action: "autoscaling:SetDesiredCapacity",
                        resource:
                            "arn:aws:autoscaling:us-west-2:111122223333:autoScalingGroup:0123abcd-0123-4567-89ab-0123456789ab:autoScalingGroupName/eks-ng-1",
                        context: {
                            "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/demo": "owned",
                            "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/enabled": "true",
                            "aws:ResourceTag/k8s.io/cluster-autoscaler/demo": "owned",
                            "aws:ResourceTag/k8s.io/cluster-autoscaler/enabled": "true",
                        },
                        note: "EKS managed node group ASG tags",
                    },
                    {
                        action: "autoscaling:TerminateInstanceInAutoScalingGroup",
                        resource:
                            "arn:aws:autoscaling:us-west-2:111122223333:autoScalingGroup:0123abcd-0123-4567-89ab-0123456789ab:autoScalingGroupName/eks-ng-1",
                        context: {
                            "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/demo": "owned",
                            "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/enabled": "true",
                        },
                        note: "cloudprovider/aws/aws_manager.go: ASG and node group discovery",
                    },
                    {
                        action: "autoscaling:SetDesiredCapacity",
                        resource:
                            "arn:aws:autoscaling:us-west-2:111122223333:autoScalingGroup:0123abcd-0123-4567-89ab-0123456789ab:autoScalingGroupName/eks-ng-1",
                        context: {
                            "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/demo": "true",
                            "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/enabled": "yes",
                        },
                        note: "self-managed ASG tagged with other values (README: values ignored by auto-discovery)",
                    },
                    {
                        action: "autoscaling:DescribeAutoScalingInstances",
                        resource: "*",
                        note: "aws_manager.go: instance and template discovery for scale-from-zero",
                    },
                    {
                        action: "autoscaling:DescribeLaunchConfigurations",
                        resource: "*",
                        note: "aws_manager.go: instance and template discovery for scale-from-zero",
                    },
                    {
                        action: "ec2:DescribeImages",
                        resource: "*",
                        note: "aws_manager.go: instance and template discovery for scale-from-zero",
                    },
                    {
                        action: "ec2:DescribeInstanceTypes",
                        resource: "*",
                        note: "aws_manager.go: instance and template discovery for scale-from-zero",
                    },
                ],
                denied: [
                    {
                        action: "autoscaling:SetDesiredCapacity",
                        resource:
                            "arn:aws:autoscaling:us-west-2:111122223333:autoScalingGroup:0123abcd-0123-4567-89ab-0123456789ab:autoScalingGroupName/eks-ng-1",
                        note: "static --nodes= ASG without the discovery tags: tag it",
                    },
                    {
                        action: "autoscaling:SetDesiredCapacity",
                        resource:
                            "arn:aws:autoscaling:us-west-2:111122223333:autoScalingGroup:0123abcd-0123-4567-89ab-0123456789ab:autoScalingGroupName/eks-ng-1",
                        context: {
                            "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/other": "owned",
                            "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/enabled": "true",
                        },
                        note: "another cluster's ASG",
                    },
                ],
            },
        ],
    });
});
