// Runs a CrossGuard policy pack the way `pulumi preview --policy-pack <dir>` does: in its own
// process (@pulumi/pulumi's cmd/run-policy-pack), over the Analyzer gRPC protocol, with a minimal
// Engine service for the pack's logs. See plan/analyzer/launch.ts for the exact command line.
//
// Protocol sequence (as the CLI): spawn -> read port -> Handshake (Node.js packs answer
// UNIMPLEMENTED, which the CLI tolerates) -> ConfigureStack -> GetPluginInfo -> GetAnalyzerInfo ->
// Configure (reconciled policy config) -> Analyze per resource -> AnalyzeStack -> Cancel -> kill.
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerLog, EngineServer, startEngineServer } from "./engine";
import { AnalyzerStartError, Launched, launch, resolvePack, ResolvedPack } from "./launch";
import {
    parsePolicyConfig,
    PolicyConfigError,
    PolicySchemaInfo,
    reconcilePolicyConfig,
    ResolvedPolicyConfig,
} from "./config";
import type { ResourceInput } from "../../policy-pack/lib/evaluate";
import {
    EnforcementLevel,
    fromProtoLevel,
    jsonToStruct,
    parseProviderRef,
    propertiesToStruct,
    resourceOptions,
    toProtoLevel,
} from "./wire";

export { AnalyzerStartError, PolicyConfigError };
export type { AnalyzerLog };
export { unknownValue, secretSigKey, secretSig } from "./wire";

/** A resource as the policy pack's library takes it, plus what the engine also sends the Analyzer. */
export interface AnalyzerResource extends ResourceInput {
    /** Provider reference (`<provider urn>::<id>`) or provider URN. */
    provider?: string;
    protect?: boolean;
}

export interface AnalyzerViolation {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    enforcementLevel: EnforcementLevel;
    message: string;
    description: string;
    urn?: string;
}

export interface PolicyPackInfo {
    name: string;
    version: string;
    displayName: string;
    policies: {
        name: string;
        displayName: string;
        description: string;
        enforcementLevel: string;
        configSchema?: unknown;
    }[];
}

/**
 * A policy the pack could not evaluate because a value it read is unknown (the pack's
 * "can't run policy ... during preview" diagnostic). Not a violation; kept so it is never silent.
 */
export interface UndeterminedPolicy {
    policyName: string;
    urn?: string;
    message: string;
}

export interface AnalyzerSessionOptions {
    /** The pack's directory; for this repository the compiled pack, `bin/policy-pack`. */
    packDir: string;
    /**
     * Policy config, as in a `--policy-pack-config` file: `{"all": "advisory"}`,
     * `{"<policy>": "mandatory"}`, `{"<policy>": {"enforcementLevel": "advisory", ...properties}}`.
     */
    policyConfig?: Record<string, unknown>;
    stack?: string;
    project?: string;
    organization?: string;
    /** Deadline for the pack to print its port, in ms. @default 30000 */
    timeoutMs?: number;
    /**
     * Deadline of each Analyzer call (Handshake ... Configure at start-up, then Analyze), in ms: a
     * pack that never answers ends the plan with an error saying which call. @default timeoutMs
     */
    callTimeoutMs?: number;
    /**
     * Called once the pack's process is spawned, before its port, handshake and configure: a
     * caller about to run a long synchronous program waits for this, so the pack boots on another
     * core meanwhile instead of after the program.
     */
    onSpawned?: () => void;
}

/** A policy threw while evaluating (the pack answers the RPC with an error naming it). */
export class PolicyEvaluationError extends Error {
    constructor(
        readonly policyName: string | undefined,
        readonly policyPackName: string,
        readonly urn: string | undefined,
        readonly detail: string,
    ) {
        // The first line of the policy's error (`Error: ...`); `detail` keeps its stack.
        super(
            `policy ${policyName ? `'${policyName}'` : "(unnamed)"} of pack '${policyPackName}' failed` +
                `${urn ? ` on ${urn}` : " in stack analysis"}: ${detail.split("\n")[0]}`,
        );
        this.name = "PolicyEvaluationError";
    }
}

/** The pack failed in a way that is not a policy's fault (process gone, protocol error). */
export class AnalyzerRpcError extends Error {
    constructor(
        message: string,
        readonly code?: grpc.status,
        readonly details = "",
        /** The Analyzer method called (`Handshake`, `Analyze`, ...). */
        readonly method?: string,
    ) {
        super(message);
        this.name = "AnalyzerRpcError";
    }
}

