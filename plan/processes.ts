// The child processes the tools start (the policy pack of the offline plan, `pulumi` under the
// Automation API) end with the tool. While any runs: SIGINT, SIGTERM or SIGHUP stops each (its stop
// signal, SIGTERM unless said otherwise; SIGKILL after a grace period), says so on stderr, and exits with 128 + the signal's number, the
// code a shell reports for a process the signal killed (130 for SIGINT, 143 for SIGTERM); any other
// exit of the tool kills them. Without this a `kill <plan pid>` left the pack serving forever.
import { ChildProcess } from "child_process";
import * as os from "os";

export interface TrackOptions {
    /** What the message calls it: "the policy pack", "pulumi preview --stack dev". */
    label: string;
    /** The child leads its own process group (spawned `detached`): signal the whole group. */
    group?: boolean;
    /** What asks it to stop: `pulumi` cancels on SIGINT. @default "SIGTERM" */
    stopSignal?: NodeJS.Signals;
    /** How long it gets to exit before SIGKILL. @default STOP_GRACE_MS */
    graceMs?: number;
}

interface Tracked extends TrackOptions {
    child: ChildProcess;
    exited: Promise<void>;
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
/** How long a child gets to exit on SIGTERM before SIGKILL. */
export const STOP_GRACE_MS = 2000;

const tracked = new Set<Tracked>();
let stopping = false;

function running(t: Tracked): boolean {
    return t.child.exitCode === null && t.child.signalCode === null;
}

/**
 * Sends `signal` to the child, or to its process group (which may outlive the leader: a killed
 * `pulumi` leaves its plugins); false when there is nothing left to signal.
 */
export function signalChild(child: ChildProcess, signal: NodeJS.Signals, group = false): boolean {
    const exited = child.exitCode !== null || child.signalCode !== null;
    if (child.pid === undefined || (exited && !group)) {
        return false;
    }
    try {
        if (group) {
            process.kill(-child.pid, signal);
        } else {
            child.kill(signal);
        }
        return true;
    } catch {
        return false;
    }
}

/** The exit code a shell reports for a process killed by `signal`. */
export function signalExitCode(signal: NodeJS.Signals): number {
    return 128 + (os.constants.signals[signal] ?? 0);
}

function killAllNow(): void {
    for (const t of tracked) {
        signalChild(t.child, "SIGKILL", t.group);
    }
}

function onSignal(signal: NodeJS.Signals): void {
    const code = signalExitCode(signal);
    if (stopping) {
        // A second signal while stopping: no more grace.
        killAllNow();
        process.exit(code);
    }
    stopping = true;
    const live = [...tracked].filter(running);
    const names = live.map((t) => `${t.label} (pid ${t.child.pid})`).join(", ");
    process.stderr.write(
        `\ninterrupted by ${signal}: stopping ${names || "nothing (its processes had exited)"}; exit ${code}\n`,
    );
    const stops = live.map((t) => {
        signalChild(t.child, t.stopSignal ?? "SIGTERM", t.group);
        const grace = new Promise<void>((resolve) => setTimeout(resolve, t.graceMs ?? STOP_GRACE_MS).unref());
        return Promise.race([t.exited, grace]).then(() => signalChild(t.child, "SIGKILL", t.group));
    });
    void Promise.all(stops).then(() => process.exit(code));
}

const handlers = new Map<NodeJS.Signals, () => void>(SIGNALS.map((s) => [s, () => onSignal(s)]));

function install(): void {
    for (const [signal, handler] of handlers) {
        process.on(signal, handler);
    }
    process.on("exit", killAllNow);
}

function uninstall(): void {
    for (const [signal, handler] of handlers) {
        process.off(signal, handler);
    }
    process.off("exit", killAllNow);
}

/**
 * Ends `child` with this process (see the top of the file) until it exits. Handlers are installed
 * only while a child runs, so the tool's own signal behaviour is Node's default otherwise.
 */
export function trackChild(child: ChildProcess, options: TrackOptions): void {
    const entry: Tracked = {
        ...options,
        child,
        exited: new Promise<void>((resolve) => {
            if (!running({ child } as Tracked)) {
                resolve();
                return;
            }
            child.once("exit", () => resolve());
            child.once("error", () => resolve());
        }),
    };
    if (tracked.size === 0) {
        install();
    }
    tracked.add(entry);
    void entry.exited.then(() => {
        tracked.delete(entry);
        if (tracked.size === 0 && !stopping) {
            uninstall();
        }
    });
}

/** The children being tracked, for tests. */
export function trackedChildren(): ChildProcess[] {
    return [...tracked].map((t) => t.child);
}
