// One environment, one operation: the order every caller gets (library, CLI, fleet).
//   1. factory.ensureReady()  the CLI on PATH, the backend usable (no CLI call yet)
//   2. typed config validated by the stacks' schema, when one is given
//   3. up (and preview on a remote workspace): the offline pre-flight (program on mocks + the
//      real policy pack); mandatory violations refuse it here, before the CLI is ever called
//   4. open the stack (preview/up create it; refresh/destroy/outputs require it), set the config
//   5. the operation with the policy pack and the environment's policy config, engine events
//      counted, ConcurrentUpdateError retried with bounded backoff
// runEnvironment never throws: it returns a result whose `error` says what failed; the typed
// error itself is on the non-enumerable `cause`, which the one-operation helpers rethrow.
import { OpMap, OutputMap } from "@pulumi/pulumi/automation";
import { PlanFile, PlanViolation } from "../plan/model";
import { cloudOf, planProgram, planStack } from "../plan/plan";
import { StackConfig } from "../stacks/config";
import { buildPlatform } from "../stacks/program";
import { ConfigWriteOptions, TypedStackConfig, toConfigMap, validateTypedConfig } from "./config";
import {
    describeError,
    ErrorKind,
    errorKind,
    isStackNotFoundError,
    PreflightRefusedError,
    StackMissingError,
    UsageError,
} from "./errors";
import { ProgressLine, ProgressSnapshot, ProgressTracker } from "./events";
import { policyConfigFor, policyPackDir } from "./policy";
import { RetryOptions, withRetry } from "./retry";
import { Operation, OperationOutcome, StackHandle, WorkspaceFactory } from "./workspace";

export interface PreflightRequest {
    stack: string;
    policyConfigFile: string;
    /** A typed config already validated; planned in memory instead of the stack's file. */
    config?: StackConfig;
    onProgress?: (message: string) => void;
}

/** The offline plan of a stack; its `summary.mandatory` decides whether `up` may run. */
export type Preflight = (request: PreflightRequest) => Promise<PlanFile>;

/** plan/plan.ts: the stack file (or the typed config) on mocks, then the policy pack over gRPC. */
export const offlinePreflight: Preflight = (request) => {
    const options = { policyConfigFile: request.policyConfigFile, onProgress: request.onProgress };
    const config = request.config;
    if (config) {
        return planProgram(
            () => buildPlatform(config),
            { stack: request.stack, configFile: config.file, cloud: cloudOf(config) },
            options,
        );
    }
    return planStack({ stack: request.stack, ...options });
};

/**
 * Whether `operation` waits for the offline pre-flight: `up` always; `preview` too on a remote
 * workspace, where it is a deployment that no local policy pack can be attached to.
 */
export function preflightGates(operation: Operation, remote: boolean): boolean {
    return operation === "up" || (remote && operation === "preview");
}

export interface EnvironmentRequest {
    stack: string;
    operation: Operation;
    /** Policy config for this run. @default policyConfigFor(stack) */
    policyConfigFile?: string;
    /** Config to set on the stack first (not for `outputs`); validated by the stacks' schema. */
    config?: TypedStackConfig;
    configOptions?: ConfigWriteOptions;
    /** Skip the offline pre-flight of `up` (the CLI's policy run still applies). */
    skipPreflight?: boolean;
    retry?: Omit<RetryOptions, "sleep">;
    /** Put secret output values in the result instead of "[secret]". */
    showSecrets?: boolean;
}

export interface AutomationDeps {
    workspaces: WorkspaceFactory;
    /** @default offlinePreflight */
    preflight?: Preflight;
    /** Backoff sleep; tests inject one that does not wait. */
    sleep?: (ms: number) => Promise<void>;
    /** Progress lines (the CLI prints them to stderr). */
    onProgress?: (line: ProgressLine) => void;
    /** A progress line per engine event, not only per finished step. @default false */
    verbose?: boolean;
    /** @default Date.now */
    now?: () => number;
}

export type EnvironmentStatus = "succeeded" | "failed" | "refused" | "skipped";

export interface EnvironmentResult {
    stack: string;
    operation: Operation;
    status: EnvironmentStatus;
    durationMs: number;
    /** Operation attempts (retries included); 0 when it never ran. */
    attempts: number;
    policyConfig: string;
    changes: OpMap;
    outputs?: Record<string, unknown>;
    preflight?: { summary: PlanFile["summary"]; violations: PlanViolation[] };
    progress?: ProgressSnapshot;
    error?: { kind: ErrorKind; message: string };
}

export const SECRET_MASK = "[secret]";

export function plainOutputs(outputs: OutputMap, showSecrets = false): Record<string, unknown> {
    return Object.fromEntries(
        Object.entries(outputs).map(([k, o]) => [k, o.secret && !showSecrets ? SECRET_MASK : o.value]),
    );
}

/** The typed error behind a failed result (non-enumerable, so JSON output leaves it out). */
export function causeOf(result: EnvironmentResult): unknown {
    return (result as EnvironmentResult & { cause?: unknown }).cause;
}

async function perform(
    stack: StackHandle,
    request: EnvironmentRequest,
    policyConfig: string,
    tracker: ProgressTracker,
): Promise<OperationOutcome> {
    const policy = {
        policyPacks: [policyPackDir()],
        policyPackConfigs: [policyConfig],
        onEvent: tracker.onEvent,
    };
    switch (request.operation) {
        case "preview":
            return stack.preview(policy);
        case "up":
            return stack.up(policy);
        case "refresh":
            return stack.refresh({ onEvent: tracker.onEvent });
        case "destroy":
            return stack.destroy({ onEvent: tracker.onEvent });
        case "outputs":
            return { changes: {}, outputs: await stack.outputs() };
    }
}

