// The small surface the orchestration needs from a Pulumi stack, and its real implementation over
// the Automation API's LocalWorkspace on the root project (local program: Pulumi.yaml at the
// repository root, main stacks/, stack config in stacks/Pulumi.<env>.yaml). Ordering, retries,
// pre-flight and fleets are written against StackHandle so tests drive them with a fake.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import {
    ConfigMap,
    EngineEvent,
    LocalWorkspace,
    OpMap,
    OutputMap,
    PulumiCommand,
    Stack,
} from "@pulumi/pulumi/automation";
import { signalChild, trackChild } from "../plan/processes";
import { repoRoot } from "../stacks/config";
import { BackendSettings, findOnPath, resolveBackend } from "./backend";
import { isCliMissingError, isStackNotFoundError, PulumiCliMissingError, StackMissingError } from "./errors";

export const OPERATIONS = ["preview", "up", "refresh", "destroy", "outputs"] as const;
export type Operation = (typeof OPERATIONS)[number];

export function isOperation(value: string): value is Operation {
    return (OPERATIONS as readonly string[]).includes(value);
}

export interface EventOptions {
    onEvent?: (event: EngineEvent) => void;
}

/** preview and up always run with the policy pack and the environment's policy config. */
export interface PolicyRunOptions extends EventOptions {
    policyPacks: string[];
    policyPackConfigs: string[];
}

export interface OperationOutcome {
    /** The engine's resource change counts (`create`, `update`, `same`, ...). */
    changes: OpMap;
    /** Stack outputs, for up and outputs. */
    outputs?: OutputMap;
}

export interface StackHandle {
    readonly name: string;
    preview(options: PolicyRunOptions): Promise<OperationOutcome>;
    up(options: PolicyRunOptions): Promise<OperationOutcome>;
    refresh(options: EventOptions): Promise<OperationOutcome>;
    destroy(options: EventOptions): Promise<OperationOutcome>;
    outputs(): Promise<OutputMap>;
    /** Replaces the stack's `platform:` keys and sets the others given (e.g. `aws:region`). */
    setConfig(values: ConfigMap): Promise<void>;
}

export interface OpenOptions {
    /** Create the stack when missing (preview, up); otherwise a missing stack is an error. */
    create: boolean;
}

export interface WorkspaceFactory {
    /** Where state lives, for messages. */
    readonly backendUrl: string;
    /**
     * True when operations run elsewhere (Pulumi Deployments): no local policy pack can be
     * attached, so preview as well as up is pre-flighted here first, and no typed config is set.
     */
    readonly remote?: boolean;
    /** Cheap checks before any work (the CLI on PATH, the state folder); throws typed errors. */
    ensureReady(): Promise<void>;
    open(stack: string, options: OpenOptions): Promise<StackHandle>;
}

/** A StackHandle over an Automation API Stack. */
export class LocalStackHandle implements StackHandle {
    constructor(private readonly stack: Stack) {}

    get name(): string {
        return this.stack.name;
    }

    async preview(options: PolicyRunOptions): Promise<OperationOutcome> {
        const result = await this.stack.preview({ ...options, color: "never" });
        return { changes: result.changeSummary };
    }

    async up(options: PolicyRunOptions): Promise<OperationOutcome> {
        const result = await this.stack.up({ ...options, color: "never" });
        return { changes: result.summary.resourceChanges ?? {}, outputs: result.outputs };
    }

    async refresh(options: EventOptions): Promise<OperationOutcome> {
        const result = await this.stack.refresh({ ...options, color: "never" });
        return { changes: result.summary.resourceChanges ?? {} };
    }

    async destroy(options: EventOptions): Promise<OperationOutcome> {
        const result = await this.stack.destroy({ ...options, color: "never" });
        return { changes: result.summary.resourceChanges ?? {} };
    }

    outputs(): Promise<OutputMap> {
        return this.stack.outputs();
    }

    async setConfig(values: ConfigMap): Promise<void> {
        // Keys the typed config no longer has would otherwise linger and fail the schema at run time.
        const current = await this.stack.getAllConfig();
        const stale = Object.keys(current).filter((k) => k.startsWith("platform:") && !(k in values));
        if (stale.length > 0) {
            await this.stack.removeAllConfig(stale);
        }
        // path=false: structured values are whole JSON documents, as stacks/index.ts parses them.
        await this.stack.setAllConfig(values, false);
    }
}

