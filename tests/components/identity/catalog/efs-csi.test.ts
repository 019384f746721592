import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, FS, FULL, statement } from "./fixtures";

describe("identity/catalog/efs-csi", () => {
    describe("key statements", () => {
        const cases: {
            kind: string;
            args: ResolvedWellKnownPolicy;
            check: (doc: PolicyDocument) => void;
        }[] = [
            {
                kind: "efs-csi",
                args: FULL["efs-csi"],
                check: (doc) => {
                    assert.deepStrictEqual(statement(doc, "CreateAccessPoints"), {
                        Sid: "CreateAccessPoints",
                        Effect: "Allow",
                        Action: "elasticfilesystem:CreateAccessPoint",
                        Resource: FS,
                        Condition: {
                            StringEquals: {
                                "aws:RequestTag/efs.csi.aws.com/cluster": "true",
                                "aws:RequestTag/kubernetes.io/cluster/prod": "owned",
                            },
                        },
                    });
                    assert.strictEqual(
                        statement(doc, "DeleteOwnedAccessPoints").Resource,
                        "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/*",
                    );
                },
            },
        ];
        for (const c of cases) {
            it(c.kind, () => c.check(wellKnownPolicyDocument(c.args, CTX)));
        }
    });
});
