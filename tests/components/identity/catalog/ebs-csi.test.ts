import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, KEY, FULL, statement, allActions } from "./fixtures";

describe("identity/catalog/ebs-csi", () => {
    describe("key statements", () => {
        const cases: {
            kind: string;
            args: ResolvedWellKnownPolicy;
            check: (doc: PolicyDocument) => void;
        }[] = [
            {
                kind: "ebs-csi with clusterName and KMS keys",
                args: FULL["ebs-csi"],
                check: (doc) => {
                    assert.deepStrictEqual(statement(doc, "CreateVolume"), {
                        Sid: "CreateVolume",
                        Effect: "Allow",
                        Action: "ec2:CreateVolume",
                        Resource: "arn:aws:ec2:us-west-2:111122223333:volume/*",
                        Condition: { StringEquals: { "aws:RequestTag/kubernetes.io/cluster/prod": "owned" } },
                    });
                    assert.deepStrictEqual(statement(doc, "DeleteSnapshot").Condition, {
                        StringEquals: { "ec2:ResourceTag/kubernetes.io/cluster/prod": "owned" },
                    });
                    assert.strictEqual(
                        statement(doc, "DeleteSnapshot").Resource,
                        "arn:aws:ec2:us-west-2::snapshot/*",
                    );
                    assert.deepStrictEqual(statement(doc, "KmsGrantsForEbs"), {
                        Sid: "KmsGrantsForEbs",
                        Effect: "Allow",
                        Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
                        Resource: KEY,
                        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
                    });
                    assert.deepStrictEqual(statement(doc, "AttachVolumes").Resource, [
                        "arn:aws:ec2:us-west-2:111122223333:volume/*",
                        "arn:aws:ec2:us-west-2:111122223333:instance/*",
                    ]);
                },
            },
            {
                kind: "ebs-csi without scope (upstream generic tags, no KMS)",
                args: { kind: "ebs-csi" },
                check: (doc) => {
                    assert.deepStrictEqual(
                        doc.Statement.filter((s) => s.Action === "ec2:DeleteVolume").map((s) => s.Condition),
                        [
                            { StringLike: { "ec2:ResourceTag/ebs.csi.aws.com/cluster": "true" } },
                            { StringLike: { "ec2:ResourceTag/CSIVolumeName": "*" } },
                            { StringLike: { "ec2:ResourceTag/kubernetes.io/created-for/pvc/name": "*" } },
                        ],
                    );
                    assert.ok(!allActions([doc]).some((a) => a.startsWith("kms:")));
                },
            },
        ];
        for (const c of cases) {
            it(c.kind, () => c.check(wellKnownPolicyDocument(c.args, CTX)));
        }
    });
});
