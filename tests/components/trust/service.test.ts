import {
    clusterTrustPolicy,
    fargateTrustPolicy,
    nodeTrustPolicy,
    serviceTrustPolicy,
} from "../../../components/trust/service";
import { assertExactJson } from "./exactJson";

describe("trust/service", () => {
    const cases: { title: string; actual: unknown; expected: unknown }[] = [
        {
            title: "the cluster role: eks.amazonaws.com, sts:AssumeRole, no condition",
            actual: clusterTrustPolicy(),
            expected: {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "eks.amazonaws.com" },
                        Action: "sts:AssumeRole",
                    },
                ],
            },
        },
        {
            title: "a node role: ec2.amazonaws.com, sts:AssumeRole, no condition",
            actual: nodeTrustPolicy(),
            expected: {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "ec2.amazonaws.com" },
                        Action: "sts:AssumeRole",
                    },
                ],
            },
        },
        {
            title: "the Fargate pod execution role: only this cluster's profiles, in its partition, region and account",
            actual: fargateTrustPolicy("aws-cn", "cn-north-1", "444455556666", "batch"),
            expected: {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "eks-fargate-pods.amazonaws.com" },
                        Action: "sts:AssumeRole",
                        Condition: {
                            ArnLike: {
                                "aws:SourceArn":
                                    "arn:aws-cn:eks:cn-north-1:444455556666:fargateprofile/batch/*",
                            },
                        },
                    },
                ],
            },
        },
        {
            title: "several actions stay a list; one condition block as given",
            actual: serviceTrustPolicy("pods.eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"], {
                StringEquals: { "aws:SourceAccount": "111122223333" },
            }),
            expected: {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "pods.eks.amazonaws.com" },
                        Action: ["sts:AssumeRole", "sts:TagSession"],
                        Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
                    },
                ],
            },
        },
    ];
    for (const c of cases) {
        it(c.title, () => {
            assertExactJson(c.actual, c.expected);
        });
    }
});
