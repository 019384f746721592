// Look-alike and invisible characters in config keys and names. `pаyments-api` with a Cyrillic
// `а` reads as `payments-api` to a reviewer, but it is another name to AWS, Kubernetes and the
// policy pack; a zero-width space or a bidi control in a key hides what the key is. Each is told
// by code point, Unicode name and position, with the text as it should be.
//
// Sources:
// - Look-alikes: Unicode Technical Standard #39, "Unicode Security Mechanisms", data file
//   confusables.txt (https://www.unicode.org/Public/security/latest/confusables.txt): each row
//   below is a character it maps to the ASCII one given (for letters like I, confusables.txt's
//   prototype is `l`; the table gives the letter the character stands in for, which is the fix).
//   Full-width forms U+FF01..U+FF5E are confusables.txt's (and NFKC's) ASCII 0x21..0x7E.
// - Invisible characters: UTS #39 and UAX #31's default-ignorable format characters (general
//   category Cf); bidi controls: UAX #9, "Unicode Bidirectional Algorithm", the explicit
//   formatting characters (the "Trojan Source" attack, CVE-2021-42574).
// - Spaces: the Zs characters other than U+0020, which confusables.txt maps to U+0020.
// - Names: UnicodeData.txt (checked against Python's unicodedata, Unicode 14.0).
import { Problem } from "../../components";

type Kind = "lookalike" | "invisible" | "bidi" | "space";

interface Entry {
    name: string;
    kind: Kind;
    /** The ASCII text it stands for ("" for invisible and bidi characters). */
    ascii: string;
}

