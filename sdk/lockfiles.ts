// Lockfiles, by the name their tool gives them: the exact versions a build installs, direct and
// transitive. Each reader returns every package it lists; `fail` says what is wrong, with the line
// or key.
import { comparePackageVersions } from "../components/identity/sdkPackages";
import { FoundPackage, normalName } from "./purl";

type Fail = (what: string) => never;
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function parseJson(text: string, fail: Fail): unknown {
    try {
        return JSON.parse(text);
    } catch (e) {
        return fail(`is not valid JSON (${(e as Error).message})`);
    }
}

/**
 * npm's package-lock.json (docs.npmjs.com, package-lock-json): lockfileVersion 2 and 3 list
 * `packages` by install path (`node_modules/a/node_modules/@scope/b`), version 1 nests
 * `dependencies`.
 */
function packageLock(text: string, fail: Fail): FoundPackage[] {
    const doc = parseJson(text, fail);
    if (!isObject(doc)) {
        return fail("is not a package-lock.json: its top level is not an object");
    }
    const found: FoundPackage[] = [];
    if (doc.packages !== undefined) {
        if (!isObject(doc.packages)) {
            return fail("packages is not an object of install paths");
        }
        for (const [where, entry] of Object.entries(doc.packages)) {
            const at = where.lastIndexOf("node_modules/");
            // "" is the project itself; a workspace link has no version of its own.
            if (at < 0 || !isObject(entry) || entry.link === true) {
                continue;
            }
            if (typeof entry.version !== "string") {
                return fail(`packages["${where}"].version is missing`);
            }
            found.push({
                ecosystem: "npm",
                name: where.slice(at + "node_modules/".length),
                version: entry.version,
            });
        }
        return found;
    }
    const walk = (deps: unknown, at: string) => {
        if (deps === undefined) {
            return;
        }
        if (!isObject(deps)) {
            fail(`${at} is not an object`);
        }
        for (const [name, entry] of Object.entries(deps as Json)) {
            if (!isObject(entry) || typeof entry.version !== "string") {
                fail(`${at}["${name}"].version is missing`);
            }
            const e = entry as Json;
            found.push({ ecosystem: "npm", name, version: e.version as string });
            walk(e.dependencies, `${at}["${name}"].dependencies`);
        }
    };
    if (doc.dependencies === undefined) {
        return fail("has neither packages (lockfileVersion 2, 3) nor dependencies (lockfileVersion 1)");
    }
    walk(doc.dependencies, "dependencies");
    return found;
}

/**
 * A pinned requirements.txt (pip freeze, pip-compile): `name==version`, extras and environment
 * markers allowed (pip.pypa.io, requirements-file-format). A line that names a package without
 * pinning it cannot say what is installed: refused when it is an AWS SDK package (`isSdk`).
 */
function requirements(text: string, fail: Fail, isSdk: (p: FoundPackage) => boolean): FoundPackage[] {
    const found: FoundPackage[] = [];
    // A backslash continues the line (hashes are often written so).
    const lines = text.replace(/\\\r?\n/g, " ").split(/\r?\n/);
    lines.forEach((raw, i) => {
        const line = raw.replace(/(^|\s)#.*$/, "").trim();
        if (line === "" || line.startsWith("-")) {
            return;
        }
        const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/.exec(line);
        if (!m) {
            return;
        }
        const name = normalName("pypi", m[1]);
        const spec = m[3].split(";")[0].split(/\s--/)[0].trim();
        const pinned = /^===?\s*([^\s,]+)$/.exec(spec);
        if (pinned) {
            found.push({ ecosystem: "pypi", name, version: pinned[1] });
        } else if (isSdk({ ecosystem: "pypi", name, version: "" })) {
            fail(
                `line ${i + 1}: ${m[1]} is not pinned (${spec || "no version"}): pin it with == (pip freeze, pip-compile) so the file says what is installed`,
            );
        }
    });
    return found;
}

/**
 * `[[package]]` tables of a TOML lockfile (poetry.lock, Cargo.lock): their top-level `name` and
 * `version` keys; sub-tables (`[package.dependencies]`) are skipped.
 */
function tomlPackages(text: string, ecosystem: string, fail: Fail): FoundPackage[] {
    const found: FoundPackage[] = [];
    let current: { name?: string; version?: string; line: number } | undefined;
    const close = () => {
        if (current) {
            if (current.name === undefined || current.version === undefined) {
                fail(
                    `line ${current.line}: [[package]] without ${current.name === undefined ? "name" : "version"}`,
                );
            }
            found.push({ ecosystem, name: normalName(ecosystem, current.name!), version: current.version! });
        }
        current = undefined;
    };
    let inPackage = false;
    text.split(/\r?\n/).forEach((raw, i) => {
        const line = raw.trim();
        if (line.startsWith("[")) {
            if (line === "[[package]]") {
                close();
                current = { line: i + 1 };
                inPackage = true;
            } else {
                inPackage = false;
            }
            return;
        }
        const kv = /^(name|version)\s*=\s*"([^"]*)"\s*$/.exec(line);
        if (inPackage && current && kv) {
            current[kv[1] as "name" | "version"] = kv[2];
        }
    });
    close();
    return found;
}

