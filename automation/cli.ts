// `npm run env -- <operation> --stack <env> [--json] [--skip-preflight] [--policy-config <file>] [--timeout <s>]`
// `npm run fleet -- <operation> --stacks dev,staging [--concurrency 2] [--fail-fast|--continue] [--json] [--timeout <s>]`
//     [--verbose] [--remote --org <org> --repo <url> (--branch <b>|--commit <sha>) [--remote-env NAME]... [--remote-secret-env NAME]...]
// Progress goes to stderr, results (text or --json) to stdout.
// Exit codes: 0 success; 1 an operation failed or the pre-flight refused an up; 2 usage, invalid
// config or policy config, backend/passphrase setup, no or too old Pulumi CLI, or no such stack
// (an invalid name or no stacks/Pulumi.<env>.yaml). Every failure is one `error: ...` line.
import { Command } from "commander";
import { describeError, errorKind, EXIT_USAGE, exitCodeOf, UsageError } from "./errors";
import { formatChanges, formatProgress } from "./events";
import { fleetExitCode, formatFleetTable, FleetMode, runFleet, validateFleetRequest } from "./fleet";
import { AutomationDeps, EnvironmentResult, Preflight, runEnvironment } from "./operations";
import { isOperation, LocalWorkspaceFactory, Operation, OPERATIONS, WorkspaceFactory } from "./workspace";
import { RemoteApi, RemoteWorkspaceFactory } from "./remote";
import { CliIo, exitWhenWritten, processIo } from "../plan/io";
import { checkKnownStack, checkPolicyConfigForPack } from "../plan/inputs";

export type { CliIo };

/** What tests replace: the workspace factory (a fake), the remote API, the pre-flight, the backoff sleep. */
export interface CliDeps {
    env?: NodeJS.ProcessEnv;
    createFactory?: (env: NodeJS.ProcessEnv, options: { timeoutMs?: number }) => WorkspaceFactory;
    preflight?: Preflight;
    sleep?: (ms: number) => Promise<void>;
    now?: () => number;
    /** What `--remote` calls instead of RemoteWorkspace (a fake recording each stack's arguments). */
    remoteApi?: RemoteApi;
}

interface CommonFlags {
    json?: boolean;
    skipPreflight?: boolean;
    policyConfig?: string;
    showSecrets?: boolean;
    timeout?: string;
    verbose?: boolean;
    remote?: boolean;
    org?: string;
    repo?: string;
    branch?: string;
    commit?: string;
    projectPath?: string;
    remoteEnv: string[];
    remoteSecretEnv: string[];
    gitTokenEnv?: string;
    inheritSettings?: boolean;
}

/** The flags that only mean something with --remote. */
const REMOTE_ONLY: [keyof CommonFlags, string][] = [
    ["org", "--org"],
    ["repo", "--repo"],
    ["branch", "--branch"],
    ["commit", "--commit"],
    ["projectPath", "--project-path"],
    ["gitTokenEnv", "--git-token-env"],
    ["inheritSettings", "--inherit-settings"],
];

const collect = (value: string, previous: string[]): string[] => [...previous, value];

type Parsed =
    | { command: "env"; operation: string; flags: CommonFlags & { stack: string } }
    | {
          command: "fleet";
          operation: string;
          flags: CommonFlags & {
              stacks: string;
              concurrency: string;
              failFast?: boolean;
              continue?: boolean;
          };
      };

