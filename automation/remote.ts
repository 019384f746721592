// Stacks run as Pulumi Deployments instead of on this machine: the Automation API's
// RemoteWorkspace (`pulumi preview|up|refresh|destroy --remote`) asks Pulumi Cloud to clone the
// repository at a branch or commit, run the pre-run commands and the operation on its own runners.
// A fleet then scales with Deployments' concurrency, not this machine's CPUs.
//
// What a remote run cannot do, and how the orchestration makes up for it:
// - attach a local policy pack (RemotePreviewOptions/RemoteUpOptions have no `policyPacks`): the
//   organisation's policy group enforces the published pack, and the offline pre-flight runs here
//   first, for preview and up, so no deployment starts for a stack with mandatory violations;
// - set typed config (RemoteStack has no config methods): a deployment reads the repository's
//   `stacks/Pulumi.<env>.yaml` at that branch or commit.
//
// Credentials come from this process's environment, by name, and go to the deployment in memory
// only: never to disk, never into a message (a failure's text is scrubbed of every secret value).
import {
    EngineEvent,
    OutputMap,
    RemoteGitProgramArgs,
    RemoteWorkspace,
    RemoteWorkspaceOptions,
} from "@pulumi/pulumi/automation";
import { findOnPath } from "./backend";
import {
    BackendConfigError,
    PulumiCliMissingError,
    StackMissingError,
    UsageError,
    isStackNotFoundError,
} from "./errors";
import {
    EventOptions,
    OpenOptions,
    OperationOutcome,
    PolicyRunOptions,
    StackHandle,
    WorkspaceFactory,
} from "./workspace";
import type { ConfigMap } from "@pulumi/pulumi/automation";

/** Where Deployments gets the program: a Git repository at a branch or a commit. */
export interface RemoteSource {
    /** The repository Deployments clones, e.g. `https://github.com/acme/platform.git`. */
    url: string;
    /** The branch to deploy (`main`); exactly one of branch and commit. */
    branch?: string;
    /** The commit to deploy; pins what the local pre-flight checked. */
    commit?: string;
    /** The folder holding Pulumi.yaml, relative to the repository root. @default the root */
    projectPath?: string;
}

/** The part of the Automation API the factory calls: RemoteWorkspace itself, or a test's fake. */
export interface RemoteApi {
    createOrSelectStack(args: RemoteGitProgramArgs, opts: RemoteWorkspaceOptions): Promise<RemoteStackLike>;
    selectStack(args: RemoteGitProgramArgs, opts: RemoteWorkspaceOptions): Promise<RemoteStackLike>;
}

/** What the handle uses of a RemoteStack (@pulumi/pulumi automation/remoteStack.d.ts). */
export interface RemoteStackLike {
    readonly name: string;
    preview(opts: {
        onEvent?: (event: EngineEvent) => void;
    }): Promise<{ changeSummary: OperationOutcome["changes"] }>;
    up(opts: {
        onEvent?: (event: EngineEvent) => void;
    }): Promise<{ summary: { resourceChanges?: OperationOutcome["changes"] }; outputs: OutputMap }>;
    refresh(opts: {
        onEvent?: (event: EngineEvent) => void;
    }): Promise<{ summary: { resourceChanges?: OperationOutcome["changes"] } }>;
    destroy(opts: {
        onEvent?: (event: EngineEvent) => void;
    }): Promise<{ summary: { resourceChanges?: OperationOutcome["changes"] } }>;
    outputs(): Promise<OutputMap>;
}

export interface RemoteWorkspaceFactoryOptions {
    /** The Pulumi Cloud organisation the stacks belong to (`<org>/<project>/<stack>`). */
    organization: string;
    /** @default "platform" (Pulumi.yaml's `name`) */
    project?: string;
    source: RemoteSource;
    /** Where variable values, PULUMI_ACCESS_TOKEN and PATH are read. @default process.env */
    env?: NodeJS.ProcessEnv;
    /** Variables passed to every deployment in clear, by name (`AWS_REGION`). */
    envVars?: string[];
    /**
     * Variables passed as secrets, by name (`AWS_SECRET_ACCESS_KEY`): Pulumi Cloud stores them
     * encrypted and masks them in its logs. Prefer OIDC (`inheritSettings`), which needs none.
     */
    secretEnvVars?: string[];
    /** The variable holding a Git access token, for a private repository the Pulumi GitHub app cannot read. */
    gitTokenEnv?: string;
    /**
     * Start from the stack's deployment settings in Pulumi Cloud (its OIDC trust to AWS, its own
     * variables), ours applied over them. @default false
     */
    inheritSettings?: boolean;
    /** Run before the operation in the deployment. @default ["npm ci"] */
    preRunCommands?: string[];
    /** @default RemoteWorkspace */
    api?: RemoteApi;
}

/** Before the operation: install exactly the lockfile (the default step would run `npm install`). */
export const DEFAULT_PRE_RUN_COMMANDS: readonly string[] = ["npm ci"];

