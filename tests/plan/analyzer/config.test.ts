// Policy config as the CLI handles --policy-pack-config: parsing, reconciliation, schema checks.
import * as assert from "node:assert/strict";
import {
    parsePolicyConfig,
    PolicyConfigError,
    PolicySchemaInfo,
    reconcilePolicyConfig,
} from "../../../plan/analyzer/config";

describe("plan/analyzer/config: policy config reconciliation (no process)", () => {
    const policies: PolicySchemaInfo[] = [
        { name: "a", enforcementLevel: "mandatory" },
        {
            name: "b",
            enforcementLevel: "advisory",
            configSchema: { properties: { minLength: { type: "integer", minimum: 1, default: 1 } } },
        },
    ];

    it("applies defaults, then 'all', then per-policy entries, like the CLI", () => {
        const result = reconcilePolicyConfig(
            policies,
            new Map(),
            parsePolicyConfig({ all: "disabled", a: { enforcementLevel: "mandatory" }, b: { minLength: 3 } }),
        );
        assert.deepEqual(Object.fromEntries(result), {
            a: { enforcementLevel: "mandatory" },
            b: { enforcementLevel: "disabled", properties: { minLength: 3 } },
            all: { enforcementLevel: "disabled" },
        });
    });

    it("rejects bad levels, unknown policies and schema violations, listing every problem", () => {
        assert.throws(
            () => parsePolicyConfig({ a: "strict", b: 3 }),
            (err: PolicyConfigError) => {
                assert.deepEqual(err.problems, [
                    'a: "strict" is not a valid enforcement level (advisory, mandatory, remediate, disabled)',
                    "b: 3 is not a valid value; must be a string or object",
                ]);
                return true;
            },
        );
        assert.throws(
            () => reconcilePolicyConfig(policies, new Map(), parsePolicyConfig({ typo: "advisory" })),
            /typo: no such policy in the pack \(policies: a, b\)/,
        );
        assert.throws(
            () => reconcilePolicyConfig(policies, new Map(), parsePolicyConfig({ b: { minLength: 0 } })),
            /b: minLength: must be >= 1/,
        );
        assert.throws(
            () => reconcilePolicyConfig(policies, new Map(), parsePolicyConfig({ b: { minLength: "x" } })),
            /b: minLength: expected integer, got string/,
        );
    });
});