function parse(argv: string[], io: CliIo): Parsed | number {
    let parsed: Parsed | undefined;
    const output = {
        writeOut: (s: string) => io.out(s.trimEnd()),
        writeErr: (s: string) => io.err(s.trimEnd()),
        outputError: (s: string, write: (s: string) => void) =>
            write(`${s.trimEnd().replace(/\.$/, "")}: see --help for the usage`),
    };
    const common = (c: Command): Command =>
        c
            .option("--json", "print the result as JSON on stdout")
            .option(
                "--skip-preflight",
                "up without the offline pre-flight (the CLI's policy run still applies)",
            )
            .option(
                "--policy-config <file>",
                "policy config instead of the environment's (prod: strict, others: lenient)",
            )
            .option("--show-secrets", "print secret stack outputs in clear")
            .option(
                "--timeout <seconds>",
                "stop any one `pulumi` command that runs longer than this (default 3600)",
            )
            .option("--verbose", "a progress line per engine event, not only per finished step")
            .option(
                "--remote",
                "run each stack as a Pulumi Deployment from a Git source (needs PULUMI_ACCESS_TOKEN)",
            )
            .option("--org <name>", "with --remote: the Pulumi Cloud organisation of the stacks")
            .option("--repo <url>", "with --remote: the Git repository Deployments clones")
            .option("--branch <name>", "with --remote: the branch to deploy")
            .option("--commit <sha>", "with --remote: the commit to deploy (instead of --branch)")
            .option("--project-path <dir>", "with --remote: the folder of Pulumi.yaml in the repository")
            .option(
                "--remote-env <NAME>",
                "with --remote: pass this variable of the environment to each deployment (repeatable)",
                collect,
                [],
            )
            .option(
                "--remote-secret-env <NAME>",
                "with --remote: pass this variable as a secret (repeatable)",
                collect,
                [],
            )
            .option("--git-token-env <NAME>", "with --remote: the variable holding a Git access token")
            .option(
                "--inherit-settings",
                "with --remote: start from the stack's deployment settings in Pulumi Cloud (e.g. its OIDC to AWS)",
            )
            .exitOverride()
            .configureOutput(output);
    const program = new Command("automation")
        .description(
            "Drive the platform stacks through the Pulumi Automation API with the policy pack attached.",
        )
        .exitOverride()
        .configureOutput(output);
    program.addCommand(
        common(
            new Command("env")
                .description("run one operation on one environment")
                .argument("<operation>", OPERATIONS.join("|"))
                .requiredOption("-s, --stack <env>", "the environment (stacks/Pulumi.<env>.yaml)"),
        ).action((operation: string, flags: CommonFlags & { stack: string }) => {
            parsed = { command: "env", operation, flags };
        }),
    );
    program.addCommand(
        common(
            new Command("fleet")
                .description("run one operation on many environments")
                .argument("<operation>", OPERATIONS.join("|"))
                .requiredOption("--stacks <list>", "comma-separated environments, run in this order")
                .option("--concurrency <n>", "environments at a time", "1")
                .option("--fail-fast", "after a failure start nothing new; the rest are skipped (default)")
                .option("--continue", "run every environment whatever fails"),
        ).action((operation: string, flags: FleetFlags) => {
            parsed = { command: "fleet", operation, flags };
        }),
    );
    try {
        program.parse(argv, { from: "user" });
    } catch (error) {
        const code = (error as { exitCode?: number }).exitCode;
        return code === 0 ? 0 : EXIT_USAGE;
    }
    if (!parsed) {
        io.err(program.helpInformation().trimEnd());
        return EXIT_USAGE;
    }
    return parsed;
}

function printEnvResult(result: EnvironmentResult, io: CliIo): void {
    const seconds = (result.durationMs / 1000).toFixed(1);
    io.out(`${result.operation} ${result.stack}: ${result.status} in ${seconds}s`);
    io.out(`  policy config: ${result.policyConfig}`);
    if (result.preflight) {
        const s = result.preflight.summary;
        io.out(
            `  pre-flight: ${s.resources} resources, ${s.mandatory} mandatory, ${s.advisory} advisory, ${s.undetermined} undetermined`,
        );
    }
    if (result.attempts > 0) {
        io.out(`  changes: ${formatChanges(result.changes)} (attempts: ${result.attempts})`);
    }
    if (result.outputs) {
        io.out(`  outputs: ${JSON.stringify(result.outputs, null, 2).replace(/\n/g, "\n  ")}`);
    }
}

type FleetFlags = Extract<Parsed, { command: "fleet" }>["flags"];

function fleetArgs(f: FleetFlags): { stacks: string[]; concurrency: number; mode: FleetMode } {
    if (f.failFast && f.continue) {
        throw new UsageError("--fail-fast and --continue exclude each other");
    }
    if (!/^\d+$/.test(f.concurrency)) {
        throw new UsageError(`--concurrency takes a whole number; got "${f.concurrency}"`);
    }
    const stacks = f.stacks
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
    return { stacks, concurrency: Number(f.concurrency), mode: f.continue ? "continue" : "fail-fast" };
}

/**
 * The environments named on the command line, each checked by one rule for `env --stack` and
 * `fleet --stacks`: a valid Pulumi stack name with a `stacks/Pulumi.<name>.yaml` (the CLI has no
 * other config to give a stack). Throws InputError (exit 2) before anything starts.
 */
function checkStacks(stacks: string[], flag: string): void {
    for (const stack of stacks) {
        checkKnownStack(stack, flag);
    }
}

