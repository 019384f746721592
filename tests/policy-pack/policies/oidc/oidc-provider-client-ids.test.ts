import * as assert from "assert";
import { oidcProviderClientIds } from "../../../../policy-pack/policies/oidc/oidc-provider-client-ids";
import { T, U, resource } from "../../factories";
import { messages } from "../../harness";

describe("oidc-provider-client-ids", () => {
    const policy = oidcProviderClientIds;
    const provider = (clientIdLists: unknown) =>
        resource(T.oidc, "oidc", { url: "https://x", clientIdLists });

    it("passes exactly sts.amazonaws.com and an unknown list", async () => {
        assert.deepStrictEqual(await messages(policy, provider(["sts.amazonaws.com"])), []);
        assert.deepStrictEqual(await messages(policy, provider(U)), []);
    });

    it("flags extra or missing client ids; allows configured ones", async () => {
        assert.deepStrictEqual(await messages(policy, provider(["sts.amazonaws.com", "vault"])), [
            `The OIDC provider lists client ids ["sts.amazonaws.com","vault"]. Set clientIdLists to ["sts.amazonaws.com"]: every other audience is a token STS would accept.`,
        ]);
        assert.strictEqual((await messages(policy, provider([]))).length, 1);
        assert.deepStrictEqual(
            await messages(policy, provider(["sts.amazonaws.com", "vault"]), {
                allowedClientIds: ["sts.amazonaws.com", "vault"],
            }),
            [],
        );
    });
});
