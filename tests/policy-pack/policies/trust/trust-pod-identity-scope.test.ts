import * as assert from "assert";
import { policyDocument } from "../../../../components/common/iamDocument";
import { podIdentityTrustStatement } from "../../../../components/trust/podIdentity";
import { trustPodIdentityScope } from "../../../../policy-pack/policies/trust/trust-pod-identity-scope";
import { ACCOUNT, CLUSTER_ARN, U, podRole, role } from "../../factories";
import { messages, UNDETERMINED_TRUST } from "../../harness";

describe("trust-pod-identity-scope", () => {
    const policy = trustPodIdentityScope;
    const LOWER = `If the association sets disableSessionTags (EKS then sends no session tags), lower trust-pod-identity-scope to advisory or set its requireSessionTags to false in the policy config.`;
    const NS = "aws:RequestTag/kubernetes-namespace";
    const SA = "aws:RequestTag/kubernetes-service-account";
    const missingBoth =
        `Trust statement 1 trusts pods.eks.amazonaws.com without "${NS}" and "${SA}" conditions, so any Pod Identity association in the account can use the role. ` +
        `Add "StringEquals": {"${NS}": "<namespace>", "${SA}": "<service-account>"} (optionally "aws:RequestTag/eks-cluster-arn": "<cluster-arn>" to pin the cluster). ${LOWER}`;
    const unscoped =
        `Trust statement 1 trusts pods.eks.amazonaws.com without a scoping condition, so any Pod Identity association can use the role. ` +
        `Add "StringEquals": {"aws:SourceAccount": "<account-id>", "${NS}": "<namespace>", "${SA}": "<service-account>"}.`;
    const lenient = { requireSessionTags: false };

    it("passes the components' trust (source account + session tags), by default and with requireSessionTags false", async () => {
        assert.deepStrictEqual(await messages(policy, podRole()), []);
        assert.deepStrictEqual(await messages(policy, podRole(), lenient), []);
    });

    it("flags, by default, the SourceAccount-only trust WorkloadIdentity builds with disableSessionTags", async () => {
        const statement = podIdentityTrustStatement({
            accountId: ACCOUNT,
            clusterArns: [CLUSTER_ARN],
            namespace: "app",
            serviceAccount: "api",
            disableSessionTags: true,
        });
        assert.deepStrictEqual(statement.Condition, { StringEquals: { "aws:SourceAccount": ACCOUNT } });
        const r = role("app-role", JSON.stringify(policyDocument(statement)), false);
        assert.deepStrictEqual(await messages(policy, r), [
            missingBoth.replace("statement 1", "statement 0"),
        ]);
        assert.deepStrictEqual(await messages(policy, r, lenient), []);
    });

    it("names only the missing tag, and keeps recommending aws:SourceAccount when absent", async () => {
        const r = podRole(
            (s) => (s.Condition = { StringEquals: { [NS]: "app", "aws:SourceAccount": ACCOUNT } }),
        );
        assert.deepStrictEqual(await messages(policy, r), [
            `Trust statement 1 trusts pods.eks.amazonaws.com without "${SA}" conditions, so any Pod Identity association in the account can use the role. ` +
                `Add "StringEquals": {"${SA}": "<service-account>"} (optionally "aws:RequestTag/eks-cluster-arn": "<cluster-arn>" to pin the cluster). ${LOWER}`,
        ]);
        const noAccount = podRole((s) => delete s.Condition);
        assert.deepStrictEqual(await messages(policy, noAccount), [
            `Trust statement 1 trusts pods.eks.amazonaws.com without "${NS}" and "${SA}" conditions, so any Pod Identity association in the account can use the role. ` +
                `Add "StringEquals": {"${NS}": "<namespace>", "${SA}": "<service-account>"}, together with "aws:SourceAccount": "<account-id>" (optionally "aws:RequestTag/eks-cluster-arn": "<cluster-arn>" to pin the cluster). ${LOWER}`,
        ]);
    });

    it("does not count a wildcard-only or IfExists session-tag condition", async () => {
        const r = podRole(
            (s) =>
                (s.Condition = {
                    StringEquals: { "aws:SourceAccount": ACCOUNT },
                    StringLike: { [NS]: "*" },
                    StringEqualsIfExists: { [SA]: "api" },
                }),
        );
        assert.deepStrictEqual(await messages(policy, r), [
            `Trust statement 1 trusts pods.eks.amazonaws.com without "${NS}" and "${SA}" conditions (conditions that match any value, or that IfExists / ForAllValues / a negated operator let through, do not count), so any Pod Identity association in the account can use the role. ` +
                `Add "StringEquals": {"${NS}": "<namespace>", "${SA}": "<service-account>"} (optionally "aws:RequestTag/eks-cluster-arn": "<cluster-arn>" to pin the cluster). ${LOWER}`,
        ]);
    });

    it("with requireSessionTags false: flags no condition, a wildcard account or source ARN, and IfExists-only scoping", async () => {
        const flagged = async (condition?: Record<string, unknown>) =>
            messages(
                policy,
                podRole((s) => (condition ? (s.Condition = condition) : delete s.Condition)),
                lenient,
            );
        assert.deepStrictEqual(await flagged(), [unscoped]);
        assert.deepStrictEqual(await flagged({ StringLike: { "aws:SourceAccount": "*" } }), [unscoped]);
        assert.deepStrictEqual(await flagged({ StringLike: { "aws:SourceAccount": "1111*" } }), [unscoped]);
        assert.deepStrictEqual(await flagged({ StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } }), [
            unscoped,
        ]);
        assert.deepStrictEqual(await flagged({ ArnLike: { "aws:SourceArn": "arn:aws:eks:*:*:cluster/*" } }), [
            unscoped,
        ]);
        assert.deepStrictEqual(await flagged({ StringLike: { "aws:SourceOrgID": "o-*" } }), [unscoped]);
        assert.deepStrictEqual(await flagged({ ArnLike: { "aws:SourceArn": `${CLUSTER_ARN}` } }), []);
        assert.deepStrictEqual(await flagged({ StringEquals: { "aws:SourceOrgID": "o-a1b2c3d4e5" } }), []);
        assert.deepStrictEqual(await flagged({ StringEquals: { "aws:SourceAccount": ACCOUNT } }), []);
    });

    it("reports an unknown trust policy undetermined, checked at pulumi up", async () => {
        assert.deepStrictEqual(await messages(policy, role("r", U, true)), [UNDETERMINED_TRUST]);
    });
});
