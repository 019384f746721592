import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, list, statement, allActions } from "./fixtures";

const ENIS = "arn:aws:ec2:us-west-2:111122223333:network-interface/*";
const TAG_ENIS = { Sid: "TagNetworkInterfaces", Effect: "Allow", Action: "ec2:CreateTags", Resource: ENIS };
const DESCRIBE = [
    "ec2:DescribeInstances",
    "ec2:DescribeTags",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeInstanceTypes",
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
                        "arn:aws:ec2:us-west-2:111122223333:subnet/*",
                        "arn:aws:ec2:us-west-2:111122223333:security-group/*",
                    ],
                },
                {
                    Sid: "Describe",
                    Effect: "Allow",
                    Action: [...DESCRIBE, "ec2:DescribeSubnets"],
                    Resource: "*",
                },
                TAG_ENIS,
            ],
        });
    });

    it("ipv6: addresses from the primary ENI, no ENI lifecycle, no subnets to describe", () => {
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