/** Environment variable names as a shell and Deployments take them. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Pulumi Cloud organisation names: letters, digits, `-`, `_`, `.` (as the Cloud console allows). */
const ORG_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Every problem of a remote setup at once, each naming the option and the fix; [] when usable. */
export function remoteSetupProblems(
    options: RemoteWorkspaceFactoryOptions,
    env: NodeJS.ProcessEnv,
): string[] {
    const problems: string[] = [];
    if (!ORG_NAME.test(options.organization)) {
        problems.push(
            `organization (--org) "${options.organization}" is not an organisation name: give the Pulumi Cloud organisation the stacks belong to`,
        );
    }
    const { url, branch, commit } = options.source;
    if (url.trim() === "") {
        problems.push(
            "source.url (--repo) is empty: give the Git URL Deployments clones, e.g. https://github.com/acme/platform.git",
        );
    }
    if (branch && commit) {
        problems.push("source.branch (--branch) and source.commit (--commit) exclude each other: give one");
    } else if (!branch && !commit) {
        problems.push(
            "neither source.branch (--branch) nor source.commit (--commit) is given: name what Deployments checks out",
        );
    }
    if (!env.PULUMI_ACCESS_TOKEN) {
        problems.push(
            "PULUMI_ACCESS_TOKEN is not set: Pulumi Deployments runs in Pulumi Cloud; create a token for the organisation and export it",
        );
    }
    const backend = env.PULUMI_BACKEND_URL?.trim();
    if (backend && !/^https?:\/\//.test(backend)) {
        problems.push(
            `PULUMI_BACKEND_URL is ${backend}: Deployments needs the stacks in Pulumi Cloud; unset it or set https://api.pulumi.com`,
        );
    }
    const clear = options.envVars ?? [];
    const secret = options.secretEnvVars ?? [];
    for (const [flag, names] of [
        ["--remote-env", clear],
        ["--remote-secret-env", secret],
    ] as const) {
        for (const name of names) {
            if (!ENV_NAME.test(name)) {
                problems.push(`${flag} ${name}: not an environment variable name (letters, digits, _)`);
            } else if (env[name] === undefined || env[name] === "") {
                problems.push(
                    `${flag} ${name}: ${name} is not set in this environment; export it or drop the flag`,
                );
            }
        }
    }
    for (const name of clear.filter((n) => secret.includes(n))) {
        problems.push(`${name} is given as --remote-env and --remote-secret-env: pass it once, as a secret`);
    }
    if (options.gitTokenEnv !== undefined && !env[options.gitTokenEnv]) {
        problems.push(
            `--git-token-env ${options.gitTokenEnv}: ${options.gitTokenEnv} is not set in this environment; export the token or drop the flag`,
        );
    }
    return problems;
}

/** Replaces every secret value in `text` with `[secret]`. */
export function redact(text: string, secrets: readonly string[]): string {
    let out = text;
    for (const secret of secrets) {
        out = out.split(secret).join("[secret]");
    }
    return out;
}

/** The error with every secret value scrubbed from its message and its CLI output. */
function redacted(error: unknown, secrets: readonly string[]): unknown {
    if (secrets.length === 0 || !(error instanceof Error)) {
        return error;
    }
    error.message = redact(error.message, secrets);
    const result = (error as { commandResult?: { stdout?: unknown; stderr?: unknown } }).commandResult;
    for (const key of ["stdout", "stderr"] as const) {
        const value = result?.[key];
        if (result && typeof value === "string") {
            result[key] = redact(value, secrets);
        }
    }
    return error;
}

/** A StackHandle over a RemoteStack: the operations run in Pulumi Deployments. */
export class RemoteStackHandle implements StackHandle {
    constructor(
        readonly name: string,
        private readonly stack: RemoteStackLike,
        private readonly secrets: readonly string[],
    ) {}

    /** The policy packs are not sent: a deployment is checked by the organisation's policy group. */
    async preview(options: PolicyRunOptions): Promise<OperationOutcome> {
        const result = await this.guard(() => this.stack.preview({ onEvent: this.events(options) }));
        return { changes: result.changeSummary };
    }

    async up(options: PolicyRunOptions): Promise<OperationOutcome> {
        const result = await this.guard(() => this.stack.up({ onEvent: this.events(options) }));
        return { changes: result.summary.resourceChanges ?? {}, outputs: result.outputs };
    }

    async refresh(options: EventOptions): Promise<OperationOutcome> {
        const result = await this.guard(() => this.stack.refresh({ onEvent: this.events(options) }));
        return { changes: result.summary.resourceChanges ?? {} };
    }

    async destroy(options: EventOptions): Promise<OperationOutcome> {
        const result = await this.guard(() => this.stack.destroy({ onEvent: this.events(options) }));
        return { changes: result.summary.resourceChanges ?? {} };
    }

    outputs(): Promise<OutputMap> {
        return this.guard(() => this.stack.outputs());
    }

