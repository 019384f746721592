// Which policy config each environment gets.
import * as assert from "node:assert/strict";
import * as path from "path";
import { policyConfigFor, policyPackDir, STRICT_ENVIRONMENTS } from "../../automation";
import { repoRoot } from "../../stacks/config";

describe("automation/policy: policy config per environment", () => {
    it("prod strict, everything else lenient, an override resolved from cwd", () => {
        const root = "/repo";
        assert.equal(policyConfigFor("prod", undefined, root), "/repo/policy-pack/config/strict.json");
        assert.equal(policyConfigFor("dev", undefined, root), "/repo/policy-pack/config/lenient.json");
        assert.equal(policyConfigFor("staging", undefined, root), "/repo/policy-pack/config/lenient.json");
        assert.equal(policyConfigFor("dev", "my.json", root), path.resolve("my.json"));
    });

    it("the pack folder is policy-pack/ of the root, the repository's by default; prod alone is strict", () => {
        assert.equal(policyPackDir("/repo"), "/repo/policy-pack");
        assert.equal(policyPackDir(), path.join(repoRoot(), "policy-pack"));
        assert.equal(policyConfigFor("prod"), path.join(repoRoot(), "policy-pack", "config", "strict.json"));
        assert.deepEqual(STRICT_ENVIRONMENTS, ["prod"]);
    });
});
