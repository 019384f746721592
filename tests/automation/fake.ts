// A scripted fake of the automation layer's workspace interface: records every call in order,
// tracks how many operations run at once, and answers each operation from a per-stack script
// (an outcome, or an error to throw). Operations yield to the event loop a few times so
// concurrent environments really overlap. Any call the script did not expect fails the test.
import * as fs from "fs";
import * as path from "path";
import type {
    ConfigMap,
    EngineEvent,
    OutputMap,
    RemoteGitProgramArgs,
    RemoteWorkspaceOptions,
} from "@pulumi/pulumi/automation";
import { ConcurrentUpdateError, CommandError, StackNotFoundError } from "@pulumi/pulumi/automation";
import { PlanFile, PlanViolation } from "../../plan/model";
import {
    EventOptions,
    OpenOptions,
    OperationOutcome,
    PolicyRunOptions,
    Preflight,
    PreflightRequest,
    RemoteApi,
    StackHandle,
    WorkspaceFactory,
} from "../../automation";

export type Step = OperationOutcome | Error;

/** The Automation API's own error classes, built the way its `createCommandError` builds them. */
function commandResult(stderr: string, code = 255) {
    return { stdout: "", stderr, code, toString: () => `code: ${code}\n stderr: ${stderr}\n` };
}
type ErrorCtor = new (result: ReturnType<typeof commandResult>) => Error;
export const concurrentUpdate = (): Error =>
    new (ConcurrentUpdateError as unknown as ErrorCtor)(
        commandResult("error: the stack is currently locked by 1 lock(s)"),
    );
export const stackNotFound = (stack: string): Error =>
    new (StackNotFoundError as unknown as ErrorCtor)(commandResult(`error: no stack named '${stack}' found`));
export const commandFailed = (stderr: string): Error =>
    new (CommandError as unknown as ErrorCtor)(commandResult(stderr));

export const ok = (
    changes: OperationOutcome["changes"] = { same: 3 },
    outputs?: OutputMap,
): OperationOutcome => ({
    changes,
    outputs,
});

export class FakeWorkspace implements WorkspaceFactory {
    readonly backendUrl = "file:///fake-state";
    /** Every call in order: `ensureReady`, `open dev create`, `up dev`, `setConfig dev`. */
    readonly calls: string[] = [];
    readonly policyRuns = new Map<string, PolicyRunOptions>();
    readonly configs = new Map<string, ConfigMap>();
    /** Scripted answers per `<operation> <stack>`, consumed in order. */
    readonly script = new Map<string, Step[]>();
    /** Event-loop turns an operation of this stack takes (default 3). */
    readonly ticks = new Map<string, number>();
    /** Engine events an operation of this stack emits. */
    readonly events = new Map<string, EngineEvent[]>();
    readonly missing = new Set<string>();
    readyError?: Error;
    inFlight = 0;
    maxInFlight = 0;

    on(operation: string, stack: string, ...steps: Step[]): this {
        this.script.set(`${operation} ${stack}`, steps);
        return this;
    }

    async ensureReady(): Promise<void> {
        this.calls.push("ensureReady");
        if (this.readyError) {
            throw this.readyError;
        }
    }

    async open(stack: string, options: OpenOptions): Promise<StackHandle> {
        this.calls.push(`open ${stack}${options.create ? " create" : ""}`);
        if (this.missing.has(stack) && !options.create) {
            throw stackNotFound(stack);
        }
        return new FakeStack(stack, this);
    }

    async run(operation: string, stack: string, options: EventOptions): Promise<OperationOutcome> {
        this.calls.push(`${operation} ${stack}`);
        const key = `${operation} ${stack}`;
        const steps = this.script.get(key);
        if (!steps || steps.length === 0) {
            throw new Error(`fake workspace: unexpected ${key} (nothing scripted)`);
        }
        const step = steps.shift() as Step;
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        try {
            for (const event of this.events.get(stack) ?? []) {
                options.onEvent?.(event);
            }
            for (let i = 0; i < (this.ticks.get(stack) ?? 3); i++) {
                await new Promise((resolve) => setImmediate(resolve));
            }
        } finally {
            this.inFlight--;
        }
        if (step instanceof Error) {
            throw step;
        }
        return step;
    }
}

class FakeStack implements StackHandle {
    constructor(
        readonly name: string,
        private readonly ws: FakeWorkspace,
    ) {}

