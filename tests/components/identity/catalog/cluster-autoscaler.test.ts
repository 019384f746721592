import * as assert from "assert";
import { wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, FULL } from "./fixtures";

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
                            StringEquals: {
                                "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/prod": "owned",
                                "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/enabled": "true",
                            },
                        },
                    },
                ],
            });
        });
    });
});
