// Every command in every README runs as written, or says why it cannot run here.
//
// Commands are the lines of fenced sh/bash/shell/console blocks and the inline code spans of the
// prose that start with a command (`npm ...`, `pulumi ...`, `cd ...`). All are written for the
// repository root. Each is classified by its shape, never by its exact text, so a README edited
// elsewhere keeps its classification: it needs the Pulumi CLI, root and apt, or placeholders; CI
// runs it as written (checked against .ci/run); it is mocha over part of this suite (checked, not
// rerun); it is a benchmark (run only with README_COMMANDS=all); or it runs here. A command of
// none of these shapes fails the test until it is given one.
//
// Those that run here run as written, with the repository root as their folder, one after the
// other in document order (so `npm run policy -- out/prod.json` finds the plan the command before
// it wrote), and must exit 0, or the code a trailing `# exit N` comment states. They start when
// the whole suite starts, beside the other test files, on the core mocha leaves idle, and are
// awaited by this file's tests. Each npm script runs once:
// a bare mention of a script that another README command runs with arguments is covered by that
// one. What they write under out/ (git-ignored) is removed afterwards, and an out/ that was there
// is put back. Their `tsc -b tsconfig.json` step finds everything up to date in half a second:
// `npm test` compiled first.
import * as assert from "node:assert/strict";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../stacks/config";

const ROOT = repoRoot();
const READMES = ["README.md", "components/README.md", "policy-pack/README.md", "automation/README.md"];
/** Set in the commands' environment: a command that ran this suite must not run this file again. */
const CHILD = "README_COMMANDS_CHILD";
const SHELL_BLOCKS = new Set(["sh", "bash", "shell", "console", "zsh"]);
const COMMAND_WORDS = new Set([
    "npm",
    "npx",
    "node",
    "pulumi",
    "cd",
    "sudo",
    "apt",
    "apt-get",
    "tsc",
    "mocha",
    "git",
    "yarn",
    "pnpm",
    "aws",
    "kubectl",
    "eksctl",
    "helm",
    "curl",
]);

interface ReadmeCommand {
    readme: string;
    line: number;
    text: string;
    /** A line of a shell block, or an inline code span of the prose. */
    source: "block" | "inline";
    /** The exit code the README states in a trailing `# exit N` comment; 0 when it states none. */
    exit: number;
}

/** The exit code a shell line's comment states (`# exit 1: a mandatory violation`), else 0. */
function statedExit(line: string): number {
    const match = /#\s*exits?\s+(\d+)\b/.exec(line);
    return match ? Number(match[1]) : 0;
}

/** The command of one shell line: comment and prompt removed, white space folded. */
function commandOf(line: string): string {
    let out = "";
    let quote: string | undefined;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quote) {
            quote = c === quote ? undefined : quote;
        } else if (c === "'" || c === '"') {
            quote = c;
        } else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]))) {
            break;
        }
        out += c;
    }
    return out
        .replace(/^\s*\$\s+/, "")
        .replace(/\s+/g, " ")
        .trim();
}

