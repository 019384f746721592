// `npm start` / `npm run plan -- --stack <name> [--json <file>] [--policy-config <file>] [--report <dir>]
//     [--preview] [--stall-timeout <seconds>]`
// Exit codes: 0 clean or advisory only; 1 mandatory violations; 2 a bad command line (unknown
// stack, missing or unreadable file, unknown flag), invalid config, program error, or a policy
// pack that failed to start or threw. Every failure is `error: ...` naming what and the fix.
import * as fs from "fs";
import * as path from "path";
import { Command } from "commander";
import { ConfigError } from "../stacks/config";
import { AnalyzerStartError, PolicyConfigError, PolicyErrors } from "./analyzer/session";
import { ExistingClusterError, NameRuleError } from "./cloud";
import { ConflictError } from "./uniqueness";
import { PlanFile } from "./model";
import { AccountNotAllowedError, planStack } from "./plan";
import { formatPlan } from "./print";
import { isProgramFailure, StallError } from "./recorder";
import { writeIdentityMap } from "./report";
import { CliIo, exitWhenWritten, processIo } from "./io";
import {
    checkInputDir,
    checkInputFile,
    checkKnownStack,
    checkOutputDir,
    checkOutputFile,
    checkPolicyConfigForPack,
    checkStackName,
    InputError,
    readPolicyConfigFile,
} from "./inputs";

export type { CliIo };

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
    const program = new Command("plan")
        .description(
            "Offline plan of a stack: the program on Pulumi's mock monitor, the policy pack over the Analyzer protocol.",
        )
        .option("-s, --stack <name>", "stack to plan (stacks/Pulumi.<name>.yaml)", "dev")
        .option("--config <file>", "stack config file instead of stacks/Pulumi.<stack>.yaml")
        .option("--json <file>", "write the plan (resources and violations) as JSON")
        .option(
            "--policy-config <file>",
            "policy pack config, as `pulumi preview --policy-pack-config` takes",
        )
        .option("--report <dir>", "write identity-map.md and identity-map.html into this folder")
        .option("--policy-pack <dir>", "compiled policy pack to run instead of bin/policy-pack")
        .option("--quiet", "print only the violations and the summary")
        .option(
            "--preview",
            "plan as the stack's first `pulumi preview`: computed values (ARNs, ids, the OIDC issuer) unknown; what the pack cannot check is reported as deferred to `pulumi up`",
        )
        .option(
            "--credentials-account <id>",
            "the account the simulated credentials belong to (default: the stack's); another is refused, as the AWS provider refuses it",
        )
        .option(
            "--existing-clusters <file>",
            "for a stack on an existing cluster: the clusters it may name, a JSON list of `aws eks describe-cluster` outputs (default: plan/fixtures/existing-clusters.json)",
        )
        .option(
            "--stall-timeout <seconds>",
            "end the plan when the program makes no progress for this long, naming what it waits for",
            "60",
        )
        .exitOverride()
        .configureOutput({
            writeOut: (s) => io.out(s.trimEnd()),
            writeErr: (s) => io.err(s.trimEnd()),
            outputError: (s, write) => write(`${s.trimEnd().replace(/\.$/, "")}: see --help for the options`),
        });
    try {
        program.parse(argv, { from: "user" });
    } catch (error) {
        const code = (error as { exitCode?: number }).exitCode;
        return code === 0 ? 0 : 2;
    }
    const opts = program.opts<PlanCliOptions>();
    const stallSeconds = Number(opts.stallTimeout);
    if (!/^\d+(\.\d+)?$/.test(opts.stallTimeout) || !(stallSeconds > 0)) {
        io.err(`error: --stall-timeout takes a number of seconds above 0; got "${opts.stallTimeout}"`);
        return 2;
    }

    let plan: PlanFile;
    try {
        checkInputs(opts);
        plan = await planStack({
            stack: opts.stack,
            configFile: opts.config,
            policyConfigFile: opts.policyConfig,
            packDir: opts.policyPack,
            credentialsAccount: opts.credentialsAccount,
            existingClustersFile: opts.existingClusters,
            preview: opts.preview,
            stallTimeoutMs: stallSeconds * 1000,
            onProgress: (m) => io.err(`• ${m}`),
        });
    } catch (error) {
        if (error instanceof ConfigError) {
            io.err(`error: invalid stack config ${error.file}:`);
            for (const p of error.problems) {
                io.err(`  - ${p.propertyPath}: ${p.reason}`);
            }
        } else if (error instanceof PolicyErrors) {
            io.err("error: the policy pack failed; no result can be trusted:");
            for (const e of error.errors) {
                io.err(`  - policy ${e.policyName ?? "(unknown)"}: ${e.message}`);
            }
        } else if (error instanceof NameRuleError) {
            io.err(
                `error: a physical name the cloud would refuse, so nothing can be deployed: ${error.message}`,
            );
        } else if (error instanceof ConflictError) {
            io.err(
                `error: two resources claim what the cloud holds once, so the second cannot be deployed: ${error.message}`,
            );
        } else if (error instanceof AccountNotAllowedError || error instanceof ExistingClusterError) {
            io.err(`error: ${error.message}`);
        } else if (error instanceof AnalyzerStartError) {
            io.err(`error: the policy pack failed to start, so nothing was checked: ${error.message}`);
        } else if (error instanceof StallError || isProgramFailure(error)) {
            io.err(`error: the program failed, so nothing was planned: ${error.message}`);
        } else if (error instanceof PolicyConfigError) {
            io.err(`error: --policy-config ${opts.policyConfig}: ${error.message}`);
        } else if (error instanceof InputError) {
            io.err(`error: ${error.message}`);
        } else {
            // The program threw: its message says what; a stack trace is for the program's authors.
            io.err(
                `error: the program failed, so nothing was planned: ${(error as Error)?.message ?? String(error)}`,
            );
        }
        return 2;
    }

    const text = formatPlan(plan);
    io.out(opts.quiet ? text.slice(text.indexOf("Policies (")) : text);
    if (opts.json) {
        fs.mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
        fs.writeFileSync(opts.json, `${JSON.stringify(plan, null, 2)}\n`);
        io.err(`• plan written to ${opts.json}`);
    }
    if (opts.report) {
        const files = await writeIdentityMap(plan, opts.report);
        io.err(`• identity map written to ${files.join(", ")}`);
    }
    return plan.summary.mandatory > 0 ? 1 : 0;
}

