// Reading policy documents out of props: parsed once per distinct text, unknowns kept apart.
import { UNKNOWN, UNKNOWN_SENTINELS, Unknown } from "./props";
import { ParsedPolicy, parsePolicy, PolicyParseError } from "./iam/parser";

/** A policy document property read: parsed, unknown (preview), absent, or not a policy. */
export type PolicyRead = { policy: ParsedPolicy } | { unknown: true } | { absent: true } | { error: string };

const parseCache = new Map<string, ParsedPolicy | PolicyParseError>();
const PARSE_CACHE_LIMIT = 2000;

/**
 * Parses a policy property (a JSON string or object, possibly `UNKNOWN`), memoised by text: the
 * same trust policy is read by a dozen policies.
 */
export function readPolicy(value: unknown): PolicyRead {
    if (value === UNKNOWN) {
        return { unknown: true };
    }
    if (value === undefined || value === null || value === "") {
        return { absent: true };
    }
    if (containsUnknown(value)) {
        return { unknown: true };
    }
    const key = typeof value === "string" ? value : JSON.stringify(value);
    let parsed = parseCache.get(key);
    if (parsed === undefined) {
        try {
            parsed = parsePolicy(value);
        } catch (e) {
            if (!(e instanceof PolicyParseError)) {
                throw e;
            }
            parsed = e;
        }
        if (parseCache.size >= PARSE_CACHE_LIMIT) {
            parseCache.clear();
        }
        parseCache.set(key, parsed);
    }
    return parsed instanceof PolicyParseError ? { error: parsed.message } : { policy: parsed };
}

/**
 * An unknown anywhere makes the document unknown, including a sentinel embedded in JSON text
 * (a tool that serialised a partly-unknown document): checking it would judge a placeholder.
 */
function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) {
        return true;
    }
    if (typeof value === "string") {
        return (
            UNKNOWN_SENTINELS.has(value) ||
            (value.length > 36 && [...UNKNOWN_SENTINELS].some((s) => value.includes(s)))
        );
    }
    if (typeof value === "object" && value !== null) {
        return Object.values(value).some(containsUnknown);
    }
    return false;
}

/** The name IAM shows for a value, for messages. */
export function shown(value: string | Unknown | undefined): string {
    return value === UNKNOWN ? "(unknown until apply)" : (value ?? "(unset)");
}

/** `statement 2 ("Sid")` for messages. */
export function statementLabel(statement: { index: number; sid?: string }): string {
    return statement.sid
        ? `statement ${statement.index} ("${statement.sid}")`
        : `statement ${statement.index}`;
}
