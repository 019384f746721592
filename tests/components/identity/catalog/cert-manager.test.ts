import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, ZONE, FULL, statement } from "./fixtures";

describe("identity/catalog/cert-manager", () => {
    describe("key statements", () => {
        const cases: {
            kind: string;
            args: ResolvedWellKnownPolicy;
            check: (doc: PolicyDocument) => void;
        }[] = [
            {
                kind: "cert-manager",
                args: FULL["cert-manager"],
                check: (doc) => {
                    assert.deepStrictEqual(statement(doc, "WriteChallengeRecords").Condition, {
                        "ForAllValues:StringEquals": {
                            "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"],
                        },
                    });
                },
            },
        ];
        for (const c of cases) {
            it(c.kind, () => c.check(wellKnownPolicyDocument(c.args, CTX)));
        }
    });

    describe("full documents", () => {
        it("cert-manager", () => {
            assert.deepStrictEqual(wellKnownPolicyDocument(FULL["cert-manager"], CTX), {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "GetChange",
                        Effect: "Allow",
                        Action: "route53:GetChange",
                        Resource: "arn:aws:route53:::change/*",
                    },
                    {
                        Sid: "WriteChallengeRecords",
                        Effect: "Allow",
                        Action: "route53:ChangeResourceRecordSets",
                        Resource: ZONE,
                        Condition: {
                            "ForAllValues:StringEquals": {
                                "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"],
                            },
                        },
                    },
                    {
                        Sid: "ListRecords",
                        Effect: "Allow",
                        Action: "route53:ListResourceRecordSets",
                        Resource: ZONE,
                    },
                    {
                        Sid: "FindZone",
                        Effect: "Allow",
                        Action: "route53:ListHostedZonesByName",
                        Resource: "*",
                    },
                ],
            });
        });
    });
});
