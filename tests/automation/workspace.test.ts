// The real WorkspaceFactory: what it checks before any CLI call; then the integration test.
//
// Integration: the real Pulumi CLI through LocalWorkspace, against a throwaway file backend.
// `preview` of a copy of dev's config (stack "automation-it", so no tracked stack file is touched:
// creating a stack with the passphrase provider writes an encryptionsalt into its file) with the
// policy pack and lenient.json attached. It needs `pulumi` on PATH and the AWS and awsx provider
// plugins (the CLI installs them on first use, which needs network); it makes no AWS calls beyond
// what a preview's provider configuration does and the zone lookup of dev's created VPC. Without
// the CLI (this machine, CI) it is skipped at run time with the reason; `this.skip()` rather than
// a static skip, so it runs wherever the CLI is.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ConfigMap, Stack } from "@pulumi/pulumi/automation";
import {
    findOnPath,
    isOperation,
    LocalStackHandle,
    LocalWorkspaceFactory,
    OPERATIONS,
    PulumiCliMissingError,
    DEFAULT_PULUMI_TIMEOUT_MS,
    PulumiTimeoutError,
    runEnvironment,
} from "../../automation";
import { repoRoot, stackConfigPath } from "../../stacks/config";
import { fakePulumiPids, processAlive, writeFakePulumi } from "./fake";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "automation-workspace-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("automation/workspace", () => {
    before(() => {
        // A `pulumi` executable for the PATH lookup; it is never run.
        fs.mkdirSync(path.join(tmp, "b"));
        fs.writeFileSync(path.join(tmp, "b", "pulumi"), "#!/bin/sh\n", { mode: 0o755 });
    });

    it("the real factory checks PATH before any CLI call and creates the state folder", async () => {
        const root2 = path.join(tmp, "project");
        const none = new LocalWorkspaceFactory({
            env: { PULUMI_CONFIG_PASSPHRASE: "x", PATH: "" },
            root: root2,
        });
        await assert.rejects(none.ensureReady(), PulumiCliMissingError);
        const bin = path.join(tmp, "b");
        const some = new LocalWorkspaceFactory({
            env: { PULUMI_CONFIG_PASSPHRASE: "x", PATH: bin },
            root: root2,
        });
        await some.ensureReady();
        assert.ok(fs.statSync(path.join(root2, ".pulumi-state")).isDirectory());
    });

    it("the operations, and nothing else, are operations", () => {
        assert.deepEqual([...OPERATIONS], ["preview", "up", "refresh", "destroy", "outputs"]);
        assert.deepEqual(
            ["preview", "up", "refresh", "destroy", "outputs", "import", "Up", ""].map(isOperation),
            [true, true, true, true, true, false, false, false],
        );
    });

    it("the factory's backend follows resolveBackend; the root defaults to the repository", () => {
        const cloud = new LocalWorkspaceFactory({ env: { PULUMI_BACKEND_URL: "https://api.pulumi.com" } });
        assert.equal(cloud.backendUrl, "https://api.pulumi.com");
        assert.equal(cloud.root, repoRoot());
        const local = new LocalWorkspaceFactory({ env: { PULUMI_CONFIG_PASSPHRASE: "x" }, root: "/repo" });
        assert.equal(local.backendUrl, "file:///repo/.pulumi-state");
    });

    describe("LocalStackHandle over an Automation API Stack", () => {
        /** A Stack that records each call and answers like the SDK's result types. */
        function fakeStack(config: Record<string, { value: string }> = {}) {
            const calls: [string, ...unknown[]][] = [];
            const summary = { resourceChanges: { create: 2 } };
            const answer = <T>(call: [string, ...unknown[]], value: T): T => {
                calls.push(call);
                return value;
            };
            const stack = {
                name: "dev",
                preview: async (o: object) => answer(["preview", o], { changeSummary: { same: 4 } }),
                up: async (o: object) =>
                    answer(["up", o], { summary, outputs: { name: { value: "dev", secret: false } } }),
                refresh: async (o: object) => answer(["refresh", o], { summary: {} }),
                destroy: async (o: object) =>
                    answer(["destroy", o], { summary: { resourceChanges: { delete: 3 } } }),
                outputs: async () => answer(["outputs"], { url: { value: "https://x", secret: false } }),
                getAllConfig: async () => answer(["getAllConfig"], config),
                removeAllConfig: async (keys: string[]) => answer(["removeAllConfig", keys], undefined),
                setAllConfig: async (values: ConfigMap, path: boolean) =>
                    answer(["setAllConfig", values, path], undefined),
            };
            return { calls, handle: new LocalStackHandle(stack as unknown as Stack) };
        }
        const policy = { policyPacks: ["/repo/policy-pack"], policyPackConfigs: ["/repo/lenient.json"] };

        it("runs each operation without color and returns the engine's change counts", async () => {
            const { calls, handle } = fakeStack();
            assert.equal(handle.name, "dev");
            assert.deepEqual(await handle.preview(policy), { changes: { same: 4 } });
            assert.deepEqual(await handle.up(policy), {
                changes: { create: 2 },
                outputs: { name: { value: "dev", secret: false } },
            });
            assert.deepEqual(await handle.refresh({}), { changes: {} });
            assert.deepEqual(await handle.destroy({}), { changes: { delete: 3 } });
            assert.deepEqual(await handle.outputs(), { url: { value: "https://x", secret: false } });
            assert.deepEqual(calls, [
                ["preview", { ...policy, color: "never" }],
                ["up", { ...policy, color: "never" }],
                ["refresh", { color: "never" }],
                ["destroy", { color: "never" }],
                ["outputs"],
            ]);
        });

        it("setConfig removes platform: keys the new config no longer has, then sets all as whole values", async () => {
            const { calls, handle } = fakeStack({
                "aws:region": { value: "us-west-2" },
                "platform:cluster": { value: "{}" },
                "platform:oldKey": { value: "x" },
                "other:key": { value: "kept" },
            });
            const values = { "aws:region": { value: "eu-west-1" }, "platform:cluster": { value: "{}" } };
            await handle.setConfig(values);
            assert.deepEqual(calls, [
                ["getAllConfig"],
                ["removeAllConfig", ["platform:oldKey"]],
                ["setAllConfig", values, false],
            ]);
            const fresh = fakeStack({ "platform:cluster": { value: "{}" } });
            await fresh.handle.setConfig(values);
            assert.deepEqual(
                fresh.calls.map((c) => c[0]),
                ["getAllConfig", "setAllConfig"],
                "nothing stale, nothing removed",
            );
        });
    });
});

