// A policy document that is partly unknown (a preview): the object form of a document whose
// leaves are values not known yet, which a program passes when it gives `assumeRolePolicy` as an
// object of Outputs, and which the pack's CLI and evaluate() take. Its fully known statements can
// be checked now; the others name what is unknown, for the "undetermined" report. A document in
// JSON text is opaque: one unknown in it makes all of it unknown (read.ts).
import { UNKNOWN } from "../props";
import { ParsedPolicy, ParsedStatement, parsePolicy, PolicyParseError } from "./parser";

export interface PartialPolicy {
    /** The fully known statements, parsed, with their positions in the whole document. */
    known: ParsedPolicy;
    /** What is unknown, per statement: `statement 0 (Principal.Federated, Condition.StringEquals)`. */
    unknown: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Paths below `value` that are unknown, e.g. `Condition.StringEquals`. */
export function unknownPaths(value: unknown, at = ""): string[] {
    if (value === UNKNOWN) {
        return [at || "(the value)"];
    }
    if (Array.isArray(value)) {
        return value.flatMap((item, i) => unknownPaths(item, `${at}[${i}]`));
    }
    if (isRecord(value)) {
        return Object.entries(value).flatMap(([key, item]) => unknownPaths(item, at ? `${at}.${key}` : key));
    }
    return [];
}

/**
 * The known and unknown statements of a document in object form with unknown leaves (plain
 * props: unknowns as `UNKNOWN`); undefined when nothing can be separated (the document, its
 * `Statement` or its text unknown) or a known statement is not a statement (then nothing is
 * checked: the whole document stays undetermined).
 */
export function partialPolicy(document: unknown): PartialPolicy | undefined {
    if (!isRecord(document)) {
        return undefined;
    }
    const statementKey = Object.keys(document).find((k) => k.toLowerCase() === "statement");
    const statement = statementKey === undefined ? undefined : document[statementKey];
    if (statement === undefined || statement === UNKNOWN) {
        return undefined;
    }
    const items = Array.isArray(statement) ? statement : [statement];
    const known: ParsedStatement[] = [];
    const unknown: string[] = Object.entries(document)
        .filter(([key]) => key !== statementKey)
        .flatMap(([key, value]) => unknownPaths(value, key));
    let length = 0;
    for (const [index, item] of items.entries()) {
        const paths = unknownPaths(item);
        if (paths.length > 0) {
            unknown.push(
                item === UNKNOWN ? `statement ${index}` : `statement ${index} (${paths.join(", ")})`,
            );
            continue;
        }
        try {
            const parsed = parsePolicy({ Statement: item });
            known.push({ ...parsed.statements[0], index });
            length += parsed.length;
        } catch (e) {
            if (e instanceof PolicyParseError) {
                return undefined;
            }
            throw e;
        }
    }
    const version = document.Version;
    return {
        known: {
            ...(typeof version === "string" ? { version } : {}),
            statements: known,
            // Of the known statements only: the document's length is not known yet.
            length,
        },
        unknown,
    };
}
