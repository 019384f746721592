import * as assert from "assert";
import { StackValidationPolicy } from "@pulumi/policy";
import { PolicyRegistry } from "../../../policy-pack/lib/registry";

const stackPolicyNamed = (name: string): StackValidationPolicy => ({
    name,
    description: `${name}.`,
    enforcementLevel: "advisory",
    validateStack: () => undefined,
});

describe("PolicyRegistry", () => {
    it("returns what it registers and finds it by name, names in registration order", () => {
        const registry = new PolicyRegistry();
        const second = stackPolicyNamed("b-second");
        const first = stackPolicyNamed("a-first");
        assert.strictEqual(registry.register(second), second);
        assert.strictEqual(registry.register(first), first);
        assert.strictEqual(registry.get("b-second"), second);
        assert.strictEqual(registry.get("a-first"), first);
        assert.strictEqual(registry.get("c-missing"), undefined);
        assert.deepStrictEqual(registry.names(), ["b-second", "a-first"]);
    });

    it("refuses a name registered twice and keeps the first", () => {
        const registry = new PolicyRegistry();
        const original = stackPolicyNamed("same-name");
        registry.register(original);
        assert.throws(() => registry.register(stackPolicyNamed("same-name")), {
            message: "policy same-name is registered twice",
        });
        assert.strictEqual(registry.get("same-name"), original);
        assert.deepStrictEqual(registry.names(), ["same-name"]);
    });
});
