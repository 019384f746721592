// `npm run bench`: every ratio the performance notes state, measured in one run, each printed with
// its target: second `npm start` over the first, the fleet plan's policy share, our pack's
// Analyze cost over an empty pack's, and growth (plan cost per resource at 10 clusters over 1,
// evaluate() cost per resource at 10,000 resources over 1,000). Ratios within one run, because
// on a shared 2-core machine absolute times say more about the neighbours than about the code.
// Run: npx tsc -b tsconfig.json && node bin/scripts/bench-all.js
import * as benchPack from "./bench-pack";
import * as benchPlan from "./bench-plan";
import * as benchPolicy from "./bench-policy";
import { measureStart } from "./bench-start";

export interface Ratio {
    name: string;
    value: number;
    /** The most it may be; undefined: reported, no target. */
    target?: number;
    /** How to print value and target: a ratio (0.19) or a percentage (32.7%). */
    unit: "ratio" | "percent";
}

function show(x: number, unit: Ratio["unit"]): string {
    return unit === "percent" ? `${(100 * x).toFixed(1)}%` : x.toFixed(2);
}

/** The summary table: name, value, target, met or MISSED. */
export function formatRatios(ratios: Ratio[]): string {
    const width = Math.max(...ratios.map((r) => r.name.length));
    return ratios
        .map((r) => {
            const value = show(r.value, r.unit).padStart(6);
            if (r.target === undefined) {
                return `  ${r.name.padEnd(width)}  ${value}  (no target)`;
            }
            const verdict = r.value <= r.target ? "met" : "MISSED";
            return `  ${r.name.padEnd(width)}  ${value}  target <= ${show(r.target, r.unit)}  ${verdict}`;
        })
        .join("\n");
}

async function main(): Promise<void> {
    const start = measureStart();
    console.log(
        `npm start: first ${(start.firstMs / 1000).toFixed(1)} s (no bin/), second ${(start.secondMs / 1000).toFixed(1)} s ` +
            `(build check ${(start.buildCheckMs / 1000).toFixed(1)} s, plan ${(start.planMs / 1000).toFixed(1)} s, alone)`,
    );
    const [one, many] = await benchPlan.main(10, 50);
    const [ours, empty] = await benchPack.main(10, 50);
    const policy = await benchPolicy.main(10000, 1000);
    const ratios: Ratio[] = [
        {
            name: "second npm start / first",
            value: start.secondMs / start.firstMs,
            target: 0.33,
            unit: "ratio",
        },
        {
            name: "policy share of the fleet plan",
            value: benchPlan.policyShare(many),
            target: 0.25,
            unit: "percent",
        },
        { name: "Analyze cost, our pack / an empty pack", value: ours.wallMs / empty.wallMs, unit: "ratio" },
        {
            name: "growth: plan cost per resource, 10 clusters / 1",
            value: benchPlan.growth(
                { ms: one.totalMs, resources: one.resources },
                { ms: many.totalMs, resources: many.resources },
            ),
            target: 1.2,
            unit: "ratio",
        },
        {
            name: "growth: evaluate() per resource, 10,000 / 1,000",
            value: policy.growth,
            target: 1.2,
            unit: "ratio",
        },
    ];
    console.log("\nRatios, one run:");
    console.log(formatRatios(ratios));
}

if (require.main === module) {
    main().catch((error) => {
        console.error(error);
        process.exit(1);
    });
}
