// Package URLs, as CycloneDX (`components[].purl`) and SPDX (`externalRefs`, referenceType purl)
// name packages: pkg:type/namespace/name@version?qualifiers#subpath
// (github.com/package-url/purl-spec, PURL-SPECIFICATION.rst).

/** A package found in an SBOM or a lockfile: its ecosystem (purl type), name and version. */
export interface FoundPackage {
    ecosystem: string;
    /** `namespace/name` where the ecosystem has namespaces (npm scope, Maven group, Go module path). */
    name: string;
    /** "" when the source gives none. */
    version: string;
}

/** PyPI compares names after PEP 503 normalisation: case and runs of `-_.` do not matter. */
export function normalName(ecosystem: string, name: string): string {
    return ecosystem === "pypi" ? name.toLowerCase().replace(/[-_.]+/g, "-") : name;
}

/** The package a purl names (version "" when it has none), or undefined when it is not a purl. */
export function parsePurl(purl: string): FoundPackage | undefined {
    const m = /^pkg:([A-Za-z.+-][A-Za-z0-9.+-]*)\/(.+)$/.exec(purl.trim());
    if (!m) {
        return undefined;
    }
    const ecosystem = m[1].toLowerCase();
    // Subpath and qualifiers come after the version; none of them names the package.
    const rest = m[2].split("#")[0].split("?")[0];
    // The version is after the last `@`; a scope's own `@` (npm) comes first, when not encoded.
    const at = rest.lastIndexOf("@");
    const hasVersion = at > 0;
    const segments = (hasVersion ? rest.slice(0, at) : rest)
        .split("/")
        .filter((s) => s !== "")
        .map(decode);
    const version = hasVersion ? decode(rest.slice(at + 1)) : "";
    if (segments.length === 0 || segments.some((s) => s === undefined) || version === undefined) {
        return undefined;
    }
    return { ecosystem, name: normalName(ecosystem, segments.join("/")), version };
}

function decode(s: string): string | undefined {
    try {
        return decodeURIComponent(s);
    } catch {
        return undefined;
    }
}
