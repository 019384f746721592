import * as assert from "assert";
import { ConfigError, describeValue, keyPath, prefixed } from "../../../stacks/config";

describe("stacks/config/problems", () => {
    it("writes config key paths as the CLI spells them", () => {
        assert.deepStrictEqual(
            [keyPath(["workloads", 3, "mode"]), keyPath(["cluster"]), keyPath([])],
            ["platform:workloads[3].mode", "platform:cluster", "platform"],
        );
    });

    it("describes a wrong value in words", () => {
        assert.deepStrictEqual([null, [1], { a: 1 }, "x", 3].map(describeValue), [
            "null (an empty value)",
            "a list",
            "a map of keys",
            'the string "x"',
            "the number 3",
        ]);
    });

    it("moves a component's problems under the config key that holds its arguments, keeping codes", () => {
        assert.deepStrictEqual(
            prefixed("platform:nodeGroups[0]", [
                { propertyPath: "kubernetesVersion", reason: "r", code: "c", data: { version: "x" } },
            ]),
            [
                {
                    propertyPath: "platform:nodeGroups[0].kubernetesVersion",
                    reason: "r",
                    code: "c",
                    data: { version: "x" },
                },
            ],
        );
    });

    it("lists every problem with its path in one error", () => {
        const error = new ConfigError("stacks/Pulumi.dev.yaml", [
            { propertyPath: "platform:a", reason: "is required" },
            { propertyPath: "platform:b[0]", reason: "must be a string" },
        ]);
        assert.strictEqual(
            error.message,
            "stacks/Pulumi.dev.yaml: 2 invalid config value(s):\n  - platform:a: is required\n  - platform:b[0]: must be a string",
        );
        assert.strictEqual(error.name, "ConfigError");
    });
});