/**
 * go.sum: `module version hash` and `module version/go.mod hash` lines (go.dev/ref/mod, go.sum
 * files). The `/go.mod` lines also name versions the build only considered; the modules whose
 * content is in the build have a line without it, and of several, minimal version selection
 * builds with the highest.
 */
function goSum(text: string, fail: Fail): FoundPackage[] {
    const highest = new Map<string, string>();
    text.split(/\r?\n/).forEach((raw, i) => {
        const line = raw.trim();
        if (line === "") {
            return;
        }
        const m = /^(\S+)\s+(\S+)\s+h1:\S+$/.exec(line);
        if (!m) {
            fail(`line ${i + 1} is not "module version h1:hash"`);
        }
        const [, module, version] = m!;
        if (version.endsWith("/go.mod")) {
            return;
        }
        const seen = highest.get(module);
        if (seen === undefined || (comparePackageVersions(version, seen) ?? 0) > 0) {
            highest.set(module, version);
        }
    });
    return [...highest].map(([name, version]) => ({ ecosystem: "golang", name, version }));
}

/**
 * go.mod's `require` directives, single or in a block (go.dev/ref/mod, go-mod-file-require). From
 * Go 1.17 on, go.mod lists every module that provides a package to the build, `// indirect` ones
 * too. A `replace` of an AWS module is refused: the version built is then not the one required.
 */
