import * as assert from "assert";
import { ec2ServicePrincipals, need, oneOrMany } from "../../../../components/identity/catalog/entry";

describe("identity/catalog/entry", () => {
    it("oneOrMany: a single item as a string, more as the list, the way IAM prints policies", () => {
        const cases: [string[], string | string[]][] = [
            [["arn:aws:s3:::a"], "arn:aws:s3:::a"],
            [
                ["arn:aws:s3:::a", "arn:aws:s3:::b"],
                ["arn:aws:s3:::a", "arn:aws:s3:::b"],
            ],
            [[], []],
        ];
        for (const [values, expected] of cases) {
            assert.deepStrictEqual(oneOrMany(values), expected, JSON.stringify(values));
        }
    });

    it("need: returns a set value, throws for a missing one or an empty list (never a fallback to *)", () => {
        assert.deepStrictEqual(need(["z"], "hostedZoneArns", "external-dns"), ["z"]);
        assert.strictEqual(need("prod", "clusterName", "karpenter"), "prod");
        assert.throws(
            () => need(undefined, "clusterName", "karpenter"),
            /^Error: karpenter: clusterName is required \(validate with validateWellKnownPolicy first\)$/,
        );
        assert.throws(
            () => need([], "bucketArns", "velero"),
            /^Error: velero: bucketArns is required \(validate with validateWellKnownPolicy first\)$/,
        );
    });

    it("ec2ServicePrincipals: the China form too in aws-cn only", () => {
        const cases: [string, string | string[]][] = [
            ["aws", "ec2.amazonaws.com"],
            ["aws-us-gov", "ec2.amazonaws.com"],
            ["aws-cn", ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"]],
        ];
        for (const [partition, expected] of cases) {
            assert.deepStrictEqual(ec2ServicePrincipals(partition), expected, partition);
        }
    });
});
