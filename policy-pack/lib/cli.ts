#!/usr/bin/env node
// `node bin/policy-pack/lib/cli.js <resources.json> [--policy-config <file>] [--json]`: runs the
// pack on exported resources. Exit codes: 0 no mandatory violation, 1 mandatory violations,
// 2 bad input (unreadable file, malformed JSON, resources or config of the wrong shape).
import { readFileSync } from "fs";
import { Command } from "commander";
import {
    EvaluateInputError,
    PolicyConfigEntry,
    Violation,
    evaluate,
    hasMandatory,
    validateResources,
} from "./evaluate";

export const EXIT_OK = 0;
export const EXIT_MANDATORY = 1;
export const EXIT_BAD_INPUT = 2;

function readJson(path: string, what: string): unknown {
    let text: string;
    try {
        text = readFileSync(path, "utf8");
    } catch (e) {
        throw new EvaluateInputError(`cannot read ${what} ${path}: ${(e as Error).message}`);
    }
    try {
        return JSON.parse(text);
    } catch (e) {
        throw new EvaluateInputError(`${what} ${path} is not valid JSON: ${(e as Error).message}`);
    }
}

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

/** Runs the CLI on `argv` (without node and script); resolves to the exit code. */
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
        .configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => err.write(s) });
    try {
        program.parse(argv, { from: "user" });
    } catch (e) {
        const code = (e as { exitCode?: number }).exitCode;
        return code === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    }
    const [file] = program.args;
    const opts = program.opts<{ policyConfig?: string; json?: boolean }>();
    try {
        const resources = validateResources(readJson(file, "resources file"));
        const config = opts.policyConfig ? readJson(opts.policyConfig, "policy config") : undefined;
        if (
            config !== undefined &&
            (typeof config !== "object" || config === null || Array.isArray(config))
        ) {
            throw new EvaluateInputError("policy config must be a JSON object of policy name to config");
        }
        const violations = await evaluate(resources, {
            config: config as Record<string, PolicyConfigEntry> | undefined,
        });
        out.write(opts.json ? `${JSON.stringify(violations, null, 2)}\n` : `${formatText(violations)}\n`);
        return hasMandatory(violations) ? EXIT_MANDATORY : EXIT_OK;
    } catch (e) {
        if (e instanceof EvaluateInputError) {
            err.write(`error: ${e.message}\n`);
            return EXIT_BAD_INPUT;
        }
        throw e;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (e: unknown) => {
            process.stderr.write(`error: ${(e as Error).stack ?? String(e)}\n`);
            process.exitCode = EXIT_BAD_INPUT;
        },
    );
}
