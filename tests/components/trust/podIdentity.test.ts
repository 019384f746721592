import * as assert from "assert";
import { eksClusterArn, podIdentityTrustStatement } from "../../../components/trust/podIdentity";
import { assertExactJson } from "./exactJson";

const BLUE = "arn:aws:eks:us-west-2:111122223333:cluster/blue";
const GREEN = "arn:aws:eks:us-west-2:111122223333:cluster/green";

describe("trust/podIdentity", () => {
    it("one statement for every cluster: account, cluster ARNs, namespace and service account session tags", () => {
        assertExactJson(
            podIdentityTrustStatement({
                accountId: "111122223333",
                clusterArns: [BLUE, GREEN],
                namespace: "payments",
                serviceAccount: "api",
            }),
            {
                Effect: "Allow",
                Principal: { Service: "pods.eks.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession"],
                Condition: {
                    StringEquals: {
                        "aws:SourceAccount": "111122223333",
                        "aws:RequestTag/eks-cluster-arn": [BLUE, GREEN],
                        "aws:RequestTag/kubernetes-namespace": "payments",
                        "aws:RequestTag/kubernetes-service-account": "api",
                    },
                },
            },
        );
    });

    it("a single cluster is still a list, so adding one is a one-item change", () => {
        const statement = podIdentityTrustStatement({
            accountId: "111122223333",
            clusterArns: [BLUE],
            namespace: "payments",
            serviceAccount: "api",
        });
        assert.deepStrictEqual(statement.Condition?.StringEquals["aws:RequestTag/eks-cluster-arn"], [BLUE]);
    });

    it("without session tags: scoped by account only, since EKS sends no request tags", () => {
        assertExactJson(
            podIdentityTrustStatement({
                accountId: "444455556666",
                clusterArns: [BLUE],
                namespace: "payments",
                serviceAccount: "api",
                disableSessionTags: true,
            }),
            {
                Effect: "Allow",
                Principal: { Service: "pods.eks.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession"],
                Condition: { StringEquals: { "aws:SourceAccount": "444455556666" } },
            },
        );
    });

    it("copies the cluster list: a caller's later change does not reach the document", () => {
        const clusterArns = [BLUE];
        const statement = podIdentityTrustStatement({
            accountId: "111122223333",
            clusterArns,
            namespace: "payments",
            serviceAccount: "api",
        });
        clusterArns.push(GREEN);
        assert.deepStrictEqual(statement.Condition?.StringEquals["aws:RequestTag/eks-cluster-arn"], [BLUE]);
    });

    it("eksClusterArn: the ARN EKS gives a cluster, from parts known before it exists, in every partition", () => {
        const table: [Parameters<typeof eksClusterArn>[0], string][] = [
            [
                { partition: "aws", region: "us-west-2", accountId: "111122223333", clusterName: "dev" },
                "arn:aws:eks:us-west-2:111122223333:cluster/dev",
            ],
            [
                {
                    partition: "aws-cn",
                    region: "cn-north-1",
                    accountId: "444455556666",
                    clusterName: "blue_1",
                },
                "arn:aws-cn:eks:cn-north-1:444455556666:cluster/blue_1",
            ],
            [
                {
                    partition: "aws-us-gov",
                    region: "us-gov-west-1",
                    accountId: "777788889999",
                    clusterName: "p",
                },
                "arn:aws-us-gov:eks:us-gov-west-1:777788889999:cluster/p",
            ],
        ];
        for (const [parts, arn] of table) {
            assert.strictEqual(eksClusterArn(parts), arn);
        }
    });
});
