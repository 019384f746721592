import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, NODE_ROLE, QUEUE, FULL, statement, allActions } from "./fixtures";

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
