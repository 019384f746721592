import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, ZONE, ZONE2, FULL, statement } from "./fixtures";
import { describeConformance } from "./conformance";

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
                            Action: "route53:ChangeResourceRecordSets",
                            Resource: ZONE,
                        },
                        {
                            Sid: "ReadAllZones",
                            Effect: "Allow",
                            Action: ["route53:ListResourceRecordSets", "route53:ListTagsForResources"],
                            Resource: "arn:aws:route53:::hostedzone/*",
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

describe("identity/catalog/external-dns conformance", () => {
    describeConformance({
        kind: "external-dns",
        reference: ["IAM Policy (default)"],
        variants: [
            {
                name: "hostedZoneArns=[Z0123456789ABCDEFGHIJ], no --zone-id-filter (default) or with it",
                args: { kind: "external-dns", hostedZoneArns: [ZONE] },
                requests: [
                    {
                        action: "route53:ListHostedZones",
                        resource: "*",
                        note: "aws.go zones(): paginates every hosted zone",
                    },
                    {
                        action: "route53:ListResourceRecordSets",
                        resource: "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
                        note: "aws.go records(): every zone that passed the filters (--zone-id-filter=Z0123456789ABCDEFGHIJ)",
                    },
                    {
                        action: "route53:ListResourceRecordSets",
                        resource: "arn:aws:route53:::hostedzone/Z9999999999OTHERZONE",
                        note: "aws.go records(): every zone that passed the filters; zone not listed; reached when --zone-id-filter unset (default)",
                    },
                    {
                        action: "route53:ChangeResourceRecordSets",
                        resource: "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
                        context: {
                            "route53:ChangeResourceRecordSetsRecordTypes": ["A", "TXT"],
                            "route53:ChangeResourceRecordSetsActions": ["UPSERT"],
                            "route53:ChangeResourceRecordSetsNormalizedRecordNames": [
                                "app.example.com",
                                "a-app.example.com",
                            ],
                        },
                        note: "aws.go submitChanges on a zone of --zone-id-filter",
                    },
                    {
                        action: "route53:ListTagsForResources",
                        resource: "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
                        note: "aws.go tagsForZone, batches of 10: only with --aws-zone-tags",
                    },
                    {
                        action: "route53:ListTagsForResources",
                        resource: "arn:aws:route53:::hostedzone/Z9999999999OTHERZONE",
                        note: "aws.go tagsForZone: --aws-zone-tags reads the tags of every zone before filtering on them",
                    },
                ],
                denied: [
                    {
                        action: "route53:ChangeResourceRecordSets",
                        resource: "arn:aws:route53:::hostedzone/Z9999999999OTHERZONE",
                        context: {
                            "route53:ChangeResourceRecordSetsRecordTypes": ["A", "TXT"],
                            "route53:ChangeResourceRecordSetsActions": ["UPSERT"],
                        },
                        note: "a zone not in hostedZoneArns",
                    },
                    {
                        action: "route53:DeleteHostedZone",
                        resource: "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
                        note: "zone management is not the controller's",
                    },
                ],
            },
        ],
    });
});
