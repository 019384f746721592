// Progress from the engine's event stream: counts, the step in flight, the lines the CLI prints.
import * as assert from "node:assert/strict";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { formatChanges, formatProgress, ProgressLine, ProgressTracker } from "../../automation";

const meta = (op: string, name: string) => ({
    op,
    urn: `urn:pulumi:dev::platform::aws:iam/role:Role::${name}`,
    type: "aws:iam/role:Role",
    provider: "",
});
const events = [
    { resourcePreEvent: { metadata: meta("create", "a") } },
    { diagnosticEvent: { severity: "info", message: "just saying\n" } },
    { resOutputsEvent: { metadata: meta("create", "a") } },
    { resourcePreEvent: { metadata: meta("update", "b") } },
    { diagnosticEvent: { severity: "error", message: "  access denied\n" } },
    { resOpFailedEvent: { metadata: meta("update", "b"), status: 1, steps: 1 } },
    {
        policyEvent: {
            policyName: "trust-irsa-audience",
            enforcementLevel: "advisory",
            message: "aud missing \n",
        },
    },
    { summaryEvent: { resourceChanges: { create: 1, update: 0 } } },
].map((e, i) => ({ sequence: i + 1, timestamp: 1, ...e })) as unknown as EngineEvent[];

describe("automation/events", () => {
    it("ProgressTracker: a line per finished step, failure, error, policy event and summary, with elapsed time", () => {
        const lines: ProgressLine[] = [];
        let t = 1000;
        const tracker = new ProgressTracker("dev", (l) => lines.push(l), { now: () => (t += 500) });
        events.forEach(tracker.onEvent);
        assert.deepEqual(
            lines.map((l) => formatProgress(l)),
            [
                "[dev 1/1 0.5s] create aws:iam/role:Role a",
                "[dev 1/2 1.0s] error: access denied",
                "[dev 1/2 1 failed 1.5s] FAILED update aws:iam/role:Role b",
                "[dev 1/2 1 failed 2.0s] policy advisory trust-irsa-audience: aud missing",
                "[dev 1/2 1 failed 2.5s] summary 1 create",
            ],
        );
        assert.ok(lines.every((l) => l.stack === "dev"));
        assert.deepEqual(tracker.snapshot(), {
            started: 2,
            completed: 1,
            failed: 1,
            errors: 1,
            policyViolations: 1,
            currentStep: "update aws:iam/role:Role b",
            resourceChanges: { create: 1, update: 0 },
        });
    });

    it("verbose: also a line per step started and per other diagnostic; planned is the total once known", () => {
        const lines: string[] = [];
        const tracker = new ProgressTracker("dev", (l) => lines.push(formatProgress(l)), {
            verbose: true,
            now: () => 0,
        });
        tracker.planned = 43;
        events.slice(0, 4).forEach(tracker.onEvent);
        assert.deepEqual(lines, [
            "[dev 0/43 0.0s] start create aws:iam/role:Role a",
            "[dev 0/43 0.0s] info: just saying",
            "[dev 1/43 0.0s] create aws:iam/role:Role a",
            "[dev 1/43 0.0s] start update aws:iam/role:Role b",
        ]);
        assert.equal(tracker.snapshot().planned, 43);
    });

    it("a snapshot is a copy: later events and edits do not change it", () => {
        const tracker = new ProgressTracker("dev");
        tracker.onEvent(events[events.length - 1]);
        const before = tracker.snapshot();
        before.resourceChanges!.create = 99;
        tracker.onEvent(events[0]);
        assert.deepEqual(before, {
            started: 0,
            completed: 0,
            failed: 0,
            errors: 0,
            policyViolations: 0,
            resourceChanges: { create: 99, update: 0 },
        });
        assert.deepEqual(tracker.snapshot().resourceChanges, { create: 1, update: 0 });
    });

    it("formatChanges: counts above zero, alphabetical, `same` last; `-` for none", () => {
        const table: [Parameters<typeof formatChanges>[0], string][] = [
            [undefined, "-"],
            [{}, "-"],
            [{ same: 0, delete: 0 }, "-"],
            [{ same: 40, update: 1, create: 2, delete: 0 }, "2 create, 1 update, 40 same"],
            [{ replace: 1, "create-replacement": 1 }, "1 create-replacement, 1 replace"],
        ];
        for (const [changes, text] of table) {
            assert.equal(formatChanges(changes), text, JSON.stringify(changes));
        }
    });
});
