// Reading a Pulumi.<stack>.yaml as the Pulumi CLI reads it, so the offline plan plans what
// `pulumi up` would deploy, and every way the file differs from what it seems to say is told
// with its line, column and key path.
//
// How the CLI reads it (pulumi/pulumi, sdk/go/common/workspace/loaders.go, LoadProjectStack and
// LoadProjectStackBytes; sdk/go/common/encoding/marshal.go, yamlMarshaler.Unmarshal):
// - readFileStripUTF8BOM drops a UTF-8 byte-order mark at the start of the file, then
//   gopkg.in/yaml.v3 (v3.0.1, sdk/go.mod) `yaml.Unmarshal` decodes it into `any`.
// - yaml.v3 (yaml.go `unmarshal`) decodes only the FIRST document of the stream: any later
//   `---` document is silently ignored, so config written there never applies.
// - yaml.v3 resolves merge keys `<<` (decode.go `merge`, `isMerge`): a map, an alias of one or a
//   list of them; the map's own keys win over merged ones, earlier sources over later ones;
//   anything else as a merge value fails ("map merge requires map or sequence of maps").
// - Anchors and aliases are expanded (the CLI re-marshals the decoded value); an alias of an
//   unknown anchor fails, and so does "excessive aliasing" (decode.go `allowedAliasRatio`).
// - A key given twice in one map fails the whole file (decode.go `mapping`, `uniqueKeys`:
//   "mapping key ... already defined"); the comparison is on the key's text, so `a` and `'a'`
//   (or `1` and "1") are the same key.
// - A top level that is not a map fails (project.go SimplifyMarshalledProject: "expected project
//   to be an object"); `config:` that is not a map fails (config.Map.UnmarshalYAML); other top
//   level keys than those of workspace.ProjectStack are ignored without a word.
// - Config keys without a namespace get the project's (loaders.go
//   stackConfigNamespacedWithProject): `accountId:` is `platform:accountId`; config.ParseKey
//   takes `ns:name` and the old `ns:config:name`, and refuses any other key with colons.
// - Plain scalars are resolved by yaml.v3's resolve.go, not YAML 1.2's core schema: integers go
//   through Go's strconv.ParseInt(base 0) after dropping `_` (`010` is 8, `1_000` is 1000,
//   `0b11` is 3), unquoted dates are timestamps, `.inf`/`.nan` are floats. Config values reach
//   the program as JSON (config/object.go MarshalString, json.Marshal), which has no infinity or
//   NaN ("json: unsupported value"), and a timestamp reaches it as Go's time.Time.String().
// - CRLF line ends are line breaks to yaml.v3 (libyaml's reader), as to the `yaml` package.
import {
    Alias,
    Document,
    isAlias,
    isMap,
    isPair,
    isScalar,
    isSeq,
    LineCounter,
    Node,
    parseAllDocuments,
    visit,
    YAMLError,
} from "yaml";
import { LocatedProblem, NAMESPACE } from "./problems";

export interface Location {
    /** 1-based. */
    line: number;
    /** 1-based. */
    column: number;
}

export interface StackYaml {
    /** The config bag as the CLI hands it to the program, or undefined when the file gives none. */
    config: Record<string, unknown> | undefined;
    /** What is wrong with the file itself, each with its line, column and key path. */
    problems: LocatedProblem[];
    /** YAML syntax errors: the config read around them is a guess, so only the problems count. */
    broken: boolean;
    /** Where a key path (`platform:cluster.clusterName`) is written. */
    locate(path: string): Location | undefined;
}

/** The top-level keys of workspace.ProjectStack (project.go); the CLI ignores any other. */
const STACK_FILE_KEYS = ["config", "environment", "secretsprovider", "encryptedkey", "encryptionsalt"];

/** `at line 3, column 5: ` */
export function at(location: Location): string {
    return `at line ${location.line}, column ${location.column}: `;
}

/** Decodes the file's bytes as the CLI does: a UTF-8 BOM dropped, invalid UTF-8 refused. */
export function decodeStackFile(bytes: Buffer): { text: string; problems: LocatedProblem[] } {
    let body = bytes;
    if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
        body = body.subarray(3);
    }
    // yaml.v3 also reads UTF-16 with its byte-order mark (libyaml's yaml_parser_determine_encoding).
    if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) {
        return { text: body.subarray(2).toString("utf16le"), problems: [] };
    }
    if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) {
        const swapped = Buffer.from(body.subarray(2));
        swapped.swap16();
        return { text: swapped.toString("utf16le"), problems: [] };
    }
    try {
        return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), problems: [] };
    } catch {
        // Find the first bad byte for the position (yaml.v3: "invalid leading UTF-8 octet").
        let good = 0;
        for (let end = 1; end <= body.length; end++) {
            try {
                new TextDecoder("utf-8", { fatal: true }).decode(body.subarray(good, end));
                good = end;
            } catch {
                if (end - good >= 4 || end === body.length) {
                    break;
                }
            }
        }
        const before = body.subarray(0, good).toString("utf8");
        const lines = before.split("\n");
        const location = { line: lines.length, column: [...lines[lines.length - 1]].length + 1 };
        return {
            text: "",
            problems: [
                {
                    propertyPath: "(file)",
                    ...location,
                    reason: `${at(location)}the file is not UTF-8 text (byte 0x${body[good].toString(16).padStart(2, "0")} at offset ${good} starts no UTF-8 character), which Pulumi refuses: save it as UTF-8`,
                },
            ],
        };
    }
}

