import * as assert from "assert";
import { claimOfKey, issuerClaimConditions, issuerOfKey } from "../../../../policy-pack/lib/iam/irsaClaims";
import { parsePolicy } from "../../../../policy-pack/lib/iam/parser";
import { ISSUER, irsaTrust } from "../../factories";

describe("issuerClaimConditions", () => {
    it("finds the statement's conditions on <issuer>:<claim>, keys compared case-insensitively", () => {
        const [statement] = parsePolicy(irsaTrust("app", "api")).statements;
        assert.deepStrictEqual(
            issuerClaimConditions(statement, ISSUER, "sub").map((c) => [c.operator, c.key, c.values]),
            [["StringEquals", `${ISSUER}:sub`, ["system:serviceaccount:app:api"]]],
        );
        assert.deepStrictEqual(
            issuerClaimConditions(statement, ISSUER.toUpperCase(), "AUD").map((c) => c.values),
            [["sts.amazonaws.com"]],
        );
        assert.deepStrictEqual(issuerClaimConditions(statement, ISSUER, "email"), []);
        assert.deepStrictEqual(issuerClaimConditions(statement, "oidc.example.com/id/OTHER", "sub"), []);
    });
});

describe("issuerOfKey and claimOfKey", () => {
    it("read an issuer claim key (host/path:claim); global and service keys name no issuer", () => {
        const cases: [string, string | undefined, string][] = [
            [`${ISSUER}:sub`, ISSUER, "sub"],
            [`${ISSUER}:AUD`, ISSUER, "aud"],
            ["accounts.google.com:aud", "accounts.google.com", "aud"],
            ["aws:SourceAccount", undefined, "sourceaccount"],
            ["sts:ExternalId", undefined, "externalid"],
            [":sub", undefined, "sub"],
            ["nocolon", undefined, "nocolon"],
        ];
        for (const [key, issuer, claim] of cases) {
            assert.deepStrictEqual([issuerOfKey(key), claimOfKey(key)], [issuer, claim], key);
        }
    });
});
