import * as assert from "assert";
import { readFileSync } from "fs";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy-pack/lib/policies";
import { README, TABLE_END, TABLE_START, policyTable, withPolicyTable } from "../../scripts/policy-table";

const resourceOnly: ResourceValidationPolicy = {
    name: "demo-resource",
    description: "A resource must be tidy | neat.",
    enforcementLevel: "mandatory",
    validateResource: () => undefined,
};
const stackWithConfig: StackValidationPolicy = {
    name: "demo-stack",
    description: "A stack must stay small.",
    validateStack: () => undefined,
    configSchema: {
        properties: {
            max: { type: "integer", default: 10, description: "Most resources." },
            names: { type: "array", default: ["a", "b"], description: "Names | aliases allowed." },
        },
    },
};

describe("policy-table", () => {
    it("renders one row per policy: level (advisory when unset), kind, description, config defaults", () => {
        assert.strictEqual(
            policyTable([resourceOnly, stackWithConfig]),
            [
                "| Policy | Default | Kind | Checks | Config (default): meaning |",
                "|---|---|---|---|---|",
                "| `demo-resource` | mandatory | resource | A resource must be tidy \\| neat. | — |",
                '| `demo-stack` | advisory | stack | A stack must stay small. | `max` (10): Most resources.<br>`names` (["a","b"]): Names \\| aliases allowed. |',
            ].join("\n"),
        );
    });

    it("replaces only what lies between the markers", () => {
        const readme = `# Title\n\n${TABLE_START}\n| old |\n${TABLE_END}\n\nAfter.\n`;
        assert.strictEqual(
            withPolicyTable(readme, "| new |"),
            `# Title\n\n${TABLE_START}\n| new |\n${TABLE_END}\n\nAfter.\n`,
        );
        assert.throws(() => withPolicyTable("# Title\n", "| new |"), {
            message: `the README has no ${TABLE_START} ... ${TABLE_END} section`,
        });
    });

    it("policy-pack/README.md's table is the one the served policies generate (npm run policy-table)", () => {
        const readme = readFileSync(README, "utf8");
        assert.strictEqual(withPolicyTable(readme, policyTable(policies)), readme);
    });
});