/** Reads a stack file's text. `project` is the namespace of keys written without one. */
export function readStackYaml(source: string, project = NAMESPACE): StackYaml {
    const text = source.startsWith("\uFEFF") ? source.slice(1) : source;
    const tooDeep = deepestNesting(text);
    if (tooDeep) {
        const problem = { propertyPath: "(file)", ...tooDeep, reason: `${at(tooDeep)}${TOO_DEEP}` };
        return { config: undefined, problems: [problem], broken: true, locate: () => undefined };
    }
    const lines = new LineCounter();
    const parsed = parseAllDocuments(text, {
        lineCounter: lines,
        // Merges and duplicate keys are resolved below, as yaml.v3 does.
        merge: false,
        uniqueKeys: false,
        prettyErrors: false,
    });
    const docs = Array.isArray(parsed) ? parsed : [];
    const reader = new Reader(lines, project);
    reader.controlCharacters(text);
    let root: unknown = undefined;
    if (docs.length > 0) {
        root = reader.document(docs[0]);
    }
    docs.slice(1).forEach((doc, i) => {
        if (doc.contents !== null && !(isScalar(doc.contents) && doc.contents.value === null)) {
            const location = reader.position(doc.range[0]);
            reader.problem(
                "(file)",
                location,
                `the file holds a YAML document number ${i + 2} (after a \`---\` line), which Pulumi never reads: it reads only the first document of a stack file, so everything in this one would silently not apply; move its keys into the first document and delete the \`---\` line`,
            );
        }
    });
    const syntax = docs.flatMap((doc) => doc.errors);
    const config = reader.configOf(root, docs.length === 0 ? undefined : docs[0]);
    if (syntax.length > 0) {
        // What was read around a syntax error is the parser's guess: only the file's own problems count.
        reader.problems.splice(
            0,
            reader.problems.length,
            ...reader.problems.filter(
                (p) => p.propertyPath === "(file)" && /control character/.test(p.reason),
            ),
        );
        // yaml.v3 stops at the first one; what the `yaml` package reports after it is mostly its
        // recovery's echo, so only the first is told.
        reader.syntaxError(syntax[0], text);
    }
    for (const warning of docs.flatMap((doc) => doc.warnings)) {
        reader.syntaxError(warning, text);
    }
    return {
        config,
        problems: reader.problems,
        broken: syntax.length > 0,
        locate: (path) => reader.positions.get(path),
    };
}

/**
 * Deeper than this the `yaml` package runs out of stack (near 1,000 levels of [ ); yaml.v3 stops
 * at 10,000 ("exceeded max depth", scannerc.go max_flow_level and max_indents). A stack config
 * nests fewer than 10 levels.
 */
const MAX_DEPTH = 200;

const TOO_DEEP = `values nest more than ${MAX_DEPTH} levels deep here, which no stack config needs (they nest fewer than 10) and which this reader does not follow (Pulumi's stops at 10,000): the file is generated or damaged; write the config out plainly`;

/** Where brackets or indentation first nest deeper than MAX_DEPTH, if they do. */
function deepestNesting(text: string): Location | undefined {
    let flow = 0;
    let quote: string | undefined;
    const indents: number[] = [];
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i <= text.length; i++) {
        const c = text[i];
        if (i === 0 || text[i - 1] === "\n") {
            if (i > 0) {
                line++;
                lineStart = i;
            }
            const indent = /^ */.exec(text.slice(i, i + (MAX_DEPTH + 1) * 8))![0].length;
            const first = text[i + indent];
            if (first !== undefined && first !== "\n" && first !== "\r" && first !== "#" && flow === 0) {
                while (indents.length > 0 && indents[indents.length - 1] >= indent) {
                    indents.pop();
                }
                indents.push(indent);
                if (indents.length > MAX_DEPTH) {
                    return { line, column: indent + 1 };
                }
            }
        }
        if (c === undefined || c === "\n") {
            continue;
        }
        if (quote) {
            if (c === quote) {
                quote = undefined;
            } else if (c === "\\" && quote === '"') {
                i++;
            }
        } else if (c === '"' || c === "'") {
            quote = c;
        } else if (c === "#" && (i === lineStart || /\s/.test(text[i - 1]))) {
            const end = text.indexOf("\n", i);
            i = (end === -1 ? text.length : end) - 1;
        } else if (c === "[" || c === "{") {
            flow++;
            if (flow > MAX_DEPTH) {
                return { line, column: i - lineStart + 1 };
            }
        } else if ((c === "]" || c === "}") && flow > 0) {
            flow--;
        }
    }
    return undefined;
}

