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

// `waitForRPCs` drains the SDK's queue of outstanding registrations, including those started
// inside `apply` callbacks. It is internal to the SDK, so it is reached by path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

function plain(value: unknown): Record<string, unknown> {
    return (value ?? {}) as Record<string, unknown>;
}

// Runs are serialised: the SDK's runtime state is process-global.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `program` against the fake cloud and returns what it registered. Errors the program throws
 * synchronously or asynchronously are rethrown after the run settles, so a failed run never looks
 * like an empty one.
 */
export function runProgram<T>(
    program: () => T | Promise<T>,
    options: RunOptions = {},
): Promise<RunResult<T>> {
    const run = queue.then(() => runExclusive(program, options));
    queue = run.catch(() => undefined);
    return run;
}

async function runExclusive<T>(program: () => T | Promise<T>, options: RunOptions): Promise<RunResult<T>> {
    const cloud = options.cloud ?? defaultCloud;
    const registrations: Registration[] = [];
    const byUrn = new Map<string, Registration>();
    const ledger = new UniquenessLedger();
    const invokes: string[] = [];
    const failures: unknown[] = [];
    const inputsByName = new Map<string, Record<string, unknown>[]>();

    const mocks = mocksFor(
        cloud,
        (args) => {
            const key = `${args.type}::${args.name}`;
            inputsByName.set(key, [...(inputsByName.get(key) ?? []), plain(args.inputs)]);
        },
        { firstPreview: options.firstPreview },
    );
    await pulumi.runtime.setMocks(
        mocks,
        options.project ?? "eks-identity",
        options.stack ?? "test",
        options.preview ?? false,
    );
    const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;

    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) =>
        register(req, (err, response) => {
            if (err) {
                failures.push(err);
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
            cb(err, response);
        });
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, cb) => {
        const record = byUrn.get(req.getUrn());
        if (record) {
            record.outputs = plain(req.getOutputs()?.toJavaScript());
        }
        registerOutputs(req, cb);
    };
    const invoke = monitor.invoke.bind(monitor);
    monitor.invoke = (req, cb) => {
        invokes.push(req.getTok());
        return invoke(req, (err, response) => {
            if (err) {
                failures.push(err);
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

    const onRejection = (reason: unknown) => failures.push(reason);
    process.on("unhandledRejection", onRejection);
    try {
        const value = await program();
        await settings.waitForRPCs();
        // Let rejected outputs nobody awaited surface as unhandled rejections before we look.
        await new Promise((resolve) => setImmediate(resolve));
        if (failures.length > 0) {
            const first = failures[0];
            throw first instanceof Error ? first : new Error(String(first));
        }
        return { value, registrations, invokes, warnings };
    } finally {
        log.warn = warn;
        process.off("unhandledRejection", onRejection);
    }
}

export { UnexpectedInvokeError };
