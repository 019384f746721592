// The bad-input corpus of the three command-line tools (issue 13): command lines and files a
// person gets wrong, each with the exit code the README documents and the words the one `error:`
// line must say. tests/cli/{plan,automation,policy}.test.ts run every case in-process through
// the CLI's `main` and a few as real processes; `assertFailsCleanly` is the one check they share.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface Captured {
    code: number;
    out: string;
    err: string;
}

export interface CliCase {
    /** What is wrong, as a person would say it. */
    what: string;
    argv: string[];
    /** The documented exit code. */
    code: number;
    /** Words the error must contain: what was wrong and the fix. */
    says: string[];
}

/**
 * The exact exit code, an `error:` first line, every expected word on stderr, and no stack trace
 * anywhere: no `    at ` frame, no `SomeError: ...` heading that a trace would follow.
 */
export function assertFailsCleanly(r: Captured, c: CliCase): void {
    const label = `${c.what} (${c.argv.join(" ")})\n--- stderr:\n${r.err}`;
    assert.strictEqual(r.code, c.code, label);
    for (const text of [r.out, r.err]) {
        assert.doesNotMatch(text, /^\s+at \S/m, label);
        assert.doesNotMatch(text, /^\w*Error: /m, label);
    }
    const first = r.err.split("\n").find((l) => !l.startsWith("•"));
    assert.match(first ?? "", /^error: \S/, label);
    for (const word of c.says) {
        assert.ok(r.err.includes(word), `expected ${JSON.stringify(word)} in the error of: ${label}`);
    }
}

/** The files the corpus names, in a fresh temporary folder; `cleanup` removes it. */
export function makeFiles() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-corpus-"));
    const write = (name: string, text: string): string => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text);
        return file;
    };
    const aFile = write("a-file", "not a folder\n");
    // A named pipe nobody writes to: reading it would wait forever.
    const fifo = path.join(dir, "fifo.json");
    execFileSync("mkfifo", [fifo]);
    return {
        dir,
        aFile,
        fifo,
        missing: path.join(dir, "missing.json"),
        /** A path through a regular file: ENOTDIR. */
        throughFile: path.join(aFile, "x.json"),
        empty: write("empty.json", ""),
        blank: write("blank.json", " \n\t\n"),
        truncated: write("truncated.json", '{"all": "advisory", "trust-length": {'),
        array: write("array.json", '["advisory"]'),
        badLevel: write("bad-level.json", '{"all": "loud"}'),
        badValue: write("bad-value.json", '{"trust-length": 5}'),
        unknownPolicy: write("unknown-policy.json", '{"trust-lenght": "mandatory"}'),
        notYaml: write("Pulumi.broken.yaml", "config:\n  aws:region: [us-west-2\n"),
        noConfigSection: write("Pulumi.empty.yaml", "encryptionsalt: v1:abc\n"),
        write,
        cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
}
export type Files = ReturnType<typeof makeFiles>;

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const ASSET = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE = "0def7320c3a5731c473e5ecbe6d01bc7";
const RESOURCE = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/** One IAM role with `props`, as a resources file holds it. */
function role(props: Record<string, unknown>): Record<string, unknown>[] {
    return [
        {
            urn: "urn:pulumi:dev::platform::aws:iam/role:Role::r",
            type: "aws:iam/role:Role",
            name: "r",
            props,
        },
    ];
}