interface Resolved {
    value: unknown;
    kind: "null" | "bool" | "int" | "float" | "timestamp" | "string" | "merge";
}

const RESOLVE_MAP: Record<string, Resolved> = (() => {
    const map: Record<string, Resolved> = {};
    const add = (value: unknown, kind: Resolved["kind"], spellings: string[]) =>
        spellings.forEach((s) => (map[s] = { value, kind }));
    // resolve.go resolveMapList.
    add(true, "bool", ["true", "True", "TRUE"]);
    add(false, "bool", ["false", "False", "FALSE"]);
    add(null, "null", ["", "~", "null", "Null", "NULL"]);
    add(NaN, "float", [".nan", ".NaN", ".NAN"]);
    add(Infinity, "float", [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]);
    add(-Infinity, "float", ["-.inf", "-.Inf", "-.INF"]);
    add("<<", "merge", ["<<"]);
    return map;
})();

/** resolve.go yamlStyleFloat. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt(s, 0, 64) (and ParseUint when `signed` is false), or undefined. */
function goParseInt(s: string, signed: boolean): bigint | undefined {
    const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
    if (!m || (!signed && m[1] !== "")) {
        return undefined;
    }
    const digits = m[2];
    const magnitude =
        /^0[0-7]+$/.test(digits) || /^0[oO]/.test(digits)
            ? BigInt(`0o${digits.replace(/^0[oO]?/, "")}`)
            : BigInt(digits.toLowerCase());
    const value = m[1] === "-" ? -magnitude : magnitude;
    if (signed ? value < INT64_MIN || value > INT64_MAX : value > UINT64_MAX) {
        return undefined;
    }
    return value;
}

/**
 * resolve.go parseTimestamp: YYYY- then one of allowedTimestampFormats ("2006-1-2T15:4:5.999999999Z07:00",
 * the same with a lower-case t, "2006-1-2 15:4:5.999999999", "2006-1-2"), a real date.
 */
function isGoTimestamp(s: string): boolean {
    const m =
        /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/.exec(
            s,
        );
    if (!m) {
        return false;
    }
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    const hour = Number(m[4] ?? m[7] ?? 0);
    const minute = Number(m[5] ?? m[8] ?? 0);
    const second = Number(m[6] ?? m[9] ?? 0);
    return (
        date.getUTCFullYear() === year &&
        date.getUTCMonth() === month - 1 &&
        date.getUTCDate() === day &&
        hour < 24 &&
        minute < 60 &&
        second < 60
    );
}

/** yaml.v3's resolve("", plain) for an untagged plain scalar. */
export function resolvePlain(plain: string): Resolved {
    if (plain in RESOLVE_MAP) {
        return RESOLVE_MAP[plain];
    }
    const hint = plain[0];
    if (hint === ".") {
        // strconv.ParseFloat on the text as written.
        return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(plain)
            ? { value: Number(plain), kind: "float" }
            : { value: plain, kind: "string" };
    }
    if (/[0-9+-]/.test(hint)) {
        if (isGoTimestamp(plain)) {
            return { value: plain, kind: "timestamp" };
        }
        const digits = plain.replace(/_/g, "");
        const int = goParseInt(digits, true) ?? goParseInt(digits, false);
        if (int !== undefined) {
            return { value: Number(int), kind: "int" };
        }
        if (YAML_STYLE_FLOAT.test(digits)) {
            return { value: Number(digits), kind: "float" };
        }
    }
    return { value: plain, kind: "string" };
}

/** The tags yaml.v3 knows (resolve.go); other tags it ignores, reading the plain text. */
const KNOWN_TAGS = new Set(
    ["str", "int", "float", "bool", "null", "binary", "timestamp", "merge", "map", "seq"].map(
        (t) => `tag:yaml.org,2002:${t}`,
    ),
);

/** Thrown to stop decoding, as yaml.v3 fails the whole file ("excessive aliasing"). */
class Abort extends Error {}

/** decode.go allowedAliasRatio. */
function allowedAliasRatio(decodes: number): number {
    const low = 400_000;
    const high = 4_000_000;
    if (decodes <= low) {
        return 0.99;
    }
    if (decodes >= high) {
        return 0.1;
    }
    return 0.99 - 0.89 * ((decodes - low) / (high - low));
}

class Reader {
    readonly problems: LocatedProblem[] = [];
    readonly positions = new Map<string, Location>();
    /** Top-level keys that only hold an anchored value for aliases below (`defaults: &defaults`). */
    readonly anchorHolders = new Set<string>();
    private anchors = new Map<Alias, Node | undefined>();
    private readonly expanding = new Set<Node>();
    private decodes = 0;
    private aliasDecodes = 0;
    /** Above 0 inside an alias: the anchored value was read (and told about) where it is written. */
    private aliasDepth = 0;
    /** Where the alias being expanded is written in the document (not inside another anchor). */
    private outerAlias: Location | undefined;

