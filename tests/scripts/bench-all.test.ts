// The benchmark's arithmetic and its summary (its timings are never asserted): growth and policy
// share from figures given here, the table of ratios with targets, met or missed.
import * as assert from "node:assert/strict";
import { formatRatios } from "../../scripts/bench-all";
import { growth, PlanFigures, policyShare } from "../../scripts/bench-plan";
import { processCpuMs } from "../../scripts/bench-pack";

describe("scripts/bench-all", () => {
    it("growth is cost per resource of the large run over the small; policy share is policy / total", () => {
        assert.equal(growth({ ms: 1000, resources: 100 }, { ms: 12000, resources: 1000 }), 1.2);
        assert.equal(growth({ ms: 2000, resources: 266 }, { ms: 10000, resources: 2660 }), 0.5);
        const plan = { programMs: 7500, policyMs: 2500, totalMs: 10000 } as PlanFigures;
        assert.equal(policyShare(plan), 0.25);
    });

    it("the summary: each ratio with its target and whether it was met", () => {
        assert.equal(
            formatRatios([
                { name: "second npm start / first", value: 0.19, target: 0.33, unit: "ratio" },
                { name: "policy share", value: 0.327, target: 0.25, unit: "percent" },
                { name: "our pack / empty", value: 1.834, unit: "ratio" },
                { name: "growth", value: 1.2, target: 1.2, unit: "ratio" },
            ]),
            [
                "  second npm start / first    0.19  target <= 0.33  met",
                "  policy share               32.7%  target <= 25.0%  MISSED",
                "  our pack / empty            1.83  (no target)",
                "  growth                      1.20  target <= 1.20  met",
            ].join("\n"),
        );
    });

    it("processCpuMs reads a live process's CPU time from /proc, NaN for one that is gone", () => {
        assert.ok(processCpuMs(process.pid) > 0);
        assert.ok(Number.isNaN(processCpuMs(2 ** 22 + 1)));
    });
});