/** The offline plan, `npm run plan -- ...` (plan/cli.ts). */
export function planCases(f: Files): CliCase[] {
    const usage = (what: string, argv: string[], ...says: string[]): CliCase => ({
        what,
        argv,
        code: 2,
        says,
    });
    return [
        usage(
            "unknown stack",
            ["--stack", "nope"],
            "--stack nope: no such stack",
            "the stacks are dev, prod, staging",
        ),
        usage(
            "path in the stack name",
            ["--stack", "../etc"],
            "may only contain alphanumeric",
            'invalid character "/"',
        ),
        usage("qualified stack name", ["--stack", "org/dev"], 'invalid character "/" at position 3'),
        usage("empty stack name", ["--stack", ""], "a stack name may not be empty"),
        usage("stack name of 101 characters", ["--stack", "d".repeat(101)], "cannot exceed 100 characters"),
        usage("space in the stack name", ["--stack", "dev prod"], 'invalid character " " at position 3'),
        usage("--stack without its value", ["--stack"], "argument missing", "see --help"),
        usage("unknown flag", ["--bogus"], "unknown option '--bogus'", "see --help"),
        usage("a typo'd flag", ["--polcy-config", f.truncated], "unknown option '--polcy-config'"),
        usage("a stray argument", ["dev"], "too many arguments", "see --help"),
        usage(
            "--config missing",
            ["--config", f.missing],
            `--config ${f.missing} does not exist`,
            "give a stack config file",
        ),
        usage("--config a directory", ["--config", f.dir], "is a directory, not a file"),
        usage(
            "--config a named pipe",
            ["--config", f.fifo],
            "is not a regular file (a pipe, socket or device)",
        ),
        usage("--config through a file", ["--config", f.throughFile], "a part of its path is a file"),
        usage("--config without its value", ["--stack", "dev", "--config"], "argument missing"),
        usage("--config bad stack name", ["--stack", "a:b", "--config", f.notYaml], 'invalid character ":"'),
        usage(
            "--config not YAML",
            ["--config", f.notYaml],
            "invalid stack config",
            "at line 2, column 15",
            "Pulumi refuses the file",
        ),
        usage("--config without config:", ["--config", f.noConfigSection], "the file has no config: section"),
        usage(
            "--policy-config missing",
            ["--policy-config", f.missing],
            "does not exist",
            "policy-pack/config/lenient.json",
        ),
        usage("--policy-config a directory", ["--policy-config", f.dir], "is a directory, not a file"),
        usage("--policy-config a named pipe", ["--policy-config", f.fifo], "is not a regular file"),
        usage("--policy-config truncated", ["--policy-config", f.truncated], "is not valid JSON"),
        usage("--policy-config empty", ["--policy-config", f.empty], "is empty"),
        usage("--policy-config an array", ["--policy-config", f.array], "must hold a JSON object"),
        usage(
            "--policy-config bad level",
            ["--policy-config", f.badLevel],
            '"loud" is not a valid enforcement level',
        ),
        usage(
            "--policy-config bad value",
            ["--policy-config", f.badValue],
            "trust-length: 5 is not a valid value",
        ),
        usage(
            "--policy-config unknown policy",
            ["--policy-config", f.unknownPolicy],
            "trust-lenght: no such policy in the pack",
        ),
        usage("--json a directory", ["--json", f.dir], `--json ${f.dir} is a directory`),
        usage(
            "--json under a file",
            ["--json", path.join(f.aFile, "out", "plan.json")],
            `${f.aFile} is a file, not a folder`,
        ),
        usage(
            "--report under a file",
            ["--report", path.join(f.aFile, "map")],
            "cannot be written",
            `${f.aFile} is a file`,
        ),
        usage("--report a file", ["--report", f.aFile], "is a file, not a folder"),
        usage("--policy-pack missing", ["--policy-pack", f.missing], "does not exist", "bin/policy-pack"),
        usage("--policy-pack a file", ["--policy-pack", f.aFile], "is a file, not a folder"),
        usage("--credentials-account without value", ["--credentials-account"], "argument missing"),
    ];
}

