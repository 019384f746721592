// Loading a stack config: from a Pulumi.<stack>.yaml file or the engine's config bag, then the
// schema, then the semantic checks, every problem reported at once with the file and key path.
import * as fs from "fs";
import * as path from "path";
import { Problem, regionProblem } from "../../components";
import { workloadMode } from "./args";
import { ConfigError, NAMESPACE, zodProblems } from "./problems";
import { sbomProblems } from "./readiness";
import { PlatformConfig, PlatformConfigSchema, StackConfig } from "./schema";
import { semanticProblems } from "./semantics";
import { unicodeProblems } from "./unicode";
import { at, decodeStackFile, Location, readStackYaml, StackYaml } from "./yaml";

/** The other config namespaces the program (its providers and the engine) reads. */
const CONFIG_NAMESPACES = ["aws", "kubernetes", "pulumi"];

/** The raw config bag (`namespace:key` to value) as in a Pulumi.<stack>.yaml. */
export type RawConfig = Record<string, unknown>;

/**
 * The config bag as the engine hands it to a program (`pulumi.runtime.allConfig()`): every value is
 * text, structured values as JSON. Only objects, lists and booleans are decoded: a quoted account
 * id such as "012345678901" must stay a string (JSON.parse would make it a number and drop the
 * leading zero).
 */
export function fromEngineConfig(all: Record<string, string>): RawConfig {
    const raw: RawConfig = {};
    for (const [key, value] of Object.entries(all)) {
        const text = value.trim();
        if (text.startsWith("{") || text.startsWith("[") || text === "true" || text === "false") {
            try {
                raw[key] = JSON.parse(text);
                continue;
            } catch {
                // Not JSON after all: keep the text, and let the schema say what it expected.
            }
        }
        raw[key] = value;
    }
    return raw;
}

/**
 * `pulumi config set --secret` writes `key: {secure: v1:...}` (with `--path`, inside a structured
 * value too). Only the Pulumi CLI holds the key to decrypt it; the offline plan never can.
 */
function isSecure(value: unknown): boolean {
    return (
        typeof value === "object" &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length === 1 &&
        typeof (value as Record<string, unknown>).secure === "string"
    );
}

/** The key paths of every `secure:` value in `value`, `key` being its own (`platform:cluster.x[0]`). */
export function securePaths(value: unknown, key: string): string[] {
    if (isSecure(value)) {
        return [key];
    }
    if (Array.isArray(value)) {
        return value.flatMap((item, i) => securePaths(item, `${key}[${i}]`));
    }
    if (typeof value === "object" && value !== null) {
        return Object.entries(value).flatMap(([k, v]) => securePaths(v, `${key}.${k}`));
    }
    return [];
}

/**
 * Config values outside `platform:` that the program reads, and why each must be known: a secret
 * there cannot be planned as an unknown value.
 */
const READ_OUTSIDE_PLATFORM: Record<string, string> = {
    "aws:region": "the region decides the partition, every ARN and the endpoints",
    "aws:allowedAccountIds": "the config check compares it with platform:accountId",
};

const secretRefused = (why: string) =>
    `is a secret (secure:), which the offline plan cannot decrypt, and it cannot be planned as an unknown value: ${why}; store it in plain text (\`pulumi config set\` without --secret): it names infrastructure, it is no credential`;

const PLATFORM_SECRET_WHY = "platform: values decide which resources exist, their names and their ARNs";

/** `path` is `told` or inside it. */
function isUnder(path: string, told: string): boolean {
    return path === told || path.startsWith(`${told}.`) || path.startsWith(`${told}[`);
}

/**
 * Validates a whole stack config: every problem at once, or a typed config. `locate` says where a
 * key path is written, when the config comes from a file.
 */
