// Software bills of materials in JSON: CycloneDX 1.4 to 1.6 and SPDX 2.2 and 2.3. Every package
// the document lists counts, whatever its depth: CycloneDX lists direct and transitive components
// alike (nested `components` too), SPDX lists every package in `packages`.
import { FoundPackage, parsePurl } from "./purl";

/** Input that cannot be read: the file and what is wrong with it, for exit code 2. */
export class SbomInputError extends Error {
    constructor(
        readonly file: string,
        readonly what: string,
    ) {
        super(`${file}: ${what}`);
    }
}

/** The CycloneDX JSON specification versions read (cyclonedx.org/specification/overview). */
export const CYCLONEDX_VERSIONS = ["1.4", "1.5", "1.6"];
/** The SPDX versions read, as `spdxVersion` writes them (spdx.github.io/spdx-spec/v2.3, 6.1). */
export const SPDX_VERSIONS = ["SPDX-2.2", "SPDX-2.3"];

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The packages of a parsed CycloneDX or SPDX document; `fail` says what is wrong, with its path. */
export function sbomPackages(doc: unknown, fail: (what: string) => never): FoundPackage[] {
    if (!isObject(doc)) {
        return fail("is not a CycloneDX or SPDX JSON document: its top level is not an object");
    }
    if (doc.bomFormat === "CycloneDX") {
        return cycloneDxPackages(doc, fail);
    }
    if (typeof doc.spdxVersion === "string") {
        return spdxPackages(doc, fail);
    }
    return fail(
        'is JSON but neither CycloneDX (bomFormat "CycloneDX") nor SPDX 2 (spdxVersion): give a CycloneDX or SPDX JSON SBOM, or a lockfile under its own name',
    );
}

function cycloneDxPackages(doc: Json, fail: (what: string) => never): FoundPackage[] {
    if (typeof doc.specVersion !== "string" || !CYCLONEDX_VERSIONS.includes(doc.specVersion)) {
        return fail(
            `specVersion ${JSON.stringify(doc.specVersion)} is not read: CycloneDX ${CYCLONEDX_VERSIONS.join(", ")} are (e.g. cdxgen --spec-version 1.5)`,
        );
    }
    const found: FoundPackage[] = [];
    const walk = (list: unknown, at: string) => {
        if (list === undefined) {
            return;
        }
        if (!Array.isArray(list)) {
            fail(`${at} is not a list`);
        }
        (list as unknown[]).forEach((c, i) => {
            const path = `${at}[${i}]`;
            if (!isObject(c)) {
                fail(`${path} is not an object`);
            }
            const component = c as Json;
            if (component.purl !== undefined) {
                if (typeof component.purl !== "string") {
                    fail(`${path}.purl is not a string`);
                }
                const pkg = parsePurl(component.purl as string);
                if (!pkg) {
                    fail(
                        `${path}.purl ${JSON.stringify(component.purl)} is not a package URL (pkg:type/name@version)`,
                    );
                }
                const version =
                    pkg!.version || (typeof component.version === "string" ? component.version : "");
                found.push({ ...pkg!, version });
            }
            walk(component.components, `${path}.components`);
        });
    };
    walk(doc.components, "components");
    return found;
}

function spdxPackages(doc: Json, fail: (what: string) => never): FoundPackage[] {
    if (!SPDX_VERSIONS.includes(doc.spdxVersion as string)) {
        return fail(
            `spdxVersion ${JSON.stringify(doc.spdxVersion)} is not read: ${SPDX_VERSIONS.join(", ")} JSON are`,
        );
    }
    if (doc.packages === undefined) {
        return [];
    }
    if (!Array.isArray(doc.packages)) {
        return fail("packages is not a list");
    }
    const found: FoundPackage[] = [];
    doc.packages.forEach((p, i) => {
        const path = `packages[${i}]`;
        if (!isObject(p)) {
            fail(`${path} is not an object`);
        }
        const refs = (p as Json).externalRefs ?? [];
        if (!Array.isArray(refs)) {
            fail(`${path}.externalRefs is not a list`);
        }
        (refs as unknown[]).forEach((r, j) => {
            // 2.2 writes the category PACKAGE_MANAGER, 2.3 PACKAGE-MANAGER; the type says purl in both.
            if (!isObject(r) || r.referenceType !== "purl") {
                return;
            }
            const pkg = typeof r.referenceLocator === "string" ? parsePurl(r.referenceLocator) : undefined;
            if (!pkg) {
                fail(
                    `${path}.externalRefs[${j}].referenceLocator is not a package URL (pkg:type/name@version)`,
                );
            }
            const versionInfo = (p as Json).versionInfo;
            found.push({
                ...pkg!,
                version: pkg!.version || (typeof versionInfo === "string" ? versionInfo : ""),
            });
        });
    });
    return found;
}