/** The Automation CLI, `npm run env|fleet -- ...` (automation/cli.ts), on a fake workspace. */
export function automationCases(f: Files): CliCase[] {
    const usage = (what: string, argv: string[], ...says: string[]): CliCase => ({
        what,
        argv,
        code: 2,
        says,
    });
    return [
        usage(
            "env: unknown stack",
            ["env", "preview", "--stack", "nope"],
            "--stack nope: no such stack",
            "the stacks are dev, prod, staging",
        ),
        usage("env up: unknown stack", ["env", "up", "--stack", "qa", "--json"], "--stack qa: no such stack"),
        usage(
            "env: path in the stack name",
            ["env", "refresh", "--stack", "../dev"],
            'invalid character "/" at position 2',
        ),
        usage("env: empty stack name", ["env", "outputs", "--stack", ""], "a stack name may not be empty"),
        usage(
            "env: stack name of 101 characters",
            ["env", "preview", "--stack", "s".repeat(101)],
            "cannot exceed 100 characters",
        ),
        usage("env: no --stack", ["env", "up"], "required option '-s, --stack <env>' not specified"),
        usage("env: --stack without its value", ["env", "up", "--stack"], "argument missing"),
        usage(
            "env: unknown operation",
            ["env", "import", "--stack", "dev"],
            'unknown operation "import"',
            "preview, up, refresh, destroy, outputs",
        ),
        usage("env: no operation", ["env", "--stack", "dev"], "missing required argument 'operation'"),
        usage(
            "env: unknown flag",
            ["env", "up", "--stack", "dev", "--force"],
            "unknown option '--force'",
            "see --help",
        ),
        usage("unknown command", ["deploy"], "unknown command 'deploy'"),
        usage(
            "fleet: one unknown stack",
            ["fleet", "up", "--stacks", "dev,nope"],
            "--stacks nope: no such stack",
        ),
        usage(
            "fleet: space in a stack name",
            ["fleet", "up", "--stacks", "dev,a b"],
            '--stacks "a b": a stack name may only contain',
            'invalid character " " at position 1',
        ),
        usage(
            "fleet: the same stack twice",
            ["fleet", "preview", "--stacks", "dev,dev"],
            'stack "dev" is listed twice',
        ),
        usage("fleet: an empty list", ["fleet", "up", "--stacks", ","], "no stacks given"),
        usage(
            "fleet: concurrency not a number",
            ["fleet", "up", "--stacks", "dev", "--concurrency", "two"],
            '--concurrency takes a whole number; got "two"',
        ),
        usage("fleet: concurrency 0", ["fleet", "up", "--stacks", "dev", "--concurrency", "0"], "at least 1"),
        usage(
            "fleet: conflicting modes",
            ["fleet", "up", "--stacks", "dev", "--fail-fast", "--continue"],
            "--fail-fast and --continue exclude each other",
        ),
        usage("fleet: no --stacks", ["fleet", "up"], "required option '--stacks <list>' not specified"),
        usage(
            "--policy-config missing",
            ["env", "preview", "--stack", "dev", "--policy-config", f.missing],
            "does not exist",
        ),
        usage(
            "--policy-config a directory",
            ["env", "up", "--stack", "dev", "--policy-config", f.dir],
            "is a directory, not a file",
        ),
        usage(
            "--policy-config a named pipe",
            ["env", "preview", "--stack", "dev", "--policy-config", f.fifo],
            "is not a regular file",
        ),
        usage(
            "--policy-config truncated",
            ["fleet", "up", "--stacks", "dev", "--policy-config", f.truncated],
            "is not valid JSON",
        ),
        usage(
            "--policy-config an array",
            ["env", "preview", "--stack", "dev", "--policy-config", f.array],
            "must hold a JSON object",
        ),
        usage(
            "--policy-config unknown policy",
            ["env", "preview", "--stack", "dev", "--policy-config", f.unknownPolicy],
            "trust-lenght: no such policy in the pack",
        ),
        usage(
            "--policy-config bad level",
            ["env", "preview", "--stack", "dev", "--policy-config", f.badLevel],
            '"loud" is not a valid enforcement level',
        ),
    ];
}

