import * as assert from "assert";
import { wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX } from "./fixtures";

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
});