/** [code point, Unicode name, the ASCII character it looks like]. */
const LOOKALIKES: [number, string, string][] = [
    // Cyrillic
    [0x0430, "CYRILLIC SMALL LETTER A", "a"],
    [0x0435, "CYRILLIC SMALL LETTER IE", "e"],
    [0x043e, "CYRILLIC SMALL LETTER O", "o"],
    [0x0440, "CYRILLIC SMALL LETTER ER", "p"],
    [0x0441, "CYRILLIC SMALL LETTER ES", "c"],
    [0x0443, "CYRILLIC SMALL LETTER U", "y"],
    [0x0445, "CYRILLIC SMALL LETTER HA", "x"],
    [0x0455, "CYRILLIC SMALL LETTER DZE", "s"],
    [0x0456, "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I", "i"],
    [0x0458, "CYRILLIC SMALL LETTER JE", "j"],
    [0x04bb, "CYRILLIC SMALL LETTER SHHA", "h"],
    [0x0501, "CYRILLIC SMALL LETTER KOMI DE", "d"],
    [0x051b, "CYRILLIC SMALL LETTER QA", "q"],
    [0x051d, "CYRILLIC SMALL LETTER WE", "w"],
    [0x0405, "CYRILLIC CAPITAL LETTER DZE", "S"],
    [0x0406, "CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I", "I"],
    [0x0408, "CYRILLIC CAPITAL LETTER JE", "J"],
    [0x0410, "CYRILLIC CAPITAL LETTER A", "A"],
    [0x0412, "CYRILLIC CAPITAL LETTER VE", "B"],
    [0x0415, "CYRILLIC CAPITAL LETTER IE", "E"],
    [0x041a, "CYRILLIC CAPITAL LETTER KA", "K"],
    [0x041c, "CYRILLIC CAPITAL LETTER EM", "M"],
    [0x041d, "CYRILLIC CAPITAL LETTER EN", "H"],
    [0x041e, "CYRILLIC CAPITAL LETTER O", "O"],
    [0x0420, "CYRILLIC CAPITAL LETTER ER", "P"],
    [0x0421, "CYRILLIC CAPITAL LETTER ES", "C"],
    [0x0422, "CYRILLIC CAPITAL LETTER TE", "T"],
    [0x0425, "CYRILLIC CAPITAL LETTER HA", "X"],
    [0x04ae, "CYRILLIC CAPITAL LETTER STRAIGHT U", "Y"],
    [0x04c0, "CYRILLIC LETTER PALOCHKA", "l"],
    [0x051a, "CYRILLIC CAPITAL LETTER QA", "Q"],
    [0x051c, "CYRILLIC CAPITAL LETTER WE", "W"],
    // Greek
    [0x03b1, "GREEK SMALL LETTER ALPHA", "a"],
    [0x03b3, "GREEK SMALL LETTER GAMMA", "y"],
    [0x03b9, "GREEK SMALL LETTER IOTA", "i"],
    [0x03bd, "GREEK SMALL LETTER NU", "v"],
    [0x03bf, "GREEK SMALL LETTER OMICRON", "o"],
    [0x03c1, "GREEK SMALL LETTER RHO", "p"],
    [0x03c5, "GREEK SMALL LETTER UPSILON", "u"],
    [0x0391, "GREEK CAPITAL LETTER ALPHA", "A"],
    [0x0392, "GREEK CAPITAL LETTER BETA", "B"],
    [0x0395, "GREEK CAPITAL LETTER EPSILON", "E"],
    [0x0396, "GREEK CAPITAL LETTER ZETA", "Z"],
    [0x0397, "GREEK CAPITAL LETTER ETA", "H"],
    [0x0399, "GREEK CAPITAL LETTER IOTA", "I"],
    [0x039a, "GREEK CAPITAL LETTER KAPPA", "K"],
    [0x039c, "GREEK CAPITAL LETTER MU", "M"],
    [0x039d, "GREEK CAPITAL LETTER NU", "N"],
    [0x039f, "GREEK CAPITAL LETTER OMICRON", "O"],
    [0x03a1, "GREEK CAPITAL LETTER RHO", "P"],
    [0x03a4, "GREEK CAPITAL LETTER TAU", "T"],
    [0x03a5, "GREEK CAPITAL LETTER UPSILON", "Y"],
    [0x03a7, "GREEK CAPITAL LETTER CHI", "X"],
    // Latin letters outside ASCII
    [0x0131, "LATIN SMALL LETTER DOTLESS I", "i"],
    [0x0261, "LATIN SMALL LETTER SCRIPT G", "g"],
    // Punctuation that word processors and chat tools put in place of ASCII
    [0x2010, "HYPHEN", "-"],
    [0x2011, "NON-BREAKING HYPHEN", "-"],
    [0x2012, "FIGURE DASH", "-"],
    [0x2013, "EN DASH", "-"],
    [0x2212, "MINUS SIGN", "-"],
    [0x2024, "ONE DOT LEADER", "."],
    [0x0589, "ARMENIAN FULL STOP", ":"],
    [0x2236, "RATIO", ":"],
    [0x2044, "FRACTION SLASH", "/"],
    [0x2215, "DIVISION SLASH", "/"],
    [0x2018, "LEFT SINGLE QUOTATION MARK", "'"],
    [0x2019, "RIGHT SINGLE QUOTATION MARK", "'"],
    [0x201c, "LEFT DOUBLE QUOTATION MARK", '"'],
    [0x201d, "RIGHT DOUBLE QUOTATION MARK", '"'],
];

const INVISIBLE: [number, string][] = [
    [0x00ad, "SOFT HYPHEN"],
    [0x180e, "MONGOLIAN VOWEL SEPARATOR"],
    [0x200b, "ZERO WIDTH SPACE"],
    [0x200c, "ZERO WIDTH NON-JOINER"],
    [0x200d, "ZERO WIDTH JOINER"],
    [0x2060, "WORD JOINER"],
    [0xfeff, "ZERO WIDTH NO-BREAK SPACE"],
];

const BIDI: [number, string][] = [
    [0x061c, "ARABIC LETTER MARK"],
    [0x200e, "LEFT-TO-RIGHT MARK"],
    [0x200f, "RIGHT-TO-LEFT MARK"],
    [0x202a, "LEFT-TO-RIGHT EMBEDDING"],
    [0x202b, "RIGHT-TO-LEFT EMBEDDING"],
    [0x202c, "POP DIRECTIONAL FORMATTING"],
    [0x202d, "LEFT-TO-RIGHT OVERRIDE"],
    [0x202e, "RIGHT-TO-LEFT OVERRIDE"],
    [0x2066, "LEFT-TO-RIGHT ISOLATE"],
    [0x2067, "RIGHT-TO-LEFT ISOLATE"],
    [0x2068, "FIRST STRONG ISOLATE"],
    [0x2069, "POP DIRECTIONAL ISOLATE"],
];