/** Every command of a README, in document order. */
function readmeCommands(readme: string, markdown: string): ReadmeCommand[] {
    const commands: ReadmeCommand[] = [];
    const lines = markdown.split("\n");
    let fence: { marker: string; shell: boolean } | undefined;
    let pending: { line: number; text: string } | undefined;
    lines.forEach((raw, i) => {
        const opening = /^\s*(`{3,}|~{3,})\s*([\w+-]*)/.exec(raw);
        if (fence) {
            if (opening && opening[1].startsWith(fence.marker) && opening[2] === "") {
                fence = undefined;
            } else if (fence.shell) {
                // A trailing backslash continues the command on the next line.
                const text = `${pending ? `${pending.text} ` : ""}${raw.replace(/\\\s*$/, "")}`;
                if (/\\\s*$/.test(raw)) {
                    pending = { line: pending?.line ?? i + 1, text };
                } else {
                    const command = commandOf(text);
                    if (command) {
                        commands.push({
                            readme,
                            line: pending?.line ?? i + 1,
                            text: command,
                            source: "block",
                            exit: statedExit(text),
                        });
                    }
                    pending = undefined;
                }
            }
            return;
        }
        if (opening) {
            fence = { marker: opening[1], shell: SHELL_BLOCKS.has(opening[2].toLowerCase()) };
            return;
        }
        for (const span of raw.matchAll(/`([^`]+)`/g)) {
            const text = span[1].trim();
            const first = text.split(/\s+/)[0];
            if (COMMAND_WORDS.has(first) || /^[A-Z_]+=\S*\s/.test(text)) {
                commands.push({
                    readme,
                    line: i + 1,
                    text: text.replace(/\s+/g, " "),
                    source: "inline",
                    exit: 0,
                });
            }
        }
    });
    return commands;
}

/** The commands of a `&&` / `||` / `;` / `|` chain, env assignments and `cd` kept. */
function segments(text: string): string[] {
    return text
        .split(/\s*(?:&&|\|\||;|\|)\s*/)
        .map((s) => s.trim())
        .filter(Boolean);
}

/** The program a segment runs, after any `VAR=value` assignments. */
function program(segment: string): string {
    return segment.replace(/^(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*/, "").split(" ")[0];
}

type Kind =
    | "mention"
    | "root"
    | "aws"
    | "pulumi"
    | "automation"
    | "install"
    | "placeholder"
    | "ci"
    | "suite"
    | "benchmark"
    | "run"
    | "covered";

interface Rule {
    kind: Kind;
    /** Why it does not run here (for the kinds that do not). */
    reason: string;
    matches: (text: string, command: ReadmeCommand) => boolean;
}

let packageScripts: Record<string, string> | undefined;
/** package.json's scripts. */
function scripts(): Record<string, string> {
    packageScripts ??= (
        JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
            scripts: Record<string, string>;
        }
    ).scripts;
    return packageScripts;
}

/** The npm script a command runs: `npm run [-s] <script>`, `npm start`, `npm test`. */
const npmScript = (text: string): string | undefined =>
    /^npm (?:run(?:-script)? (?:-s |--silent )?([\w:-]+)|(start|test))(?: |$)/
        .exec(text)
        ?.slice(1)
        .find(Boolean);

/** First match wins; order matters where a command has several shapes. */
const RULES: Rule[] = [
    {
        kind: "mention",
        reason: "prose naming a tool, a version range or npm's flags, not a command to type",
        matches: (t, c) =>
            c.source === "inline" &&
            (/^\S+$/.test(t) || // `tsc`, `aws`: a tool's name
                /^node [<>=~^]/.test(t) || // `node >= 20`: a version range
                /^npm run(?: -\S+)+$/.test(t)), // `npm run -s`: a flag of npm run
    },
    {
        kind: "root",
        reason: "needs root and apt (a system package); CI installs it in .ci/run",
        matches: (t) => segments(t).some((s) => ["sudo", "apt", "apt-get"].includes(program(s))),
    },
    {
        kind: "aws",
        reason: "needs AWS credentials and an account (and the AWS CLI)",
        matches: (t) => segments(t).some((s) => ["aws", "kubectl", "eksctl"].includes(program(s))),
    },
    {
        kind: "pulumi",
        reason: "needs the Pulumi CLI, which is not installed here (the offline plan stands in for preview)",
        matches: (t) => segments(t).some((s) => program(s) === "pulumi"),
    },
    {
        kind: "automation",
        reason: "drives the Pulumi CLI through the Automation API (here it would exit 2: no CLI)",
        matches: (t) => ["env", "fleet"].includes(npmScript(t) ?? ""),
    },
    {
        kind: "install",
        reason: "installs packages: it would change node_modules (and package-lock.json) under the running suite",
        matches: (t) => segments(t).some((s) => /^npm (?:install|i|add|update)(?: |$)/.test(s)),
    },
    {
        kind: "placeholder",
        reason: "a template: <...> and [...] stand for values the reader fills in",
        matches: (t) => /<[^>]+>|\[[^\]]*(?:--|\.\.\.)[^\]]*\]/.test(t),
    },
    {
        kind: "ci",
        reason:
            "CI (.ci/run) runs it as written, which this test checks; not rerun inside npm test: " +
            "npm ci would replace node_modules under the running suite, npm test would run this " +
            "suite again, npm run lint takes ~20 s, npm run build is the tsc npm test has just run",
        matches: (t) => segments(t).every((s) => /^npm (?:ci|test|run lint|run build)(?: |$)/.test(s)),
    },
    {
        kind: "suite",
        reason:
            "mocha over part of this suite, which npm test runs already; checked instead: " +
            "--no-config (without it .mocharc.json adds the whole suite) and files that exist",
        matches: (t) => segments(t).some((s) => /(?:^| )mocha(?: |$)/.test(s)),
    },
    {
        kind: "benchmark",
        reason: "the benchmarks take ~30 s on 2 cores (tests/scripts/ test their parts); README_COMMANDS=all runs it",
        matches: (t) =>
            npmScript(t) === "bench" ||
            segments(t).some((s) => /^node bin\/scripts\/bench-[\w-]+\.js(?: |$)/.test(s)),
    },
    {
        kind: "run",
        reason: "",
        // npm scripts, a compiled script, the root compile: nothing that could write elsewhere.
        matches: (t) =>
            segments(t).every(
                (s) =>
                    npmScript(s) !== undefined ||
                    /^node bin\/[\w./-]+\.js(?: [\w./=-]+)*$/.test(s) ||
                    /^npx tsc -p (?:\.|tsconfig\.json)$/.test(s),
            ),
    },
    {
        kind: "mention",
        reason: "a step of the npm scripts (package.json), which run it",
        matches: (t, c) =>
            c.source === "inline" && Object.values(scripts()).some((s) => s.split(" && ").includes(t)),
    },
];

