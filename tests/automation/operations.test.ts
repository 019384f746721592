// One environment through the fake workspace: the order of steps, the policy pack and policy config
// attached, pre-flight refusal before any CLI call, retries, typed config and error kinds. Last,
// the real pre-flight (plan/plan.ts: the program on mocks, the compiled policy pack over gRPC) in
// front of the fake workspace. Its planted violation is one the config schema accepts and only the
// policy pack rejects: `ssm: true` on dev's node group attaches AmazonSSMManagedInstanceCore to the
// node role, which strict.json's node-role-managed-policies allow-list forbids (mandatory).
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import {
    AutomationDeps,
    EnvironmentRequest,
    offlinePreflight,
    PreflightRefusedError,
    PulumiCliMissingError,
    runEnvironment,
    up,
    outputs,
    causeOf,
    errorKind,
    formatProgress,
    StackMissingError,
} from "../../automation";
import { loadStackConfigFile, repoRoot, stackConfigPath } from "../../stacks/config";
import {
    commandFailed,
    concurrentUpdate,
    fakeDeps,
    fakeSleep,
    FakeWorkspace,
    mandatoryViolation,
    ok,
} from "./fake";

const root = repoRoot();
const lenient = path.join(root, "policy-pack", "config", "lenient.json");
const strict = path.join(root, "policy-pack", "config", "strict.json");

function setup(ws = new FakeWorkspace(), violations = {}) {
    const { preflight, sleep, ...rest } = fakeDeps(ws, violations);
    const lines: string[] = [];
    const deps: AutomationDeps = {
        ...rest,
        preflight,
        sleep,
        onProgress: (l) => lines.push(`${l.stack}: ${l.message}`),
    };
    const run = (request: EnvironmentRequest) => runEnvironment(request, deps);
    return { ws, preflight, sleep, lines, deps, run };
}

