import * as assert from "assert";
import { trustPodIdentityPrincipalMixing } from "../../../../policy-pack/policies/trust/trust-pod-identity-principal-mixing";
import { U, podRole, role } from "../../factories";
import { messages, UNDETERMINED_TRUST } from "../../harness";

describe("trust-pod-identity-principal-mixing", () => {
    const policy = trustPodIdentityPrincipalMixing;

    it("passes a statement naming only pods.eks.amazonaws.com", async () => {
        assert.deepStrictEqual(await messages(policy, podRole()), []);
    });

    it("flags another service in the same statement", async () => {
        const r = podRole(
            (s) => (s.Principal = { Service: ["pods.eks.amazonaws.com", "ec2.amazonaws.com"] }),
        );
        assert.deepStrictEqual(await messages(policy, r), [
            `Trust statement 1 trusts pods.eks.amazonaws.com together with "ec2.amazonaws.com". Give each principal its own statement with its own conditions.`,
        ]);
    });

    it("reports an unknown trust policy undetermined, checked at pulumi up", async () => {
        assert.deepStrictEqual(await messages(policy, role("r", U, true)), [UNDETERMINED_TRUST]);
    });
});