interface Classified extends ReadmeCommand {
    kind: Kind | "unclassified";
    reason: string;
}

function classify(commands: ReadmeCommand[], known: Record<string, string>): Classified[] {
    const classified = commands.map((c): Classified => {
        const rule = RULES.find((r) => r.matches(c.text, c));
        if (!rule) {
            return { ...c, kind: "unclassified", reason: "" };
        }
        const script = npmScript(c.text);
        if (rule.kind === "run" && script !== undefined && !(script in known)) {
            return { ...c, kind: "unclassified", reason: `no npm script "${script}" in package.json` };
        }
        return { ...c, kind: rule.kind, reason: rule.reason };
    });
    // Each npm script once: a bare `npm run <script>` is covered by a command running it with arguments.
    return classified.map((c) => {
        const script = npmScript(c.text);
        const bare = c.kind === "run" && script !== undefined && /^npm (?:run \S+|start)$/.test(c.text);
        const fuller = classified.find(
            (o) => o.kind === "run" && o.text !== c.text && npmScript(o.text) === script,
        );
        return bare && fuller
            ? { ...c, kind: "covered", reason: `the same npm script runs as \`${fuller.text}\`` }
            : c;
    });
}

/** Commands known to fail today, reported while their README's owner fixes them (exact text). */
const REPORTED: Record<string, string> = {
    "npx tsc -p . && UPDATE_SNAPSHOTS=1 npx mocha --spec bin/tests/components/provider.test.js":
        "components/README.md's snapshot command: without --no-config, .mocharc.json's spec adds the " +
        "whole suite to the one file (and from components/, bin/tests/... does not exist); being fixed there",
};

function globToRegExp(glob: string): RegExp {
    let re = "";
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i];
        if (glob.startsWith("**/", i)) {
            re += "(?:.*/)?";
            i += 2;
        } else if (c === "*") {
            re += "[^/]*";
        } else if (c === "?") {
            re += "[^/]";
        } else if (c === "{") {
            const end = glob.indexOf("}", i);
            re += `(?:${glob
                .slice(i + 1, end)
                .split(",")
                .map((a) => a.replace(/[.+^$()|[\]\\]/g, "\\$&"))
                .join("|")})`;
            i = end;
        } else {
            re += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
        }
    }
    return new RegExp(`^${re}$`);
}

