import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { ResourceInput } from "../../policy-pack/lib/evaluate";
import { trustIrsaAction } from "../../policy-pack/policies/trust/trust-irsa-action";
import { trustIrsaAudienceRequired } from "../../policy-pack/policies/trust/trust-irsa-audience-required";
import { trustIrsaConditionOperators } from "../../policy-pack/policies/trust/trust-irsa-condition-operators";
import { trustIrsaIssuerKeys } from "../../policy-pack/policies/trust/trust-irsa-issuer-keys";
import { trustIrsaSubjectRequired } from "../../policy-pack/policies/trust/trust-irsa-subject-required";
import { trustIrsaSubjectWildcard } from "../../policy-pack/policies/trust/trust-irsa-subject-wildcard";
import { ISSUER, U, editTrust, irsaTrust, role, workloadTrust } from "./factories";
import { messages, runResource } from "./harness";

const SUB = `${ISSUER}:sub`;
const AUD = `${ISSUER}:aud`;

/** The components' IRSA trust with its condition block replaced. */
function irsaWith(condition: Record<string, unknown>, extra: Record<string, unknown> = {}): ResourceInput {
    const r = role("app-role", irsaTrust(), false);
    editTrust(r, (doc) => {
        doc.Statement[0].Condition = condition;
        Object.assign(doc.Statement[0], extra);
    });
    return r;
}

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

    it("skips an unknown trust policy without reading through the proxy", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), []);
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

describe("trust-irsa-audience-required", () => {
    const policy = trustIrsaAudienceRequired as ResourceValidationPolicy;

    it("passes the components' trust", async () => {
        assert.deepStrictEqual(await messages(policy, role("a", irsaTrust(), false)), []);
    });

    it("flags a missing aud", async () => {
        assert.deepStrictEqual(
            await messages(policy, irsaWith({ StringEquals: { [SUB]: "system:serviceaccount:app:api" } })),
            [
                `Trust statement 0 trusts the OIDC provider ${ISSUER} without a condition on "${AUD}". Add "StringEquals": {"${AUD}": "sts.amazonaws.com"}.`,
            ],
        );
    });

    it("flags another audience, and accepts it once configured", async () => {
        const r = irsaWith({
            StringEquals: { [SUB]: "system:serviceaccount:app:api", [AUD]: ["sts.amazonaws.com", "vault"] },
        });
        assert.deepStrictEqual(await messages(policy, r), [
            `Trust statement 0 accepts the audience(s) "vault" for ${ISSUER}. Accept only "sts.amazonaws.com".`,
        ]);
        assert.deepStrictEqual(
            await messages(policy, r, { allowedAudiences: ["sts.amazonaws.com", "vault"] }),
            [],
        );
    });

    it("skips an unknown trust policy", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), []);
    });
});

describe("trust-irsa-subject-wildcard", () => {
    const policy = trustIrsaSubjectWildcard as ResourceValidationPolicy;
    const like = (sub: string) =>
        irsaWith({ StringLike: { [SUB]: sub }, StringEquals: { [AUD]: "sts.amazonaws.com" } });
    const message = (value: string) =>
        `Trust statement 0 lets "${SUB}" match "${value}" under StringLike, so every service account matching it can assume the role. ` +
        `Name one service account with "StringEquals": {"${SUB}": "system:serviceaccount:<namespace>:<service-account>"}.`;

    it("passes a single service account, even under StringLike", async () => {
        assert.deepStrictEqual(await messages(policy, like("system:serviceaccount:app:api")), []);
    });

    for (const value of [
        "system:serviceaccount:*:*",
        "system:serviceaccount:*:default",
        "*",
        "system:serviceaccount:app-?:api",
    ]) {
        it(`flags ${value}`, async () => {
            assert.deepStrictEqual(await messages(policy, like(value)), [message(value)]);
        });
    }

    it("flags a namespace-wide subject unless allowNamespaceWide is set; never a wildcard namespace", async () => {
        assert.deepStrictEqual(await messages(policy, like("system:serviceaccount:app:*")), [
            message("system:serviceaccount:app:*"),
        ]);
        assert.deepStrictEqual(
            await messages(policy, like("system:serviceaccount:app:*"), { allowNamespaceWide: true }),
            [],
        );
        assert.deepStrictEqual(
            await messages(policy, like("system:serviceaccount:*:*"), { allowNamespaceWide: true }),
            [message("system:serviceaccount:*:*")],
        );
    });

    it("leaves a wildcard under StringEquals to trust-wildcard-operator (it never matches)", async () => {
        const r = irsaWith({
            StringEquals: { [SUB]: "system:serviceaccount:*:*", [AUD]: "sts.amazonaws.com" },
        });
        assert.deepStrictEqual(await messages(policy, r), []);
    });

    it("skips an unknown trust policy", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), []);
    });
});