describe("automation/operations: one environment", () => {
    it("preview: ready check, stack created or selected, preview with the pack and the env's lenient config", async () => {
        const { ws, preflight, run } = setup();
        ws.on("preview", "dev", ok({ create: 43 }));
        const result = await run({ stack: "dev", operation: "preview" });
        assert.deepEqual(ws.calls, ["ensureReady", "open dev create", "preview dev"]);
        assert.deepEqual(ws.policyRuns.get("dev")?.policyPacks, [path.join(root, "policy-pack")]);
        assert.deepEqual(ws.policyRuns.get("dev")?.policyPackConfigs, [lenient]);
        assert.equal(
            preflight.requests.length,
            0,
            "preview has no offline pre-flight; the CLI runs the pack",
        );
        assert.equal(result.status, "succeeded");
        assert.deepEqual(result.changes, { create: 43 });
        assert.equal(result.attempts, 1);
        assert.equal(result.policyConfig, lenient);
        assert.equal(result.durationMs, 100);
    });

    it("prod gets strict.json; --policy-config overrides with an absolute path", async () => {
        const { ws, run } = setup();
        ws.on("preview", "prod", ok(), ok());
        await run({ stack: "prod", operation: "preview" });
        assert.deepEqual(ws.policyRuns.get("prod")?.policyPackConfigs, [strict]);
        await run({
            stack: "prod",
            operation: "preview",
            policyConfigFile: "policy-pack/config/lenient.json",
        });
        assert.deepEqual(ws.policyRuns.get("prod")?.policyPackConfigs, [
            path.resolve("policy-pack/config/lenient.json"),
        ]);
    });

    it("up: pre-flight with the same policy config first, then open and up; outputs with secrets masked", async () => {
        const { ws, preflight, run } = setup();
        ws.on(
            "up",
            "staging",
            ok(
                { create: 2, same: 44 },
                {
                    clusterName: { value: "staging", secret: false },
                    kubeconfig: { value: "k", secret: true },
                },
            ),
        );
        const result = await run({ stack: "staging", operation: "up" });
        assert.deepEqual(ws.calls, ["ensureReady", "open staging create", "up staging"]);
        assert.deepEqual(
            preflight.requests.map((r) => [r.stack, r.policyConfigFile, r.config]),
            [["staging", lenient, undefined]],
        );
        assert.deepEqual(result.preflight?.summary, {
            resources: 43,
            mandatory: 0,
            advisory: 0,
            undetermined: 0,
        });
        assert.deepEqual(result.outputs, { clusterName: "staging", kubeconfig: "[secret]" });
        assert.equal(result.status, "succeeded");
    });

    it("up refused on mandatory violations before any CLI call: result and typed error carry the plan", async () => {
        const { ws, run, deps } = setup(new FakeWorkspace(), { dev: [mandatoryViolation] });
        const result = await run({ stack: "dev", operation: "up" });
        assert.deepEqual(ws.calls, ["ensureReady"], "the workspace (and so the CLI) was never opened");
        assert.equal(result.status, "refused");
        assert.equal(result.error?.kind, "preflight-refused");
        assert.equal(result.attempts, 0);
        assert.deepEqual(result.preflight?.violations, [mandatoryViolation]);
        assert.match(result.error?.message ?? "", /node-role-managed-policies: AmazonSSMManagedInstanceCore/);

        await assert.rejects(up("dev", deps), (error: unknown) => {
            assert.ok(error instanceof PreflightRefusedError);
            assert.equal(error.stack, "dev");
            assert.equal(error.summary.mandatory, 1);
            assert.deepEqual(error.violations, [mandatoryViolation]);
            return true;
        });
    });

    it("advisory violations do not refuse; --skip-preflight skips the plan", async () => {
        const { ws, preflight, run } = setup(new FakeWorkspace(), {
            dev: [{ ...mandatoryViolation, enforcementLevel: "advisory" }],
        });
        ws.on("up", "dev", ok(), ok());
        assert.equal((await run({ stack: "dev", operation: "up" })).status, "succeeded");
        assert.equal(preflight.requests.length, 1);
        assert.equal((await run({ stack: "dev", operation: "up", skipPreflight: true })).status, "succeeded");
        assert.equal(preflight.requests.length, 1);
    });

    it("retries ConcurrentUpdateError with exponential backoff and reports the attempts", async () => {
        const { ws, sleep, lines, run } = setup();
        ws.on("up", "dev", concurrentUpdate(), concurrentUpdate(), ok({ update: 1 }));
        const result = await run({ stack: "dev", operation: "up" });
        assert.equal(result.status, "succeeded");
        assert.equal(result.attempts, 3);
        assert.deepEqual(sleep.delays, [5000, 10000]);
        assert.deepEqual(ws.calls, ["ensureReady", "open dev create", "up dev", "up dev", "up dev"]);
        assert.ok(lines.includes("dev: stack is locked by another update (attempt 1); retrying in 5000 ms"));
    });

    it("gives up after maxAttempts with the lock error, kind concurrent-update", async () => {
        const { ws, sleep, run } = setup();
        ws.on("refresh", "dev", concurrentUpdate(), concurrentUpdate(), concurrentUpdate());
        const result = await run({
            stack: "dev",
            operation: "refresh",
            retry: { maxAttempts: 3, initialDelayMs: 100, factor: 3 },
        });
        assert.equal(result.status, "failed");
        assert.equal(result.error?.kind, "concurrent-update");
        assert.equal(result.attempts, 3);
        assert.deepEqual(sleep.delays, [100, 300]);
        assert.match(result.error?.message ?? "", /currently locked/);
    });

    it("does not retry other errors and keeps their message", async () => {
        const { ws, sleep, run } = setup();
        ws.on("destroy", "dev", commandFailed("error: resource cluster is protected"));
        const result = await run({ stack: "dev", operation: "destroy" });
        assert.equal(result.status, "failed");
        assert.equal(result.error?.kind, "operation");
        assert.equal(result.attempts, 1);
        assert.deepEqual(sleep.delays, []);
        assert.match(result.error?.message ?? "", /resource cluster is protected/);
        assert.deepEqual(
            ws.calls,
            ["ensureReady", "open dev", "destroy dev"],
            "destroy never creates a stack",
        );
    });

    it("refresh/destroy/outputs on a missing stack: stack-missing with a message naming stack and backend", async () => {
        const ws = new FakeWorkspace();
        ws.missing.add("qa");
        const { run } = setup(ws);
        for (const operation of ["refresh", "destroy", "outputs"] as const) {
            const result = await run({ stack: "qa", operation });
            assert.equal(result.error?.kind, "stack-missing");
            assert.equal(result.status, "failed");
            assert.equal(
                result.error?.message,
                'stack "qa" does not exist in backend file:///fake-state: run `npm run env -- up --stack qa` first, ' +
                    "or set PULUMI_BACKEND_URL to the backend that holds it.",
            );
            assert.equal(errorKind(causeOf(result)), "stack-missing");
            assert.ok(causeOf(result) instanceof StackMissingError);
        }
    });

    it("a missing CLI stops everything at the ready check, pre-flight included", async () => {
        const ws = new FakeWorkspace();
        ws.readyError = new PulumiCliMissingError("no `pulumi` executable on PATH");
        const { preflight, run } = setup(ws);
        const result = await run({ stack: "dev", operation: "up" });
        assert.equal(result.error?.kind, "cli-missing");
        assert.deepEqual(ws.calls, ["ensureReady"]);
        assert.equal(preflight.requests.length, 0);
        assert.match(result.error?.message ?? "", /Pulumi CLI was not found/);
    });

    it("typed config: validated, planned in memory, set on the stack after pre-flight and before up", async () => {
        const { ws, preflight, run } = setup();
        ws.on("up", "dev", ok());
        const dev = loadStackConfigFile(stackConfigPath("dev"));
        const result = await run({
            stack: "dev",
            operation: "up",
            config: { region: dev.region, platform: dev.platform },
            configOptions: { secretKeys: ["workloads"] },
        });
        assert.equal(result.status, "succeeded");
        assert.deepEqual(ws.calls, ["ensureReady", "open dev create", "setConfig dev", "up dev"]);
        assert.deepEqual(preflight.requests[0].config?.platform, dev.platform);
        const config = ws.configs.get("dev") ?? {};
        assert.equal(config["aws:region"].value, "us-west-2");
        assert.equal(config["platform:workloads"].secret, true);
        assert.equal(config["platform:network"].secret, undefined);
    });

    it("an invalid typed config fails with kind config and key paths, before pre-flight and CLI", async () => {
        const { ws, preflight, run } = setup();
        const dev = loadStackConfigFile(stackConfigPath("dev"));
        const result = await run({
            stack: "dev",
            operation: "up",
            config: { region: "us-west-2", platform: { ...dev.platform, accountId: "12" } },
        });
        assert.equal(result.error?.kind, "config");
        assert.match(result.error?.message ?? "", /platform:accountId: must be a 12-digit AWS account id/);
        assert.deepEqual(ws.calls, ["ensureReady"]);
        assert.equal(preflight.requests.length, 0);
    });

    it("counts engine events into the result's progress and reports the current step", async () => {
        const ws = new FakeWorkspace();
        const meta = (op: string, name: string) => ({
            op,
            urn: `urn:pulumi:dev::platform::aws:iam/role:Role::${name}`,
            type: "aws:iam/role:Role",
            provider: "",
        });
        ws.events.set("dev", [
            { sequence: 1, timestamp: 1, resourcePreEvent: { metadata: meta("create", "a") } },
            { sequence: 2, timestamp: 1, resOutputsEvent: { metadata: meta("create", "a") } },
            { sequence: 3, timestamp: 1, resourcePreEvent: { metadata: meta("create", "b") } },
            {
                sequence: 4,
                timestamp: 1,
                resOpFailedEvent: { metadata: meta("create", "b"), status: 1, steps: 1 },
            },
            { sequence: 5, timestamp: 1, summaryEvent: { resourceChanges: { create: 1 } } },
        ] as unknown as EngineEvent[]);
        const { lines, run } = setup(ws);
        ws.on("up", "dev", ok({ create: 1 }));
        const result = await run({ stack: "dev", operation: "up", skipPreflight: true });
        assert.deepEqual(result.progress, {
            started: 2,
            completed: 1,
            failed: 1,
            errors: 0,
            policyViolations: 0,
            currentStep: "create aws:iam/role:Role b",
            resourceChanges: { create: 1 },
        });
        // One line per finished step, not per event: no line when a step starts.
        assert.deepEqual(lines, [
            "dev: pre-flight skipped (--skip-preflight); the CLI's policy run still applies",
            "dev: create aws:iam/role:Role a",
            "dev: FAILED create aws:iam/role:Role b",
            "dev: summary 1 create",
        ]);

        const verbose = setup(ws);
        ws.on("up", "dev", ok({ create: 1 }));
        await runEnvironment(
            { stack: "dev", operation: "up", skipPreflight: true },
            { ...verbose.deps, verbose: true },
        );
        assert.deepEqual(verbose.lines.slice(1), [
            "dev: start create aws:iam/role:Role a",
            "dev: create aws:iam/role:Role a",
            "dev: start create aws:iam/role:Role b",
            "dev: FAILED create aws:iam/role:Role b",
            "dev: summary 1 create",
        ]);
    });

    it("after a pre-flight, progress counts steps against the resources it planned", async () => {
        const ws = new FakeWorkspace();
        ws.events.set("dev", [
            {
                sequence: 1,
                timestamp: 1,
                resOutputsEvent: {
                    metadata: {
                        op: "create",
                        urn: "urn:pulumi:dev::platform::aws:iam/role:Role::a",
                        type: "aws:iam/role:Role",
                        provider: "",
                    },
                },
            },
        ] as unknown as EngineEvent[]);
        const { deps } = setup(ws);
        const progress: string[] = [];
        ws.on("up", "dev", ok({ create: 1 }));
        const result = await runEnvironment(
            { stack: "dev", operation: "up" },
            { ...deps, onProgress: (l) => progress.push(formatProgress(l).replace(/ \d+\.\ds\]/, "]")) },
        );
        assert.equal(result.progress?.planned, 43);
        assert.deepEqual(progress.slice(-2), [
            "[dev 0/43] pre-flight passed: 43 resources, 0 advisory, 0 undetermined",
            "[dev 1/43] create aws:iam/role:Role a",
        ]);
    });

    it("outputs(): the map with secrets masked unless showSecrets", async () => {
        const { ws, deps } = setup();
        const map = {
            endpoint: { value: "https://x", secret: false },
            kubeconfig: { value: "k", secret: true },
        };
        ws.on("outputs", "dev", ok({}, map), ok({}, map));
        assert.deepEqual(await outputs("dev", deps), { endpoint: "https://x", kubeconfig: "[secret]" });
        assert.deepEqual(await outputs("dev", { ...deps, showSecrets: true }), {
            endpoint: "https://x",
            kubeconfig: "k",
        });
    });
});

