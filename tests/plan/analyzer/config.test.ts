// Policy config as the CLI handles --policy-pack-config: parsing, reconciliation, schema checks.
import * as assert from "node:assert/strict";
import {
    parsePolicyConfig,
    PolicyConfigError,
    PolicySchemaInfo,
    reconcilePolicyConfig,
    validateJsonSchema,
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
            () =>
                reconcilePolicyConfig(
                    policies,
                    new Map(),
                    parsePolicyConfig({
                        a: { strict: true },
                        b: { minLenght: 3, enforcementLevel: "mandatory" },
                    }),
                ),
            (err: PolicyConfigError) => {
                assert.deepEqual(err.problems, [
                    "a.strict: the policy has no such config property (it takes none); check the spelling",
                    "b.minLenght: the policy has no such config property (its properties: minLength); check the spelling",
                ]);
                return true;
            },
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

describe("plan/analyzer/config: parsing a policy config file", () => {
    it("takes a level, or an object with an optional level and properties", () => {
        assert.deepEqual(
            Object.fromEntries(
                parsePolicyConfig({
                    level: "remediate",
                    object: { enforcementLevel: "advisory", minLength: 3 },
                    propertiesOnly: { allowed: ["a"] },
                    empty: {},
                }),
            ),
            {
                level: { enforcementLevel: "remediate" },
                object: { enforcementLevel: "advisory", properties: { minLength: 3 } },
                propertiesOnly: { properties: { allowed: ["a"] } },
            },
        );
    });

    it("lists every bad entry in one error, one per line", () => {
        assert.throws(
            () => parsePolicyConfig({ a: { enforcementLevel: "loud" }, b: [1], c: null, d: "advisory" }),
            (err: unknown) => {
                assert.ok(err instanceof PolicyConfigError);
                assert.equal(
                    err.message,
                    "invalid policy configuration:\n" +
                        '  a.enforcementLevel: "loud" is not a valid enforcement level (advisory, mandatory, remediate, disabled)\n' +
                        "  b: [1] is not a valid value; must be a string or object\n" +
                        "  c: null is not a valid value; must be a string or object",
                );
                return true;
            },
        );
    });

    it("applies the pack's initial config before the file, properties merged key by key", () => {
        const policies: PolicySchemaInfo[] = [
            {
                name: "b",
                enforcementLevel: "advisory",
                configSchema: {
                    properties: {
                        minLength: { type: "integer", default: 1 },
                        exempt: { type: "array", items: { type: "string" }, default: [] },
                    },
                },
            },
        ];
        const initial = new Map([
            ["b", { enforcementLevel: "mandatory" as const, properties: { minLength: 5 } }],
        ]);
        assert.deepEqual(Object.fromEntries(reconcilePolicyConfig(policies, initial, new Map())), {
            b: { enforcementLevel: "mandatory", properties: { minLength: 5, exempt: [] } },
        });
        assert.deepEqual(
            Object.fromEntries(
                reconcilePolicyConfig(policies, initial, parsePolicyConfig({ b: { exempt: ["x"] } })),
            ),
            { b: { enforcementLevel: "mandatory", properties: { minLength: 5, exempt: ["x"] } } },
        );
    });
});

describe("plan/analyzer/config: validateJsonSchema, the subset policy schemas use", () => {
    const table: [string, Record<string, unknown>, unknown, string, string[]][] = [
        ["type", { type: "integer" }, 1.5, "n", ["n: expected integer, got number"]],
        ["integer is a number", { type: "number" }, 2, "n", []],
        ["(root) when no path", { type: "string" }, 1, "", ["(root): expected string, got integer"]],
        ["type list", { type: ["string", "null"] }, null, "v", []],
        ["null and arrays by name", { type: "object" }, [], "v", ["v: expected object, got array"]],
        ["enum", { enum: ["a", "b"] }, "c", "v", ['v: must be one of ["a","b"]']],
        ["const", { const: 1 }, 2, "v", ["v: must be 1"]],
        ["minimum", { minimum: 1, maximum: 3 }, 0, "v", ["v: must be >= 1"]],
        ["maximum", { minimum: 1, maximum: 3 }, 4, "v", ["v: must be <= 3"]],
        ["minLength", { minLength: 2 }, "a", "v", ["v: must be at least 2 characters"]],
        ["maxLength", { maxLength: 1 }, "ab", "v", ["v: must be at most 1 characters"]],
        ["pattern", { pattern: "^arn:" }, "role", "v", ["v: must match ^arn:"]],
        ["minItems", { minItems: 1 }, [], "v", ["v: must have at least 1 items"]],
        ["maxItems", { maxItems: 1 }, [1, 2], "v", ["v: must have at most 1 items"]],
        [
            "items, each with its index",
            { items: { type: "string" } },
            [1, "x", true],
            "tags",
            ["tags[0]: expected string, got integer", "tags[2]: expected string, got boolean"],
        ],
        ["required", { required: ["a"] }, {}, "p", ["p: a is required"]],
        [
            "properties, with the path",
            { properties: { a: { type: "string" } } },
            { a: 1, other: 2 },
            "p",
            ["p.a: expected string, got integer"],
        ],
        [
            "additionalProperties: false",
            { properties: {}, additionalProperties: false },
            { b: 1 },
            "",
            ["b: additional property not allowed"],
        ],
        ["other keywords are not checked", { format: "email" }, "x", "v", []],
    ];
    for (const [name, schema, value, at, problems] of table) {
        it(name, () => {
            assert.deepEqual(validateJsonSchema(schema, value, at), problems);
        });
    }
});
