// The CLI functions with the fake workspace: exit codes, what goes to stdout and to stderr, JSON.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CliDeps, cliMain, PulumiCliMissingError } from "../../automation";
import {
    commandFailed,
    concurrentUpdate,
    fakeDeps,
    fakePulumiPids,
    FakeWorkspace,
    mandatoryViolation,
    ok,
    processAlive,
    writeFakePulumi,
} from "./fake";

async function run(argv: string[], ws = new FakeWorkspace(), deps: Partial<CliDeps> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const { workspaces, ...fakes } = fakeDeps(ws, { dev: [mandatoryViolation] });
    const code = await cliMain(
        argv,
        { out: (t) => out.push(t), err: (t) => err.push(t) },
        { createFactory: () => workspaces, ...fakes, ...deps },
    );
    return { code, out: out.join("\n"), err: err.join("\n"), ws };
}

describe("automation/cli", () => {
    it("env preview: exit 0, result on stdout, progress on stderr", async () => {
        const ws = new FakeWorkspace().on("preview", "staging", ok({ create: 46 }));
        const r = await run(["env", "preview", "--stack", "staging"], ws);
        assert.equal(r.code, 0);
        assert.match(
            r.out,
            /^preview staging: succeeded in 0\.1s\n {2}policy config: .*lenient\.json\n {2}changes: 46 create \(attempts: 1\)$/,
        );
        assert.match(r.err, /^• backend file:\/\/\/fake-state$/m);
    });

    it("env up refused by the pre-flight: exit 1, violations on stderr, JSON result with the summary", async () => {
        const r = await run(["env", "up", "--stack", "dev", "--json"]);
        assert.equal(r.code, 1);
        assert.deepEqual(r.ws.calls, ["ensureReady"]);
        assert.match(r.err, /node-role-managed-policies: AmazonSSMManagedInstanceCore/);
        const json = JSON.parse(r.out);
        assert.equal(json.version, 1);
        assert.equal(json.status, "refused");
        assert.equal(json.preflight.summary.mandatory, 1);
        assert.equal(json.error.kind, "preflight-refused");
    });

    it("env up with --skip-preflight and a lock that never clears: exit 1 after the bounded retries", async () => {
        const ws = new FakeWorkspace().on(
            "up",
            "dev",
            concurrentUpdate(),
            concurrentUpdate(),
            concurrentUpdate(),
            concurrentUpdate(),
        );
        const r = await run(["env", "up", "--stack", "dev", "--skip-preflight"], ws);
        assert.equal(r.code, 1);
        assert.equal(r.ws.calls.filter((c) => c === "up dev").length, 4);
        assert.match(r.err, /retrying in 20000 ms/);
    });

    it("env outputs: exit 0 with the outputs; a failed destroy: exit 1", async () => {
        const ws = new FakeWorkspace()
            .on("outputs", "dev", ok({}, { clusterName: { value: "dev", secret: false } }))
            .on("destroy", "dev", commandFailed("error: resource is protected"));
        const outputs = await run(["env", "outputs", "--stack", "dev", "--json"], ws);
        assert.equal(outputs.code, 0);
        assert.deepEqual(JSON.parse(outputs.out).outputs, { clusterName: "dev" });
        const destroy = await run(["env", "destroy", "--stack", "dev"], ws);
        assert.equal(destroy.code, 1);
        assert.match(destroy.err, /^error: error: resource is protected$/m);
    });

    it("exit 2: no CLI, no passphrase, no such stack, usage mistakes", async () => {
        const noCli = new FakeWorkspace();
        noCli.readyError = new PulumiCliMissingError("no `pulumi` executable on PATH");
        const r1 = await run(["env", "preview", "--stack", "dev", "--json"], noCli);
        assert.equal(r1.code, 2);
        assert.equal(JSON.parse(r1.out).error.kind, "cli-missing");

        // The real factory, so the real backend rule: no PULUMI_BACKEND_URL and no passphrase.
        const r2 = await run(["env", "preview", "--stack", "dev", "--json"], undefined, {
            createFactory: undefined,
            env: {},
        });
        assert.equal(r2.code, 2);
        assert.deepEqual(JSON.parse(r2.out).error.kind, "backend");
        assert.match(r2.err, /set PULUMI_CONFIG_PASSPHRASE/);

        const missing = new FakeWorkspace();
        missing.missing.add("staging");
        const r3 = await run(["env", "refresh", "--stack", "staging"], missing);
        assert.equal(r3.code, 2);
        assert.match(r3.err, /stack "staging" does not exist in backend file:\/\/\/fake-state/);

        for (const argv of [
            ["env", "import", "--stack", "dev"],
            ["env", "up"],
            ["fleet", "up", "--stacks", "dev", "--fail-fast", "--continue"],
            ["fleet", "up", "--stacks", "dev", "--concurrency", "two"],
            ["fleet", "up", "--stacks", ","],
            ["deploy"],
            [],
        ]) {
            const r = await run(argv, new FakeWorkspace());
            assert.equal(r.code, 2, argv.join(" "));
            assert.deepEqual(r.ws.calls, [], argv.join(" "));
        }
        assert.equal((await run(["--help"])).code, 0);
    });

    it("--timeout: a `pulumi preview` that never answers is stopped, exit 1, naming stack, command and time", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "automation-cli-timeout-"));
        try {
            writeFakePulumi(dir);
            const log = path.join(dir, "log");
            const env = {
                ...process.env,
                PATH: `${dir}${path.delimiter}${process.env.PATH ?? ""}`,
                PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
                PULUMI_CONFIG_PASSPHRASE: "x",
                FAKE_PULUMI_LOG: log,
                FAKE_PULUMI_HANG: "preview",
            };
            const r = await run(["env", "preview", "--stack", "dev", "--timeout", "0.3"], undefined, {
                createFactory: undefined,
                env,
            });
            assert.equal(r.code, 1);
            assert.match(
                r.err,
                /^error: `pulumi preview` of stack "dev" did not finish within 0\.3 s, so it was stopped \(SIGINT\)\. If it is only slow, raise --timeout/m,
            );
            assert.match(r.out, /^preview dev: failed in /);
            // version, stack select, preview: each ran once and none is left.
            const pids = fakePulumiPids(log);
            assert.equal(pids.length, 3);
            assert.deepEqual(pids.filter(processAlive), []);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("--timeout reaches the workspace factory in seconds, and takes only a number above 0", async () => {
        const seen: { timeoutMs?: number }[] = [];
        const ws = new FakeWorkspace().on("preview", "dev", ok()).on("preview", "staging", ok());
        const createFactory = (_env: NodeJS.ProcessEnv, options: { timeoutMs?: number }) => {
            seen.push(options);
            return ws;
        };
        assert.equal(
            (await run(["env", "preview", "--stack", "dev", "--timeout", "90"], ws, { createFactory })).code,
            0,
        );
        assert.equal((await run(["fleet", "preview", "--stacks", "staging"], ws, { createFactory })).code, 0);
        assert.deepEqual(seen, [{ timeoutMs: 90_000 }, { timeoutMs: undefined }]);
        for (const value of ["0", "-5", "soon"]) {
            const r = await run(
                ["env", "preview", "--stack", "dev", "--timeout", value],
                new FakeWorkspace(),
            );
            assert.equal(r.code, 2, value);
            assert.equal(r.err, `error: --timeout takes a number of seconds above 0; got "${value}"`);
            assert.deepEqual(r.ws.calls, []);
        }
    });

    it("fleet --continue --json: every environment, JSON on stdout, exit 1 when one failed", async () => {
        const ws = new FakeWorkspace()
            .on("preview", "dev", ok({ create: 43 }))
            .on("preview", "staging", commandFailed("error: boom"))
            .on("preview", "prod", ok({ create: 60 }));
        const r = await run(
            [
                "fleet",
                "preview",
                "--stacks",
                "dev,staging,prod",
                "--concurrency",
                "2",
                "--continue",
                "--json",
            ],
            ws,
        );
        assert.equal(r.code, 1);
        const json = JSON.parse(r.out);
        assert.equal(json.mode, "continue");
        assert.equal(json.concurrency, 2);
        assert.deepEqual(json.counts, { succeeded: 2, failed: 1, refused: 0, skipped: 0 });
        assert.match(r.err, /^error: staging: error: boom$/m);
    });

    it("fleet up, fail-fast by default: table on stdout, the refusal stops the rest, exit 1", async () => {
        const ws = new FakeWorkspace().on("up", "staging", ok());
        const r = await run(["fleet", "up", "--stacks", "staging,dev,prod"], ws);
        assert.equal(r.code, 1);
        assert.match(r.out, /^staging +up +succeeded/m);
        assert.match(r.out, /^dev +up +refused .*pre-flight refused "up" of dev/m);
        assert.match(r.out, /^prod +up +skipped/m);
        assert.match(r.out, /up: 1 succeeded, 0 failed, 1 refused, 1 skipped \(fail-fast, concurrency 1/);
    });

    it("fleet all green: exit 0", async () => {
        const ws = new FakeWorkspace().on("refresh", "dev", ok()).on("refresh", "staging", ok());
        const r = await run(["fleet", "refresh", "--stacks", "dev, staging", "--concurrency", "2"], ws);
        assert.equal(r.code, 0);
        assert.equal(ws.maxInFlight, 2);
    });
});
