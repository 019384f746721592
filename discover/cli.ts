// npm run discover -- <folder> [--json] [--out <file>] [--stack <env> [--cluster <name>]]
//                        [--sbom <namespace>/<serviceAccount>=<file>]...
// Exit 0: no mandatory finding; 1: at least one; 2: bad input (every problem named, nothing else).
import * as fs from "fs";
import * as path from "path";
import { Command, CommanderError } from "commander";
import { runAsCommand } from "../plan/io";
import { discover } from "./inventory";
import { DiscoverInputError, readAccount } from "./read";
import { withSdkEvidence } from "./sdk";
import { stackConfig, writeStackConfig } from "./stack";
import { toJson, toMarkdown } from "./report";

export async function main(
    argv: string[],
    out: (s: string) => void,
    err: (s: string) => void,
): Promise<number> {
    const program = new Command("discover")
        .argument("<folder>", "folder of AWS CLI v2 and kubectl JSON outputs, one file per command")
        .option("--json", "print the inventory as JSON instead of Markdown")
        .option("--out <file>", "write the output to this file instead of stdout")
        .option(
            "--stack <env>",
            "also write Pulumi.<env>.yaml, a stack config for the existing cluster, into --out's folder (else the current folder)",
        )
        .option("--cluster <name>", "the cluster --stack writes the config for, when the folder has several")
        .option(
            "--sbom <workload=file>",
            "a workload's SBOM or lockfile, as <namespace>/<serviceAccount>=<file>: the report shows whether its AWS SDK reaches Pod Identity (repeatable)",
            (value: string, previous: string[]) => [...previous, value],
            [] as string[],
        )
        .exitOverride()
        .configureOutput({ writeOut: out, writeErr: err });
    try {
        program.parse(argv, { from: "user" });
    } catch (e) {
        if (e instanceof CommanderError) {
            return e.exitCode === 0 ? 0 : 2;
        }
        throw e;
    }
    const options = program.opts<{
        json?: boolean;
        out?: string;
        stack?: string;
        cluster?: string;
        sbom: string[];
    }>();
    if (options.cluster !== undefined && options.stack === undefined) {
        err("--cluster: only with --stack <env>, which writes the stack config for that cluster\n");
        return 2;
    }
    let text: string;
    let mandatory: boolean;
    try {
        const account = readAccount(program.args[0]);
        const d = await discover(account);
        d.workloads = withSdkEvidence(d.workloads, options.sbom);
        text = options.json ? toJson(d) : toMarkdown(d);
        mandatory = d.findings.some((f) => f.level === "mandatory");
        if (options.stack !== undefined) {
            const folder = options.out ? path.dirname(options.out) : process.cwd();
            const config = stackConfig(account, d, options.cluster, folder);
            const file = writeStackConfig(folder, options.stack, config);
            const modes = config.workloads.map((w) => `${w.name} ${w.mode}`).join(", ");
            err(
                `wrote ${file}: ${config.workloads.length} workload(s) on cluster ${config.cluster} (${modes}), ${config.skipped.length} identity(ies) not written\n`,
            );
        }
    } catch (e) {
        if (e instanceof DiscoverInputError) {
            err(e.message + "\n");
            return 2;
        }
        throw e;
    }
    if (options.out) {
        fs.mkdirSync(path.dirname(options.out), { recursive: true });
        fs.writeFileSync(options.out, text + "\n");
    } else {
        out(text + "\n");
    }
    return mandatory ? 1 : 0;
}

if (require.main === module) {
    void runAsCommand("discover", main, 2);
}
