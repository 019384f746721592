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
    /**
     * Each partly unknown statement twice, its unknown leaves filled two different ways (see
     * {@link literalViews}): what a check finds in both holds whatever the unknowns turn out to be.
     */
    literal: LiteralView[];
}

/** One partly unknown statement, parsed with its unknowns filled in, and what was filled in. */
export interface LiteralView {
    index: number;
    variants: { statement: ParsedStatement; filled: string[] }[];
}

/** The text a filled-in unknown is shown as in a finding. */
export const FILLED = "(unknown at preview)";

/**
 * Fills the unknown leaves of one statement two ways, to check its literal parts: a Federated
 * principal as the OIDC provider of the issuer its literal condition keys name (the value
 * consistent with them; a placeholder provider when they name none), every other unknown as a
 * placeholder that differs between the two fillings. A finding made in both fillings that does
 * not mention a filled value (shown as {@link FILLED}) depends on the literal parts only: a
 * `system:serviceaccount:*:*` under StringLike next to an unknown provider ARN. What depends on
 * the unknowns stays undetermined.
 */
export function literalViews(item: Record<string, unknown>, index: number): LiteralView | undefined {
    const issuer = conditionIssuer(item);
    const variants: LiteralView["variants"] = [];
    const provider = `arn:aws:iam::000000000000:oidc-provider/${issuer ?? "oidc.eks.preview-unknown.amazonaws.com/id/00000000000000000000000000000000"}`;
    for (const k of [0, 1]) {
        const filled: string[] = [];
        const fill = (value: unknown, path: string): unknown => {
            if (value === UNKNOWN) {
                const text = /(^|\.)Federated$/.test(path) ? provider : `preview-unknown-${k}`;
                filled.push(text);
                return text;
            }
            if (Array.isArray(value)) {
                return value.map((v, i) => fill(v, `${path}[${i}]`));
            }
            if (isRecord(value)) {
                return Object.fromEntries(
                    Object.entries(value).map(([key, v]) => [key, fill(v, path ? `${path}.${key}` : key)]),
                );
            }
            return value;
        };
        try {
            const parsed = parsePolicy({ Statement: fill(item, "") });
            variants.push({ statement: { ...parsed.statements[0], index }, filled });
        } catch (e) {
            if (e instanceof PolicyParseError) {
                return undefined;
            }
            throw e;
        }
    }
    return { index, variants };
}

/** The issuer (host/path) a statement's literal OIDC condition keys name (`<issuer>:sub`), if any. */
function conditionIssuer(item: Record<string, unknown>): string | undefined {
    const condition = item.Condition;
    if (!isRecord(condition)) {
        return undefined;
    }
    for (const block of Object.values(condition)) {
        if (isRecord(block)) {
            for (const key of Object.keys(block)) {
                const match = /^([^:]+\/[^:]+):(sub|aud|amr)$/.exec(key);
                if (match) {
                    return match[1];
                }
            }
        }
    }
    return undefined;
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
    const literal: LiteralView[] = [];
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
            const view = isRecord(item) ? literalViews(item, index) : undefined;
            if (view) {
                literal.push(view);
            }
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
        literal,
    };
}