export interface LocalWorkspaceFactoryOptions {
    /** @default process.env */
    env?: NodeJS.ProcessEnv;
    /** The project folder (Pulumi.yaml). @default repoRoot() */
    root?: string;
    /**
     * Longest any one `pulumi` command may run (`version`, `stack select`, `config set-all`,
     * `preview`, `up`, ...). Past it the command is stopped (SIGINT, the CLI's cancel, then SIGKILL
     * to its process group after killGraceMs) and fails with a PulumiTimeoutError.
     * @default DEFAULT_PULUMI_TIMEOUT_MS (one hour: an `up` creating a cluster takes ~20 minutes)
     */
    timeoutMs?: number;
    /** How long a timed-out `pulumi` gets to cancel before SIGKILL. @default DEFAULT_KILL_GRACE_MS */
    killGraceMs?: number;
}

/** One hour per `pulumi` command: an `up` that creates the cluster and node groups takes ~20 min. */
export const DEFAULT_PULUMI_TIMEOUT_MS = 60 * 60 * 1000;
/** Time a timed-out `pulumi` gets to cancel on SIGINT (release its lock) before SIGKILL. */
export const DEFAULT_KILL_GRACE_MS = 10_000;

/** A `pulumi` command that did not finish in time; it has been stopped. */
export class PulumiTimeoutError extends Error {
    constructor(
        /** The command's words: `preview`, `stack select`. */
        readonly command: string,
        readonly stack: string | undefined,
        readonly timeoutMs: number,
        /** How it was stopped: `SIGINT` or `SIGINT, then SIGKILL after 10 s`. */
        readonly stoppedWith: string,
    ) {
        super(
            `\`pulumi ${command}\`${stack ? ` of stack "${stack}"` : ""} did not finish within ${timeoutMs / 1000} s, ` +
                `so it was stopped (${stoppedWith}). If it is only slow, raise --timeout (timeoutMs); ` +
                "otherwise look for what it waits on: another update's lock, a backend or network that does not answer.",
        );
        this.name = "PulumiTimeoutError";
    }
}

// The Automation API's own result and error shapes, so callers cannot tell our runner from its
// own (ConcurrentUpdateError, StackNotFoundError, ... are chosen from stderr as it chooses them).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkErrors = require("@pulumi/pulumi/automation/errors") as {
    createCommandError(result: CommandResult): Error;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkCmd = require("@pulumi/pulumi/automation/cmd") as {
    CommandResult: CommandResultCtor;
    parseAndValidatePulumiVersion(min: unknown, current: string, optOut: boolean): unknown;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkMinimum = require("@pulumi/pulumi/automation/minimumVersion") as { minimumVersion: unknown };
/** What the Automation API's `PulumiCommand.run` resolves with (internal to the SDK). */
interface CommandResult {
    stdout: string;
    stderr: string;
    code: number;
}
type CommandResultCtor = new (stdout: string, stderr: string, code: number, err?: Error) => CommandResult;

interface RunnerOptions {
    command: string;
    env: NodeJS.ProcessEnv;
    timeoutMs: number;
    killGraceMs: number;
}

/** The words of a command line before its first flag, and the value of its `--stack`. */
function describeArgs(args: string[]): { command: string; stack?: string } {
    const first = args.findIndex((a) => a.startsWith("-"));
    const at = args.indexOf("--stack");
    return {
        command: (first < 0 ? args : args.slice(0, first)).join(" "),
        stack: at >= 0 ? args[at + 1] : undefined,
    };
}

/**
 * Runs `pulumi` as the Automation API's exec does (the environment, `PULUMI_AUTOMATION_API`, the
 * CLI's folder first on PATH, the same CommandResult and errors), in its own process group so a
 * timeout can stop the CLI and the plugins it started, and tracked so killing this tool stops it.
 */
function runPulumi(
    options: RunnerOptions,
    args: string[],
    cwd: string | undefined,
    additionalEnv: Record<string, string>,
    onOutput?: (data: string) => void,
    onError?: (data: string) => void,
    signal?: AbortSignal,
): Promise<CommandResult> {
    const Result = sdkCmd.CommandResult;
    const env: NodeJS.ProcessEnv = { ...options.env, ...additionalEnv, PULUMI_AUTOMATION_API: "true" };
    if (path.isAbsolute(options.command)) {
        env.PATH = `${path.dirname(options.command)}${path.delimiter}${additionalEnv.PATH ?? options.env.PATH ?? ""}`;
    }
    const { command, stack } = describeArgs(args);
    return new Promise<CommandResult>((resolve, reject) => {
        const child = spawn(options.command, args, {
            cwd,
            env,
            detached: true,
            stdio: ["ignore", "pipe", "pipe"],
        });
        trackChild(child, {
            label: `pulumi ${command}${stack ? ` --stack ${stack}` : ""}`,
            group: true,
            stopSignal: "SIGINT",
            graceMs: options.killGraceMs,
        });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
            stdout += chunk;
            onOutput?.(chunk);
        });
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
            stderr += chunk;
            onError?.(chunk);
        });
        signal?.addEventListener("abort", () => signalChild(child, "SIGINT", true));
        let stoppedWith: string | undefined;
        let killTimer: NodeJS.Timeout | undefined;
        const timer = setTimeout(() => {
            stoppedWith = "SIGINT";
            signalChild(child, "SIGINT", true);
            killTimer = setTimeout(() => {
                stoppedWith = `SIGINT, then SIGKILL after ${options.killGraceMs / 1000} s`;
                signalChild(child, "SIGKILL", true);
            }, options.killGraceMs);
        }, options.timeoutMs);
        let settled = false;
        const settle = (outcome: () => void) => {
            if (!settled) {
                settled = true;
                clearTimeout(timer);
                clearTimeout(killTimer);
                outcome();
            }
        };
        child.once("error", (error) =>
            settle(() => reject(sdkErrors.createCommandError(new Result("", error.message, -2, error)))),
        );
        child.once("close", (code) =>
            settle(() => {
                if (stoppedWith) {
                    // Whatever of its group outlived it (plugins) goes too.
                    signalChild(child, "SIGKILL", true);
                    reject(new PulumiTimeoutError(command, stack, options.timeoutMs, stoppedWith));
                    return;
                }
                const result = new Result(stdout, stderr, code ?? -1);
                if (code === 0) {
                    resolve(result);
                } else {
                    reject(sdkErrors.createCommandError(result));
                }
            }),
        );
    });
}