    constructor(
        private readonly lines: LineCounter,
        private readonly project: string,
    ) {}

    position(offset: number): Location {
        const { line, col } = this.lines.linePos(offset);
        return { line: Math.max(line, 1), column: col };
    }

    problem(path: string, location: Location, reason: string): void {
        if (this.aliasDepth > 0) {
            return;
        }
        this.problems.push({ propertyPath: path, reason: `${at(location)}${reason}`, ...location });
    }

    /** YAML forbids control characters other than tab, line feed and carriage return (yaml.v3 refuses them). */
    controlCharacters(text: string): void {
        const re = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
        for (const m of text.matchAll(re)) {
            const code = m[0].charCodeAt(0);
            this.problem(
                "(file)",
                this.position(m.index),
                `a control character U+${code.toString(16).toUpperCase().padStart(4, "0")} is in the file, which YAML forbids and Pulumi refuses: delete it (a copy from a terminal or a binary file?)`,
            );
        }
    }

    document(doc: Document.Parsed): unknown {
        // An alias names the last anchor of that name written before it (visit goes in document order).
        this.anchors = new Map();
        const latest = new Map<string, Node>();
        visit(doc, {
            Node: (_key, node) => {
                if (isAlias(node)) {
                    this.anchors.set(node, latest.get(node.source));
                }
                if (node.anchor) {
                    latest.set(node.anchor, node);
                }
            },
        });
        try {
            return this.value(doc.contents, "");
        } catch (error) {
            if (error instanceof Abort) {
                return undefined;
            }
            throw error;
        }
    }

    private childPath(parent: string, key: string): string {
        if (parent === "") {
            return key;
        }
        if (parent === "config") {
            return this.configKey(key) ?? key;
        }
        return `${parent}.${key}`;
    }

    /** config.ParseKey after stackConfigNamespacedWithProject; undefined for a key it refuses. */
    configKey(key: string): string | undefined {
        const parts = key.split(":");
        if (parts.length === 1) {
            return `${this.project}:${key}`;
        }
        if (parts.length === 2) {
            return key;
        }
        if (parts.length === 3 && parts[1] === "config" && parts[0] !== "" && parts[2] !== "") {
            return `${parts[0]}:${parts[2]}`;
        }
        return undefined;
    }

    private start(node: Node | null | undefined): number {
        return node?.range?.[0] ?? 0;
    }

    private value(node: Node | null | undefined, path: string): unknown {
        this.decodes++;
        if (this.aliasDepth > 0) {
            this.aliasDecodes++;
        }
        if (
            this.aliasDecodes > 100 &&
            this.decodes > 1000 &&
            this.aliasDecodes / this.decodes > allowedAliasRatio(this.decodes)
        ) {
            this.aliasDepth = 0;
            this.problem(
                "(file)",
                this.outerAlias ?? this.position(this.start(node)),
                `the anchors and aliases expand to ${this.decodes} values, almost all of them copies, which Pulumi refuses as excessive aliasing (a "billion laughs" file): write the values out, or alias fewer`,
            );
            throw new Abort();
        }
        if (node === null || node === undefined) {
            return null;
        }
        if (isAlias(node)) {
            return this.alias(node, path);
        }
        if (node.anchor && !this.expanding.has(node)) {
            // An alias inside the value it names (`&a [*a]`) is told by alias().
            this.expanding.add(node);
            try {
                return this.value(node, path);
            } finally {
                this.expanding.delete(node);
                this.decodes--;
            }
        }
        if (isScalar(node)) {
            return this.scalar(node, path);
        }
        if (isMap(node)) {
            return this.map(node, path);
        }
        if (isSeq(node)) {
            return node.items.map((item, i) => this.value(item as Node, `${path}[${i}]`));
        }
        return null;
    }

    private alias(node: Alias, path: string): unknown {
        const target = this.anchors.get(node);
        const location = this.position(this.start(node));
        if (target === undefined) {
            this.problem(
                path || "(file)",
                location,
                `the alias *${node.source} names no anchor written before it, which Pulumi refuses ("unknown anchor"): write &${node.source} on the value to copy, above this line, or fix the spelling`,
            );
            return null;
        }
        if (this.expanding.has(target)) {
            this.problem(
                path || "(file)",
                location,
                `the alias *${node.source} is inside the value it copies, which would repeat forever and Pulumi refuses ("anchor value contains itself"): copy a value from outside`,
            );
            return null;
        }
        this.expanding.add(target);
        if (this.aliasDepth === 0) {
            this.outerAlias = location;
        }
        this.aliasDepth++;
        try {
            return this.value(target, path);
        } finally {
            this.aliasDepth--;
            this.expanding.delete(target);
        }
    }