export async function main(argv: string[], io: CliIo = processIo, deps: CliDeps = {}): Promise<number> {
    const parsed = parse(argv, io);
    if (typeof parsed === "number") {
        return parsed;
    }
    const json = parsed.flags.json === true;
    const fail = (error: unknown): number => {
        const kind = errorKind(error);
        io.err(`error: ${describeError(error)}`);
        if (json) {
            io.out(JSON.stringify({ version: 1, error: { kind, message: describeError(error) } }, null, 2));
        }
        return exitCodeOf(kind);
    };
    try {
        if (!isOperation(parsed.operation)) {
            throw new UsageError(
                `unknown operation "${parsed.operation}": use one of ${OPERATIONS.join(", ")}`,
            );
        }
        const operation: Operation = parsed.operation;
        // Usage first: a bad request is reported as such even on a machine without a backend.
        if (parsed.command === "fleet") {
            const fleet = fleetArgs(parsed.flags);
            checkStacks(fleet.stacks, "--stacks");
            validateFleetRequest({ operation, ...fleet });
        } else {
            checkStacks([parsed.flags.stack], "--stack");
        }
        if (parsed.flags.policyConfig !== undefined) {
            checkPolicyConfigForPack(parsed.flags.policyConfig, "--policy-config");
        }
        const timeout = parsed.flags.timeout;
        if (timeout !== undefined && (!/^\d+(\.\d+)?$/.test(timeout) || !(Number(timeout) > 0))) {
            throw new UsageError(`--timeout takes a number of seconds above 0; got "${timeout}"`);
        }
        const timeoutMs = timeout === undefined ? undefined : Number(timeout) * 1000;
        const env = deps.env ?? process.env;
        const flags = parsed.flags;
        let workspaces: WorkspaceFactory;
        if (flags.remote) {
            if (timeout !== undefined) {
                throw new UsageError(
                    "--timeout does not apply to --remote: a deployment runs under Pulumi Deployments' own time limit",
                );
            }
            workspaces = new RemoteWorkspaceFactory({
                organization: flags.org ?? "",
                source: {
                    url: flags.repo ?? "",
                    branch: flags.branch,
                    commit: flags.commit,
                    projectPath: flags.projectPath,
                },
                env,
                envVars: flags.remoteEnv,
                secretEnvVars: flags.remoteSecretEnv,
                gitTokenEnv: flags.gitTokenEnv,
                inheritSettings: flags.inheritSettings,
                api: deps.remoteApi,
            });
        } else {
            const given = REMOTE_ONLY.filter(([key]) => flags[key] !== undefined).map(([, flag]) => flag);
            if (flags.remoteEnv.length > 0) {
                given.push("--remote-env");
            }
            if (flags.remoteSecretEnv.length > 0) {
                given.push("--remote-secret-env");
            }
            if (given.length > 0) {
                throw new UsageError(
                    `${given.join(", ")} only apply with --remote: add --remote or drop them`,
                );
            }
            const createFactory =
                deps.createFactory ?? ((e, o) => new LocalWorkspaceFactory({ env: e, ...o }));
            workspaces = createFactory(env, { timeoutMs });
        }
        io.err(`• backend ${workspaces.backendUrl}`);
        const automation: AutomationDeps = {
            workspaces,
            preflight: deps.preflight,
            sleep: deps.sleep,
            now: deps.now,
            verbose: flags.verbose,
            onProgress: (line) => io.err(formatProgress(line)),
        };
        const common = {
            operation,
            policyConfigFile: parsed.flags.policyConfig,
            skipPreflight: parsed.flags.skipPreflight,
            showSecrets: parsed.flags.showSecrets,
        };

        if (parsed.command === "env") {
            const result = await runEnvironment({ ...common, stack: parsed.flags.stack }, automation);
            if (result.error) {
                io.err(`error: ${result.error.message}`);
            }
            if (json) {
                io.out(JSON.stringify({ version: 1, ...result }, null, 2));
            } else {
                printEnvResult(result, io);
            }
            return result.status === "succeeded" ? 0 : exitCodeOf(result.error?.kind ?? "operation");
        }

        const result = await runFleet({ ...common, ...fleetArgs(parsed.flags) }, automation);
        for (const r of result.results.filter((x) => x.error)) {
            io.err(`error: ${r.stack}: ${r.error?.message}`);
        }
        io.out(json ? JSON.stringify(result, null, 2) : formatFleetTable(result));
        return fleetExitCode(result);
    } catch (error) {
        return fail(error);
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => exitWhenWritten(code),
        (error) => {
            process.stderr.write(`error: ${(error as Error)?.message ?? String(error)}\n`);
            exitWhenWritten(EXIT_USAGE);
        },
    );
}
