import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { trustIrsaSubjectRequired } from "../../../../policy-pack/policies/trust/trust-irsa-subject-required";
import { AUD, ISSUER, SUB, U, irsaTrust, irsaWith, role, workloadTrust } from "../../factories";
import { messages, runResource, UNDETERMINED_TRUST } from "../../harness";

const unknownTrust = () => role("app-role", U, true);

describe("trust-irsa-subject-required", () => {
    const policy = trustIrsaSubjectRequired as ResourceValidationPolicy;

    it("passes the components' IRSA and both-mode trust", async () => {
        assert.deepStrictEqual(await messages(policy, role("a", irsaTrust(), false)), []);
        assert.deepStrictEqual(await messages(policy, role("a", workloadTrust(), false)), []);
    });

    it("flags aud without sub: every service account of the cluster could assume the role", async () => {
        assert.deepStrictEqual(
            await messages(policy, irsaWith({ StringEquals: { [AUD]: "sts.amazonaws.com" } })),
            [
                `Trust statement 0 trusts the OIDC provider ${ISSUER} without a condition on "${SUB}", so every service account of that cluster can assume the role. ` +
                    `Add "StringEquals": {"${SUB}": "system:serviceaccount:<namespace>:<service-account>"}.`,
            ],
        );
    });

    it("does not count a negated or IfExists sub as a restriction", async () => {
        const r = irsaWith({
            StringNotEquals: { [SUB]: "x" },
            StringEqualsIfExists: { [SUB]: "y" },
            StringEquals: { [AUD]: "sts.amazonaws.com" },
        });
        assert.strictEqual((await messages(policy, r)).length, 1);
    });

    it("matches condition keys and operators case-insensitively, as IAM does", async () => {
        const r = irsaWith({
            stringequals: {
                [SUB.toUpperCase()]: "system:serviceaccount:app:api",
                [AUD]: "sts.amazonaws.com",
            },
        });
        assert.deepStrictEqual(await messages(policy, r), []);
    });

    it("reports an unknown trust policy undetermined, without reading through the proxy", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), [UNDETERMINED_TRUST]);
    });

    it("is not applicable to other resource types", async () => {
        const outcome = await runResource(policy, {
            urn: "u",
            type: "aws:s3/bucket:Bucket",
            name: "b",
            props: {},
        });
        assert.strictEqual(
            outcome.notApplicable,
            "Policy only applies to resources of type 'aws:iam/role:Role'",
        );
    });
});