/** `StreamingAnalysis.finish` ran every resource and the stack, but one or more policies threw. */
export class PolicyErrors extends Error {
    constructor(
        readonly errors: PolicyEvaluationError[],
        readonly violations: AnalyzerViolation[],
    ) {
        super(
            `${errors.length} policy evaluation(s) failed:\n  ${errors.map((e) => e.message.split("\n")[0]).join("\n  ")}`,
        );
        this.name = "PolicyErrors";
    }
}

const policyFromRe = /policy '([^']+)' from policy pack '(.+?)@v([^']*)'/;
const cantRunRe = /^can't run policy '([^']+)' from policy pack '.+?' during preview: /;

type Unary<Req, Res> = (
    req: Req,
    metadata: grpc.Metadata,
    options: Partial<grpc.CallOptions>,
    callback: (err: grpc.ServiceError | null, res: Res) => void,
) => grpc.ClientUnaryCall;

export class AnalyzerSession {
    readonly logs: AnalyzerLog[];
    /** Policies skipped because a value they read is unknown. */
    readonly undetermined: UndeterminedPolicy[] = [];
    /** The pack process id (for checking it is gone after `close`). */
    readonly pid: number;
    /** Wall time of `start`: spawn, port, handshake, info and configure. */
    readonly startupMs: number;
    /** The reconciled policy config sent in `Configure`. */
    readonly policyConfig: Record<string, ResolvedPolicyConfig>;
    readonly info: PolicyPackInfo;

    private readonly known = new Map<string, AnalyzerResource>();
    /**
     * Each props object's Struct, made once: AnalyzeStack sends again every resource an Analyze
     * call sent, with the same props object, and converting them again (google-protobuf's
     * Struct.fromJavaScript) was a tenth of the stack call's time on a fleet.
     */
    private readonly structs = new WeakMap<object, ReturnType<typeof propertiesToStruct>>();
    private closed?: Promise<void>;
    private exitCode: number | null | undefined;

    private constructor(
        private readonly pack: ResolvedPack,
        private readonly launched: Launched,
        private readonly engine: EngineServer,
        private readonly client: AnalyzerClient,
        private readonly timeoutMs: number,
        logs: AnalyzerLog[],
        startedAt: number,
        info: PolicyPackInfo,
        policyConfig: Record<string, ResolvedPolicyConfig>,
    ) {
        this.logs = logs;
        this.pid = launched.child.pid ?? -1;
        this.info = info;
        this.policyConfig = policyConfig;
        this.startupMs = Date.now() - startedAt;
        void launched.exited.then((code) => {
            this.exitCode = code;
        });
    }

    static async start(options: AnalyzerSessionOptions): Promise<AnalyzerSession> {
        const startedAt = Date.now();
        const timeoutMs = options.timeoutMs ?? 30000;
        const callTimeoutMs = options.callTimeoutMs ?? timeoutMs;
        const pack = resolvePack(options.packDir);
        const stack = options.stack ?? "dev";
        const project = options.project ?? "eks-identity";
        // Parse before spawning: a malformed config file should not cost a process start.
        const givenConfig = parsePolicyConfig(options.policyConfig ?? {});
        const logs: AnalyzerLog[] = [];
        const engine = await startEngineServer(logs);
        let launched: Launched | undefined;
        let client: AnalyzerClient | undefined;
        try {
            const launching = launch(pack, {
                engineAddress: engine.address,
                timeoutMs,
                stack,
                project,
                organization: options.organization,
                dryRun: true,
                logs,
            });
            options.onSpawned?.();
            launched = await launching;
            client = new AnalyzerClient(`127.0.0.1:${launched.port}`, grpc.credentials.createInsecure(), {
                "grpc.max_receive_message_length": 400 * 1024 * 1024,
                "grpc.max_send_message_length": 400 * 1024 * 1024,
                // The window the pack's responses flow through (grpc-js transport.js: the session's
                // initialWindowSize and connection window). At HTTP/2's 64 KiB default, hundreds
                // of Analyze responses in flight stall on WINDOW_UPDATE round trips while both
                // processes sit idle: a larger window cut a fleet plan's analysis by a tenth.
                "grpc-node.flow_control_window": 16 * 1024 * 1024,
            });
            const call = <Req, Res>(name: string, method: Unary<Req, Res>, req: Req) =>
                unary(client!, name, method, req, callTimeoutMs, () => startFailure(pack, launched!, logs));

            const handshake = new analyzerpb.AnalyzerHandshakeRequest();
            handshake.setEngineAddress(engine.address);
            handshake.setRootDirectory(pack.workDir);
            handshake.setProgramDirectory(pack.workDir);
            await tolerateUnimplemented(call("Handshake", client.handshake, handshake));

            const stackConfig = new analyzerpb.AnalyzerStackConfigureRequest();
            stackConfig.setStack(stack);
            stackConfig.setProject(project);
            stackConfig.setOrganization(options.organization ?? "");
            stackConfig.setDryRun(true);
            await tolerateUnimplemented(call("ConfigureStack", client.configureStack, stackConfig));

            await call("GetPluginInfo", client.getPluginInfo, new Empty());
            const rawInfo = await call("GetAnalyzerInfo", client.getAnalyzerInfo, new Empty());
            const { info, schemas, initialConfig } = convertInfo(rawInfo, pack);

            const reconciled = reconcilePolicyConfig(schemas, initialConfig, givenConfig);
            const configure = new analyzerpb.ConfigureAnalyzerRequest();
            const map = configure.getPolicyconfigMap();
            for (const [name, c] of reconciled) {
                const pc = new analyzerpb.PolicyConfig();
                pc.setEnforcementlevel(toProtoLevel(c.enforcementLevel ?? "advisory"));
                pc.setProperties(jsonToStruct(c.properties ?? {}, `policyConfig.${name}`));
                map.set(name, pc);
            }
            await call("Configure", client.configure, configure);

            return new AnalyzerSession(
                pack,
                launched,
                engine,
                client,
                callTimeoutMs,
                logs,
                startedAt,
                info,
                Object.fromEntries(reconciled),
            );
        } catch (err) {
            client?.close();
            if (launched) {
                await kill(launched);
            }
            await engine.stop();
            if (err instanceof AnalyzerRpcError && launched) {
                // The pack started but failed the protocol: it did not start, as far as the plan goes.
                const message =
                    err.code === grpc.status.DEADLINE_EXCEEDED
                        ? `policy pack ${pack.moduleDir} did not answer Analyzer.${err.method} within ${callTimeoutMs} ms; it was stopped`
                        : `policy pack ${pack.moduleDir} failed while starting: ${err.message}`;
                throw new AnalyzerStartError(
                    message,
                    pack.moduleDir,
                    launched.stderr().trim(),
                    launched.child.exitCode,
                    launched.child.pid,
                );
            }
            throw err;
        }
    }

    /** `Analyze`: the resource-level policies, on one resource's inputs. */
    async analyze(resource: AnalyzerResource): Promise<AnalyzerViolation[]> {
        this.known.set(resource.urn, resource);
        const req = this.describe(new analyzerpb.AnalyzeRequest(), resource);
        const res = await this.call("Analyze", this.client.analyze, req, resource.urn);
        return this.violations(res, resource.urn);
    }

    /** `AnalyzeStack`: the stack policies, over every resource with its dependency graph. */
    async analyzeStack(resources: AnalyzerResource[]): Promise<AnalyzerViolation[]> {
        for (const r of resources) {
            this.known.set(r.urn, r);
        }
        const req = new analyzerpb.AnalyzeStackRequest();
        req.setResourcesList(
            resources.map((r) => {
                const ar = this.describe(new analyzerpb.AnalyzerResource(), r);
                ar.setParent(r.parent ?? "");
                ar.setDependenciesList(r.dependencies ?? []);
                const deps = ar.getPropertydependenciesMap();
                for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
                    if (urns.length > 0) {
                        const pd = new analyzerpb.AnalyzerPropertyDependencies();
                        pd.setUrnsList(urns);
                        deps.set(k, pd);
                    }
                }
                return ar;
            }),
        );
        const res = await this.call("AnalyzeStack", this.client.analyzeStack, req, undefined);
        return this.violations(res, undefined);
    }

    /** Cancels, stops the pack process (SIGTERM, then SIGKILL) and the Engine service. Idempotent. */
    close(): Promise<void> {
        this.closed ??= (async () => {
            if (this.exitCode === undefined) {
                await tolerateUnimplemented(
                    unary(this.client, "Cancel", this.client.cancel, new Empty(), 2000, () => "").catch(
                        () => undefined,
                    ),
                );
            }
            this.client.close();
            await kill(this.launched);
            await this.engine.stop();
        })();
        return this.closed;
    }

    /** What both `Analyze` and `AnalyzeStack` carry of a resource, as the engine marshals it. */
    private describe<M extends analyzerpb.AnalyzeRequest | analyzerpb.AnalyzerResource>(
        message: M,
        r: AnalyzerResource,
    ): M {
        message.setUrn(r.urn);
        message.setType(r.type);
        message.setName(r.name);
        let props = this.structs.get(r.props);
        if (!props) {
            props = propertiesToStruct(r.props, r.urn);
            this.structs.set(r.props, props);
        }
        message.setProperties(props);
        message.setOptions(resourceOptions(r.parent, r.protect));
        const provider = this.providerFor(r);
        if (provider) {
            message.setProvider(provider);
        }
        return message;
    }

    private providerFor(r: AnalyzerResource): analyzerpb.AnalyzerProviderResource | undefined {
        if (!r.provider) {
            return undefined;
        }
        const { urn, type, name } = parseProviderRef(r.provider);
        const p = new analyzerpb.AnalyzerProviderResource();
        p.setUrn(urn);
        p.setType(type);
        p.setName(name);
        p.setProperties(propertiesToStruct(this.known.get(urn)?.props ?? {}, urn));
        return p;
    }

    private violations(res: analyzerpb.AnalyzeResponse, urn: string | undefined): AnalyzerViolation[] {
        const out: AnalyzerViolation[] = [];
        for (const d of res.getDiagnosticsList()) {
            const message = d.getMessage();
            const target = d.getUrn() || urn;
            if (cantRunRe.test(message)) {
                this.undetermined.push({ policyName: d.getPolicyname(), urn: target, message });
                continue;
            }
            out.push({
                policyName: d.getPolicyname(),
                policyPackName: d.getPolicypackname(),
                policyPackVersion: d.getPolicypackversion(),
                enforcementLevel: fromProtoLevel(d.getEnforcementlevel()),
                message,
                description: d.getDescription(),
                ...(target ? { urn: target } : {}),
            });
        }
        return out;
    }

    private async call<Req, Res>(
        name: string,
        method: Unary<Req, Res>,
        req: Req,
        urn: string | undefined,
    ): Promise<Res> {
        if (this.closed) {
            throw new AnalyzerRpcError(`${name}: the analyzer session is closed`);
        }
        try {
            return await unary(this.client, name, method, req, this.timeoutMs, () => this.processState());
        } catch (err) {
            if (err instanceof AnalyzerRpcError && err.code === grpc.status.UNKNOWN) {
                const m = policyFromRe.exec(err.details);
                if (m) {
                    throw new PolicyEvaluationError(
                        m[1],
                        m[2],
                        urn,
                        err.details.slice(err.details.indexOf(":\n") + 2),
                    );
                }
                // An error outside any one policy (e.g. the request itself was rejected).
                throw new PolicyEvaluationError(undefined, this.info.name, urn, err.details);
            }
            throw err;
        }
    }

    private processState(): string {
        const stderr = this.launched.stderr().trim();
        const state =
            this.exitCode === undefined
                ? "the pack process is running"
                : `the pack process exited with code ${this.exitCode}`;
        return stderr ? `${state}; its stderr:\n${stderr}` : state;
    }
}

function unary<Req, Res>(
    client: AnalyzerClient,
    name: string,
    method: Unary<Req, Res>,
    req: Req,
    timeoutMs: number,
    context: () => string,
): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
        method.call(client, req, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (err, res) => {
            if (err) {
                const extra =
                    err.code === grpc.status.UNKNOWN || err.code === grpc.status.UNIMPLEMENTED
                        ? ""
                        : context();
                reject(
                    new AnalyzerRpcError(
                        `Analyzer.${name} failed (${grpc.status[err.code]}): ${err.details}${extra ? `\n${extra}` : ""}`,
                        err.code,
                        err.details,
                        name,
                    ),
                );
            } else {
                resolve(res);
            }
        });
    });
}

