import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, ZONE, FULL, statement } from "./fixtures";
import { describeConformance } from "./conformance";

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

describe("identity/catalog/cert-manager conformance", () => {
    describeConformance({
        kind: "cert-manager",
        variants: [
            {
                name: "hostedZoneArns=[Z0123456789ABCDEFGHIJ]",
                args: {
                    kind: "cert-manager",
                    hostedZoneArns: ["arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ"],
                },
                requests: [
                    {
                        action: "route53:ListHostedZonesByName",
                        resource: "*",
                        note: "pkg/issuer/acme/dns/route53: DNS-01 challenge (v1.21.1)",
                    },
                    {
                        action: "route53:ChangeResourceRecordSets",
                        resource: "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
                        context: {
                            "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"],
                            "route53:ChangeResourceRecordSetsActions": ["UPSERT"],
                            "route53:ChangeResourceRecordSetsNormalizedRecordNames": [
                                "_acme-challenge.app.example.com",
                            ],
                        },
                        note: "pkg/issuer/acme/dns/route53: DNS-01 challenge (v1.21.1)",
                    },
                    {
                        action: "route53:ChangeResourceRecordSets",
                        resource: "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
                        context: {
                            "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"],
                            "route53:ChangeResourceRecordSetsActions": ["DELETE"],
                            "route53:ChangeResourceRecordSetsNormalizedRecordNames": [
                                "_acme-challenge.app.example.com",
                            ],
                        },
                        note: "pkg/issuer/acme/dns/route53: DNS-01 challenge (v1.21.1)",
                    },
                    {
                        action: "route53:GetChange",
                        resource: "arn:aws:route53:::change/C0123456789ABCDEFGHIJ",
                        note: "pkg/issuer/acme/dns/route53: DNS-01 challenge (v1.21.1)",
                    },
                    {
                        action: "route53:ListResourceRecordSets",
                        resource: "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
                        note: "granted by upstream's docs; the v1.21.1 solver never calls it (it UPSERTs and DELETEs)",
                    },
                ],
                denied: [
                    {
                        action: "route53:ChangeResourceRecordSets",
                        resource: "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
                        context: {
                            "route53:ChangeResourceRecordSetsRecordTypes": ["A"],
                            "route53:ChangeResourceRecordSetsActions": ["UPSERT"],
                        },
                        note: "an A record: only TXT challenges",
                    },
                    {
                        action: "route53:ChangeResourceRecordSets",
                        resource: "arn:aws:route53:::hostedzone/Z9999999999OTHERZONE",
                        context: {
                            "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"],
                            "route53:ChangeResourceRecordSetsActions": ["UPSERT"],
                        },
                        note: "a zone not listed",
                    },
                ],
            },
        ],
    });
});