    private scalar(node: import("yaml").Scalar, path: string): unknown {
        const location = this.position(this.start(node));
        const text = String(node.source ?? node.value ?? "");
        let value: unknown = node.value;
        if (node.tag !== undefined && !KNOWN_TAGS.has(node.tag) && node.tag !== "!") {
            this.problem(
                path || "(file)",
                location,
                `has the YAML tag ${node.tag}, which Pulumi ignores (it reads the text ${JSON.stringify(text)}): config values are plain data, nothing is evaluated; remove the tag`,
            );
            return text;
        }
        if (node.type === "PLAIN" && node.tag === undefined) {
            const resolved = resolvePlain(text);
            value = resolved.value;
            if (resolved.kind === "int" && /^[-+]?0[0-7_]*[0-7]$/.test(text) && /[1-7]/.test(text)) {
                // Go's ParseInt(base 0) reads a leading 0 as octal; YAML 1.2 and a reader see decimal.
                this.problem(
                    path,
                    location,
                    `${text} has a leading zero, so Pulumi reads it as the octal number ${String(value)} (Go's rule for a leading 0), not ${String(Number(text.replace(/_/g, "")))}: write it without the zero, or quote it if it is text`,
                );
            }
            if (resolved.kind === "timestamp") {
                this.problem(
                    path,
                    location,
                    `the unquoted date ${text} is read by Pulumi as a timestamp, and the program would get Go's text for it (such as "2024-01-02 00:00:00 +0000 UTC"), not ${JSON.stringify(text)}: quote it, "${text}"`,
                );
            }
        }
        if (typeof value === "number" && !Number.isFinite(value)) {
            this.problem(
                path,
                location,
                `${text} is ${Number.isNaN(value) ? "YAML's not-a-number" : "YAML's infinity"}, which Pulumi cannot hand to the program (config values travel as JSON, which has neither, so the CLI fails): write a finite number`,
            );
        }
        return value;
    }

    /** A key's text as the CLI compares and stores it, or undefined for a key it cannot use. */
    private keyText(key: unknown, path: string): string | undefined {
        if (key === null || key === undefined) {
            return "";
        }
        if (isScalar(key)) {
            const source = String(key.source ?? key.value ?? "");
            if (key.type === "PLAIN" && key.tag === undefined) {
                const resolved = resolvePlain(source);
                // Nested maps with such keys are map[any]any, whose keys the CLI prints with %v.
                if (
                    (resolved.kind === "int" || resolved.kind === "float") &&
                    path !== "config" &&
                    path !== ""
                ) {
                    return String(resolved.value);
                }
            }
            return source;
        }
        if (isAlias(key)) {
            return undefined;
        }
        return undefined;
    }

    private map(node: import("yaml").YAMLMap, path: string): Record<string, unknown> {
        const own = new Map<string, unknown>();
        const firstAt = new Map<string, Location>();
        const merges: { node: Node | null; location: Location }[] = [];
        for (const pair of node.items) {
            if (!isPair(pair)) {
                continue;
            }
            const keyNode = pair.key as Node | null;
            const valueNode = pair.value as Node | null;
            const keyStart = keyNode?.range?.[0] ?? valueNode?.range?.[0] ?? node.range?.[0] ?? 0;
            const location = this.position(keyStart);
            const isMerge =
                isScalar(keyNode) &&
                keyNode.source === "<<" &&
                (keyNode.tag === undefined || keyNode.tag === "tag:yaml.org,2002:merge") &&
                keyNode.type === "PLAIN";
            // yaml.v3 compares keys by their text, merge keys included.
            const compared = isMerge ? "<<" : isAlias(keyNode) ? `*${keyNode.source}` : this.rawKey(keyNode);
            if (compared !== undefined) {
                const first = firstAt.get(compared);
                if (first) {
                    const shown = isMerge ? "the merge key <<" : `the key ${JSON.stringify(compared)}`;
                    const where = path === "" ? "at the top of the file" : `in ${path}`;
                    this.problem(
                        isMerge
                            ? `${path}.<<`
                            : this.childPath(path, this.keyText(keyNode, path) ?? compared),
                        location,
                        `${shown} is written twice ${where}, first at line ${first.line}: Pulumi refuses the whole file when a map repeats a key (yaml.v3, "already defined"), and which value would count is not what a reader sees; keep one${isMerge ? " (merge several maps with one key: <<: [*a, *b])" : ""}`,
                    );
                } else {
                    firstAt.set(compared, location);
                }
            }
            if (isMerge) {
                merges.push({ node: valueNode, location });
                continue;
            }
            const key = this.keyText(keyNode, path);
            if (key === undefined) {
                this.problem(
                    path || "(file)",
                    location,
                    `a key that is ${isAlias(keyNode) ? "an alias" : "a list or a map"}: Pulumi takes only text as keys ("invalid map key"); write the key as text`,
                );
                continue;
            }
            const childPath = this.childPath(path, key);
            if (path === "" && valueNode?.anchor) {
                this.anchorHolders.add(key);
            }
            if (this.aliasDepth === 0) {
                this.positions.set(childPath, location);
            }
            own.set(key, this.value(valueNode, childPath));
        }
        for (const merge of merges) {
            this.merge(merge.node, merge.location, path, own);
        }
        return Object.fromEntries(own);
    }