async function tolerateUnimplemented(p: Promise<unknown>): Promise<void> {
    try {
        await p;
    } catch (err) {
        if (!(err instanceof AnalyzerRpcError && err.code === grpc.status.UNIMPLEMENTED)) {
            throw err;
        }
    }
}

function startFailure(pack: ResolvedPack, launched: Launched, logs: AnalyzerLog[]): string {
    const output = [
        launched.stderr().trim(),
        ...logs.filter((l) => l.source === "engine").map((l) => l.message),
    ]
        .filter(Boolean)
        .join("\n");
    return `policy pack ${pack.moduleDir}${output ? `; its output:\n${output}` : ""}`;
}

async function kill(launched: Launched): Promise<void> {
    const { child } = launched;
    if (child.exitCode !== null || child.signalCode !== null) {
        return;
    }
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
    await launched.exited;
    clearTimeout(timer);
}

function convertInfo(
    info: analyzerpb.AnalyzerInfo,
    pack: ResolvedPack,
): { info: PolicyPackInfo; schemas: PolicySchemaInfo[]; initialConfig: Map<string, ResolvedPolicyConfig> } {
    const schemas: PolicySchemaInfo[] = [];
    const policies = info.getPoliciesList().map((p) => {
        const schema = p.getConfigschema();
        const configSchema = schema
            ? {
                  properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<
                      string,
                      Record<string, unknown>
                  >,
                  ...(schema.getRequiredList().length > 0 ? { required: schema.getRequiredList() } : {}),
              }
            : undefined;
        const enforcementLevel = fromProtoLevel(p.getEnforcementlevel());
        schemas.push({ name: p.getName(), enforcementLevel, configSchema });
        return {
            name: p.getName(),
            displayName: p.getDisplayname(),
            description: p.getDescription(),
            enforcementLevel,
            ...(configSchema ? { configSchema } : {}),
        };
    });
    const initialConfig = new Map<string, ResolvedPolicyConfig>();
    info.getInitialconfigMap().forEach((v, k) => {
        const properties = v.getProperties()?.toJavaScript();
        initialConfig.set(k, {
            enforcementLevel: fromProtoLevel(v.getEnforcementlevel()),
            ...(properties && Object.keys(properties).length > 0 ? { properties } : {}),
        });
    });
    return {
        info: {
            name: info.getName(),
            version: info.getVersion() || pack.version,
            displayName: info.getDisplayname(),
            policies,
        },
        schemas,
        initialConfig,
    };
}