describe("trust-irsa-condition-operators", () => {
    const policy = trustIrsaConditionOperators as ResourceValidationPolicy;

    it("passes plain StringEquals", async () => {
        assert.deepStrictEqual(await messages(policy, role("a", irsaTrust(), false)), []);
    });

    it("flags ForAllValues: and IfExists on sub/aud, whatever their case", async () => {
        const r = irsaWith({
            "forallvalues:StringEquals": { [SUB]: "system:serviceaccount:app:api" },
            StringEqualsIfExists: { [AUD]: "sts.amazonaws.com" },
        });
        assert.deepStrictEqual(await messages(policy, r), [
            `Trust statement 0 checks "${SUB}" with forallvalues:StringEquals, which is true when the key is missing. Use "StringEquals" instead.`,
            `Trust statement 0 checks "${AUD}" with StringEqualsIfExists, which is true when the key is missing. Use "StringEquals" instead.`,
        ]);
    });

    it("ignores IfExists on keys other than sub/aud", async () => {
        const r = irsaWith({
            StringEquals: { [SUB]: "system:serviceaccount:app:api", [AUD]: "sts.amazonaws.com" },
            StringEqualsIfExists: { "aws:PrincipalTag/team": "a" },
        });
        assert.deepStrictEqual(await messages(policy, r), []);
    });

    it("skips an unknown trust policy", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), []);
    });
});

describe("trust-irsa-issuer-keys", () => {
    const policy = trustIrsaIssuerKeys as ResourceValidationPolicy;
    const OTHER = "oidc.eks.eu-west-1.amazonaws.com/id/OTHER";

    it("passes keys of the provider's own issuer", async () => {
        assert.deepStrictEqual(await messages(policy, role("a", irsaTrust(), false)), []);
    });

    it("flags keys of another issuer", async () => {
        const r = irsaWith({
            StringEquals: { [`${OTHER}:sub`]: "system:serviceaccount:app:api", [AUD]: "sts.amazonaws.com" },
        });
        assert.deepStrictEqual(await messages(policy, r), [
            `Trust statement 0 trusts ${ISSUER} but its condition key "${OTHER}:sub" belongs to ${OTHER}. ` +
                `Use the keys of the trusted provider's issuer, or put this issuer in its own statement with its own Federated principal.`,
        ]);
    });

    it("does not mistake global keys (aws:, sts:) for issuers", async () => {
        const r = irsaWith({
            StringEquals: {
                [SUB]: "system:serviceaccount:app:api",
                [AUD]: "sts.amazonaws.com",
                "aws:SourceAccount": "1",
            },
        });
        assert.deepStrictEqual(await messages(policy, r), []);
    });

    it("skips an unknown trust policy", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), []);
    });
});

describe("trust-irsa-action", () => {
    const policy = trustIrsaAction as ResourceValidationPolicy;

    it("passes sts:AssumeRoleWithWebIdentity (and sts:TagSession)", async () => {
        assert.deepStrictEqual(await messages(policy, role("a", irsaTrust(), false)), []);
        const r = role("a", irsaTrust(), false);
        editTrust(
            r,
            (doc) => (doc.Statement[0].Action = ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]),
        );
        assert.deepStrictEqual(await messages(policy, r), []);
    });

    it("flags sts:AssumeRole and sts:* with a Federated principal", async () => {
        const r = role("a", irsaTrust(), false);
        editTrust(r, (doc) => (doc.Statement[0].Action = ["sts:AssumeRole", "sts:*"]));
        assert.deepStrictEqual(await messages(policy, r), [
            `Trust statement 0 allows "sts:AssumeRole", "sts:*" for a Federated principal. Set "Action" to "sts:AssumeRoleWithWebIdentity".`,
        ]);
    });

    it("skips an unknown trust policy", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), []);
    });
});
