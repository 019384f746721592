#!/usr/bin/env node
// `node bin/policy-pack/lib/cli.js <resources.json> [--policy-config <file>] [--json]`: runs the
// pack on exported resources. Exit codes: 0 no mandatory violation, 1 mandatory violations,
// 2 bad input (unreadable file, malformed JSON, resources or config of the wrong shape) or a
// policy that failed. Every failure is one `error: ...` block naming the input and the fix.
import { Command, CommanderError } from "commander";
import {
    EvaluateInputError,
    PolicyConfigEntry,
    Violation,
    evaluate,
    hasMandatory,
    validateResources,
} from "./evaluate";
import { InputFileError, readJsonFile } from "./inputFile";

export const EXIT_OK = 0;
export const EXIT_MANDATORY = 1;
export const EXIT_BAD_INPUT = 2;

function formatText(violations: Violation[]): string {
    const lines = violations.map((v) => {
        const [, ...detail] = v.message.split("\n");
        return `[${v.enforcementLevel}] ${v.policyName}${v.urn ? `  ${v.urn}` : ""}\n    ${detail.join("\n    ") || v.message}`;
    });
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    lines.push(
        `${violations.length} violation(s): ${mandatory} mandatory, ${violations.length - mandatory} advisory`,
    );
    return lines.join("\n");
}

function readInputs(file: string, policyConfig: string | undefined) {
    const resources = validateResources(
        readJsonFile(file, "resources file", "give a JSON file of resources (npm run plan -- --json <file>)"),
    );
    if (resources.length === 0) {
        throw new EvaluateInputError(
            `resources file ${file} holds no resources, so nothing would be checked: give the resources of a stack`,
        );
    }
    const config =
        policyConfig === undefined
            ? undefined
            : readJsonFile(
                  policyConfig,
                  "policy config",
                  "give a JSON file such as policy-pack/config/lenient.json",
              );
    if (config !== undefined && (typeof config !== "object" || config === null || Array.isArray(config))) {
        throw new EvaluateInputError(
            `policy config ${policyConfig} must be a JSON object of policy name to level or { enforcementLevel, ...properties }`,
        );
    }
    return { resources, config: config as Record<string, PolicyConfigEntry> | undefined };
}

/** Runs the CLI on `argv` (without node and script); resolves to the exit code, never rejects. */
export async function main(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
    const program = new Command()
        .name("eks-identity-policies")
        .description("Run the eks-identity CrossGuard policies on a JSON file of resources.")
        .argument(
            "<file>",
            "JSON: an array of { urn, type, name, props, parent?, dependencies?, propertyDependencies? } or { resources: [...] }",
        )
        .option(
            "--policy-config <file>",
            "policy config JSON (policy name to level or { enforcementLevel, ...properties })",
        )
        .option("--json", "print violations as a JSON array")
        .exitOverride()
        .configureOutput({
            writeOut: (s) => out.write(s),
            writeErr: (s) => err.write(s),
            outputError: (s, write) => write(`${s.trimEnd().replace(/\.$/, "")}: see --help for the usage\n`),
        });
    try {
        program.parse(argv, { from: "user" });
    } catch (e) {
        const code = (e as CommanderError).exitCode;
        return code === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    }
    const [file] = program.args;
    const opts = program.opts<{ policyConfig?: string; json?: boolean }>();
    let violations: Violation[];
    try {
        const { resources, config } = readInputs(file, opts.policyConfig);
        violations = await evaluate(resources, { config });
    } catch (e) {
        if (e instanceof EvaluateInputError || e instanceof InputFileError) {
            err.write(`error: ${e.message}\n`);
        } else {
            // A policy that throws is the pack's bug; its message, not its stack, is what to report.
            err.write(
                `error: a policy failed, so no result can be trusted: ${(e as Error)?.message ?? String(e)}\n`,
            );
        }
        return EXIT_BAD_INPUT;
    }
    out.write(opts.json ? `${JSON.stringify(violations, null, 2)}\n` : `${formatText(violations)}\n`);
    return hasMandatory(violations) ? EXIT_MANDATORY : EXIT_OK;
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