/**
 * Analyze calls in flight at once. Deep, so that the pack has a queue to work through on its own
 * core while the program runs: the program gives the event loop an I/O phase only between batches
 * of registrations (a quarter of a second apart in a large fleet), and with 16 in flight the pack
 * got 16 calls a batch and finished almost all of its work after the program. Bounded, so a plan
 * of any size holds a bounded number of requests in memory.
 */
export const DEFAULT_ANALYZE_IN_FLIGHT = 1024;

/**
 * Hands resources to the policy pack as the program registers them, a bounded number of calls in
 * flight, the way the engine analyzes each resource as its registration arrives; the stack
 * analysis follows once the program is done. A policy that throws is collected, never skipped:
 * `finish` rejects with `PolicyErrors` listing each failure (and carrying the violations found),
 * after running the rest.
 */
export class StreamingAnalysis {
    private readonly pending: Promise<AnalyzerViolation[]>[] = [];
    private readonly waiting: (() => void)[] = [];
    private inFlight = 0;
    readonly errors: PolicyEvaluationError[] = [];
    /** Resources given to add(), and those whose Analyze call has returned. */
    added = 0;
    analysed = 0;
    /** Called each time an Analyze call returns, with `analysed`. */
    onAnalysed?: (analysed: number) => void;

    constructor(
        readonly session: Promise<AnalyzerSession>,
        private readonly maxInFlight = DEFAULT_ANALYZE_IN_FLIGHT,
    ) {}

