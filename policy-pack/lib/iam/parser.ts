// The one IAM policy parser of the project: the policy pack checks trust and permission policies
// with it, and the components' tests parse what components/trust/ builds with it.
// It normalises every shape IAM accepts (JSON string with any whitespace or an object; a single
// statement or a list; `Principal`, `Action`, `Resource` and condition values as a string or a
// list) into one shape, and applies IAM's case rules: operator names and condition keys are
// case-insensitive, condition values are not (IAM User Guide, "IAM JSON policy elements:
// Condition" and "Condition operators").
//
// Pure and dependency-free so the pack runs standalone under ts-node.
import { policyLength } from "./eksIdentity";

/** The canonical spelling of every IAM condition operator, without set prefix or `IfExists`. */
export const CONDITION_OPERATORS = [
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
    "Null",
] as const;

const OPERATORS_BY_LOWER = new Map<string, string>(CONDITION_OPERATORS.map((op) => [op.toLowerCase(), op]));

/** Operators whose values may carry `*` / `?` wildcards; under any other operator they are literal. */
const LIKE_OPERATORS = new Set(["StringLike", "StringNotLike", "ArnLike", "ArnNotLike"]);
/**
 * IAM documents ArnEquals as matching like ArnLike (wildcards allowed per ARN segment), so a
 * wildcard under ArnEquals is meaningful; only the String* equality operators take it literally.
 */
const WILDCARD_CAPABLE_OPERATORS = new Set([...LIKE_OPERATORS, "ArnEquals", "ArnNotEquals"]);
/** Operators that grant only when the value matches (as opposed to negated ones and `Null`). */
const POSITIVE_OPERATORS = new Set([
    "StringEquals",
    "StringEqualsIgnoreCase",
    "StringLike",
    "ArnEquals",
    "ArnLike",
]);

export type SetOperator = "ForAllValues" | "ForAnyValue";

/** One (operator, key) pair of a statement's `Condition` block, normalised. */
export interface ParsedCondition {
    /** The operator as written, e.g. `ForAllValues:StringLikeIfExists`. */
    rawOperator: string;
    /** The canonical base operator (`StringLike`), or the written one when IAM does not know it. */
    operator: string;
    /** True when `operator` is one of {@link CONDITION_OPERATORS}. */
    knownOperator: boolean;
    /** `ForAllValues` / `ForAnyValue` prefix, if any (matched case-insensitively). */
    setOperator?: SetOperator;
    /** True for an `...IfExists` operator: a missing key then evaluates to true. */
    ifExists: boolean;
    /** The key as written (`oidc.eks.../id/X:sub`). */
    key: string;
    /** The key lower-cased: IAM compares condition keys case-insensitively. */
    keyLower: string;
    /** Values as strings (IAM compares them as strings; numbers and booleans are stringified). */
    values: string[];
}

/** The principals of a statement, grouped by kind; `wildcard` is `Principal: "*"` or `{"AWS": "*"}`. */
export interface ParsedPrincipals {
    aws: string[];
    service: string[];
    federated: string[];
    canonicalUser: string[];
    /** True when the statement names every principal (`"*"`, or `*` under any principal kind). */
    wildcard: boolean;
}

/** One statement, normalised. */
export interface ParsedStatement {
    /** Position in the document's `Statement` list (0 for a single-object `Statement`). */
    index: number;
    sid?: string;
    effect: "Allow" | "Deny";
    /** `Principal` (or `NotPrincipal`, see `notPrincipal`), empty when the statement has none. */
    principals: ParsedPrincipals;
    notPrincipal: boolean;
    /** `Action` or `NotAction` values as written (see `notAction`). */
    actions: string[];
    notAction: boolean;
    /** `Resource` or `NotResource` values as written (see `notResource`). */
    resources: string[];
    notResource: boolean;
    conditions: ParsedCondition[];
}

/** A parsed policy document. */
export interface ParsedPolicy {
    version?: string;
    statements: ParsedStatement[];
    /** Length as IAM counts it for quotas: the JSON without whitespace. */
    length: number;
}

/** Thrown by {@link parsePolicy} when the input is not a policy document. */
export class PolicyParseError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PolicyParseError";
    }
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Finds a key of `obj` case-insensitively (IAM policy element names are case-insensitive). */
function field(obj: Record<string, unknown>, name: string): unknown {
    if (name in obj) {
        return obj[name];
    }
    const lower = name.toLowerCase();
    for (const key of Object.keys(obj)) {
        if (key.toLowerCase() === lower) {
            return obj[key];
        }
    }
    return undefined;
}