export function parseStackConfig(
    raw: RawConfig,
    file: string,
    locate?: (path: string) => Location | undefined,
): StackConfig {
    const problems: Problem[] = [];
    // Look-alike and invisible characters first: the schema would only say "unknown key" or
    // "not a DNS label" of a name that reads right.
    const lookalikes = unicodeProblems(raw).map((p) => {
        const location = locate?.(p.propertyPath);
        return location ? { ...p, reason: `${at(location)}${p.reason}`, ...location } : p;
    });
    problems.push(...lookalikes);
    const platformRaw: Record<string, unknown> = {};
    // Secrets the program never reads (aws:secretKey, kubernetes:*) are planned as they are:
    // unknown secret values. Those it reads are refused, each with its path and why.
    const secrets: string[] = [];
    const refused: string[] = [];
    for (const [key, value] of Object.entries(raw)) {
        for (const secretPath of securePaths(value, key)) {
            const why = key.startsWith(`${NAMESPACE}:`) ? PLATFORM_SECRET_WHY : READ_OUTSIDE_PLATFORM[key];
            if (why === undefined) {
                secrets.push(secretPath);
            } else {
                refused.push(secretPath);
                problems.push({ propertyPath: secretPath, reason: secretRefused(why) });
            }
        }
    }
    const isRefused = (p: Problem) =>
        refused.some((r) => isUnder(p.propertyPath, r)) ||
        lookalikes.some((l) => isUnder(p.propertyPath, l.propertyPath));
    for (const [key, value] of Object.entries(raw)) {
        const [ns, ...rest] = key.split(":");
        if (ns === NAMESPACE) {
            platformRaw[rest.join(":")] = value;
        } else if (!CONFIG_NAMESPACES.includes(ns)) {
            // A misspelt namespace (`platfrom:tags`) would otherwise be silently ignored.
            problems.push({
                propertyPath: key,
                reason: `unknown config namespace "${ns}": this program reads ${[NAMESPACE, ...CONFIG_NAMESPACES].map((n) => `${n}:`).join(", ")}; check the spelling`,
            });
        }
    }
    const region = raw["aws:region"];
    if (refused.includes("aws:region")) {
        // Told above.
    } else if (region === undefined) {
        problems.push({
            propertyPath: "aws:region",
            reason: "is required: set the AWS region, e.g. `pulumi config set aws:region us-west-2`",
        });
    } else if (typeof region !== "string") {
        problems.push({
            propertyPath: "aws:region",
            reason: `${JSON.stringify(region)} is not an AWS region such as us-west-2`,
        });
    } else if (regionProblem(region) !== undefined) {
        problems.push({ propertyPath: "aws:region", reason: regionProblem(region)! });
    }
    const parsed = PlatformConfigSchema.safeParse(platformRaw, { reportInput: true });
    if (!parsed.success) {
        // A refused secret is told once, not again as "must be a string; got a map of keys".
        // A refused secret or a look-alike is told once, not again by the schema.
        problems.push(...zodProblems(parsed.error).filter((p) => !isRefused(p)));
        throw new ConfigError(file, problems);
    }
    if (!refused.includes(ALLOWED_ACCOUNT_IDS)) {
        problems.push(...accountGuardProblems(raw[ALLOWED_ACCOUNT_IDS], parsed.data.accountId));
    }
    problems.push(
        ...semanticProblems(parsed.data, typeof region === "string" ? region : undefined).filter(
            (p) => !isRefused(p),
        ),
        // A workload's sdk.sbom is relative to the stack file.
        ...sbomProblems(parsed.data, path.dirname(file), (w) => workloadMode(parsed.data, w)),
    );
    if (problems.length > 0) {
        throw new ConfigError(file, problems);
    }
    return {
        file,
        region: region as string,
        platform: parsed.data,
        secrets,
    };
}

/**
 * The AWS provider's own account guard. With `aws:allowedAccountIds` set, the provider refuses
 * credentials of any other account when it configures, before any resource is read or changed
 * (Terraform AWS provider `allowed_account_ids`, which @pulumi/aws bridges: "AWS account ID not
 * allowed"). Without it, prod's config run with dev's credentials deploys into dev. It must
 * name exactly the stack's account.
 */
