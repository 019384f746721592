// Runs a Pulumi program in-process on the SDK's mock monitor and records every registration
// the way the engine sees it: type, name, URN, parent, dependencies, property dependencies,
// provider, aliases, protect and inputs. The SDK's own mocks only pass type/name/inputs to
// `newResource`; the rest lives on the gRPC request, so the monitor is wrapped to read it.
import * as pulumi from "@pulumi/pulumi";
import {
    checkName,
    CloudContext,
    defaultCloud,
    mocksFor,
    NameRuleError,
    UnexpectedInvokeError,
} from "./cloud";
import { claimsOf, ConflictError, UniquenessLedger } from "./uniqueness";

export interface AliasRecord {
    urn?: string;
    name?: string;
    type?: string;
    parentUrn?: string;
    noParent?: boolean;
}

export interface Registration {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    id?: string;
    parent?: string;
    provider?: string;
    protect: boolean;
    /** The ID of an existing resource the program imports (the `import` option): the engine shows `= import`. */
    importId?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    aliases: AliasRecord[];
    inputs: Record<string, unknown>;
    /** Outputs the fake cloud computed (custom resources) or the component registered. */
    outputs: Record<string, unknown>;
}

export interface RunOptions {
    cloud?: CloudContext;
    /** Run as `pulumi preview` (isDryRun) rather than `pulumi up`. */
    preview?: boolean;
    /** With `preview`: every computed output unknown, as at a stack's first preview (cloud.ts). */
    firstPreview?: boolean;
    project?: string;
    stack?: string;
    /** Called as each registration completes, as the engine hands resources to analyzers. */
    onRegister?: (registration: Registration) => void;
    /**
     * End the run with a StallError when nothing completes (no resource constructed, no
     * registration, no invoke, no component outputs) for this long. @default 60000
     */
    stallTimeoutMs?: number;
}

export const DEFAULT_STALL_TIMEOUT_MS = 60_000;

/**
 * The program stopped making progress: what it was still waiting for, by URN. Resources whose
 * inputs never resolve wait forever under the SDK, and so would the plan without this.
 */
export class StallError extends Error {
    constructor(
        readonly stallMs: number,
        /** One line per resource, invoke or component output still pending. */
        readonly waitingFor: string[],
    ) {
        const shown = waitingFor.slice(0, 10);
        const more =
            waitingFor.length > shown.length ? [`... and ${waitingFor.length - shown.length} more`] : [];
        super(
            `the program stopped making progress: nothing completed for ${stallMs / 1000} s` +
                (waitingFor.length > 0
                    ? `; still waiting for:\n${[...shown, ...more].map((w) => `  - ${w}`).join("\n")}`
                    : " and nothing is pending (an await in the program that never resolves?)") +
                "\nA resource whose input never resolves waits forever; raise --stall-timeout (stallTimeoutMs) if the program is only slow.",
        );
        this.name = "StallError";
    }
}

export interface Warning {
    message: string;
    /** URN of the resource the warning was logged against, if any. */
    urn?: string;
}

export interface RunResult<T> {
    value: T;
    registrations: Registration[];
    invokes: string[];
    /** `pulumi.log.warn` messages of the run (what `pulumi preview` shows as warnings). */
    warnings: Warning[];
}

// The SDK does not type the gRPC request; these are the accessors it exposes.
interface GrpcRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProvider(): string;
    getProtect(): boolean;
    getImportid(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): {
        forEach(cb: (value: { getUrnsList(): string[] }, key: string) => void): void;
    };
    getAliasesList(): {
        getUrn(): string;
        hasSpec(): boolean;
        getSpec():
            | {
                  getName(): string;
                  getType(): string;
                  getParenturn(): string;
                  getNoparent(): boolean;
              }
            | undefined;
    }[];
}

interface GrpcResponse {
    getUrn(): string;
    getId(): string;
}

type MonitorCallback = (err: unknown, response: unknown) => void;
interface Monitor {
    registerResource(req: GrpcRequest, cb: MonitorCallback): Promise<void>;
    registerResourceOutputs(
        req: { getUrn(): string; getOutputs(): { toJavaScript(): unknown } },
        cb: MonitorCallback,
    ): void;
    invoke(req: { getTok(): string }, cb: MonitorCallback): Promise<void>;
}

