// Many environments, one operation, at most `concurrency` at a time, in the order given.
// fail-fast: after the first failure or refusal nothing new starts; the operations already
// running finish (interrupting a running `up` would leave pending operations in the state), and
// the environments never started are reported as skipped. continue: every environment runs.
// A remote fleet (Pulumi Deployments) pre-flights every stack here before its first deployment:
// with fail-fast, one stack with mandatory violations means no deployment starts at all.
import { exitCodeOf, headline, UsageError } from "./errors";
import { formatChanges, ProgressTracker } from "./events";
import {
    AutomationDeps,
    EnvironmentRequest,
    EnvironmentResult,
    offlinePreflight,
    preflightGates,
    runEnvironment,
} from "./operations";
import { policyConfigFor } from "./policy";
import { PlanFile } from "../plan/model";
import { isOperation, Operation } from "./workspace";
import { TypedStackConfig } from "./config";
import { stackNameProblem } from "../plan/inputs";

export type FleetMode = "fail-fast" | "continue";

export interface FleetRequest extends Omit<EnvironmentRequest, "stack" | "config"> {
    stacks: string[];
    /** @default 1 */
    concurrency?: number;
    /** @default "fail-fast" */
    mode?: FleetMode;
    /** Typed config per stack, set before the operation. */
    configs?: Record<string, TypedStackConfig>;
}

export interface FleetResult {
    version: 1;
    operation: Operation;
    mode: FleetMode;
    concurrency: number;
    ok: boolean;
    durationMs: number;
    counts: Record<EnvironmentResult["status"], number>;
    /** One per stack, in the order requested. */
    results: EnvironmentResult[];
}

export function validateFleetRequest(request: FleetRequest): void {
    if (!isOperation(request.operation)) {
        throw new UsageError(`unknown operation "${String(request.operation)}"`);
    }
    if (request.stacks.length === 0) {
        throw new UsageError("no stacks given: name at least one environment");
    }
    const seen = new Set<string>();
    for (const stack of request.stacks) {
        const problem = stackNameProblem(stack);
        if (problem) {
            throw new UsageError(`"${stack}" is not a stack name: ${problem}`);
        }
        if (seen.has(stack)) {
            throw new UsageError(`stack "${stack}" is listed twice`);
        }
        seen.add(stack);
    }
    const c = request.concurrency ?? 1;
    if (!Number.isInteger(c) || c < 1) {
        throw new UsageError(
            `concurrency must be a whole number of at least 1; got ${String(request.concurrency)}`,
        );
    }
}

export async function runFleet(request: FleetRequest, deps: AutomationDeps): Promise<FleetResult> {
    validateFleetRequest(request);
    const now = deps.now ?? Date.now;
    const start = now();
    const mode = request.mode ?? "fail-fast";
    const concurrency = Math.min(request.concurrency ?? 1, request.stacks.length);
    // Environment problems (no CLI, no passphrase) concern every stack: fail once, up front.
    await deps.workspaces.ensureReady();

    const { stacks, configs, concurrency: _c, mode: _m, ...common } = request;
    const early = await preflightFirst(request, deps, mode);
    const runDeps = early ? { ...early.deps } : deps;
    // fail-fast and a pre-flight that did not pass: that stack's result, no deployment at all.
    const torun = early?.stopAt === undefined ? stacks : [early.stopAt];
    const results: (EnvironmentResult | undefined)[] = new Array(stacks.length).fill(undefined);
    let next = 0;
    let stopped = false;
    const worker = async (): Promise<void> => {
        while (!stopped && next < torun.length) {
            const i = stacks.indexOf(torun[next++]);
            const result = await runEnvironment(
                { ...common, stack: stacks[i], config: configs?.[stacks[i]] },
                runDeps,
            );
            results[i] = result;
            if (result.status !== "succeeded" && mode === "fail-fast") {
                stopped = true;
            }
        }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));

    const filled = results.map(
        (r, i): EnvironmentResult =>
            r ?? {
                stack: stacks[i],
                operation: request.operation,
                status: "skipped",
                durationMs: 0,
                attempts: 0,
                policyConfig: "",
                changes: {},
                error: {
                    kind: "operation",
                    message:
                        early?.stopAt === undefined
                            ? "not started: an earlier environment failed (fail-fast)"
                            : `not started: the pre-flight of ${early.stopAt} did not pass (fail-fast: no deployment starts)`,
                },
            },
    );
    const counts = { succeeded: 0, failed: 0, refused: 0, skipped: 0 };
    for (const r of filled) {
        counts[r.status]++;
    }
    return {
        version: 1,
        operation: request.operation,
        mode,
        concurrency,
        ok: counts.succeeded === filled.length,
        durationMs: now() - start,
        counts,
        results: filled,
    };
}

