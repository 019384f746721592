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
    /** The last step started: `<op> <type> <name>`. */
    currentStep?: string;
    /** The summaryEvent's resourceChanges, once the engine sent it. */
    resourceChanges?: OpMap;
}

export interface ProgressLine {
    stack: string;
    message: string;
    snapshot: ProgressSnapshot;
}

function nameOfUrn(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

/** Counts engine events for one stack operation and reports a line per meaningful event. */
export class ProgressTracker {
    private readonly state: ProgressSnapshot = {
        started: 0,
        completed: 0,
        failed: 0,
        errors: 0,
        policyViolations: 0,
    };

    constructor(
        readonly stack: string,
        private readonly report: (line: ProgressLine) => void = () => undefined,
    ) {}

    /** Pass as the Automation API's `onEvent`. */
    readonly onEvent = (event: EngineEvent): void => {
        const s = this.state;
        if (event.resourcePreEvent) {
            const m = event.resourcePreEvent.metadata;
            s.started++;
            s.currentStep = `${m.op} ${m.type} ${nameOfUrn(m.urn)}`;
            this.emit(`${s.currentStep}`);
        } else if (event.resOutputsEvent) {
            s.completed++;
            const m = event.resOutputsEvent.metadata;
            this.emit(`done ${m.op} ${m.type} ${nameOfUrn(m.urn)}`);
        } else if (event.resOpFailedEvent) {
            s.failed++;
            const m = event.resOpFailedEvent.metadata;
            this.emit(`FAILED ${m.op} ${m.type} ${nameOfUrn(m.urn)}`);
        } else if (event.diagnosticEvent?.severity === "error") {
            s.errors++;
            this.emit(`error: ${event.diagnosticEvent.message.trim()}`);
        } else if (event.policyEvent) {
            s.policyViolations++;
            const p = event.policyEvent;
            this.emit(`policy ${p.enforcementLevel} ${p.policyName}: ${p.message.trim()}`);
        } else if (event.summaryEvent) {
            s.resourceChanges = event.summaryEvent.resourceChanges;
            this.emit(`summary ${formatChanges(s.resourceChanges)}`);
        }
    };

    snapshot(): ProgressSnapshot {
        return {
            ...this.state,
            resourceChanges: this.state.resourceChanges && { ...this.state.resourceChanges },
        };
    }

    private emit(message: string): void {
        this.report({ stack: this.stack, message, snapshot: this.snapshot() });
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

/** `[completed/started] <step>`, the line the CLI prints to stderr. */
export function formatProgress(line: ProgressLine): string {
    const s = line.snapshot;
    return `[${line.stack} ${s.completed}/${s.started}${s.failed ? ` ${s.failed} failed` : ""}] ${line.message}`;
}