function filesUnder(dir: string): string[] {
    if (!fs.existsSync(dir)) {
        return [];
    }
    return fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

/** Spec arguments of a mocha command line: positional arguments and --spec values, unquoted. */
function mochaSpecs(segment: string): string[] {
    const words = segment.split(" ").map((w) => w.replace(/^['"]|['"]$/g, ""));
    const withValue = new Set([
        "--timeout",
        "-t",
        "--reporter",
        "-R",
        "--grep",
        "-g",
        "--require",
        "-r",
        "--config",
        "--ui",
        "-u",
        "--slow",
        "-s",
        "--file",
        "--parallel-jobs",
        "-j",
    ]);
    const specs: string[] = [];
    for (let i = words.indexOf("mocha") + 1; i > 0 && i < words.length; i++) {
        if (words[i] === "--spec") {
            specs.push(words[++i]);
        } else if (withValue.has(words[i])) {
            i++;
        } else if (!words[i].startsWith("-")) {
            specs.push(words[i]);
        }
    }
    return specs;
}

interface Ran {
    code: number | null;
    output: string;
    ms: number;
}

function runHere(text: string): Promise<Ran> {
    const started = Date.now();
    return new Promise((resolve) => {
        const child = spawn("bash", ["-c", text], {
            cwd: ROOT,
            env: { ...process.env, [CHILD]: "1" },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout.on("data", (d: Buffer) => (output += d.toString()));
        child.stderr.on("data", (d: Buffer) => (output += d.toString()));
        child.on("close", (code) => resolve({ code, output, ms: Date.now() - started }));
    });
}

const commands = READMES.flatMap((readme) =>
    readmeCommands(readme, fs.readFileSync(path.join(ROOT, readme), "utf8")),
);
const classified = classify(commands, scripts());
/** The commands of a kind, each text once, where it first appears. */
const distinct = (kind: Kind) =>
    classified.filter((c, i) => c.kind === kind && classified.findIndex((o) => o.text === c.text) === i);
const where = (c: ReadmeCommand) => `${c.readme}:${c.line}`;

// README_COMMANDS=all also runs the benchmarks and the mocha commands (their snapshot update
// included): slow, for checking a README change by hand.
const all = process.env.README_COMMANDS === "all";
const toRun = process.env[CHILD]
    ? []
    : [
          ...distinct("run"),
          ...(all ? [...distinct("benchmark"), ...distinct("suite").filter((c) => !REPORTED[c.text])] : []),
      ];
const results = new Map<string, Promise<Ran>>();
const out = path.join(ROOT, "out");
let saved: string | undefined;

// Root hooks: the commands start before the first test of the suite and are done after the last.
before(() => {
    if (toRun.length > 0 && fs.existsSync(out)) {
        saved = fs.mkdtempSync(path.join(os.tmpdir(), "readme-out-"));
        fs.cpSync(out, path.join(saved, "out"), { recursive: true });
    }
    let previous: Promise<unknown> = Promise.resolve();
    for (const c of toRun) {
        const result = previous.then(() => runHere(c.text));
        results.set(c.text, result);
        previous = result;
    }
});

after(async function () {
    this.timeout(600_000);
    await Promise.all(results.values());
    if (toRun.length > 0) {
        fs.rmSync(out, { recursive: true, force: true });
    }
    if (saved) {
        fs.cpSync(path.join(saved, "out"), out, { recursive: true });
        fs.rmSync(saved, { recursive: true, force: true });
    }
});

(process.env[CHILD] ? describe.skip : describe)("README commands", function () {
    this.timeout(180_000);

    it("finds the commands of every README", () => {
        for (const readme of READMES) {
            assert.ok(
                commands.some((c) => c.readme === readme),
                `no command found in ${readme}: did its blocks lose their sh/bash fence?`,
            );
        }
    });

    it("every command runs here or says why not", () => {
        const unclassified = classified.filter((c) => c.kind === "unclassified");
        assert.deepEqual(
            unclassified.map((c) => `${where(c)} \`${c.text}\`${c.reason ? `: ${c.reason}` : ""}`),
            [],
            "give each a shape in tests/readme.test.ts RULES (or make it run as written)",
        );
        const counts = new Map<string, number>();
        for (const c of classified.filter((x) => x.kind !== "run")) {
            counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
        }
        console.log(
            `      not run here: ${[...counts].map(([k, n]) => `${n} ${k}`).join(", ")} (reasons: RULES)`,
        );
    });

    it("commands CI runs are in .ci/run, as written and in order", () => {
        const ci = fs
            .readFileSync(path.join(ROOT, ".ci", "run"), "utf8")
            .split("\n")
            .map((l) => l.trim().replace(/\s+/g, " "));
        for (const c of distinct("ci")) {
            let from = 0;
            for (const s of segments(c.text)) {
                const at = ci.findIndex((l, i) => i >= from && (l === s || l.startsWith(`${s} `)));
                assert.ok(
                    at >= 0,
                    `${where(c)}: .ci/run does not run \`${s}\`${from > 0 ? " after the one before" : ""}`,
                );
                from = at + 1;
            }
        }
    });

    for (const c of distinct("suite")) {
        it(`${where(c)} \`${c.text}\`: --no-config, and its specs name test files`, function () {
            if (REPORTED[c.text]) {
                console.log(`      reported, not failed: ${REPORTED[c.text]}`);
                this.skip();
            }
            const built = filesUnder(path.join(ROOT, "bin", "tests"));
            for (const s of segments(c.text).filter((x) => x.includes("mocha"))) {
                assert.ok(
                    s.includes("--no-config"),
                    `${where(c)}: without --no-config, .mocharc.json adds the whole suite`,
                );
                const specs = mochaSpecs(s);
                assert.ok(specs.length > 0, `${where(c)}: no test file named`);
                for (const spec of specs) {
                    const re = globToRegExp(spec);
                    assert.ok(
                        built.some((f) => re.test(f)),
                        `${where(c)}: ${spec} matches no compiled test file`,
                    );
                }
            }
        });
    }

    describe("run here, as written, from the repository root", () => {
        for (const c of toRun) {
            it(`${where(c)} \`${c.text}\` exits ${c.exit}`, async () => {
                const r = await results.get(c.text)!;
                assert.equal(
                    r.code,
                    c.exit,
                    `${c.text} exited ${r.code} after ${r.ms} ms:\n${r.output.slice(-3000)}`,
                );
            });
        }
    });
});
