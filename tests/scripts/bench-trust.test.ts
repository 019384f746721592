// The trust-quota benchmark's table: clusters one role can trust per quota and mode. A count, not
// a timing, so it is asserted exactly (these are the figures the root README prints).
import * as assert from "node:assert/strict";
import { MODES, QUOTAS, trustTable } from "../../scripts/bench-trust";

describe("scripts/bench-trust", () => {
    it("counts the clusters that fit per quota, in the README's column order", () => {
        assert.deepEqual(QUOTAS, [2048, 4096, 8192]);
        assert.deepEqual(MODES, ["irsa", "both", "pod-identity"]);
        assert.deepEqual(trustTable(), [
            { maxLength: 2048, clusters: [4, 3, 30] },
            { maxLength: 4096, clusters: [9, 7, 68] },
            { maxLength: 8192, clusters: [18, 15, 142] },
        ]);
    });

    it("takes other quotas", () => {
        assert.deepEqual(trustTable([1024]), [{ maxLength: 1024, clusters: [2, 1, 12] }]);
    });
});