    preview(options: PolicyRunOptions): Promise<OperationOutcome> {
        this.ws.policyRuns.set(this.name, options);
        return this.ws.run("preview", this.name, options);
    }

    up(options: PolicyRunOptions): Promise<OperationOutcome> {
        this.ws.policyRuns.set(this.name, options);
        return this.ws.run("up", this.name, options);
    }

    refresh(options: EventOptions): Promise<OperationOutcome> {
        return this.ws.run("refresh", this.name, options);
    }

    destroy(options: EventOptions): Promise<OperationOutcome> {
        return this.ws.run("destroy", this.name, options);
    }

    async outputs(): Promise<OutputMap> {
        return (await this.ws.run("outputs", this.name, {})).outputs ?? {};
    }

    async setConfig(values: ConfigMap): Promise<void> {
        this.ws.calls.push(`setConfig ${this.name}`);
        this.ws.configs.set(this.name, values);
    }
}

export function fakePlan(stack: string, violations: PlanViolation[] = []): PlanFile {
    const count = (level: string) => violations.filter((v) => v.enforcementLevel === level).length;
    return {
        version: 1,
        stack,
        configFile: `stacks/Pulumi.${stack}.yaml`,
        cloud: { partition: "aws", region: "us-west-2", accountId: "111122223333" },
        policyPack: { name: "eks-identity-policies", version: "0.1.0", policies: 40 },
        resources: [],
        violations,
        undetermined: [],
        warnings: [],
        summary: {
            resources: 43,
            mandatory: count("mandatory"),
            advisory: count("advisory"),
            undetermined: 0,
        },
        timings: { programMs: 1, policyMs: 1, totalMs: 2 },
    };
}

export const mandatoryViolation: PlanViolation = {
    policyName: "node-role-managed-policies",
    policyPackName: "eks-identity-policies",
    enforcementLevel: "mandatory",
    message: "AmazonSSMManagedInstanceCore is not an allowed node role policy",
    urn: "urn:pulumi:dev::platform::aws:iam/rolePolicyAttachment:RolePolicyAttachment::general-ssm",
};

/** A pre-flight answering from a table (stack -> violations), recording every request. */
export function fakePreflight(violations: Record<string, PlanViolation[]> = {}): Preflight & {
    requests: PreflightRequest[];
} {
    const requests: PreflightRequest[] = [];
    const fn = async (request: PreflightRequest) => {
        requests.push(request);
        return fakePlan(request.stack, violations[request.stack] ?? []);
    };
    return Object.assign(fn, { requests });
}

/** A sleep that records the delays and returns at once. */
export function fakeSleep(): ((ms: number) => Promise<void>) & { delays: number[] } {
    const delays: number[] = [];
    const fn = async (ms: number) => {
        delays.push(ms);
    };
    return Object.assign(fn, { delays });
}

/** A clock that advances 100 ms each time it is read. */
export function fakeClock(): () => number {
    let t = 0;
    return () => (t += 100);
}

/**
 * What the orchestration tests pass as deps: this workspace, a pre-flight answering from the
 * violations table, a sleep that does not wait and a clock that advances 100 ms a read.
 */
export function fakeDeps(ws = new FakeWorkspace(), violations: Record<string, PlanViolation[]> = {}) {
    return { workspaces: ws, preflight: fakePreflight(violations), sleep: fakeSleep(), now: fakeClock() };
}

/**
 * A `pulumi` executable (a shell script) in `dir`: `version` answers 3.210.0, the command named
 * by FAKE_PULUMI_HANG (its first word) never finishes, anything else succeeds with no output.
 * Each run appends `<pid> <args>` to FAKE_PULUMI_LOG. FAKE_PULUMI_CHILD=1 hangs in a background
 * `sleep` (which a non-interactive shell starts with SIGINT ignored, as a plugin that outlives the
 * CLI), logging `child <pid>`; otherwise the hanging process is `sleep` itself, which SIGINT ends.
 */
export function writeFakePulumi(dir: string): string {
    const file = path.join(dir, "pulumi");
    fs.writeFileSync(
        file,
        [
            "#!/bin/sh",
            'echo "$$ $*" >> "$FAKE_PULUMI_LOG"',
            'if [ "$1" = version ]; then echo v3.210.0; exit 0; fi',
            'if [ "$1" = "$FAKE_PULUMI_HANG" ]; then',
            '  if [ -n "$FAKE_PULUMI_CHILD" ]; then sleep 600 & echo "child $!" >> "$FAKE_PULUMI_LOG"; wait; fi',
            "  exec sleep 600",
            "fi",
            "",
        ].join("\n"),
        { mode: 0o755 },
    );
    return file;
}

