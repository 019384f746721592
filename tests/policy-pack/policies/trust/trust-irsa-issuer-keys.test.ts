import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { trustIrsaIssuerKeys } from "../../../../policy-pack/policies/trust/trust-irsa-issuer-keys";
import { AUD, ISSUER, SUB, U, irsaTrust, irsaWith, role } from "../../factories";
import { messages, UNDETERMINED_TRUST } from "../../harness";

const unknownTrust = () => role("app-role", U, true);

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

    it("reports an unknown trust policy undetermined, checked at pulumi up", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), [UNDETERMINED_TRUST]);
    });
});