    add(resource: AnalyzerResource): void {
        this.added++;
        const result = this.run(resource);
        // Observed now, awaited in finish(): a pack that failed to start must not surface as an
        // unhandled rejection in the middle of the program.
        result.catch(() => undefined);
        this.pending.push(result);
    }

    private async run(resource: AnalyzerResource): Promise<AnalyzerViolation[]> {
        const session = await this.session;
        while (this.inFlight >= this.maxInFlight) {
            await new Promise<void>((resolve) => this.waiting.push(resolve));
        }
        this.inFlight++;
        try {
            return await session.analyze(resource);
        } catch (error) {
            if (error instanceof PolicyEvaluationError) {
                this.errors.push(error);
                return [];
            }
            throw error;
        } finally {
            this.inFlight--;
            this.waiting.shift()?.();
            this.onAnalysed?.(++this.analysed);
        }
    }

    /** Every resource's violations in registration order, then the stack's. */
    async finish(resources: AnalyzerResource[]): Promise<AnalyzerViolation[]> {
        const session = await this.session;
        const perResource = (await Promise.all(this.pending)).flat();
        let stack: AnalyzerViolation[] = [];
        try {
            stack = await session.analyzeStack(resources);
        } catch (error) {
            if (!(error instanceof PolicyEvaluationError)) {
                throw error;
            }
            this.errors.push(error);
        }
        const violations = [...perResource, ...stack];
        if (this.errors.length > 0) {
            throw new PolicyErrors(this.errors, violations);
        }
        return violations;
    }
}
