import * as assert from "assert";
import { parsePolicy } from "../../../../policy-pack/lib/iam/parser";
import {
    eksArnProblems,
    hasLiteralSourceAccount,
    matchesAnything,
} from "../../../../policy-pack/lib/iam/sourceScope";
import { ACCOUNT } from "../../factories";

/** The one statement of a service trust with `condition`. */
function statementWith(condition: Record<string, unknown>) {
    return parsePolicy({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "eks-fargate-pods.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: condition,
            },
        ],
    }).statements[0];
}

describe("matchesAnything", () => {
    it("is true for values made only of wildcards", () => {
        assert.deepStrictEqual(["*", "?*", "**", "", "a*", "*a", "arn:*"].map(matchesAnything), [
            true,
            true,
            true,
            true,
            false,
            false,
            false,
        ]);
    });
});

describe("hasLiteralSourceAccount", () => {
    it("wants a restricting aws:SourceAccount condition whose values are all 12-digit accounts", () => {
        const cases: [Record<string, unknown>, boolean][] = [
            [{ StringEquals: { "aws:SourceAccount": ACCOUNT } }, true],
            [{ StringEquals: { "aws:sourceaccount": [ACCOUNT, "444455556666"] } }, true],
            [{ StringLike: { "aws:SourceAccount": ACCOUNT } }, true],
            [{ StringEquals: { "aws:SourceAccount": [ACCOUNT, "1111*"] } }, false],
            [{ StringLike: { "aws:SourceAccount": "*" } }, false],
            [{ StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } }, false],
            [{ StringNotEquals: { "aws:SourceAccount": ACCOUNT } }, false],
            [{ StringEquals: { "aws:SourceAccount": "12345" } }, false],
            [{ StringEquals: { "aws:SourceOrgID": "o-a1b2c3d4e5" } }, false],
        ];
        for (const [condition, expected] of cases) {
            assert.strictEqual(
                hasLiteralSourceAccount(statementWith(condition)),
                expected,
                JSON.stringify(condition),
            );
        }
    });
});

describe("eksArnProblems", () => {
    it("lists what keeps an EKS ARN from naming one region, account and cluster", () => {
        const fp = "fargateprofile";
        const cases: [string, string | undefined, string[]][] = [
            [`arn:aws:eks:us-west-2:${ACCOUNT}:fargateprofile/prod/*`, fp, []],
            [`arn:aws:eks:us-west-2:${ACCOUNT}:fargateprofile/prod`, fp, []],
            [`arn:aws-cn:eks:cn-north-1:${ACCOUNT}:fargateprofile/prod/batch/abc`, fp, []],
            [`arn:aws:eks:*:${ACCOUNT}:fargateprofile/prod/*`, fp, ["no literal region"]],
            [`arn:aws:eks::${ACCOUNT}:fargateprofile/prod/*`, fp, ["no literal region"]],
            [`arn:aws:eks:uswest2:${ACCOUNT}:fargateprofile/prod/*`, fp, ['bad region "uswest2"']],
            ["arn:aws:eks:us-west-2:*:fargateprofile/prod/*", fp, ["no literal 12-digit account"]],
            [`arn:aws:eks:us-west-2:${ACCOUNT}:fargateprofile/*`, fp, ["no literal cluster name"]],
            [`arn:aws:eks:us-west-2:${ACCOUNT}:fargateprofile/pr?d/*`, fp, ["no literal cluster name"]],
            [
                "arn:aws:eks:*:*:fargateprofile/*",
                fp,
                ["no literal region", "no literal 12-digit account", "no literal cluster name"],
            ],
            [`arn:aws:eks:us-west-2:${ACCOUNT}:cluster/prod`, fp, ["not an EKS fargateprofile ARN"]],
            [`arn:aws:iam::${ACCOUNT}:role/x`, fp, ["not an EKS fargateprofile ARN"]],
            ["*", fp, ["not an EKS fargateprofile ARN"]],
            [`arn:aws:eks:us-west-2:${ACCOUNT}:cluster/prod`, undefined, []],
            [`arn:aws:eks:us-west-2:${ACCOUNT}:*`, undefined, ["no resource"]],
            ["arn:aws:eks:*:*:cluster/*", undefined, ["no literal region", "no literal 12-digit account"]],
            ["arn:aws:s3:::bucket", undefined, ["not an EKS ARN"]],
        ];
        for (const [value, resourceType, expected] of cases) {
            assert.deepStrictEqual(eksArnProblems(value, resourceType), expected, value);
        }
    });
});