function goMod(text: string, fail: Fail, isSdk: (p: FoundPackage) => boolean): FoundPackage[] {
    const found: FoundPackage[] = [];
    let block: string | undefined;
    text.split(/\r?\n/).forEach((raw, i) => {
        const line = raw.replace(/\/\/.*$/, "").trim();
        if (line === "") {
            return;
        }
        if (block !== undefined) {
            if (line === ")") {
                block = undefined;
                return;
            }
        } else {
            const open = /^(\w+)\s*\($/.exec(line);
            if (open) {
                block = open[1];
                return;
            }
        }
        const directive = block ?? line.split(/\s+/)[0];
        const args = block !== undefined ? line : line.slice(directive.length).trim();
        if (directive === "require") {
            const m = /^(\S+)\s+(\S+)$/.exec(args);
            if (!m) {
                fail(`line ${i + 1}: require "${args}" is not "module version"`);
            }
            found.push({ ecosystem: "golang", name: m![1], version: m![2] });
        } else if (directive === "replace") {
            const from = args.split(/\s+/)[0];
            if (isSdk({ ecosystem: "golang", name: from, version: "" })) {
                fail(
                    `line ${i + 1}: replace ${from}: the version built is not the one required; give go.sum, or an SBOM of the built binary`,
                );
            }
        }
    });
    return found;
}

/**
 * Gemfile.lock: the `specs:` of its GEM section, `    name (version)` at four spaces (six are a
 * gem's own dependencies); a platform suffix (`-x86_64-linux`) is not part of the version.
 */
function gemfileLock(text: string, fail: Fail): FoundPackage[] {
    const found: FoundPackage[] = [];
    let section = "";
    let inSpecs = false;
    text.split(/\r?\n/).forEach((line) => {
        if (/^\S/.test(line)) {
            section = line.trim();
            inSpecs = false;
            return;
        }
        if (line.trim() === "specs:") {
            inSpecs = section === "GEM";
            return;
        }
        const m = /^ {4}([^\s(]+) \(([^)]+)\)$/.exec(line);
        if (inSpecs && m) {
            found.push({ ecosystem: "gem", name: m[1], version: m[2].replace(/-[a-z][\w-]*$/, "") });
        }
    });
    if (!text.split(/\r?\n/).includes("GEM")) {
        return fail("has no GEM section: is it a Gemfile.lock (bundle lock)?");
    }
    return found;
}

/**
 * NuGet's packages.lock.json: `dependencies` by target framework, each package with the version
 * it `resolved` to (learn.microsoft.com, NuGet "Enable repeatable package restores").
 */
function nugetLock(text: string, fail: Fail): FoundPackage[] {
    const doc = parseJson(text, fail);
    if (!isObject(doc) || !isObject(doc.dependencies)) {
        return fail(
            "has no dependencies object: is it a NuGet packages.lock.json (RestorePackagesWithLockFile)?",
        );
    }
    const found: FoundPackage[] = [];
    for (const [framework, packages] of Object.entries(doc.dependencies)) {
        if (!isObject(packages)) {
            return fail(`dependencies["${framework}"] is not an object`);
        }
        for (const [name, entry] of Object.entries(packages)) {
            // Project references resolve to nothing: they are built, not downloaded.
            if (isObject(entry) && entry.type === "Project") {
                continue;
            }
            if (!isObject(entry) || typeof entry.resolved !== "string") {
                return fail(`dependencies["${framework}"]["${name}"].resolved is missing`);
            }
            found.push({ ecosystem: "nuget", name, version: entry.resolved });
        }
    }
    return found;
}

/** composer.lock: `packages` and `packages-dev`, each with `name` and `version` (getcomposer.org). */
function composerLock(text: string, fail: Fail): FoundPackage[] {
    const doc = parseJson(text, fail);
    if (!isObject(doc) || !Array.isArray(doc.packages)) {
        return fail("has no packages list: is it a composer.lock?");
    }
    const found: FoundPackage[] = [];
    for (const key of ["packages", "packages-dev"]) {
        const list = doc[key] ?? [];
        if (!Array.isArray(list)) {
            return fail(`${key} is not a list`);
        }
        list.forEach((p, i) => {
            if (!isObject(p) || typeof p.name !== "string" || typeof p.version !== "string") {
                fail(`${key}[${i}] has no name and version`);
            }
            const e = p as Json;
            found.push({
                ecosystem: "composer",
                name: e.name as string,
                version: (e.version as string).replace(/^v/, ""),
            });
        });
    }
    return found;
}

/**
 * Gradle's dependency lock file: `group:artifact:version=configurations` lines, `#` comments and
 * `empty=` (docs.gradle.org, dependency_locking).
 */
function gradleLockfile(text: string, fail: Fail): FoundPackage[] {
    const found: FoundPackage[] = [];
    text.split(/\r?\n/).forEach((raw, i) => {
        const line = raw.trim();
        if (line === "" || line.startsWith("#") || line.startsWith("empty=")) {
            return;
        }
        const m = /^([^:=\s]+):([^:=\s]+):([^:=\s]+)=/.exec(line);
        if (!m) {
            fail(`line ${i + 1} is not "group:artifact:version=configurations"`);
        }
        found.push({ ecosystem: "maven", name: `${m![1]}/${m![2]}`, version: m![3] });
    });
    return found;
}

/** The lockfiles read, by file name. */
export const LOCKFILES: Record<
    string,
    (text: string, fail: Fail, isSdk: (p: FoundPackage) => boolean) => FoundPackage[]
> = {
    "package-lock.json": packageLock,
    "requirements.txt": requirements,
    "poetry.lock": (text, fail) => tomlPackages(text, "pypi", fail),
    "go.sum": goSum,
    "go.mod": goMod,
    "Gemfile.lock": gemfileLock,
    "packages.lock.json": nugetLock,
    "composer.lock": composerLock,
    "Cargo.lock": (text, fail) => tomlPackages(text, "cargo", fail),
    "gradle.lockfile": gradleLockfile,
};

/** The lockfile reader for a file name: requirements files are often named `requirements-*.txt`. */
export function lockfileKind(basename: string): string | undefined {
    if (basename in LOCKFILES) {
        return basename;
    }
    return /^requirements[\w.-]*\.txt$/.test(basename) ? "requirements.txt" : undefined;
}