    async setConfig(_values: ConfigMap): Promise<void> {
        throw new UsageError(
            `stack "${this.name}" runs in Pulumi Deployments, which reads stacks/Pulumi.${this.name}.yaml from the repository: commit the config there`,
        );
    }

    private async guard<T>(run: () => Promise<T>): Promise<T> {
        try {
            return await run();
        } catch (error) {
            throw redacted(error, this.secrets);
        }
    }

    /** The caller's onEvent, with secret values scrubbed from diagnostics. */
    private events(options: EventOptions): ((event: EngineEvent) => void) | undefined {
        const onEvent = options.onEvent;
        if (!onEvent || this.secrets.length === 0) {
            return onEvent;
        }
        return (event) => {
            const d = event.diagnosticEvent;
            onEvent(
                d ? { ...event, diagnosticEvent: { ...d, message: redact(d.message, this.secrets) } } : event,
            );
        };
    }
}

/** Stacks in Pulumi Deployments, from a Git source, with variables from this environment. */
export class RemoteWorkspaceFactory implements WorkspaceFactory {
    readonly remote = true;
    readonly organization: string;
    readonly project: string;
    private readonly env: NodeJS.ProcessEnv;
    private readonly api: RemoteApi;

    constructor(private readonly options: RemoteWorkspaceFactoryOptions) {
        this.env = options.env ?? process.env;
        this.organization = options.organization;
        this.project = options.project ?? "platform";
        this.api = options.api ?? RemoteWorkspace;
    }

    /** For messages: the repository without any user or token written into its URL. */
    get backendUrl(): string {
        const s = this.options.source;
        const url = s.url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1");
        return `Pulumi Deployments (${this.organization}/${this.project}, ${url} ${s.commit ? `commit ${s.commit}` : `branch ${s.branch}`})`;
    }

    async ensureReady(): Promise<void> {
        const problems = remoteSetupProblems(this.options, this.env);
        if (problems.length > 0) {
            throw new BackendConfigError(
                `remote run not possible:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
            );
        }
        // The local CLI starts each deployment and streams its events.
        if (!findOnPath("pulumi", this.env)) {
            throw new PulumiCliMissingError("no `pulumi` executable on PATH; it starts each deployment");
        }
    }

    /**
     * The values that must never be printed: secret variables, the Git token, the Pulumi token,
     * credentials written into the repository URL. Values under 4 characters are left alone:
     * scrubbing them would garble every message without protecting anything.
     */
    private secretValues(): string[] {
        const names = [
            ...(this.options.secretEnvVars ?? []),
            ...(this.options.gitTokenEnv ? [this.options.gitTokenEnv] : []),
            "PULUMI_ACCESS_TOKEN",
        ];
        const inUrl = /^[a-z][a-z0-9+.-]*:\/\/([^/@]*)@/i.exec(this.options.source.url)?.[1];
        const values = [...names.map((n) => this.env[n] ?? ""), ...(inUrl ? inUrl.split(":") : [])];
        return values.filter((v) => v.length >= 4);
    }

    /** The exact arguments RemoteWorkspace gets for `stack`. */
    remoteArgs(stack: string): { args: RemoteGitProgramArgs; opts: RemoteWorkspaceOptions } {
        const s = this.options.source;
        const args: RemoteGitProgramArgs = {
            stackName: `${this.organization}/${this.project}/${stack}`,
            url: s.url,
            ...(s.branch ? { branch: s.branch } : {}),
            ...(s.commit ? { commitHash: s.commit } : {}),
            ...(s.projectPath ? { projectPath: s.projectPath } : {}),
            ...(this.options.gitTokenEnv
                ? { auth: { personalAccessToken: this.env[this.options.gitTokenEnv] ?? "" } }
                : {}),
        };
        const envVars: NonNullable<RemoteWorkspaceOptions["envVars"]> = {};
        for (const name of this.options.envVars ?? []) {
            envVars[name] = this.env[name] ?? "";
        }
        for (const name of this.options.secretEnvVars ?? []) {
            envVars[name] = { secret: this.env[name] ?? "" };
        }
        const opts: RemoteWorkspaceOptions = {
            envVars,
            preRunCommands: [...(this.options.preRunCommands ?? DEFAULT_PRE_RUN_COMMANDS)],
            skipInstallDependencies: true,
            ...(this.options.inheritSettings ? { inheritSettings: true } : {}),
        };
        return { args, opts };
    }

    async open(stack: string, options: OpenOptions): Promise<StackHandle> {
        const { args, opts } = this.remoteArgs(stack);
        const secrets = this.secretValues();
        try {
            const remote = options.create
                ? await this.api.createOrSelectStack(args, opts)
                : await this.api.selectStack(args, opts);
            return new RemoteStackHandle(stack, remote, secrets);
        } catch (error) {
            if (isStackNotFoundError(error)) {
                throw new StackMissingError(stack, this.backendUrl, error);
            }
            throw redacted(error, secrets);
        }
    }
}