describe("automation/operations: the pre-flight with the real offline plan and policy pack", function () {
    this.timeout(60000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "automation-preflight-"));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("dev as shipped passes under its lenient config and the up goes ahead", async () => {
        const ws = new FakeWorkspace().on("up", "dev", ok({ create: 46 }));
        const result = await runEnvironment(
            { stack: "dev", operation: "up" },
            { workspaces: ws, sleep: fakeSleep() },
        );
        assert.equal(result.status, "succeeded", result.error?.message);
        assert.deepEqual(result.preflight?.summary, {
            resources: 47,
            mandatory: 0,
            // The catalog's EC2 and ELB writes on every resource (policy-pack permissions-write-any-resource).
            advisory: 8,
            undetermined: 0,
        });
        assert.deepEqual(ws.calls, ["ensureReady", "open dev create", "up dev"]);
    });

    it("a planted node-role violation the schema accepts: up refused, the CLI never reached", async () => {
        const file = path.join(tmp, "Pulumi.dev.yaml");
        const doc = YAML.parse(fs.readFileSync(stackConfigPath("dev"), "utf8"));
        const groups = doc.config["platform:nodeGroups"] as { name: string; ssm?: boolean }[];
        assert.deepEqual(
            groups.map((g) => g.name),
            ["general"],
            "the plant point moved: update this test",
        );
        groups[0].ssm = true;
        fs.writeFileSync(file, YAML.stringify(doc));
        const config = loadStackConfigFile(file); // the schema accepts it

        const ws = new FakeWorkspace();
        await assert.rejects(
            up("dev", {
                workspaces: ws,
                preflight: offlinePreflight,
                policyConfigFile: strict,
                config: { region: config.region, platform: config.platform },
            }),
            (error: unknown) => {
                assert.ok(error instanceof PreflightRefusedError);
                assert.deepEqual(error.summary, {
                    resources: 48,
                    mandatory: 1,
                    advisory: 8,
                    undetermined: 0,
                });
                assert.deepEqual(
                    error.violations
                        .filter((v) => v.enforcementLevel === "mandatory")
                        .map((v) => [v.policyName, v.enforcementLevel]),
                    [["node-role-managed-policies", "mandatory"]],
                );
                assert.match(error.message, /AmazonSSMManagedInstanceCore/);
                return true;
            },
        );
        assert.deepEqual(ws.calls, ["ensureReady"], "refused before the workspace was opened");
    });
});