/**
 * A PulumiCommand for LocalWorkspace whose every command runs under runPulumi. The version comes
 * from `pulumi version` under the same timeout (PulumiCommand.get would wait forever).
 */
export async function timedPulumiCommand(options: RunnerOptions): Promise<PulumiCommand> {
    const { stdout } = await runPulumi(options, ["version"], undefined, { PULUMI_SKIP_UPDATE_CHECK: "true" });
    const skip = Boolean(options.env.PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK);
    const version = sdkCmd.parseAndValidatePulumiVersion(sdkMinimum.minimumVersion, stdout.trim(), skip);
    const Ctor = PulumiCommand as unknown as new (command: string, version: unknown) => PulumiCommand;
    const command = new Ctor(options.command, version);
    Object.assign(command, {
        run: (
            args: string[],
            cwd: string,
            additionalEnv: Record<string, string>,
            onOutput?: (data: string) => void,
            onError?: (data: string) => void,
            signal?: AbortSignal,
        ) =>
            runPulumi(
                options,
                args.includes("--non-interactive") ? args : [...args, "--non-interactive"],
                cwd,
                additionalEnv,
                onOutput,
                onError,
                signal,
            ),
    });
    return command;
}

/** LocalWorkspace on the root project with the backend of resolveBackend. */
export class LocalWorkspaceFactory implements WorkspaceFactory {
    readonly backend: BackendSettings;
    readonly root: string;
    readonly timeoutMs: number;
    readonly killGraceMs: number;
    private readonly env: NodeJS.ProcessEnv;
    private command?: Promise<PulumiCommand>;

    constructor(options: LocalWorkspaceFactoryOptions = {}) {
        this.env = options.env ?? process.env;
        this.root = options.root ?? repoRoot();
        this.backend = resolveBackend(this.env, this.root);
        this.timeoutMs = options.timeoutMs ?? DEFAULT_PULUMI_TIMEOUT_MS;
        this.killGraceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
    }

    get backendUrl(): string {
        return this.backend.url;
    }

    async ensureReady(): Promise<void> {
        if (!findOnPath("pulumi", this.env)) {
            throw new PulumiCliMissingError("no `pulumi` executable on PATH");
        }
        if (this.backend.stateDir) {
            // `pulumi login file://<dir>` needs the folder to exist.
            fs.mkdirSync(this.backend.stateDir, { recursive: true });
        }
    }

    async open(stack: string, options: OpenOptions): Promise<StackHandle> {
        const args = { stackName: stack, workDir: this.root };
        try {
            this.command ??= timedPulumiCommand({
                command: findOnPath("pulumi", this.env) ?? "pulumi",
                env: this.env,
                timeoutMs: this.timeoutMs,
                killGraceMs: this.killGraceMs,
            });
            const wsOptions = {
                envVars: { ...this.backend.envVars, PULUMI_SKIP_UPDATE_CHECK: "true" },
                secretsProvider: this.backend.secretsProvider,
                pulumiCommand: await this.command,
            };
            const selected = options.create
                ? await LocalWorkspace.createOrSelectStack(args, wsOptions)
                : await LocalWorkspace.selectStack(args, wsOptions);
            return new LocalStackHandle(selected);
        } catch (error) {
            if (isCliMissingError(error)) {
                throw new PulumiCliMissingError("`pulumi version` failed with ENOENT");
            }
            if (isStackNotFoundError(error)) {
                throw new StackMissingError(stack, this.backend.url, error);
            }
            throw error;
        }
    }
}
