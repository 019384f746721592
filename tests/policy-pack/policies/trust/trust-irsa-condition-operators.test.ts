import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { trustIrsaConditionOperators } from "../../../../policy-pack/policies/trust/trust-irsa-condition-operators";
import { AUD, SUB, U, irsaTrust, irsaWith, role } from "../../factories";
import { messages, UNDETERMINED_TRUST } from "../../harness";

const unknownTrust = () => role("app-role", U, true);

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

    it("reports an unknown trust policy undetermined, checked at pulumi up", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), [UNDETERMINED_TRUST]);
    });
});
