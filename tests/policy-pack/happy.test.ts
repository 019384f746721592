import * as assert from "assert";
import { evaluate } from "../../policy-pack/lib/evaluate";
import { happyStack } from "./factories";

describe("policy pack: the happy-path stack", () => {
    it("has no violation at all after update (known ARNs, no property dependencies)", async () => {
        assert.deepStrictEqual(await evaluate(happyStack()), []);
    });

    it("has no violation at preview (unknown ARNs, linked through propertyDependencies)", async () => {
        assert.deepStrictEqual(await evaluate(happyStack({ preview: true })), []);
    });
});