/**
 * A remote fleet's pre-flights, before its first deployment: every stack's offline plan, in
 * order, one at a time (plans share the process's Pulumi runtime). fail-fast stops at the first
 * that is refused or fails, and no deployment starts. The plans are handed to runEnvironment,
 * which refuses or proceeds with each as usual. undefined when the fleet needs no pre-flight.
 */
async function preflightFirst(
    request: FleetRequest,
    deps: AutomationDeps,
    mode: FleetMode,
): Promise<{ deps: AutomationDeps; stopAt?: string } | undefined> {
    if (
        deps.workspaces.remote !== true ||
        !preflightGates(request.operation, true) ||
        request.skipPreflight
    ) {
        return undefined;
    }
    const preflight = deps.preflight ?? offlinePreflight;
    const report = deps.onProgress ?? (() => undefined);
    const plans = new Map<string, Promise<PlanFile>>();
    let stopAt: string | undefined;
    for (const stack of request.stacks) {
        if (request.configs?.[stack] !== undefined) {
            continue; // refused by runEnvironment: a remote stack takes no typed config
        }
        const policyConfigFile = policyConfigFor(stack, request.policyConfigFile);
        const tracker = new ProgressTracker(stack, report);
        const plan = preflight({
            stack,
            policyConfigFile,
            onProgress: (m) => tracker.note(`pre-flight: ${m}`),
        });
        plans.set(stack, plan);
        const passed = await plan.then(
            (p) => p.summary.mandatory === 0,
            () => false,
        );
        if (!passed && mode === "fail-fast") {
            stopAt = stack;
            break;
        }
    }
    return {
        deps: {
            ...deps,
            preflight: (r) => plans.get(r.stack) ?? preflight(r),
        },
        stopAt,
    };
}

/** 0 all succeeded; otherwise the highest exit code among the failures (2 for config/CLI, else 1). */
export function fleetExitCode(result: FleetResult): number {
    if (result.ok) {
        return 0;
    }
    return Math.max(
        1,
        ...result.results
            .filter((r) => r.status !== "succeeded")
            .map((r) => exitCodeOf(r.error?.kind ?? "operation")),
    );
}

function formatDuration(ms: number): string {
    return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(1)}s`;
}

/** The per-environment summary table (plain text, aligned columns). */
export function formatFleetTable(result: FleetResult): string {
    const header = ["ENV", "OPERATION", "STATUS", "DURATION", "CHANGES", "ERROR"];
    const rows = result.results.map((r) => [
        r.stack,
        r.operation,
        r.status,
        r.status === "skipped" ? "-" : formatDuration(r.durationMs),
        formatChanges(r.changes),
        r.error ? headline(r.error.message) : "",
    ]);
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
    const line = (cells: string[]): string =>
        cells
            .map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c])))
            .join("  ")
            .trimEnd();
    const c = result.counts;
    return [
        line(header),
        ...rows.map(line),
        "",
        `${result.operation}: ${c.succeeded} succeeded, ${c.failed} failed, ${c.refused} refused, ${c.skipped} skipped ` +
            `(${result.mode}, concurrency ${result.concurrency}, ${formatDuration(result.durationMs)})`,
    ].join("\n");
}
