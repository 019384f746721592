// Fleets through the fake workspace: order, the concurrency bound, fail-fast and continue, the
// summary table, the JSON shape and the exit code.
import * as assert from "node:assert/strict";
import {
    fleetExitCode,
    formatFleetTable,
    PulumiCliMissingError,
    runFleet,
    UsageError,
} from "../../automation";
import { commandFailed, fakeDeps, FakeWorkspace, mandatoryViolation, ok } from "./fake";

const ops = (ws: FakeWorkspace) => ws.calls.filter((c) => /^(preview|up|refresh|destroy|outputs) /.test(c));

describe("automation/fleet", () => {
    it("runs stacks in the given order with concurrency 1, one ready check up front", async () => {
        const ws = new FakeWorkspace();
        for (const s of ["dev", "staging", "prod"]) {
            ws.on("preview", s, ok());
        }
        const result = await runFleet(
            { operation: "preview", stacks: ["dev", "staging", "prod"] },
            fakeDeps(ws),
        );
        assert.deepEqual(ops(ws), ["preview dev", "preview staging", "preview prod"]);
        assert.equal(ws.maxInFlight, 1);
        assert.equal(ws.calls[0], "ensureReady");
        assert.equal(result.ok, true);
        assert.deepEqual(
            result.results.map((r) => [r.stack, r.status]),
            [
                ["dev", "succeeded"],
                ["staging", "succeeded"],
                ["prod", "succeeded"],
            ],
        );
        assert.equal(fleetExitCode(result), 0);
    });

    it("honours the concurrency limit exactly and keeps results in request order", async () => {
        const ws = new FakeWorkspace();
        const stacks = ["a", "b", "c", "d", "e", "f"];
        stacks.forEach((s, i) => {
            ws.on("refresh", s, ok());
            ws.ticks.set(s, 6 - i); // later stacks finish sooner
        });
        const result = await runFleet(
            { operation: "refresh", stacks, concurrency: 2, mode: "continue" },
            fakeDeps(ws),
        );
        assert.equal(ws.maxInFlight, 2);
        assert.deepEqual(
            result.results.map((r) => r.stack),
            stacks,
        );
        assert.equal(result.concurrency, 2);

        const wide = new FakeWorkspace();
        stacks.forEach((s) => wide.on("refresh", s, ok()));
        await runFleet({ operation: "refresh", stacks, concurrency: 10 }, fakeDeps(wide));
        assert.equal(wide.maxInFlight, 6, "never more workers than stacks");
    });

    it("fail-fast: nothing new starts after a failure; the rest are skipped; exit 1", async () => {
        const ws = new FakeWorkspace();
        ws.on("up", "a", ok()).on("up", "b", commandFailed("error: update failed"));
        const result = await runFleet(
            { operation: "up", stacks: ["a", "b", "c", "d"], mode: "fail-fast", skipPreflight: true },
            fakeDeps(ws),
        );
        assert.deepEqual(ops(ws), ["up a", "up b"]);
        assert.deepEqual(
            result.results.map((r) => r.status),
            ["succeeded", "failed", "skipped", "skipped"],
        );
        assert.deepEqual(result.counts, { succeeded: 1, failed: 1, refused: 0, skipped: 2 });
        assert.equal(result.results[2].attempts, 0);
        assert.equal(result.ok, false);
        assert.equal(fleetExitCode(result), 1);
    });

    it("fail-fast with concurrency 2: the one in flight finishes, unstarted ones are skipped", async () => {
        const ws = new FakeWorkspace();
        ws.on("destroy", "a", commandFailed("error: boom")).on("destroy", "b", ok({ delete: 3 }));
        ws.ticks.set("a", 1);
        ws.ticks.set("b", 5);
        const result = await runFleet(
            { operation: "destroy", stacks: ["a", "b", "c"], concurrency: 2, mode: "fail-fast" },
            fakeDeps(ws),
        );
        assert.deepEqual(
            result.results.map((r) => r.status),
            ["failed", "succeeded", "skipped"],
        );
        assert.deepEqual(result.results[1].changes, { delete: 3 });
    });

    it("continue: every stack runs; a pre-flight refusal counts as refused; exit 1", async () => {
        const ws = new FakeWorkspace();
        ws.on("up", "a", commandFailed("error: boom")).on("up", "c", ok());
        const result = await runFleet(
            { operation: "up", stacks: ["a", "b", "c"], mode: "continue" },
            fakeDeps(ws, { b: [mandatoryViolation] }),
        );
        assert.deepEqual(ops(ws), ["up a", "up c"]);
        assert.deepEqual(result.counts, { succeeded: 1, failed: 1, refused: 1, skipped: 0 });
        assert.equal(fleetExitCode(result), 1);
    });

    it("exit 2 when an environment's failure is a config/usage kind", async () => {
        const ws = new FakeWorkspace();
        ws.on("preview", "a", ok());
        const result = await runFleet(
            {
                operation: "preview",
                stacks: ["a", "b"],
                mode: "continue",
                configs: { b: { region: "nowhere", platform: {} as never } },
            },
            fakeDeps(ws),
        );
        assert.equal(result.results[1].error?.kind, "config");
        assert.equal(fleetExitCode(result), 2);
    });

    it("a missing CLI fails the fleet once, before any stack", async () => {
        const ws = new FakeWorkspace();
        ws.readyError = new PulumiCliMissingError("no `pulumi` executable on PATH");
        await assert.rejects(
            runFleet({ operation: "up", stacks: ["a", "b"] }, fakeDeps(ws)),
            PulumiCliMissingError,
        );
        assert.deepEqual(ws.calls, ["ensureReady"]);
    });

    it("rejects bad requests as usage errors", async () => {
        const ws = new FakeWorkspace();
        const cases: [object, RegExp][] = [
            [{ stacks: [] }, /no stacks given/],
            [{ stacks: ["dev", "dev"] }, /listed twice/],
            [{ stacks: ["dev"], concurrency: 0 }, /at least 1; got 0/],
            [{ stacks: ["dev"], concurrency: 1.5 }, /whole number/],
            [{ stacks: ["a b"] }, /not a stack name/],
            [{ stacks: ["dev"], operation: "import" }, /unknown operation "import"/],
        ];
        for (const [request, message] of cases) {
            await assert.rejects(
                runFleet({ operation: "up", ...request } as never, fakeDeps(ws)),
                (e: unknown) => e instanceof UsageError && message.test(e.message),
            );
        }
        assert.deepEqual(ws.calls, []);
    });

    it("summary table and JSON result", async () => {
        const ws = new FakeWorkspace();
        ws.on("up", "dev", ok({ create: 2, same: 41 })).on(
            "up",
            "staging",
            commandFailed("error: quota exceeded"),
        );
        const result = await runFleet(
            { operation: "up", stacks: ["dev", "staging", "prod"], skipPreflight: true },
            fakeDeps(ws),
        );
        const table = formatFleetTable(result).split("\n");
        assert.deepEqual(table.slice(0, 4), [
            "ENV      OPERATION  STATUS     DURATION  CHANGES            ERROR",
            "dev      up         succeeded  100ms     2 create, 41 same",
            "staging  up         failed     100ms     -                  error: quota exceeded",
            "prod     up         skipped    -         -                  not started: an earlier environment failed (fail-fast)",
        ]);
        assert.match(
            table[5],
            /^up: 1 succeeded, 1 failed, 0 refused, 1 skipped \(fail-fast, concurrency 1, \d+ms\)$/,
        );

        const json = JSON.parse(JSON.stringify(result));
        assert.deepEqual(Object.keys(json), [
            "version",
            "operation",
            "mode",
            "concurrency",
            "ok",
            "durationMs",
            "counts",
            "results",
        ]);
        assert.deepEqual(Object.keys(json.results[0]), [
            "stack",
            "operation",
            "status",
            "durationMs",
            "attempts",
            "policyConfig",
            "changes",
            "progress",
        ]);
        assert.equal(json.results[1].error.kind, "operation");
        assert.equal(json.results[1].error.message, "error: quota exceeded");
        assert.equal(json.results[1].cause, undefined, "the Error object stays out of the JSON");
    });
});
