import * as assert from "assert";
import { trustFargateSourceArn } from "../../../../policy-pack/policies/trust/trust-fargate-source-arn";
import { ACCOUNT, U, editTrust, fargateTrust, role } from "../../factories";
import { messages, UNDETERMINED_TRUST } from "../../harness";

const unknownTrust = () => role("r", U, true);

describe("trust-fargate-source-arn", () => {
    const policy = trustFargateSourceArn;

    const withSourceArn = (value: string, extra: Record<string, unknown> = {}) => {
        const r = role("f", fargateTrust(), false);
        editTrust(
            r,
            (doc) => (doc.Statement[0].Condition = { ArnLike: { "aws:SourceArn": value }, ...extra }),
        );
        return r;
    };
    const ADVICE = `Use "ArnLike": {"aws:SourceArn": "arn:<partition>:eks:<region>:<account>:fargateprofile/<cluster>/*"} with a literal region, account and cluster, or add "StringEquals": {"aws:SourceAccount": "<account-id>"}.`;
    const tooWide = (detail: string) =>
        `Trust statement 0 trusts eks-fargate-pods.amazonaws.com with aws:SourceArn ${detail}, which matches Fargate profiles of other accounts, regions or clusters (confused deputy). ${ADVICE}`;

    it("passes the FargateProfile component's trust (arn:aws:eks:us-west-2:111122223333:fargateprofile/prod/*)", async () => {
        const r = role("f", fargateTrust(), false);
        assert.deepStrictEqual(JSON.parse(r.props.assumeRolePolicy as string).Statement[0].Condition, {
            ArnLike: { "aws:SourceArn": `arn:aws:eks:us-west-2:${ACCOUNT}:fargateprofile/prod/*` },
        });
        assert.deepStrictEqual(await messages(policy, r), []);
        assert.deepStrictEqual(
            await messages(policy, withSourceArn(`arn:aws:eks:us-west-2:${ACCOUNT}:fargateprofile/prod`)),
            [],
        );
    });

    it("flags a wildcard account, a wildcard region and a missing cluster", async () => {
        assert.deepStrictEqual(
            await messages(policy, withSourceArn("arn:aws:eks:us-west-2:*:fargateprofile/prod/*")),
            [tooWide(`"arn:aws:eks:us-west-2:*:fargateprofile/prod/*" (no literal 12-digit account)`)],
        );
        assert.deepStrictEqual(
            await messages(policy, withSourceArn(`arn:aws:eks:*:${ACCOUNT}:fargateprofile/prod/*`)),
            [tooWide(`"arn:aws:eks:*:${ACCOUNT}:fargateprofile/prod/*" (no literal region)`)],
        );
        assert.deepStrictEqual(
            await messages(policy, withSourceArn(`arn:aws:eks:us-west-2:${ACCOUNT}:fargateprofile/*`)),
            [tooWide(`"arn:aws:eks:us-west-2:${ACCOUNT}:fargateprofile/*" (no literal cluster name)`)],
        );
        assert.deepStrictEqual(await messages(policy, withSourceArn("arn:aws:eks:*:*:fargateprofile/*")), [
            tooWide(
                `"arn:aws:eks:*:*:fargateprofile/*" (no literal region, no literal 12-digit account, no literal cluster name)`,
            ),
        ]);
        assert.deepStrictEqual(
            await messages(policy, withSourceArn(`arn:aws:eks:us-west-2:${ACCOUNT}:cluster/prod`)),
            [tooWide(`"arn:aws:eks:us-west-2:${ACCOUNT}:cluster/prod" (not an EKS fargateprofile ARN)`)],
        );
    });

    it("accepts a wildcard Fargate profile ARN only next to a literal aws:SourceAccount", async () => {
        const wildcard = "arn:aws:eks:*:*:fargateprofile/*";
        assert.deepStrictEqual(
            await messages(
                policy,
                withSourceArn(wildcard, { StringEquals: { "aws:SourceAccount": ACCOUNT } }),
            ),
            [],
        );
        assert.strictEqual(
            (await messages(policy, withSourceArn(wildcard, { StringLike: { "aws:SourceAccount": "*" } })))
                .length,
            1,
        );
        assert.strictEqual(
            (await messages(policy, withSourceArn("*", { StringEquals: { "aws:SourceAccount": ACCOUNT } })))
                .length,
            1,
        );
    });

    it("flags a Fargate trust without aws:SourceArn", async () => {
        const r = role("f", fargateTrust(), false);
        editTrust(r, (doc) => delete doc.Statement[0].Condition);
        assert.deepStrictEqual(await messages(policy, r), [
            `Trust statement 0 trusts eks-fargate-pods.amazonaws.com without an aws:SourceArn condition on Fargate profile ARNs, so another account's Fargate profile could use the role (confused deputy). ` +
                `Add "ArnLike": {"aws:SourceArn": "arn:<partition>:eks:<region>:<account>:fargateprofile/<cluster>/*"}.`,
        ]);
    });

    it("reports an unknown trust policy undetermined, checked at pulumi up", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), [UNDETERMINED_TRUST]);
    });
});