export async function runEnvironment(
    request: EnvironmentRequest,
    deps: AutomationDeps,
): Promise<EnvironmentResult> {
    const now = deps.now ?? Date.now;
    const start = now();
    const report = deps.onProgress ?? (() => undefined);
    const tracker = new ProgressTracker(request.stack, report, { verbose: deps.verbose });
    const note = (message: string): void => tracker.note(message);
    const policyConfig = policyConfigFor(request.stack, request.policyConfigFile);
    const result: EnvironmentResult = {
        stack: request.stack,
        operation: request.operation,
        status: "failed",
        durationMs: 0,
        attempts: 0,
        policyConfig,
        changes: {},
    };
    const remote = deps.workspaces.remote === true;
    try {
        await deps.workspaces.ensureReady();
        if (remote && request.config !== undefined) {
            throw new UsageError(
                `a typed config for ${request.stack} cannot be set on a remote stack: Pulumi Deployments reads stacks/Pulumi.${request.stack}.yaml from the repository; commit it there`,
            );
        }
        const wantsConfig = request.config !== undefined && request.operation !== "outputs";
        const validated = wantsConfig
            ? validateTypedConfig(request.config as TypedStackConfig, `typed config of ${request.stack}`)
            : undefined;
        const configMap = validated && toConfigMap(validated, request.configOptions);

        const gated = preflightGates(request.operation, remote);
        if (gated && !request.skipPreflight) {
            note(`pre-flight: offline plan with ${policyConfig}`);
            const plan = await (deps.preflight ?? offlinePreflight)({
                stack: request.stack,
                policyConfigFile: policyConfig,
                config: validated,
                onProgress: (m) => note(`pre-flight: ${m}`),
            });
            result.preflight = { summary: plan.summary, violations: plan.violations };
            if (plan.summary.mandatory > 0) {
                throw new PreflightRefusedError(request.stack, plan, request.operation);
            }
            tracker.planned = plan.summary.resources;
            note(
                `pre-flight passed: ${plan.summary.resources} resources, ${plan.summary.advisory} advisory, ` +
                    `${plan.summary.undetermined} undetermined`,
            );
        } else if (gated) {
            note(
                remote
                    ? "pre-flight skipped (--skip-preflight); only the organisation's policy group checks the deployment"
                    : "pre-flight skipped (--skip-preflight); the CLI's policy run still applies",
            );
        }

        const stack = await deps.workspaces.open(request.stack, {
            create: request.operation === "preview" || request.operation === "up",
        });
        if (configMap) {
            await stack.setConfig(configMap);
            note(`config set: ${Object.keys(configMap).length} keys`);
        }
        const { value, attempts } = await withRetry(() => perform(stack, request, policyConfig, tracker), {
            ...request.retry,
            sleep: deps.sleep,
            onRetry: ({ attempt, delayMs }) =>
                note(`stack is locked by another update (attempt ${attempt}); retrying in ${delayMs} ms`),
        });
        result.attempts = attempts;
        result.changes = value.changes;
        if (value.outputs) {
            result.outputs = plainOutputs(value.outputs, request.showSecrets);
        }
        result.status = "succeeded";
    } catch (caught) {
        // A stack missing at any step gets the message that names the stack and the backend.
        const error =
            isStackNotFoundError(caught) && !(caught instanceof StackMissingError)
                ? new StackMissingError(request.stack, deps.workspaces.backendUrl, caught)
                : caught;
        const kind = errorKind(error);
        result.status = kind === "preflight-refused" ? "refused" : "failed";
        result.attempts = (error as { attempts?: number }).attempts ?? result.attempts;
        result.error = { kind, message: describeError(error) };
        Object.defineProperty(result, "cause", { value: error, enumerable: false });
    }
    result.durationMs = now() - start;
    result.progress = tracker.snapshot();
    return result;
}

/** Options of the one-operation helpers: the request without stack and operation, plus deps. */
export type OperationOptions = Omit<EnvironmentRequest, "stack" | "operation"> & AutomationDeps;

async function runOrThrow(
    stack: string,
    operation: Operation,
    options: OperationOptions,
): Promise<EnvironmentResult> {
    const { workspaces, preflight, sleep, onProgress, now, verbose, ...request } = options;
    const result = await runEnvironment(
        { ...request, stack, operation },
        { workspaces, preflight, sleep, onProgress, now, verbose },
    );
    if (result.status !== "succeeded") {
        throw causeOf(result);
    }
    return result;
}

/** `pulumi preview` of `stack` with the policy pack; throws the typed error on failure. */
export function preview(stack: string, options: OperationOptions): Promise<EnvironmentResult> {
    return runOrThrow(stack, "preview", options);
}

/** Pre-flight, then `pulumi up`; throws PreflightRefusedError on mandatory violations. */
export function up(stack: string, options: OperationOptions): Promise<EnvironmentResult> {
    return runOrThrow(stack, "up", options);
}

export function refresh(stack: string, options: OperationOptions): Promise<EnvironmentResult> {
    return runOrThrow(stack, "refresh", options);
}

export function destroy(stack: string, options: OperationOptions): Promise<EnvironmentResult> {
    return runOrThrow(stack, "destroy", options);
}

/** The stack's outputs (secret values masked unless showSecrets). */
export async function outputs(stack: string, options: OperationOptions): Promise<Record<string, unknown>> {
    return (await runOrThrow(stack, "outputs", options)).outputs ?? {};
}
