import * as assert from "assert";
import { oidcProviderQuota } from "../../../../policy-pack/policies/oidc/oidc-provider-quota";
import { T, U, resource } from "../../factories";
import { stackMessages } from "../../harness";

describe("oidc-provider-quota", () => {
    const policy = oidcProviderQuota;
    const providers = (n: number) =>
        Array.from({ length: n }, (_, i) => resource(T.oidc, `o${i}`, { url: U }));

    it("passes at the quota and flags one over; counts configured existing providers", async () => {
        assert.deepStrictEqual(await stackMessages(policy, providers(100)), []);
        assert.deepStrictEqual(await stackMessages(policy, providers(101)), [
            `The stack creates 101 OIDC providers; with 0 existing that is 101, over the quota of 100. Move clusters to EKS Pod Identity (no provider needed) or raise the quota and set maxProviders.`,
        ]);
        assert.strictEqual((await stackMessages(policy, providers(3), { existingProviders: 98 })).length, 1);
        assert.deepStrictEqual(await stackMessages(policy, providers(101), { maxProviders: 200 }), []);
    });
});
