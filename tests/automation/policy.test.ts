// Which policy config each environment gets.
import * as assert from "node:assert/strict";
import * as path from "path";
import { policyConfigFor } from "../../automation";

describe("automation/policy: policy config per environment", () => {
    it("prod strict, everything else lenient, an override resolved from cwd", () => {
        const root = "/repo";
        assert.equal(policyConfigFor("prod", undefined, root), "/repo/policy-pack/config/strict.json");
        assert.equal(policyConfigFor("dev", undefined, root), "/repo/policy-pack/config/lenient.json");
        assert.equal(policyConfigFor("staging", undefined, root), "/repo/policy-pack/config/lenient.json");
        assert.equal(policyConfigFor("dev", "my.json", root), path.resolve("my.json"));
    });
});