    private rawKey(keyNode: Node | null): string | undefined {
        if (keyNode === null || keyNode === undefined) {
            return "";
        }
        return isScalar(keyNode) ? String(keyNode.source ?? keyNode.value ?? "") : undefined;
    }

    /** decode.go merge: keys already there win; of the sources, earlier ones win. */
    private merge(node: Node | null, location: Location, path: string, into: Map<string, unknown>): void {
        const sources = isSeq(node) ? (node.items as Node[]) : [node];
        for (const source of sources) {
            const target = isAlias(source) ? this.anchors.get(source) : source;
            if (!isMap(target)) {
                if (isAlias(source) && target === undefined) {
                    this.value(source, path); // tells the unknown anchor
                    continue;
                }
                this.problem(
                    `${path}.<<`,
                    isAlias(source) || isMap(source) || source === node
                        ? location
                        : this.position(this.start(source)),
                    `a merge key (<<) takes a map, an alias of one (<<: *defaults) or a list of them, which Pulumi requires ("map merge requires map or sequence of maps"); here it is given ${describeNode(target ?? null)}: alias a map written with &name, or write the keys out`,
                );
                continue;
            }
            const merged = this.value(source, path) as Record<string, unknown>;
            for (const [key, value] of Object.entries(merged)) {
                if (!into.has(key)) {
                    into.set(key, value);
                }
            }
        }
    }

    syntaxError(error: YAMLError, text: string): void {
        let location = this.position(error.pos[0]);
        const unclosed = /end with an? [\]}]|Expected .*flow|must end with/.test(error.message);
        const lines = text.split(/\r?\n/);
        if (unclosed) {
            // The parser notices at the next line; the mistake is where the bracket opens.
            const opened = unclosedBracket(lines, location.line - 1);
            if (opened) {
                location = opened;
            }
        }
        if (error.code === "TAG_RESOLVE_FAILED" && this.problems.some((p) => p.line === location.line)) {
            return; // Told by scalar(), with the value.
        }
        if (!unclosed && (error.code === "BAD_INDENT" || /without - indicator/.test(error.message))) {
            // Point at the misplaced text, not at the start of its line.
            const indent = /^[ \t]*/.exec(lines[location.line - 1] ?? "")![0].length;
            location = { line: location.line, column: indent + 1 };
        }
        const keys = keyPathAt(lines, location.line - 1, error.code === "TAB_AS_INDENT");
        let path = "";
        for (const key of keys) {
            path = key.startsWith("[") ? `${path}${key}` : this.childPath(path, key);
        }
        this.problems.push({
            propertyPath: path || "(file)",
            reason: `${at(location)}${unclosed ? UNCLOSED : syntaxReason(error)}`,
            ...location,
        });
    }

    /** The `config:` bag, its keys namespaced; problems for a file that gives none. */
    configOf(root: unknown, doc: Document.Parsed | undefined): Record<string, unknown> | undefined {
        const top = this.position(doc?.contents?.range?.[0] ?? 0);
        if (root === undefined || root === null) {
            if (!this.problems.some((p) => p.propertyPath === "(file)")) {
                this.problem(
                    "config",
                    top,
                    "the file has no config: section (it is empty): start it with `config:` and the stack's keys, as in stacks/Pulumi.dev.yaml",
                );
            }
            return undefined;
        }
        if (typeof root !== "object" || Array.isArray(root)) {
            this.problem(
                "(file)",
                top,
                `the file's top level is ${describeValueShape(root)}, which Pulumi refuses ("expected project to be an object"): a stack file is a map whose config: key holds the values, \`config:\\n  aws:region: us-west-2\``,
            );
            return undefined;
        }
        const file = root as Record<string, unknown>;
        for (const key of Object.keys(file)) {
            if (!STACK_FILE_KEYS.includes(key) && !this.anchorHolders.has(key)) {
                const near = STACK_FILE_KEYS.find(
                    (k) => k.toLowerCase() === key.toLowerCase() || distance(k, key) <= 2,
                );
                this.problem(
                    key,
                    this.positions.get(key) ?? top,
                    `is not a key of a stack file, and Pulumi ignores it without a word (it reads ${STACK_FILE_KEYS.map((k) => `${k}:`).join(", ")}), so nothing under it applies${near ? `: did you mean ${near}:?` : ": move its values under config: or delete it"}`,
                );
            }
        }
        if (file.environment !== undefined && file.environment !== null) {
            this.problem(
                "environment",
                this.positions.get("environment") ?? top,
                "imports Pulumi ESC environments, whose values only the Pulumi Cloud can open: the offline plan cannot know what they set, so it cannot plan this stack; write the values under config: for the plan, or plan with a copy of the file without environment:",
            );
        }
        const config = file.config;
        if (config === undefined || config === null) {
            this.problem(
                "config",
                this.positions.get("config") ?? top,
                config === null
                    ? "the config: section is empty: write the stack's keys under it, as in stacks/Pulumi.dev.yaml"
                    : "the file has no config: section: start it with `config:` and the stack's keys, as in stacks/Pulumi.dev.yaml",
            );
            return undefined;
        }
        if (typeof config !== "object" || Array.isArray(config)) {
            this.problem(
                "config",
                this.positions.get("config") ?? top,
                `must be a map of \`namespace:key: value\` lines; got ${describeValueShape(config)}, which Pulumi refuses ("cannot unmarshal"): indent the keys under config:, one \`key: value\` a line, without a leading "- "`,
            );
            return undefined;
        }
        const bag: Record<string, unknown> = {};
        const written = new Map<string, string>();
        for (const [key, value] of Object.entries(config)) {
            const location = this.positions.get(this.configKey(key) ?? key) ?? top;
            const namespaced = this.configKey(key);
            if (namespaced === undefined) {
                this.problem(
                    key,
                    location,
                    `is not a config key Pulumi can read ("could not parse ... as a configuration key"): a key is \`namespace:name\` with one colon (a path inside a value is written as nested keys), e.g. platform:cluster`,
                );
                continue;
            }
            const other = written.get(namespaced);
            if (other !== undefined) {
                this.problem(
                    namespaced,
                    location,
                    `is written twice, as ${JSON.stringify(other)} and ${JSON.stringify(key)}: a key without a namespace is the project's (${this.project}:), so both set ${namespaced}, and which one Pulumi keeps is left to chance (a Go map); keep one`,
                );
                continue;
            }
            written.set(namespaced, key);
            bag[namespaced] = value;
        }
        return bag;
    }
}

