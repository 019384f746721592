import * as assert from "assert";
import { trustWildcardOperator } from "../../../../policy-pack/policies/trust/trust-wildcard-operator";
import { U, editTrust, fargateTrust, irsaTrust, role } from "../../factories";
import { messages, UNDETERMINED_TRUST } from "../../harness";

const unknownTrust = () => role("r", U, true);

describe("trust-wildcard-operator", () => {
    const policy = trustWildcardOperator;

    it("flags wildcards under StringEquals, not under StringLike/ArnLike", async () => {
        const r = role("r", irsaTrust(), false);
        editTrust(r, (doc) => {
            const c = doc.Statement[0].Condition as Record<string, Record<string, string>>;
            c.StringEquals["x:sub"] = "system:serviceaccount:*:*";
        });
        assert.deepStrictEqual(await messages(policy, r), [
            `Trust statement 0 compares "x:sub" with "system:serviceaccount:*:*" under StringEquals, where "*" and "?" are literal: it never matches. ` +
                `Use a value without wildcards, or StringLike if a pattern is really meant.`,
        ]);
        assert.deepStrictEqual(await messages(policy, role("f", fargateTrust(), false)), []);
    });

    it("reports an unknown trust policy undetermined, checked at pulumi up", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), [UNDETERMINED_TRUST]);
    });
});
