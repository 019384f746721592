// Typed errors of the automation layer. Each says what happened and what to do; the CLI maps each
// to an exit code (see exitCodeOf) and the fleet records its kind, so nothing is swallowed into a
// generic "failed".
import { InputError } from "../plan/inputs";
import { PlanFile, PlanViolation } from "../plan/model";
import { ConfigError } from "../stacks/config";

/** 1: the operation ran and failed, or the pre-flight refused it. */
export const EXIT_FAILED = 1;
/** 2: nothing could start: usage, invalid config, backend setup, no or too old Pulumi CLI, no such stack. */
export const EXIT_USAGE = 2;

/** The offline plan found mandatory policy violations; `up` (or a deployment) was refused before any CLI call. */
export class PreflightRefusedError extends Error {
    readonly summary: PlanFile["summary"];
    readonly violations: PlanViolation[];
    constructor(
        readonly stack: string,
        readonly plan: PlanFile,
        /** What was refused: `up`, or a remote `preview` (a deployment). */
        readonly operation: string = "up",
    ) {
        const mandatory = plan.violations.filter((v) => v.enforcementLevel === "mandatory");
        super(
            `pre-flight refused "${operation}" of ${stack}: ${mandatory.length} mandatory policy violation(s):\n` +
                mandatory
                    .map((v) => `  - ${v.policyName}: ${v.message}${v.urn ? ` (${v.urn})` : ""}`)
                    .join("\n"),
        );
        this.name = "PreflightRefusedError";
        this.summary = plan.summary;
        this.violations = plan.violations;
    }
}

/** No `pulumi` executable: the Automation API needs the CLI for every operation. */
export class PulumiCliMissingError extends Error {
    constructor(detail: string) {
        super(
            `the Pulumi CLI was not found (${detail}). Install it (https://www.pulumi.com/docs/iac/download-install/) ` +
                "and put `pulumi` on PATH; the offline pre-flight alone is `npm run plan`.",
        );
        this.name = "PulumiCliMissingError";
    }
}

/**
 * The Automation API refuses the `pulumi` on PATH: `PulumiCommand.get` runs `pulumi version` and
 * `parseAndValidatePulumiVersion` (@pulumi/pulumi automation/cmd.ts) throws a plain Error when it
 * is older than the SDK's `minimumVersion`, of another major version, or unparsable.
 */
export function isCliVersionError(error: unknown): boolean {
    return (
        error instanceof Error &&
        /^(Minimum version requirement failed|Major version mismatch|Failed to parse Pulumi CLI version)/.test(
            error.message,
        )
    );
}

/** The message for a refused CLI version: the SDK's own words, then what to do. */
function cliVersionMessage(error: Error): string {
    return (
        `the Pulumi CLI on PATH cannot be used by this Automation API: ${error.message} ` +
        "Install a current CLI (https://www.pulumi.com/docs/iac/download-install/) and check `pulumi version`."
    );
}

/** The stack does not exist in the backend (refresh/destroy/outputs never create one). */
export class StackMissingError extends Error {
    constructor(
        readonly stack: string,
        readonly backend: string,
        readonly cause?: unknown,
    ) {
        super(
            `stack "${stack}" does not exist in backend ${backend}: run \`npm run env -- up --stack ${stack}\` first, ` +
                "or set PULUMI_BACKEND_URL to the backend that holds it.",
        );
        this.name = "StackMissingError";
    }
}

/** The backend or its secrets passphrase is not usable. */
export class BackendConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "BackendConfigError";
    }
}

/** A bad request from a caller: unknown operation, empty stack list, bad concurrency. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

/** The Automation API's error class names; matched by name so a second copy of the SDK still matches. */
export function isConcurrentUpdateError(error: unknown): boolean {
    return error instanceof Error && error.name === "ConcurrentUpdateError";
}

export function isStackNotFoundError(error: unknown): boolean {
    return error instanceof Error && error.name === "StackNotFoundError";
}

/**
 * The Automation API reports a missing CLI as a plain CommandError whose result carries execa's
 * ENOENT (`spawn pulumi ENOENT`, code -2), from `PulumiCommand.get` running `pulumi version`.
 */
export function isCliMissingError(error: unknown): boolean {
    if (!(error instanceof Error) || error.name !== "CommandError") {
        return false;
    }
    const result = (error as { commandResult?: { err?: { code?: unknown } } }).commandResult;
    return result?.err?.code === "ENOENT" || /spawn \S*pulumi ENOENT/.test(error.message);
}

export type ErrorKind =
    | "preflight-refused"
    | "config"
    | "usage"
    | "backend"
    | "cli-missing"
    | "cli-version"
    | "stack-missing"
    | "concurrent-update"
    | "operation";

export function errorKind(error: unknown): ErrorKind {
    if (error instanceof PreflightRefusedError) {
        return "preflight-refused";
    }
    if (error instanceof ConfigError) {
        return "config";
    }
    if (error instanceof UsageError || error instanceof InputError) {
        return "usage";
    }
    if (error instanceof BackendConfigError) {
        return "backend";
    }
    if (error instanceof PulumiCliMissingError || isCliMissingError(error)) {
        return "cli-missing";
    }
    if (isCliVersionError(error)) {
        return "cli-version";
    }
    if (error instanceof StackMissingError || isStackNotFoundError(error)) {
        return "stack-missing";
    }
    if (isConcurrentUpdateError(error)) {
        return "concurrent-update";
    }
    return "operation";
}

/** Exit code of a failure: 2 when nothing could start, 1 when the operation failed or was refused. */
export function exitCodeOf(kind: ErrorKind): number {
    switch (kind) {
        case "config":
        case "usage":
        case "backend":
        case "cli-missing":
        case "cli-version":
        case "stack-missing":
            return EXIT_USAGE;
        default:
            return EXIT_FAILED;
    }
}

/** The message a person should read, with the config problems spelled out. */
export function describeError(error: unknown): string {
    if (error instanceof ConfigError) {
        return error.message;
    }
    if (isCliMissingError(error) && !(error instanceof PulumiCliMissingError)) {
        return new PulumiCliMissingError("`pulumi version` failed with ENOENT").message;
    }
    if (isCliVersionError(error)) {
        return cliVersionMessage(error as Error);
    }
    // A CommandError's message is `code: N\n stdout: ...\n stderr: ...`; the CLI's stderr is the story.
    const stderr = (error as { commandResult?: { stderr?: unknown } })?.commandResult?.stderr;
    if (typeof stderr === "string" && stderr.trim() !== "") {
        return stderr.trim();
    }
    if (error instanceof Error) {
        return error.message;
    }
    return String(error);
}

/** The line of a message worth a table cell: the first `error:` line, else the first line. */
export function headline(message: string): string {
    const lines = message.split("\n").map((l) => l.trim());
    return lines.find((l) => /^error:/i.test(l)) ?? lines.find((l) => l !== "") ?? "";
}
