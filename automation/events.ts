// Progress from the engine's event stream (`onEvent`): how many resource steps started, finished
// and failed, the step in flight, and the engine's own change summary at the end.
import type { EngineEvent, OpMap } from "@pulumi/pulumi/automation";

export interface ProgressSnapshot {
    /** resourcePreEvent count: steps the engine started. */
    started: number;
    /** resOutputsEvent count: steps that completed. */
    completed: number;
    /** resOpFailedEvent count. */
    failed: number;
    /** Diagnostics of severity error. */
    errors: number;
    /** Mandatory and advisory policy events the CLI's policy run reported. */
    policyViolations: number;
    /** Resources the pre-flight planned, once it ran: the total `completed` heads for. */
    planned?: number;
    /** The last step started: `<op> <type> <name>`. */
    currentStep?: string;
    /** The summaryEvent's resourceChanges, once the engine sent it. */
    resourceChanges?: OpMap;
}

export interface ProgressLine {
    stack: string;
    message: string;
    snapshot: ProgressSnapshot;
    /** Since the environment's operation began (its pre-flight included). */
    elapsedMs: number;
}

export interface ProgressOptions {
    /** A line per engine event (each step's start too), not only per finished step. @default false */
    verbose?: boolean;
    /** @default Date.now */
    now?: () => number;
}

function nameOfUrn(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

/**
 * Counts engine events for one stack operation and reports a line per finished step (a line per
 * event when verbose), failures, error diagnostics, policy events and the engine's summary.
 */
export class ProgressTracker {
    /** Resources the pre-flight planned; set once it ran. */
    planned?: number;
    private readonly state: ProgressSnapshot = {
        started: 0,
        completed: 0,
        failed: 0,
        errors: 0,
        policyViolations: 0,
    };
    private readonly now: () => number;
    private readonly startedAt: number;
    private readonly verbose: boolean;

    constructor(
        readonly stack: string,
        private readonly report: (line: ProgressLine) => void = () => undefined,
        options: ProgressOptions = {},
    ) {
        this.now = options.now ?? Date.now;
        this.verbose = options.verbose ?? false;
        this.startedAt = this.now();
    }

    /** Pass as the Automation API's `onEvent`. */
    readonly onEvent = (event: EngineEvent): void => {
        const s = this.state;
        if (event.resourcePreEvent) {
            const m = event.resourcePreEvent.metadata;
            s.started++;
            s.currentStep = `${m.op} ${m.type} ${nameOfUrn(m.urn)}`;
            if (this.verbose) {
                this.note(`start ${s.currentStep}`);
            }
        } else if (event.resOutputsEvent) {
            s.completed++;
            const m = event.resOutputsEvent.metadata;
            this.note(`${m.op} ${m.type} ${nameOfUrn(m.urn)}`);
        } else if (event.resOpFailedEvent) {
            s.failed++;
            const m = event.resOpFailedEvent.metadata;
            this.note(`FAILED ${m.op} ${m.type} ${nameOfUrn(m.urn)}`);
        } else if (event.diagnosticEvent?.severity === "error") {
            s.errors++;
            this.note(`error: ${event.diagnosticEvent.message.trim()}`);
        } else if (event.policyEvent) {
            s.policyViolations++;
            const p = event.policyEvent;
            this.note(`policy ${p.enforcementLevel} ${p.policyName}: ${p.message.trim()}`);
        } else if (event.summaryEvent) {
            s.resourceChanges = event.summaryEvent.resourceChanges;
            this.note(`summary ${formatChanges(s.resourceChanges)}`);
        } else if (this.verbose && event.diagnosticEvent) {
            this.note(`${event.diagnosticEvent.severity}: ${event.diagnosticEvent.message.trim()}`);
        }
    };

    snapshot(): ProgressSnapshot {
        return {
            ...this.state,
            ...(this.planned === undefined ? {} : { planned: this.planned }),
            resourceChanges: this.state.resourceChanges && { ...this.state.resourceChanges },
        };
    }

    /** Reports `message` with the counts and the time elapsed. */
    note(message: string): void {
        this.report({
            stack: this.stack,
            message,
            snapshot: this.snapshot(),
            elapsedMs: this.now() - this.startedAt,
        });
    }
}

/** `2 create, 1 update, 40 same`, in a stable order; `-` when empty. */
export function formatChanges(changes: OpMap | undefined): string {
    const entries = Object.entries(changes ?? {}).filter(([, n]) => (n ?? 0) > 0);
    if (entries.length === 0) {
        return "-";
    }
    return entries
        .sort(([a], [b]) => (a === "same" ? 1 : b === "same" ? -1 : a.localeCompare(b)))
        .map(([op, n]) => `${n} ${op}`)
        .join(", ");
}

/**
 * `[dev 12/43 4.2s] create aws:iam/role:Role app`: steps done of the resources planned (of those
 * started while no pre-flight gave a total), failures, seconds elapsed; the line the CLI prints.
 */
export function formatProgress(line: ProgressLine): string {
    const s = line.snapshot;
    const total = s.planned ?? s.started;
    const failed = s.failed ? ` ${s.failed} failed` : "";
    return `[${line.stack} ${s.completed}/${total}${failed} ${(line.elapsedMs / 1000).toFixed(1)}s] ${line.message}`;
}
