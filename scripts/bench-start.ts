// Benchmark, not a test: `npm start` on a fresh checkout (no bin/: the whole project compiled)
// against a second `npm start` with nothing changed, in a copy of the project so this one's build
// is left alone. Target: second / first <= 0.33. The second run's two parts, the build check and
// the plan, are timed alone too, to show what is left to cut.
// Run: npx tsc -b tsconfig.json && node bin/scripts/bench-start.js
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../stacks/config";

/** What `npm start` runs after the build (package.json's `start`). */
export const START_PLAN = [
    "bin/plan/cli.js",
    "--stack",
    "dev",
    "--report",
    "out",
    "--json",
    "out/plan-dev.json",
];

/**
 * Copies the project's files (tracked, and untracked ones git does not ignore) into `dest`, with
 * `node_modules` a link to this one's: a fresh clone after `npm ci`, without its download.
 */
export function copyProject(root: string, dest: string): number {
    const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], {
        cwd: root,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
    })
        .split("\0")
        .filter((f) => f !== "" && !f.startsWith("node_modules") && fs.existsSync(path.join(root, f)));
    for (const file of files) {
        const target = path.join(dest, file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(path.join(root, file), target);
    }
    fs.symlinkSync(fs.realpathSync(path.join(root, "node_modules")), path.join(dest, "node_modules"));
    return files.length;
}

/** Wall time of a command in `cwd`; throws with its output when it fails. */
export function timed(command: string, args: string[], cwd: string): number {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) {
        throw new Error(
            `${command} ${args.join(" ")} failed (${result.status}):\n${result.stderr}${result.stdout}`,
        );
    }
    return ms;
}

export interface StartFigures {
    files: number;
    firstMs: number;
    secondMs: number;
    /** The second run's parts, each alone: `tsc -b` finding the build up to date, and the plan. */
    buildCheckMs: number;
    planMs: number;
}

export function measureStart(root: string = repoRoot()): StartFigures {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-start-"));
    try {
        const files = copyProject(root, dir);
        const npm = process.platform === "win32" ? "npm.cmd" : "npm";
        const firstMs = timed(npm, ["start"], dir);
        const secondMs = timed(npm, ["start"], dir);
        const tsc = path.join(dir, "node_modules", "typescript", "bin", "tsc");
        const buildCheckMs = timed(process.execPath, [tsc, "-b", "tsconfig.json"], dir);
        const planMs = timed(process.execPath, START_PLAN, dir);
        return { files, firstMs, secondMs, buildCheckMs, planMs };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

function main(): void {
    const f = measureStart();
    console.log(`npm start in a copy of the project (${f.files} files, no bin/):`);
    console.log(`  first (whole build + plan):   ${(f.firstMs / 1000).toFixed(1)} s`);
    console.log(
        `  second (nothing changed):     ${(f.secondMs / 1000).toFixed(1)} s ` +
            `(build check ${(f.buildCheckMs / 1000).toFixed(1)} s, plan ${(f.planMs / 1000).toFixed(1)} s, alone)`,
    );
    console.log(`  ratio second / first:         ${(f.secondMs / f.firstMs).toFixed(2)} (target <= 0.33)`);
}

if (require.main === module) {
    main();
}
