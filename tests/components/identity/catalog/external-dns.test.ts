import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, ZONE, ZONE2, FULL, statement } from "./fixtures";

describe("identity/catalog/external-dns", () => {
    describe("key statements", () => {
        const cases: {
            kind: string;
            args: ResolvedWellKnownPolicy;
            check: (doc: PolicyDocument) => void;
        }[] = [
            {
                kind: "external-dns",
                args: FULL["external-dns"],
                check: (doc) => {
                    assert.deepStrictEqual(statement(doc, "ManageRecordsInZones").Resource, [ZONE, ZONE2]);
                },
            },
        ];
        for (const c of cases) {
            it(c.kind, () => c.check(wellKnownPolicyDocument(c.args, CTX)));
        }
    });

    describe("full documents", () => {
        it("external-dns", () => {
            assert.deepStrictEqual(
                wellKnownPolicyDocument({ kind: "external-dns", hostedZoneArns: [ZONE] }, CTX),
                {
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "ManageRecordsInZones",
                            Effect: "Allow",
                            Action: [
                                "route53:ChangeResourceRecordSets",
                                "route53:ListResourceRecordSets",
                                "route53:ListTagsForResource",
                            ],
                            Resource: ZONE,
                        },
                        {
                            Sid: "ListZones",
                            Effect: "Allow",
                            Action: "route53:ListHostedZones",
                            Resource: "*",
                        },
                    ],
                },
            );
        });
    });
});