describe("automation/workspace: a `pulumi` that never answers", () => {
    const dir = path.join(tmp, "fake-pulumi");
    const log = path.join(dir, "log");
    const env = (hang: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
        ...process.env,
        PATH: `${dir}${path.delimiter}${process.env.PATH ?? ""}`,
        PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: "x",
        FAKE_PULUMI_LOG: log,
        FAKE_PULUMI_HANG: hang,
        ...extra,
    });
    before(() => {
        fs.mkdirSync(dir, { recursive: true });
        writeFakePulumi(dir);
    });
    beforeEach(() => fs.rmSync(log, { force: true }));

    it("is stopped after timeoutMs, its whole process group with it, and the result says which command of which stack", async () => {
        // `stack select` hangs in a child that ignores SIGINT (as a plugin might): SIGINT ends the
        // CLI, SIGKILL to the group after the grace period ends the child.
        const workspaces = new LocalWorkspaceFactory({
            env: env("stack", { FAKE_PULUMI_CHILD: "1" }),
            timeoutMs: 300,
            killGraceMs: 200,
        });
        const started = Date.now();
        const result = await runEnvironment({ stack: "dev", operation: "preview" }, { workspaces });
        const elapsed = Date.now() - started;
        assert.equal(result.status, "failed");
        assert.deepEqual(result.error, {
            kind: "operation",
            message:
                '`pulumi stack select` of stack "dev" did not finish within 0.3 s, so it was stopped (SIGINT, then SIGKILL after 0.2 s). ' +
                "If it is only slow, raise --timeout (timeoutMs); otherwise look for what it waits on: another update's lock, a backend or network that does not answer.",
        });
        const cause = (result as unknown as { cause: unknown }).cause;
        assert.ok(cause instanceof PulumiTimeoutError);
        assert.deepEqual([cause.command, cause.stack, cause.timeoutMs], ["stack select", "dev", 300]);
        // version, stack select and its child: all gone.
        const pids = fakePulumiPids(log);
        assert.equal(pids.length, 3);
        assert.deepEqual(pids.filter(processAlive), []);
        assert.ok(elapsed < 10_000, `took ${elapsed} ms`);
    });

    it("the timeout defaults to an hour per command", () => {
        assert.equal(DEFAULT_PULUMI_TIMEOUT_MS, 3_600_000);
        assert.equal(new LocalWorkspaceFactory({ env: env("none") }).timeoutMs, 3_600_000);
    });
});

const STACK = "automation-it";

describe("automation/workspace: the real Pulumi CLI (integration), local file backend", function () {
    this.timeout(10 * 60 * 1000);

    it("previews the dev config with the policy pack attached", async function () {
        const cli = findOnPath("pulumi");
        if (!cli) {
            console.log(
                "    (skipped: no `pulumi` executable on PATH; install the Pulumi CLI to run this test)",
            );
            this.skip();
        }
        const state = fs.mkdtempSync(path.join(os.tmpdir(), "automation-it-state-"));
        const stackFile = stackConfigPath(STACK);
        fs.copyFileSync(stackConfigPath("dev"), stackFile);
        try {
            const workspaces = new LocalWorkspaceFactory({
                env: {
                    ...process.env,
                    PULUMI_BACKEND_URL: `file://${state}`,
                    PULUMI_CONFIG_PASSPHRASE: "automation-integration-test",
                },
            });
            const steps: string[] = [];
            const result = await runEnvironment(
                { stack: STACK, operation: "preview" },
                { workspaces, onProgress: (l) => steps.push(l.message) },
            );
            assert.equal(result.status, "succeeded", result.error?.message);
            assert.equal(result.policyConfig, path.join(repoRoot(), "policy-pack", "config", "lenient.json"));
            assert.ok((result.changes.create ?? 0) >= 43, `creates: ${JSON.stringify(result.changes)}`);
            assert.ok((result.progress?.started ?? 0) > 0, "engine events were streamed");
            assert.equal(
                result.progress?.policyViolations,
                0,
                steps.filter((s) => s.startsWith("policy")).join("\n"),
            );
        } finally {
            fs.rmSync(stackFile, { force: true });
            fs.rmSync(state, { recursive: true, force: true });
        }
    });
});