function stringList(value: unknown, what: string): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => {
        if (typeof item === "string") {
            return item;
        }
        if (typeof item === "number" || typeof item === "boolean") {
            return String(item);
        }
        throw new PolicyParseError(
            `${what} must be a string or a list of strings, got ${JSON.stringify(item)}`,
        );
    });
}

/**
 * Splits an operator into set prefix, base operator and `IfExists` suffix, all case-insensitively.
 * `parseOperator("forallvalues:stringlikeifexists")` is
 * `{ setOperator: "ForAllValues", operator: "StringLike", ifExists: true, knownOperator: true }`.
 */
export function parseOperator(raw: string): Omit<ParsedCondition, "key" | "keyLower" | "values"> {
    let rest = raw.trim();
    let setOperator: SetOperator | undefined;
    const colon = rest.indexOf(":");
    if (colon >= 0) {
        const prefix = rest.slice(0, colon).toLowerCase();
        if (prefix === "forallvalues") {
            setOperator = "ForAllValues";
        } else if (prefix === "foranyvalue") {
            setOperator = "ForAnyValue";
        }
        rest = rest.slice(colon + 1);
    }
    let ifExists = false;
    if (rest.toLowerCase().endsWith("ifexists") && rest.length > "ifexists".length) {
        ifExists = true;
        rest = rest.slice(0, -"ifexists".length);
    }
    const canonical = OPERATORS_BY_LOWER.get(rest.toLowerCase());
    return {
        rawOperator: raw,
        operator: canonical ?? rest,
        knownOperator: canonical !== undefined,
        ...(setOperator ? { setOperator } : {}),
        ifExists,
    };
}

function parsePrincipals(value: unknown): ParsedPrincipals {
    const principals: ParsedPrincipals = {
        aws: [],
        service: [],
        federated: [],
        canonicalUser: [],
        wildcard: false,
    };
    if (value === undefined || value === null) {
        return principals;
    }
    if (typeof value === "string") {
        if (value === "*") {
            principals.wildcard = true;
            return principals;
        }
        throw new PolicyParseError(`Principal must be "*" or an object, got ${JSON.stringify(value)}`);
    }
    if (!isRecord(value)) {
        throw new PolicyParseError(`Principal must be "*" or an object, got ${JSON.stringify(value)}`);
    }
    for (const [kind, ids] of Object.entries(value)) {
        const list = stringList(ids, `Principal.${kind}`);
        if (list.includes("*")) {
            principals.wildcard = true;
        }
        switch (kind.toLowerCase()) {
            case "aws":
                principals.aws.push(...list);
                break;
            case "service":
                principals.service.push(...list);
                break;
            case "federated":
                principals.federated.push(...list);
                break;
            case "canonicaluser":
                principals.canonicalUser.push(...list);
                break;
            default:
                throw new PolicyParseError(`unknown principal kind "${kind}"`);
        }
    }
    return principals;
}

function parseConditions(value: unknown): ParsedCondition[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (!isRecord(value)) {
        throw new PolicyParseError(`Condition must be an object, got ${JSON.stringify(value)}`);
    }
    const conditions: ParsedCondition[] = [];
    for (const [rawOperator, block] of Object.entries(value)) {
        if (!isRecord(block)) {
            throw new PolicyParseError(`Condition.${rawOperator} must be an object of keys to values`);
        }
        const operator = parseOperator(rawOperator);
        for (const [key, values] of Object.entries(block)) {
            conditions.push({
                ...operator,
                key,
                keyLower: key.toLowerCase(),
                values: stringList(values, `Condition.${rawOperator}.${key}`),
            });
        }
    }
    return conditions;
}