const SPACES: [number, string][] = [
    [0x00a0, "NO-BREAK SPACE"],
    [0x1680, "OGHAM SPACE MARK"],
    [0x2000, "EN QUAD"],
    [0x2001, "EM QUAD"],
    [0x2002, "EN SPACE"],
    [0x2003, "EM SPACE"],
    [0x2004, "THREE-PER-EM SPACE"],
    [0x2005, "FOUR-PER-EM SPACE"],
    [0x2006, "SIX-PER-EM SPACE"],
    [0x2007, "FIGURE SPACE"],
    [0x2008, "PUNCTUATION SPACE"],
    [0x2009, "THIN SPACE"],
    [0x200a, "HAIR SPACE"],
    [0x202f, "NARROW NO-BREAK SPACE"],
    [0x205f, "MEDIUM MATHEMATICAL SPACE"],
    [0x3000, "IDEOGRAPHIC SPACE"],
];

/** The ASCII names full-width forms are named after ("FULLWIDTH " + the name). */
const ASCII_PUNCTUATION_NAMES: Record<string, string> = {
    "!": "EXCLAMATION MARK",
    '"': "QUOTATION MARK",
    "#": "NUMBER SIGN",
    $: "DOLLAR SIGN",
    "%": "PERCENT SIGN",
    "&": "AMPERSAND",
    "'": "APOSTROPHE",
    "(": "LEFT PARENTHESIS",
    ")": "RIGHT PARENTHESIS",
    "*": "ASTERISK",
    "+": "PLUS SIGN",
    ",": "COMMA",
    "-": "HYPHEN-MINUS",
    ".": "FULL STOP",
    "/": "SOLIDUS",
    ":": "COLON",
    ";": "SEMICOLON",
    "<": "LESS-THAN SIGN",
    "=": "EQUALS SIGN",
    ">": "GREATER-THAN SIGN",
    "?": "QUESTION MARK",
    "@": "COMMERCIAL AT",
    "[": "LEFT SQUARE BRACKET",
    "\\": "REVERSE SOLIDUS",
    "]": "RIGHT SQUARE BRACKET",
    "^": "CIRCUMFLEX ACCENT",
    _: "LOW LINE",
    "`": "GRAVE ACCENT",
    "{": "LEFT CURLY BRACKET",
    "|": "VERTICAL LINE",
    "}": "RIGHT CURLY BRACKET",
    "~": "TILDE",
};

function asciiName(c: string): string {
    if (/[0-9]/.test(c)) {
        return `DIGIT ${["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"][Number(c)]}`;
    }
    if (/[A-Z]/.test(c)) {
        return `LATIN CAPITAL LETTER ${c}`;
    }
    if (/[a-z]/.test(c)) {
        return `LATIN SMALL LETTER ${c.toUpperCase()}`;
    }
    return ASCII_PUNCTUATION_NAMES[c];
}

const TABLE: ReadonlyMap<number, Entry> = (() => {
    const table = new Map<number, Entry>();
    for (const [cp, name, ascii] of LOOKALIKES) {
        table.set(cp, { name, kind: "lookalike", ascii });
    }
    for (let cp = 0xff01; cp <= 0xff5e; cp++) {
        const ascii = String.fromCodePoint(cp - 0xfee0);
        table.set(cp, { name: `FULLWIDTH ${asciiName(ascii)}`, kind: "lookalike", ascii });
    }
    for (const [cp, name] of INVISIBLE) {
        table.set(cp, { name, kind: "invisible", ascii: "" });
    }
    for (const [cp, name] of BIDI) {
        table.set(cp, { name, kind: "bidi", ascii: "" });
    }
    for (const [cp, name] of SPACES) {
        table.set(cp, { name, kind: "space", ascii: " " });
    }
    return table;
})();

/** How many characters the table knows (for the docs and the tests). */
export const TABLE_SIZE = TABLE.size;

/** `U+0430 CYRILLIC SMALL LETTER A`, or undefined for a character the table does not hold. */
export function characterName(c: string): string | undefined {
    const cp = c.codePointAt(0)!;
    const entry = TABLE.get(cp);
    return entry && `${codePoint(cp)} ${entry.name}`;
}