// The SDK's resource runtime: `Resource`'s constructor calls these through the module object, so
// wrapping them sees every resource constructed, before its inputs resolve (the monitor only
// sees a resource once they have).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeResource = require("@pulumi/pulumi/runtime/resource") as {
    registerResource(
        res: object,
        parent: object | undefined,
        t: string,
        name: string,
        ...rest: unknown[]
    ): void;
    registerResourceOutputs(res: object, outputs: unknown): void;
};

// The SDK reports the promises still pending at exit as leaks, and fails the process for them;
// those of a run that ended early on an error are expected, so they are forgotten.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeState = require("@pulumi/pulumi/runtime/state") as {
    getStore(): { leakCandidates: Set<unknown> };
};

// `waitForRPCs` drains the SDK's queue of outstanding registrations, including those started
// inside `apply` callbacks. It is internal to the SDK, so it is reached by path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

function plain(value: unknown): Record<string, unknown> {
    return (value ?? {}) as Record<string, unknown>;
}

// Runs are serialised: the SDK's runtime state is process-global.
let queue: Promise<unknown> = Promise.resolve();
// After a run ended early (an error, a stall) the SDK may still reject what it was waiting on;
// that run's listener stays until the next run starts, so a late rejection is not a crash.
let leftoverListener: ((reason: unknown) => void) | undefined;

/**
 * Runs `program` against the fake cloud and returns what it registered. Every error ends the run:
 * one the program throws, synchronously or in an `apply` (rejected with the URN of the resource
 * whose input it was, where there is one), a failed registration or invoke, and a program that
 * stops making progress (StallError, naming what it waits for). A failed run never looks like an
 * empty one, and never waits forever.
 */
export function runProgram<T>(
    program: () => T | Promise<T>,
    options: RunOptions = {},
): Promise<RunResult<T>> {
    const run = queue.then(() => runExclusive(program, options));
    queue = run.catch(() => undefined);
    return run;
}

/**
 * Lets the event loop reach its I/O phase while a program registers. The mocks answer at once,
 * so the SDK's registrations run as one chain of microtasks, without an I/O phase until the last:
 * the policy pack beside the program (its port, the Analyze calls onRegister starts) would wait
 * for all of them. Once a turn has run for IO_TURN_MS, registration callbacks are held and handed
 * back on the next turn (setImmediate, after the I/O phase): one pause per IO_TURN_MS, not one
 * per registration, whose cost would slow the program itself (about 15% on the fleet fixture).
 */
export const IO_TURN_MS = 25;

class IoTurns {
    private turnStart = Date.now();
    private held: (() => void)[] | undefined;

    continue(callback: () => void): void {
        if (this.held) {
            this.held.push(callback);
            return;
        }
        if (Date.now() - this.turnStart < IO_TURN_MS) {
            callback();
            return;
        }
        const held = [callback];
        this.held = held;
        setImmediate(() => {
            this.held = undefined;
            this.turnStart = Date.now();
            for (const run of held) {
                run();
            }
        });
    }
}

/** One resource constructed by the program, until its registration completes. */
interface PendingResource {
    /** The URN the engine will give it (stack, project, parent types, type, name). */
    urn: string;
    /** Its inputs as the program gave them (Outputs, Promises, plain values). */
    props: Record<string, unknown>;
    sent: boolean;
}

/** What the program is waiting for, and when anything last completed. */
class Progress {
    last = Date.now();
    /** Constructed, not yet completed, per `type::name` in construction order. */
    private readonly resources = new Map<string, PendingResource[]>();
    private readonly qualifiedTypes = new WeakMap<object, string>();
    private readonly urns = new WeakMap<object, string>();
    /** Error -> URN of the resource one of whose inputs rejected with it. */
    readonly owners = new WeakMap<object, string>();
    private readonly invokes = new Map<number, string>();
    private invokeIds = 0;
    private readonly outputs = new Map<string, number>();

    constructor(
        private readonly stack: string,
        private readonly project: string,
    ) {}

    bump(): void {
        this.last = Date.now();
    }

    constructed(res: object, parent: object | undefined, type: string, name: string, props: unknown): void {
        this.bump();
        const parentType = parent ? this.qualifiedTypes.get(parent) : undefined;
        const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
        this.qualifiedTypes.set(res, qualified);
        const entry: PendingResource = {
            urn: `urn:pulumi:${this.stack}::${this.project}::${qualified}::${name}`,
            props: plain(props),
            sent: false,
        };
        this.urns.set(res, entry.urn);
        const key = `${type}::${name}`;
        this.resources.set(key, [...(this.resources.get(key) ?? []), entry]);
    }

