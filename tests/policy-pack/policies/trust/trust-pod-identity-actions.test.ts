import * as assert from "assert";
import { trustPodIdentityActions } from "../../../../policy-pack/policies/trust/trust-pod-identity-actions";
import { U, podRole, role } from "../../factories";
import { messages, UNDETERMINED_TRUST } from "../../harness";

describe("trust-pod-identity-actions", () => {
    const policy = trustPodIdentityActions;

    it("passes sts:AssumeRole + sts:TagSession, or sts:*", async () => {
        assert.deepStrictEqual(await messages(policy, podRole()), []);
        assert.deepStrictEqual(
            await messages(
                policy,
                podRole((s) => (s.Action = "sts:*")),
            ),
            [],
        );
    });

    it("flags a trust without sts:TagSession", async () => {
        assert.deepStrictEqual(
            await messages(
                policy,
                podRole((s) => (s.Action = "sts:AssumeRole")),
            ),
            [
                `Trust statement 1 trusts pods.eks.amazonaws.com without sts:TagSession, so EKS Pod Identity cannot use the role. Set "Action": ["sts:AssumeRole", "sts:TagSession"].`,
            ],
        );
    });

    it("reports an unknown trust policy undetermined, checked at pulumi up", async () => {
        assert.deepStrictEqual(await messages(policy, role("r", U, true)), [UNDETERMINED_TRUST]);
    });
});