function codePoint(cp: number): string {
    return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The text with non-ASCII characters written as \u escapes, so the message shows what is there. */
export function visible(text: string): string {
    return JSON.stringify(text).replace(
        /[^\x20-\x7e]/gu,
        (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, "0")}`,
    );
}

function what(entry: Entry): string {
    switch (entry.kind) {
        case "lookalike":
            return `which looks like "${entry.ascii}"`;
        case "invisible":
            return "which is invisible";
        case "bidi":
            return "a bidirectional control, which is invisible and reorders how the text around it is shown";
        case "space":
            return "which looks like a space";
    }
}

export interface Finding {
    /** 1-based, in characters (code points), as an editor counts them. */
    position: number;
    character: string;
    kind: Kind;
    description: string;
}

/**
 * The characters of `text` the table holds. `hiddenOnly` keeps only invisible and bidi characters
 * (for free text such as tag values, where a word in Greek or a no-break space is no mistake).
 */
export function findSuspicious(text: string, hiddenOnly = false): Finding[] {
    const found: Finding[] = [];
    [...text].forEach((c, i) => {
        const cp = c.codePointAt(0)!;
        const entry = TABLE.get(cp);
        if (entry && (!hiddenOnly || entry.kind === "invisible" || entry.kind === "bidi")) {
            found.push({
                position: i + 1,
                character: c,
                kind: entry.kind,
                description: `character ${i + 1} is ${codePoint(cp)} ${entry.name}, ${what(entry)}`,
            });
        }
    });
    return found;
}

/** The text with every character of the table replaced by its ASCII form (or removed). */
export function asAscii(text: string): string {
    return [...text].map((c) => TABLE.get(c.codePointAt(0)!)?.ascii ?? c).join("");
}

/** Texts longer than this (policy documents) get the fix in words, not the whole text again. */
const SHOWN = 80;

/** The reason for one key or value, or undefined when it holds nothing suspicious. */
export function suspiciousReason(
    text: string,
    what: "key" | "value",
    hiddenOnly = false,
): string | undefined {
    const found = findSuspicious(text, hiddenOnly);
    if (found.length === 0) {
        return undefined;
    }
    const fixed = asAscii(text);
    const fix =
        text.length > SHOWN
            ? "type each as the ASCII character it looks like, and delete the invisible ones"
            : what === "key"
              ? `rename the key to ${JSON.stringify(fixed)}`
              : `type it as ${JSON.stringify(fixed)}`;
    return `the ${what} ${text.length > SHOWN ? "" : `${visible(text)} `}is not what it looks like: ${found.map((f) => f.description).join("; ")}; AWS, Kubernetes, Pulumi and the policy pack compare code points, not looks: ${fix}`;
}

/** Keys whose values are free text (a tag value may be in any script): only hidden characters are refused there. */
const FREE_TEXT = new Set(["tags"]);

/**
 * Every key and string value of a config with a character of the table, each with its key path.
 * `secure:` values (ciphertext) are skipped.
 */
export function unicodeProblems(raw: Record<string, unknown>): Problem[] {
    const problems: Problem[] = [];
    const check = (text: string, path: string, what: "key" | "value", hiddenOnly: boolean) => {
        const reason = suspiciousReason(text, what, hiddenOnly);
        if (reason) {
            problems.push({ propertyPath: path, reason });
        }
    };
    const visit = (value: unknown, path: string, freeText: boolean): void => {
        if (typeof value === "string") {
            check(value, path, "value", freeText);
        } else if (Array.isArray(value)) {
            value.forEach((item, i) => visit(item, `${path}[${i}]`, false));
        } else if (typeof value === "object" && value !== null) {
            const entries = Object.entries(value);
            if (entries.length === 1 && entries[0][0] === "secure") {
                return;
            }
            const lastKey = path.split(/[.:]/).pop() ?? "";
            for (const [key, item] of entries) {
                check(key, `${path}.${key}`, "key", false);
                visit(item, `${path}.${key}`, FREE_TEXT.has(lastKey));
            }
        }
    };
    for (const [key, value] of Object.entries(raw)) {
        check(key, key, "key", false);
        visit(value, key, false);
    }
    return problems;
}