/** The pids a fake `pulumi` logged: each command's and its background child's. */
export function fakePulumiPids(log: string): number[] {
    return fs
        .readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .map((line) => Number(line.split(" ")[line.startsWith("child ") ? 1 : 0]));
}

/** Whether `pid` runs; a zombie (dead, its new parent has not reaped it yet) does not. */
export function processAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === "EPERM";
    }
    try {
        // /proc/<pid>/stat: "<pid> (<comm>) <state> ..."
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
    } catch {
        return false;
    }
}

/** One call the fake RemoteWorkspace received: which method, the stack's Git source and options. */
export interface RemoteCall {
    method: "createOrSelectStack" | "selectStack";
    args: RemoteGitProgramArgs;
    opts: RemoteWorkspaceOptions;
}

/**
 * A fake of the Automation API's RemoteWorkspace (createOrSelectStack/selectStack) and its
 * RemoteStack: records every call with its exact arguments, in one log shared with the fake
 * pre-flight, and answers each operation from a per-stack script in the SDK's result shapes.
 */
export class FakeRemoteApi implements RemoteApi {
    readonly calls: RemoteCall[] = [];
    /** Every step in order: `createOrSelectStack acme/platform/dev`, `up dev onEvent`. */
    readonly log: string[];
    readonly script = new Map<string, (Error | OperationOutcome)[]>();
    readonly events = new Map<string, EngineEvent[]>();
    readonly missing = new Set<string>();
    inFlight = 0;
    maxInFlight = 0;

    constructor(log: string[] = []) {
        this.log = log;
    }

    on(operation: string, stack: string, ...steps: (Error | OperationOutcome)[]): this {
        this.script.set(`${operation} ${stack}`, steps);
        return this;
    }

    async createOrSelectStack(args: RemoteGitProgramArgs, opts: RemoteWorkspaceOptions) {
        return this.open("createOrSelectStack", args, opts);
    }

    async selectStack(args: RemoteGitProgramArgs, opts: RemoteWorkspaceOptions) {
        return this.open("selectStack", args, opts);
    }

    private open(method: RemoteCall["method"], args: RemoteGitProgramArgs, opts: RemoteWorkspaceOptions) {
        this.calls.push({ method, args, opts });
        this.log.push(`${method} ${args.stackName}`);
        const stack = args.stackName.split("/")[2];
        if (method === "selectStack" && this.missing.has(stack)) {
            throw stackNotFound(args.stackName);
        }
        const run = async (operation: string, options: { onEvent?: (e: EngineEvent) => void }) => {
            this.log.push(`${operation} ${stack} ${Object.keys(options).join(",")}`);
            const step = this.script.get(`${operation} ${stack}`)?.shift();
            if (!step) {
                throw new Error(`fake remote: unexpected ${operation} ${stack} (nothing scripted)`);
            }
            this.inFlight++;
            this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
            try {
                for (const event of this.events.get(stack) ?? []) {
                    options.onEvent?.(event);
                }
                for (let i = 0; i < 3; i++) {
                    await new Promise((resolve) => setImmediate(resolve));
                }
            } finally {
                this.inFlight--;
            }
            if (step instanceof Error) {
                throw step;
            }
            return step;
        };
        const summary = (o: OperationOutcome) => ({ summary: { resourceChanges: o.changes } });
        return {
            name: args.stackName,
            preview: async (o: { onEvent?: (e: EngineEvent) => void }) => ({
                changeSummary: (await run("preview", o)).changes,
            }),
            up: async (o: { onEvent?: (e: EngineEvent) => void }) => {
                const r = await run("up", o);
                return { ...summary(r), outputs: r.outputs ?? {} };
            },
            refresh: async (o: { onEvent?: (e: EngineEvent) => void }) => summary(await run("refresh", o)),
            destroy: async (o: { onEvent?: (e: EngineEvent) => void }) => summary(await run("destroy", o)),
            outputs: async () => (await run("outputs", {})).outputs ?? {},
        };
    }
}
