// How config problems are told: `platform:`-rooted key paths, zod's issues in plain words, and the
// one error that lists every problem of a stack config file at once.
import { z } from "zod";
import { Problem } from "../../components";

export const NAMESPACE = "platform";

export class ConfigError extends Error {
    constructor(
        readonly file: string,
        readonly problems: Problem[],
    ) {
        super(
            `${file}: ${problems.length} invalid config value(s):\n${problems.map((p) => `  - ${p.propertyPath}: ${p.reason}`).join("\n")}`,
        );
        this.name = "ConfigError";
    }
}

/** `platform:workloads[3].mode` from zod's path. */
export function keyPath(parts: readonly PropertyKey[]): string {
    let out = NAMESPACE;
    parts.forEach((part, i) => {
        if (typeof part === "number") {
            out += `[${part}]`;
        } else {
            out += i === 0 ? `:${String(part)}` : `.${String(part)}`;
        }
    });
    return out;
}

export function zodProblems(error: z.ZodError): Problem[] {
    return error.issues.flatMap((issue) => {
        if (issue.code === "unrecognized_keys") {
            return issue.keys.map((key) => ({
                propertyPath: keyPath([...issue.path, key]),
                reason: `unknown key "${key}": check the spelling (keys are case-sensitive) or remove it`,
            }));
        }
        // Without reportInput zod leaves `input` out of every issue, and a wrong type would read "is required".
        const reason =
            issue.code === "invalid_type"
                ? issue.input === undefined
                    ? "is required"
                    : `must be ${article(issue.expected)}; got ${describeValue(issue.input)}`
                : issue.message;
        return [{ propertyPath: keyPath(issue.path), reason }];
    });
}

function article(type: string): string {
    return type === "array" ? "a list" : type === "object" ? "a map of keys" : `a ${type}`;
}

export function describeValue(value: unknown): string {
    if (value === null) {
        return "null (an empty value)";
    }
    if (Array.isArray(value)) {
        return "a list";
    }
    return typeof value === "object" ? "a map of keys" : `the ${typeof value} ${JSON.stringify(value)}`;
}

/** Problems of a component's validator, moved under the config key that holds its arguments. */
export function prefixed(prefix: string, list: Problem[]): Problem[] {
    return list.map((p) => ({ ...p, propertyPath: `${prefix}.${p.propertyPath}` }));
}

/** A problem of the stack file itself, with where it is written (1-based line and column). */
export interface LocatedProblem extends Problem {
    line: number;
    column: number;
}