/** The command line, as commander parses it. */
interface PlanCliOptions {
    stack: string;
    config?: string;
    json?: string;
    policyConfig?: string;
    policyPack?: string;
    report?: string;
    quiet?: boolean;
    credentialsAccount?: string;
    existingClusters?: string;
    preview?: boolean;
    stallTimeout: string;
}

/** Every flag checked before the program runs: a bad one fails in milliseconds, not after the plan. */
function checkInputs(opts: PlanCliOptions): void {
    if (opts.config) {
        checkStackName(opts.stack, "--stack");
        checkInputFile(opts.config, "--config", "give a stack config file such as stacks/Pulumi.dev.yaml");
    } else {
        checkKnownStack(opts.stack, "--stack");
    }
    if (opts.policyConfig && opts.policyPack) {
        // Another pack: its policies are known once it starts, and it checks the names then.
        readPolicyConfigFile(opts.policyConfig, "--policy-config");
    } else if (opts.policyConfig) {
        checkPolicyConfigForPack(opts.policyConfig, "--policy-config");
    }
    if (opts.policyPack) {
        checkInputDir(
            opts.policyPack,
            "--policy-pack",
            "give the folder of a compiled policy pack, such as bin/policy-pack",
        );
    }
    if (opts.existingClusters) {
        checkInputFile(
            opts.existingClusters,
            "--existing-clusters",
            "give a JSON list of `aws eks describe-cluster` outputs, such as plan/fixtures/existing-clusters.json",
        );
    }
    if (opts.json) {
        checkOutputFile(opts.json, "--json");
    }
    if (opts.report) {
        checkOutputDir(opts.report, "--report");
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => exitWhenWritten(code),
        (error) => {
            process.stderr.write(`error: ${(error as Error)?.message ?? String(error)}\n`);
            exitWhenWritten(2);
        },
    );
}
