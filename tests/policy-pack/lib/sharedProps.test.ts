// One deserialization per request's Struct, shared by the policies; secrets and foreign shapes untouched.
import * as assert from "assert";
import { DeserializeModule, shareDeserializedProperties } from "../../../policy-pack/lib/sharedProps";

function fakeModule(): { module: DeserializeModule; calls: [object, boolean][] } {
    const calls: [object, boolean][] = [];
    const module: DeserializeModule = {
        deserializeProperties(struct: object, proxySecrets: boolean) {
            calls.push([struct, proxySecrets]);
            return { from: struct, proxySecrets };
        },
    };
    return { module, calls };
}

describe("policy-pack/lib/sharedProps", () => {
    it("deserializes one Struct once without secret proxies, and hands every later caller that result", () => {
        const { module, calls } = fakeModule();
        assert.strictEqual(shareDeserializedProperties(module), true);
        const a = {};
        const b = {};
        const first = module.deserializeProperties(a, false);
        assert.strictEqual(module.deserializeProperties(a, false), first);
        assert.notStrictEqual(module.deserializeProperties(b, false), first);
        assert.deepStrictEqual(calls, [
            [a, false],
            [b, false],
        ]);
    });

    it("leaves calls with secret proxies (remediations) to the original, each its own result", () => {
        const { module, calls } = fakeModule();
        shareDeserializedProperties(module);
        const s = {};
        assert.notStrictEqual(module.deserializeProperties(s, true), module.deserializeProperties(s, true));
        assert.strictEqual(calls.length, 2);
    });

    it("wraps once, and not a function of another shape", () => {
        const { module } = fakeModule();
        assert.strictEqual(shareDeserializedProperties(module), true);
        assert.strictEqual(shareDeserializedProperties(module), false);
        const oneArgument = {
            deserializeProperties: (struct: object) => ({ struct }),
        } as unknown as DeserializeModule;
        const before = oneArgument.deserializeProperties;
        assert.strictEqual(shareDeserializedProperties(oneArgument), false);
        assert.strictEqual(oneArgument.deserializeProperties, before);
    });

    it("matches @pulumi/policy's own deserializeProperties, which the pack wraps", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const real = require("@pulumi/policy/deserialize") as DeserializeModule;
        assert.strictEqual(typeof real.deserializeProperties, "function");
        assert.strictEqual(real.deserializeProperties.length, 2);
    });
});