/** The pack's CLI, `npm run policy -- ...` (policy-pack/lib/cli.ts). `file` writes one input. */
export function policyCases(f: Files): CliCase[] {
    const bad = (what: string, name: string, value: unknown, ...says: string[]): CliCase => ({
        what,
        argv: [f.write(name, typeof value === "string" ? value : JSON.stringify(value))],
        code: 2,
        says,
    });
    const usage = (what: string, argv: string[], ...says: string[]): CliCase => ({
        what,
        argv,
        code: 2,
        says,
    });
    const ok = f.write("ok.json", JSON.stringify(role({})));
    let deep = "1";
    for (let i = 0; i < 100_000; i++) {
        deep = `{"a":${deep}}`;
    }
    return [
        usage("no file", [], "missing required argument 'file'", "see --help"),
        usage("unknown flag", [ok, "--bogus"], "unknown option '--bogus'"),
        usage("two files", [ok, ok], "too many arguments"),
        usage("--policy-config without its value", [ok, "--policy-config"], "argument missing"),
        usage(
            "missing file",
            [f.missing],
            `resources file ${f.missing} does not exist`,
            "npm run plan -- --json",
        ),
        usage("a directory", [f.dir], "is a directory, not a file"),
        usage("a named pipe", [f.fifo], `resources file ${f.fifo} is not a regular file`),
        usage("--policy-config a named pipe", [ok, "--policy-config", f.fifo], "is not a regular file"),
        usage("through a file", [f.throughFile], "a part of its path is a file"),
        usage("empty file", [f.empty], "is empty"),
        usage("blank file", [f.blank], "is empty"),
        usage("truncated JSON", [f.truncated], "is not valid JSON"),
        bad(
            "[{}]",
            "empty-object.json",
            [{}],
            "resources[0].urn: expected a non-empty string",
            "resources[0].props: expected an object",
        ),
        bad("an empty list", "empty-list.json", [], "holds no resources"),
        bad("an object without resources", "object.json", { nope: [] }, "got an object without `resources`"),
        bad("null root", "null.json", "null", "got null"),
        bad("number root", "number.json", "5", "got number"),
        bad("string root", "string.json", '"resources"', "got string"),
        bad(
            "resources not a list",
            "resources-object.json",
            { resources: { a: 1 } },
            "expected an array of resources",
        ),
        bad("a resource that is a number", "number-item.json", [1], "resources[0]: not an object"),
        bad(
            "a resource without props",
            "no-props.json",
            [{ urn: "u", type: "t", name: "n" }],
            "resources[0].props: expected an object",
        ),
        bad(
            "a resource without type",
            "no-type.json",
            [{ urn: "u", name: "n", props: {} }],
            "resources[0].type: expected a non-empty string",
        ),
        bad(
            "props an array",
            "props-array.json",
            [{ urn: "u", type: "t", name: "n", props: [] }],
            "resources[0].props: expected an object",
        ),
        bad(
            "the same URN twice",
            "dup.json",
            [...role({}), ...role({})],
            "resources[1].urn: the same URN as resources[0]",
        ),
        bad(
            "dependencies not URNs",
            "deps.json",
            [{ urn: "u", type: "t", name: "n", props: {}, dependencies: [1] }],
            "resources[0].dependencies: expected an array of URNs",
        ),
        bad(
            "secret without value",
            "secret.json",
            role({ assumeRolePolicy: { [SIG]: SECRET } }),
            "resources[0].props.assumeRolePolicy (secret",
            "a secret without `value`",
        ),
        bad(
            "secret whose value is garbage",
            "secret-odd.json",
            role({ assumeRolePolicy: { [SIG]: SECRET, value: { [SIG]: "x" } } }),
            'resources[0].props.assumeRolePolicy.value (signature "x")',
        ),
        bad(
            "asset without a source",
            "asset.json",
            role({ code: { [SIG]: ASSET } }),
            "an asset needs exactly one of `path`, `text` or `uri`",
        ),
        bad(
            "asset with two sources",
            "asset-two.json",
            role({ code: { [SIG]: ASSET, path: "a", text: "b" } }),
            "an asset needs exactly one of",
        ),
        bad(
            "asset path a number",
            "asset-num.json",
            role({ code: { [SIG]: ASSET, path: 5 } }),
            "a non-empty string",
        ),
        bad(
            "archive assets a number",
            "archive.json",
            role({ code: { [SIG]: ARCHIVE, assets: 5 } }),
            "`assets` must be an object",
        ),
        bad(
            "archive of a string",
            "archive-str.json",
            role({ code: { [SIG]: ARCHIVE, assets: { a: "x" } } }),
            "resources[0].props.code.assets.a: an archive holds only assets and archives",
        ),
        bad(
            "archive with nothing",
            "archive-empty.json",
            role({ code: { [SIG]: ARCHIVE } }),
            "an archive needs `assets`, `path` or `uri`",
        ),
        bad(
            "resource reference without urn",
            "ref.json",
            role({ vpc: { [SIG]: RESOURCE, id: "vpc-1" } }),
            "a resource reference needs `urn`",
        ),
        bad(
            "resource reference id a number",
            "ref-id.json",
            role({ vpc: { [SIG]: RESOURCE, urn: "urn:x", id: 5 } }),
            "`id` must be a string",
        ),
        bad("an output value", "output.json", role({ arn: { [SIG]: OUTPUT } }), "an output value"),
        bad(
            "unknown signature",
            "sig.json",
            role({ arn: { [SIG]: "deadbeef" } }),
            'resources[0].props.arn (signature "deadbeef")',
            "known: 1b47061264138c4ac30d75fd1eb44270 (secret)",
        ),
        bad("signature a number", "sig-num.json", role({ arn: { [SIG]: 5 } }), "(signature 5)"),
        bad(
            "100,000-deep props",
            "deep.json",
            `[{"urn":"u","type":"t","name":"n","props":{"a":${deep}}}]`,
            "nested deeper than 1000 levels",
        ),
        usage(
            "--policy-config missing",
            [ok, "--policy-config", f.missing],
            "policy config",
            "does not exist",
        ),
        usage("--policy-config truncated", [ok, "--policy-config", f.truncated], "is not valid JSON"),
        usage("--policy-config an array", [ok, "--policy-config", f.array], "must be a JSON object"),
        usage(
            "--policy-config unknown policy",
            [ok, "--policy-config", f.unknownPolicy],
            "trust-lenght: no such policy in the pack",
        ),
        usage(
            "--policy-config bad level",
            [ok, "--policy-config", f.badLevel],
            "enforcementLevel must be one of",
        ),
    ];
}
