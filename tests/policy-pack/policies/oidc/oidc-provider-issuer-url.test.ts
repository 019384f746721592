import * as assert from "assert";
import { oidcProviderIssuerUrl } from "../../../../policy-pack/policies/oidc/oidc-provider-issuer-url";
import { T, U, resource } from "../../factories";
import { messages } from "../../harness";

describe("oidc-provider-issuer-url", () => {
    const policy = oidcProviderIssuerUrl;

    it("flags a non-https issuer, passes https and unknown", async () => {
        assert.deepStrictEqual(await messages(policy, resource(T.oidc, "o", { url: "http://issuer" })), [
            `The OIDC provider url "http://issuer" is not an https:// URL. Use the cluster's issuer, e.g. cluster.identities[0].oidcs[0].issuer.`,
        ]);
        assert.deepStrictEqual(await messages(policy, resource(T.oidc, "o", { url: "https://issuer" })), []);
        assert.deepStrictEqual(await messages(policy, resource(T.oidc, "o", { url: U })), []);
    });
});
