import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { trustIrsaAction } from "../../../../policy-pack/policies/trust/trust-irsa-action";
import { U, editTrust, irsaTrust, role } from "../../factories";
import { messages, UNDETERMINED_TRUST } from "../../harness";

const unknownTrust = () => role("app-role", U, true);

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

    it("reports an unknown trust policy undetermined, checked at pulumi up", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), [UNDETERMINED_TRUST]);
    });
});
