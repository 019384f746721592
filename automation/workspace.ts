// The small surface the orchestration needs from a Pulumi stack, and its real implementation over
// the Automation API's LocalWorkspace on the root project (local program: Pulumi.yaml at the
// repository root, main stacks/, stack config in stacks/Pulumi.<env>.yaml). Ordering, retries,
// pre-flight and fleets are written against StackHandle so tests drive them with a fake.
import * as fs from "fs";
import { ConfigMap, EngineEvent, LocalWorkspace, OpMap, OutputMap, Stack } from "@pulumi/pulumi/automation";
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
}

/** LocalWorkspace on the root project with the backend of resolveBackend. */
export class LocalWorkspaceFactory implements WorkspaceFactory {
    readonly backend: BackendSettings;
    readonly root: string;
    private readonly env: NodeJS.ProcessEnv;

    constructor(options: LocalWorkspaceFactoryOptions = {}) {
        this.env = options.env ?? process.env;
        this.root = options.root ?? repoRoot();
        this.backend = resolveBackend(this.env, this.root);
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
        const wsOptions = {
            envVars: { ...this.backend.envVars, PULUMI_SKIP_UPDATE_CHECK: "true" },
            secretsProvider: this.backend.secretsProvider,
        };
        try {
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