function parseStatement(value: unknown, index: number): ParsedStatement {
    if (!isRecord(value)) {
        throw new PolicyParseError(`Statement[${index}] must be an object`);
    }
    const effect = field(value, "Effect");
    if (typeof effect !== "string" || !["allow", "deny"].includes(effect.toLowerCase())) {
        throw new PolicyParseError(`Statement[${index}].Effect must be "Allow" or "Deny"`);
    }
    const sid = field(value, "Sid");
    const principal = field(value, "Principal");
    const notPrincipal = field(value, "NotPrincipal");
    const action = field(value, "Action");
    const notAction = field(value, "NotAction");
    const resource = field(value, "Resource");
    const notResource = field(value, "NotResource");
    return {
        index,
        ...(typeof sid === "string" ? { sid } : {}),
        effect: effect.toLowerCase() === "allow" ? "Allow" : "Deny",
        principals: parsePrincipals(notPrincipal ?? principal),
        notPrincipal: notPrincipal !== undefined,
        actions: stringList(notAction ?? action, "Action"),
        notAction: notAction !== undefined,
        resources: stringList(notResource ?? resource, "Resource"),
        notResource: notResource !== undefined,
        conditions: parseConditions(field(value, "Condition")),
    };
}

/**
 * Parses an IAM policy document (trust or permission policy).
 *
 * @param document a JSON string (any whitespace) or an already-parsed object.
 * @throws PolicyParseError when the input is not JSON or not a policy document.
 */
export function parsePolicy(document: unknown): ParsedPolicy {
    let json: string;
    let value: unknown;
    if (typeof document === "string") {
        json = document;
        try {
            value = JSON.parse(document);
        } catch (e) {
            throw new PolicyParseError(`policy is not valid JSON: ${(e as Error).message}`);
        }
    } else {
        value = document;
        json = JSON.stringify(document) ?? "";
    }
    if (!isRecord(value)) {
        throw new PolicyParseError("policy must be a JSON object");
    }
    const statement = field(value, "Statement");
    if (statement === undefined) {
        throw new PolicyParseError("policy has no Statement");
    }
    const items = Array.isArray(statement) ? statement : [statement];
    const version = field(value, "Version");
    return {
        ...(typeof version === "string" ? { version } : {}),
        statements: items.map((item, index) => parseStatement(item, index)),
        length: policyLength(json),
    };
}

/** Like {@link parsePolicy} but returns the error instead of throwing. */
export function tryParsePolicy(document: unknown): { policy: ParsedPolicy } | { error: string } {
    try {
        return { policy: parsePolicy(document) };
    } catch (e) {
        if (e instanceof PolicyParseError) {
            return { error: e.message };
        }
        throw e;
    }
}

/** True when `value` carries an IAM wildcard (`*` or `?`). */
export function hasWildcard(value: string): boolean {
    return value.includes("*") || value.includes("?");
}

/** True when wildcards in this condition's values are honoured by IAM (Like operators, ArnEquals). */
export function operatorHonoursWildcards(condition: Pick<ParsedCondition, "operator">): boolean {
    return WILDCARD_CAPABLE_OPERATORS.has(condition.operator);
}

/** True for `StringLike`, `StringNotLike`, `ArnLike`, `ArnNotLike`. */
export function isLikeOperator(condition: Pick<ParsedCondition, "operator">): boolean {
    return LIKE_OPERATORS.has(condition.operator);
}

/** True when the condition only grants on a match: a positive operator, no `IfExists`, no `ForAllValues`. */
export function isRestrictingCondition(condition: ParsedCondition): boolean {
    return (
        POSITIVE_OPERATORS.has(condition.operator) &&
        !condition.ifExists &&
        condition.setOperator !== "ForAllValues" &&
        condition.values.length > 0
    );
}

/** Converts an IAM wildcard pattern (`*`, `?`) into an anchored regular expression. */
export function wildcardToRegExp(pattern: string, ignoreCase = false): RegExp {
    const source = pattern
        .split("")
        .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
        .join("");
    return new RegExp(`^${source}$`, ignoreCase ? "i" : "");
}

/**
 * True when the statement's `Action` (or `NotAction`) covers `action`. Actions are
 * case-insensitive and may carry wildcards (`sts:*`, `*`).
 */
export function statementCoversAction(statement: ParsedStatement, action: string): boolean {
    const matches = statement.actions.some((pattern) => wildcardToRegExp(pattern, true).test(action));
    return statement.notAction ? !matches : matches;
}

/** Conditions of a statement on `key` (case-insensitive). */
export function conditionsOnKey(statement: ParsedStatement, key: string): ParsedCondition[] {
    const lower = key.toLowerCase();
    return statement.conditions.filter((c) => c.keyLower === lower);
}