    /**
     * The inputs of each resource not yet sent whose Output or Promise has not settled, and (in
     * `owners`) which resource an input's rejection belongs to. Looked at only when the run
     * fails or stalls, so a healthy run pays nothing for it.
     */
    async inspect(): Promise<Map<PendingResource, string[]>> {
        const watched: { entry: PendingResource; input: string; settled: () => boolean }[] = [];
        for (const entries of this.resources.values()) {
            for (const entry of entries.filter((e) => !e.sent)) {
                for (const [input, value] of Object.entries(entry.props)) {
                    for (const promise of awaitables(value)) {
                        let settled = false;
                        promise.then(
                            () => (settled = true),
                            (error: unknown) => {
                                settled = true;
                                if (typeof error === "object" && error !== null && !this.owners.has(error)) {
                                    this.owners.set(error, entry.urn);
                                }
                            },
                        );
                        watched.push({ entry, input, settled: () => settled });
                    }
                }
            }
        }
        // Settled promises call their handlers within the turn.
        await new Promise((resolve) => setImmediate(resolve));
        const pending = new Map<PendingResource, string[]>();
        for (const w of watched.filter((x) => !x.settled())) {
            const inputs = pending.get(w.entry) ?? [];
            if (!inputs.includes(w.input)) {
                pending.set(w.entry, [...inputs, w.input]);
            }
        }
        return pending;
    }

    sent(type: string, name: string): void {
        this.bump();
        const entry = this.resources.get(`${type}::${name}`)?.find((e) => !e.sent);
        if (entry) {
            entry.sent = true;
        }
    }

    completed(type: string, name: string): void {
        this.bump();
        const key = `${type}::${name}`;
        const entries = this.resources.get(key) ?? [];
        const at = Math.max(
            0,
            entries.findIndex((e) => e.sent),
        );
        entries.splice(at, 1);
        if (entries.length === 0) {
            this.resources.delete(key);
        }
    }

    outputsStarted(res: object): void {
        this.bump();
        const urn = this.urns.get(res);
        if (urn) {
            this.outputs.set(urn, (this.outputs.get(urn) ?? 0) + 1);
        }
    }

    outputsRegistered(urn: string): void {
        this.bump();
        const left = (this.outputs.get(urn) ?? 1) - 1;
        if (left > 0) {
            this.outputs.set(urn, left);
        } else {
            this.outputs.delete(urn);
        }
    }

    invokeStarted(token: string): number {
        this.bump();
        this.invokes.set(++this.invokeIds, token);
        return this.invokeIds;
    }

    invokeCompleted(id: number): void {
        this.bump();
        this.invokes.delete(id);
    }

    /** One line per thing still pending, resources first, in construction order. */
    async waitingFor(): Promise<string[]> {
        const unresolved = await this.inspect();
        const lines: string[] = [];
        for (const entries of this.resources.values()) {
            for (const e of entries) {
                const inputs = unresolved.get(e) ?? [];
                if (e.sent) {
                    lines.push(`${e.urn}: registered, no answer from the engine`);
                } else if (inputs.length > 0) {
                    lines.push(`${e.urn}: its inputs ${inputs.join(", ")} never resolved`);
                } else {
                    lines.push(`${e.urn}: never registered (waiting for its parent, dependsOn or provider)`);
                }
            }
        }
        for (const urn of this.outputs.keys()) {
            lines.push(`${urn}: its registered outputs never resolved`);
        }
        for (const token of this.invokes.values()) {
            lines.push(`invoke ${token}: no answer`);
        }
        return lines;
    }
}

/** The Outputs and Promises in an input value, however deeply nested in plain objects and arrays. */
function awaitables(value: unknown, depth = 0): Promise<unknown>[] {
    if (typeof value !== "object" || value === null || depth > 32) {
        return [];
    }
    if (pulumi.Output.isInstance(value)) {
        return [(value as unknown as { promise(): Promise<unknown> }).promise()];
    }
    if (value instanceof Promise) {
        return [value];
    }
    if (pulumi.Resource.isInstance(value)) {
        return [];
    }
    return Object.values(value).flatMap((v) => awaitables(v, depth + 1));
}

const programFailures = new WeakSet<object>();

/**
 * Whether a run ended with `error` because the program threw it, synchronously or in an `apply`
 * (not a refused name, a conflict or a failed RPC): its message is the program's own, prefixed
 * with the URN of the resource whose input failed where there is one.
 */
