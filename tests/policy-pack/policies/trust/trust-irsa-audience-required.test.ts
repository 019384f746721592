import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { trustIrsaAudienceRequired } from "../../../../policy-pack/policies/trust/trust-irsa-audience-required";
import { AUD, ISSUER, SUB, U, irsaTrust, irsaWith, role } from "../../factories";
import { messages, UNDETERMINED_TRUST } from "../../harness";

const unknownTrust = () => role("app-role", U, true);

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

    it("reports an unknown trust policy undetermined, checked at pulumi up", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), [UNDETERMINED_TRUST]);
    });
});