const UNCLOSED =
    "a [ or { opened here is not closed, so Pulumi refuses the file: close it with ] or } (on this line, or on a line indented further)";

/** The last line at or above `from` (0-based) with more [ and { than ] and }, and the bracket's place. */
function unclosedBracket(lines: string[], from: number): Location | undefined {
    for (let i = Math.min(from, lines.length - 1); i >= 0 && i >= from - 50; i--) {
        const line = lines[i].replace(/#.*$/, "").replace(/"[^"]*"|'[^']*'/g, (q) => " ".repeat(q.length));
        const open: number[] = [];
        [...line].forEach((c, col) => {
            if (c === "[" || c === "{") {
                open.push(col);
            } else if ((c === "]" || c === "}") && open.length > 0) {
                open.pop();
            }
        });
        if (open.length > 0) {
            return { line: i + 1, column: open[open.length - 1] + 1 };
        }
    }
    return undefined;
}

/**
 * The key path of a line (0-based), from indentation alone: after a syntax error the parser's
 * tree is a guess, but the lines above say where the line sits. Segments are keys and `[i]`.
 * With `beforeLine`, the path of the map the line is in (its own text is not read: a tab).
 */
export function keyPathAt(lines: string[], index: number, beforeLine = false): string[] {
    const stack: { indent: number; segment: string }[] = [];
    const last = beforeLine ? index - 1 : index;
    for (let i = 0; i <= last && i < lines.length; i++) {
        const line = lines[i];
        if (/^\s*(#.*)?$/.test(line) || /^(---|\.\.\.)(\s|$)/.test(line)) {
            continue;
        }
        let indent = /^[ \t]*/.exec(line)![0].length;
        let rest = line.slice(indent);
        while (/^-( |$)/.test(rest)) {
            while (stack.length > 0 && stack[stack.length - 1].indent > indent) {
                stack.pop();
            }
            const top = stack[stack.length - 1];
            if (top && top.indent === indent && top.segment.startsWith("[")) {
                top.segment = `[${Number(top.segment.slice(1, -1)) + 1}]`;
            } else {
                stack.push({ indent, segment: "[0]" });
            }
            const after = /^-\s*/.exec(rest)![0].length;
            indent += after;
            rest = rest.slice(after);
        }
        const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]},][^#]*?)\s*:(\s|$)/.exec(rest);
        if (key) {
            while (stack.length > 0 && stack[stack.length - 1].indent >= indent) {
                stack.pop();
            }
            const text = key[1].replace(/^["']|["']$/g, "");
            stack.push({ indent, segment: text });
        }
    }
    if (beforeLine && stack.length > 0 && !stack[stack.length - 1].segment.startsWith("[")) {
        const own = /^[ \t]*/.exec(lines[index] ?? "")![0].length;
        // The line above's key is a sibling unless the line is indented deeper than it.
        if (stack[stack.length - 1].indent >= own || own === 0) {
            stack.pop();
        }
    }
    return stack.map((s) => s.segment);
}

/** Messages of the `yaml` package that share a code but need another fix, in words. */
const BY_MESSAGE: [RegExp, string][] = [
    [
        /without - indicator|must start at the same column/,
        "this line is not in the column of the keys (or list items) beside it, so YAML cannot tell where it belongs and Pulumi refuses the file: indent it exactly as its siblings",
    ],
    [
        /Missing closing .?quote/,
        "a quote opened here is not closed, so Pulumi refuses the file: close it on this line",
    ],
    [
        /Missing , /,
        "two items in [ ] or { } without a comma between them, which Pulumi refuses: add the comma",
    ],
    [
        /Implicit map keys need to be followed by map values/,
        'a line with no "key:" where a key is expected (a missing colon?), which Pulumi refuses: write it as `key: value`',
    ],
    [
        /Comments must be separated/,
        "a # with no space before it, which YAML does not read as a comment and Pulumi refuses: put a space before the #, or quote the value",
    ],
];

function syntaxReason(error: YAMLError): string {
    const byMessage = BY_MESSAGE.find(([re]) => re.test(error.message));
    return byMessage?.[1] ?? SYNTAX[error.code] ?? GENERIC_SYNTAX;
}

const GENERIC_SYNTAX =
    "YAML cannot read this line, so Pulumi refuses the file: check the indentation, the colon after each key, and that quotes and brackets are closed";

/** The `yaml` package's error codes, in words, each with the fix. */
const SYNTAX: Partial<Record<YAMLError["code"], string>> = {
    BAD_INDENT:
        "the indentation is off, so YAML cannot tell which map or list this line belongs to and Pulumi refuses the file: start it in the same column as the keys (or list items) beside it, nested ones further right",
    TAB_AS_INDENT: "a tab indents this line, which YAML forbids and Pulumi refuses: indent with spaces",
    BLOCK_AS_IMPLICIT_KEY:
        'a second "key:" on one line (or a value containing ": "), which YAML cannot read and Pulumi refuses: put each key on its own line, or quote the value',
    MULTILINE_IMPLICIT_KEY:
        "a key runs over more than one line (a missing colon, or a value that goes on without quotes), which YAML cannot read and Pulumi refuses: end the key with a colon on its line, or quote the value",
    MISSING_CHAR:
        "a bracket or quote opened here is not closed, so Pulumi refuses the file: close the [ ], { } or quotes",
    UNEXPECTED_TOKEN:
        "a character YAML does not expect here (a stray bracket, comma or colon), so Pulumi refuses the file: delete it, or quote the value that holds it",
    BAD_DQ_ESCAPE:
        'a backslash in double quotes that is no YAML escape (such as "\\d"), which Pulumi refuses: write it in single quotes, or double the backslash',
    BAD_SCALAR_START:
        "a value starts with a character that YAML reserves (such as @, ` or %), which Pulumi refuses: quote the value",
    BLOCK_IN_FLOW:
        "a multi-line value inside [ ] or { }, which YAML cannot read and Pulumi refuses: keep the brackets on one line, or write the list with '- ' lines",
    KEY_OVER_1024_CHARS:
        "a key longer than 1024 characters, which YAML refuses (and so Pulumi): is a colon missing after a value that runs on?",
    MULTIPLE_ANCHORS: "a value with two anchors (&a &b), which YAML refuses (and so Pulumi): keep one",
    MULTIPLE_TAGS: "a value with two tags, which YAML refuses (and so Pulumi): keep one",
    BAD_PROP_ORDER:
        "an anchor or tag after the value it belongs to, which YAML refuses (and so Pulumi): write &name before the value",
    ALIAS_PROPS:
        "an alias (*name) with an anchor or tag of its own, which YAML refuses (and so Pulumi): remove them",
    BAD_ALIAS:
        "an alias (*name) that YAML cannot read, which Pulumi refuses: write * followed by the anchor's name",
    BAD_DIRECTIVE:
        "a % directive YAML does not know, which Pulumi refuses: delete the line (stack files need none)",
    BAD_COLLECTION_TYPE:
        "a list or map where YAML expects the other, which Pulumi refuses: check the indentation and the leading '- '",
    TAG_RESOLVE_FAILED:
        "a YAML tag (!name) Pulumi ignores, reading the plain data under it: config values are plain data, nothing is evaluated; remove the tag",
};

function describeNode(node: Node | null): string {
    if (node === null) {
        return "nothing";
    }
    if (isSeq(node)) {
        return "a list";
    }
    if (isScalar(node)) {
        return `the value ${JSON.stringify(node.source ?? node.value)}`;
    }
    return "a value that is no map";
}

function describeValueShape(value: unknown): string {
    if (Array.isArray(value)) {
        return "a list";
    }
    return `the ${typeof value} ${JSON.stringify(value)}`;
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let previous = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const current = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
            previous = current;
        }
    }
    return row[b.length];
}