export function isProgramFailure(error: unknown): error is Error {
    return typeof error === "object" && error !== null && programFailures.has(error);
}

/** The failure a run ends with, an Error, with the URN of the resource it belongs to if known. */
function asError(failure: unknown, owners: WeakMap<object, string>): Error {
    const error = failure instanceof Error ? failure : new Error(String(failure));
    const urn = typeof failure === "object" && failure !== null ? owners.get(failure) : undefined;
    const annotated = error as Error & { urn?: string };
    if (urn && annotated.urn === undefined) {
        annotated.urn = urn;
        error.message = `${urn}: ${error.message}`;
    }
    return error;
}

async function runExclusive<T>(program: () => T | Promise<T>, options: RunOptions): Promise<RunResult<T>> {
    if (leftoverListener) {
        process.off("unhandledRejection", leftoverListener);
        leftoverListener = undefined;
    }
    const cloud = options.cloud ?? defaultCloud;
    const project = options.project ?? "eks-identity";
    const stack = options.stack ?? "test";
    const registrations: Registration[] = [];
    const byUrn = new Map<string, Registration>();
    const ledger = new UniquenessLedger();
    const invokes: string[] = [];
    const failures: unknown[] = [];
    const inputsByName = new Map<string, Record<string, unknown>[]>();
    const progress = new Progress(stack, project);
    // Set once the run has ended: what the SDK still completes afterwards is not reported.
    let ended = false;
    // An error ends the run at once: what depends on the failed value would wait forever.
    let signalFailure!: () => void;
    const failed = new Promise<void>((resolve) => (signalFailure = resolve));
    const fail = (error: unknown) => {
        failures.push(error);
        signalFailure();
    };

    const mocks = mocksFor(
        cloud,
        (args) => {
            const key = `${args.type}::${args.name}`;
            inputsByName.set(key, [...(inputsByName.get(key) ?? []), plain(args.inputs)]);
        },
        { firstPreview: options.firstPreview },
    );
    await pulumi.runtime.setMocks(mocks, project, stack, options.preview ?? false);
    const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;

    const construct = runtimeResource.registerResource;
    const constructOutputs = runtimeResource.registerResourceOutputs;
    runtimeResource.registerResource = (res, parent, t, name, ...rest) => {
        // (res, parent, t, name, custom, remote, newDependency, props, ...)
        progress.constructed(res, parent, t, name, rest[3]);
        return construct(res, parent, t, name, ...rest);
    };
    runtimeResource.registerResourceOutputs = (res, outputs) => {
        progress.outputsStarted(res);
        return constructOutputs(res, outputs);
    };

    const turns = new IoTurns();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        progress.sent(req.getType(), req.getName());
        return register(req, (err, response) => {
            progress.completed(req.getType(), req.getName());
            if (ended) {
                cb(err, response);
                return;
            }
            if (err) {
                fail(err);
            } else {
                const res = response as GrpcResponse & { getObject(): { toJavaScript(): unknown } };
                const propertyDependencies: Record<string, string[]> = {};
                req.getPropertydependenciesMap().forEach((deps, key) => {
                    propertyDependencies[key] = deps.getUrnsList();
                });
                const key = `${req.getType()}::${req.getName()}`;
                const record: Registration = {
                    urn: res.getUrn(),
                    type: req.getType(),
                    name: req.getName(),
                    custom: req.getCustom(),
                    id: res.getId() || undefined,
                    parent: req.getParent() || undefined,
                    provider: req.getProvider() || undefined,
                    protect: req.getProtect(),
                    ...(req.getImportid() ? { importId: req.getImportid() } : {}),
                    dependencies: req.getDependenciesList(),
                    propertyDependencies,
                    aliases: req.getAliasesList().map((alias) => {
                        const spec = alias.getSpec();
                        if (alias.getUrn()) {
                            return { urn: alias.getUrn() };
                        }
                        const record: AliasRecord = {};
                        if (spec?.getName()) {
                            record.name = spec.getName();
                        }
                        if (spec?.getType()) {
                            record.type = spec.getType();
                        }
                        if (spec?.getParenturn()) {
                            record.parentUrn = spec.getParenturn();
                        }
                        if (spec?.getNoparent()) {
                            record.noParent = true;
                        }
                        return record;
                    }),
                    inputs: inputsByName.get(key)?.shift() ?? {},
                    outputs: plain(res.getObject().toJavaScript()),
                };
                if (byUrn.has(record.urn)) {
                    // The engine refuses a second registration of a URN (step_generator.go).
                    failures.push(
                        new Error(`Duplicate resource URN '${record.urn}'; try giving it a unique name`),
                    );
                    cb(err, response);
                    return;
                }
                registrations.push(record);
                byUrn.set(record.urn, record);
                // A name the cloud would refuse fails the run once it settled: failing the
                // registration itself would leave the resource's dependents waiting forever.
                try {
                    checkName(record.type, record.name, record.inputs);
                } catch (error) {
                    if (!(error instanceof NameRuleError)) {
                        throw error;
                    }
                    error.urn = record.urn;
                    error.message = `${record.urn}: ${error.problem}`;
                    failures.push(error);
                }
                // What AWS or Kubernetes holds once (a name, one association per service account)
                // claimed twice: the second fails at `pulumi up`, so the run fails too.
                const conflict = ledger.claim(
                    record.urn,
                    claimsOf(record.type, record.inputs, record.provider),
                );
                if (conflict) {
                    failures.push(new ConflictError(record.urn, conflict.holder, conflict.what));
                }
                options.onRegister?.(record);
            }
            turns.continue(() => cb(err, response));
        });
    };
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, cb) => {
        progress.outputsRegistered(req.getUrn());
        const record = byUrn.get(req.getUrn());
        if (record) {
            record.outputs = plain(req.getOutputs()?.toJavaScript());
        }
        registerOutputs(req, cb);
    };
    const invoke = monitor.invoke.bind(monitor);
    monitor.invoke = (req, cb) => {
        invokes.push(req.getTok());
        const id = progress.invokeStarted(req.getTok());
        return invoke(req, (err, response) => {
            progress.invokeCompleted(id);
            if (err && !ended) {
                fail(err);
            }
            cb(err, response);
        });
    };

    const warnings: Warning[] = [];
    const log = pulumi.log as { warn: typeof pulumi.log.warn };
    const warn = log.warn;
    log.warn = (message: string, resource?: pulumi.Resource) => {
        const entry: Warning = { message };
        warnings.push(entry);
        resource?.urn.apply((urn) => (entry.urn = urn));
        return Promise.resolve();
    };

    const onRejection = (reason: unknown) => {
        if (!ended) {
            const error = reason instanceof Error ? reason : new Error(String(reason));
            programFailures.add(error);
            fail(error);
        }
    };
    process.on("unhandledRejection", onRejection);
    const stallMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    // Kept referenced: a program stuck on a promise nothing will settle must still end with a
    // message, not with an event loop that runs dry.
    const stalled = new Promise<never>((_, reject) => {
        const check = () => {
            const idle = Date.now() - progress.last;
            if (idle >= stallMs) {
                void progress.waitingFor().then((waiting) => reject(new StallError(stallMs, waiting)));
            } else {
                timer = setTimeout(check, stallMs - idle);
            }
        };
        timer = setTimeout(check, stallMs);
    });
    stalled.catch(() => undefined);
    let settled = false;
    try {
        let value!: T;
        const work = (async () => {
            value = await program();
            progress.bump();
            await settings.waitForRPCs();
            // Let rejected outputs nobody awaited surface as unhandled rejections before we look.
            await new Promise((resolve) => setImmediate(resolve));
            settled = true;
        })();
        work.catch(() => undefined);
        try {
            await Promise.race([work, failed, stalled]);
        } catch (error) {
            // A stall or a program error: an error recorded before it is the cause to report.
            if (failures.length === 0) {
                if (!(error instanceof StallError) && typeof error === "object" && error !== null) {
                    programFailures.add(error);
                }
                throw error;
            }
        }
        if (failures.length > 0) {
            // Errors of the same turn (sibling rejections) surface, and the resource an apply's
            // error belongs to is found, before the first is reported.
            await progress.inspect();
            throw asError(failures[0], progress.owners);
        }
        return { value, registrations, invokes, warnings };
    } finally {
        ended = true;
        clearTimeout(timer);
        log.warn = warn;
        runtimeResource.registerResource = construct;
        runtimeResource.registerResourceOutputs = constructOutputs;
        if (settled) {
            process.off("unhandledRejection", onRejection);
        } else {
            leftoverListener = onRejection;
            runtimeState.getStore().leakCandidates = new Set();
        }
    }
}

export { UnexpectedInvokeError };