export const ALLOWED_ACCOUNT_IDS = "aws:allowedAccountIds";

/** What `aws:allowedAccountIds` must be: exactly the stack's account. */
export function allowedAccountIds(platform: Pick<PlatformConfig, "accountId">): string[] {
    return [platform.accountId];
}

function accountGuardProblems(value: unknown, accountId: string): Problem[] {
    const fix = `set it to ["${accountId}"] (platform:accountId): \`pulumi config set --path '${ALLOWED_ACCOUNT_IDS}[0]' ${accountId}\``;
    if (value === undefined) {
        return [
            {
                propertyPath: ALLOWED_ACCOUNT_IDS,
                reason: `is required, so the AWS provider refuses credentials of another account before anything changes: ${fix}`,
            },
        ];
    }
    if (JSON.stringify(value) !== JSON.stringify(allowedAccountIds({ accountId }))) {
        return [
            {
                propertyPath: ALLOWED_ACCOUNT_IDS,
                reason: `must name exactly the stack's account; got ${JSON.stringify(value)}: ${fix}`,
            },
        ];
    }
    return [];
}

/** Reads and validates `stacks/Pulumi.<stack>.yaml` as the Pulumi CLI reads it (stacks/config/yaml.ts). */
export function loadStackConfigFile(file: string): StackConfig {
    const decoded = decodeStackFile(readStackFile(file));
    if (decoded.problems.length > 0) {
        throw new ConfigError(file, decoded.problems);
    }
    return checkStackYaml(readStackYaml(decoded.text), file);
}

/** The file's bytes; a file that cannot be read is a ConfigError that says why, not a stack trace. */
function readStackFile(file: string): Buffer {
    try {
        return fs.readFileSync(file);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why =
            code === "ENOENT"
                ? "does not exist (Pulumi would start such a stack with an empty config, which cannot be planned): check the path and the stack name, or copy stacks/Pulumi.dev.yaml"
                : code === "EISDIR"
                  ? "is a folder, not a file: give the stack file's path, stacks/Pulumi.<stack>.yaml"
                  : code === "EACCES" || code === "EPERM"
                    ? "cannot be read (permission denied): make it readable"
                    : `cannot be read (${code ?? String(error)}): check the path`;
        throw new ConfigError(file, [{ propertyPath: "(file)", reason: `the file ${why}` }]);
    }
}

/**
 * A read stack file's problems (YAML, what Pulumi refuses or ignores, with their lines) and with
 * them the config's, unless a syntax error leaves nothing reliable to check; or the typed config.
 */
export function checkStackYaml(yaml: StackYaml, file: string): StackConfig {
    if (yaml.broken || yaml.config === undefined) {
        throw new ConfigError(file, yaml.problems);
    }
    try {
        const config = parseStackConfig(yaml.config, file, yaml.locate);
        if (yaml.problems.length === 0) {
            return config;
        }
    } catch (error) {
        if (!(error instanceof ConfigError)) {
            throw error;
        }
        // A key told by the reader (twice written, infinite) is not told again by the schema.
        const told = yaml.problems.map((p) => p.propertyPath).filter((p) => p !== "(file)");
        throw new ConfigError(file, [
            ...yaml.problems,
            ...error.problems.filter((p) => !told.some((t) => isUnder(p.propertyPath, t))),
        ]);
    }
    throw new ConfigError(file, yaml.problems);
}

/** The repository root: the folder holding Pulumi.yaml, from source or compiled code alike. */
export function repoRoot(): string {
    let dir = __dirname;
    while (!fs.existsSync(path.join(dir, "Pulumi.yaml"))) {
        const parent = path.dirname(dir);
        if (parent === dir) {
            throw new Error(`no Pulumi.yaml above ${__dirname}`);
        }
        dir = parent;
    }
    return dir;
}

/** `stacks/Pulumi.<stack>.yaml` under the repository root. */
export function stackConfigPath(stack: string): string {
    return path.join(repoRoot(), "stacks", `Pulumi.${stack}.yaml`);
}
