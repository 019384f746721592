// What the offline plan and the Automation CLI check in their command line before anything
// starts: stack names (one rule for `plan --stack`, `env --stack` and `fleet --stacks`), that the
// stack's config file exists, and that the files named by flags are what they must be. Each
// problem is an `InputError` whose message names the flag or file and the fix.
import * as fs from "fs";
import * as path from "path";
import {
    parsePolicyConfig,
    PolicyConfigError,
    PolicySchemaInfo,
    reconcilePolicyConfig,
} from "./analyzer/config";
import { fsProblem, InputFileError, NOT_REGULAR, readJsonFile } from "../policy-pack/lib/inputFile";
import { policies as packPolicies } from "../policy-pack/lib/policies";
import { repoRoot, stackConfigPath } from "../stacks/config";

/** A command line the tool cannot act on; exit 2 in every CLI. */
export class InputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputError";
    }
}

/**
 * Pulumi's rule for a stack name (pulumi/pulumi sdk/go/common/tokens/stack_name.go,
 * `ParseStackName`): not empty, at most 100 characters, only `A-Za-z0-9_.-`. Qualified names
 * (`org/project/stack`) are not taken: a stack of this project is `stacks/Pulumi.<name>.yaml`.
 * Returns what is wrong, or undefined.
 */
export function stackNameProblem(name: string): string | undefined {
    if (name === "") {
        return "a stack name may not be empty";
    }
    if (name.length > 100) {
        return `a stack name cannot exceed 100 characters (got ${name.length})`;
    }
    const bad = [...name].findIndex((c) => !/[A-Za-z0-9_.-]/.test(c));
    if (bad >= 0) {
        return `a stack name may only contain alphanumeric, hyphens, underscores, or periods: invalid character ${JSON.stringify([...name][bad])} at position ${bad}`;
    }
    return undefined;
}

/** Throws `InputError` when `name` is not a valid stack name; `flag` is where it came from. */
export function checkStackName(name: string, flag: string): void {
    const problem = stackNameProblem(name);
    if (problem) {
        throw new InputError(`${flag} ${JSON.stringify(name)}: ${problem}`);
    }
}

/** The stacks of this project: the `<name>` of every `stacks/Pulumi.<name>.yaml`. */
export function knownStacks(root: string = repoRoot()): string[] {
    return fs
        .readdirSync(path.join(root, "stacks"))
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/** A valid name whose config file exists; otherwise `InputError` listing the stacks there are. */
export function checkKnownStack(name: string, flag: string): void {
    checkStackName(name, flag);
    const file = stackConfigPath(name);
    if (!fs.existsSync(file)) {
        throw new InputError(
            `${flag} ${name}: no such stack (${path.relative(process.cwd(), file) || file} does not exist); the stacks are ${knownStacks().join(", ")}`,
        );
    }
}

/** An existing, readable regular file; `fix` says what to give instead. */
export function checkInputFile(file: string, flag: string, fix: string): void {
    let stat: fs.Stats;
    try {
        stat = fs.statSync(file);
        fs.accessSync(file, fs.constants.R_OK);
    } catch (error) {
        throw new InputError(`${flag} ${file} ${fsProblem(error)}: ${fix}`);
    }
    if (!stat.isFile()) {
        const what = stat.isDirectory() ? fsProblem({ code: "EISDIR" }) : NOT_REGULAR;
        throw new InputError(`${flag} ${file} ${what}: ${fix}`);
    }
}

/** An existing folder. */
export function checkInputDir(dir: string, flag: string, fix: string): void {
    if (!fs.existsSync(dir)) {
        throw new InputError(`${flag} ${dir} does not exist: ${fix}`);
    }
    if (!fs.statSync(dir).isDirectory()) {
        throw new InputError(`${flag} ${dir} is a file, not a folder: ${fix}`);
    }
}

/**
 * The nearest existing folder above `target` must be a folder: the tool creates the missing ones
 * (mkdir -p), which fails after all the work when a file stands in the way.
 */
function checkParents(target: string, flag: string): void {
    let dir = path.dirname(path.resolve(target));
    while (!fs.existsSync(dir)) {
        dir = path.dirname(dir);
    }
    if (!fs.statSync(dir).isDirectory()) {
        throw new InputError(`${flag} ${target} cannot be written: ${dir} is a file, not a folder`);
    }
}

/** A file the tool will write: not an existing directory, with no file where a folder must be. */
export function checkOutputFile(file: string, flag: string): void {
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
        throw new InputError(
            `${flag} ${file} is a directory: name the file to write, e.g. ${path.join(file, "plan.json")}`,
        );
    }
    checkParents(file, flag);
}

/** A folder the tool will write into: not an existing file, with no file where a folder must be. */
export function checkOutputDir(dir: string, flag: string): void {
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
        throw new InputError(`${flag} ${dir} is a file, not a folder: name a folder to write into`);
    }
    checkParents(dir, flag);
}

/**
 * A policy config file read and parsed as the Pulumi CLI parses `--policy-pack-config` (a JSON
 * object of policy name to level or `{ enforcementLevel, ...properties }`); which names the pack
 * has is checked when the pack starts. Throws `InputError`.
 */
export function readPolicyConfigFile(file: string, flag: string): Record<string, unknown> {
    let config: unknown;
    try {
        config = readJsonFile(file, `${flag}`, "give a JSON file such as policy-pack/config/lenient.json");
    } catch (error) {
        throw error instanceof InputFileError ? new InputError(error.message) : error;
    }
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        throw new InputError(
            `${flag} ${file} must hold a JSON object of policy name to level or { enforcementLevel, ...properties }`,
        );
    }
    try {
        parsePolicyConfig(config as Record<string, unknown>);
    } catch (error) {
        if (error instanceof PolicyConfigError) {
            throw new InputError(`${flag} ${file}: ${error.message}`);
        }
        throw error;
    }
    return config as Record<string, unknown>;
}

/**
 * The names and properties of a policy config checked against a pack's policies, as the pack
 * checks them when it starts (`reconcilePolicyConfig`), for a tool that runs no pack before the
 * Pulumi CLI does (`env preview`). Throws `InputError` with every problem.
 */
export function checkPolicyConfigNames(
    config: Record<string, unknown>,
    policies: readonly PolicySchemaInfo[],
    file: string,
    flag: string,
): void {
    try {
        reconcilePolicyConfig([...policies], new Map(), parsePolicyConfig(config));
    } catch (error) {
        if (error instanceof PolicyConfigError) {
            throw new InputError(`${flag} ${file}: ${error.message}`);
        }
        throw error;
    }
}

/**
 * A policy config file for this project's pack (policy-pack/): read, parsed and checked against
 * the pack's policies before anything starts, so a typo fails in milliseconds. Throws `InputError`.
 */
export function checkPolicyConfigForPack(file: string, flag: string): void {
    const config = readPolicyConfigFile(file, flag);
    const info = packPolicies.map((p) => ({
        name: p.name,
        enforcementLevel: p.enforcementLevel ?? "advisory",
        configSchema: p.configSchema as PolicySchemaInfo["configSchema"],
    }));
    checkPolicyConfigNames(config, info, file, flag);
}
