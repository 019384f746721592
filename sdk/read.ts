// One file of evidence: a lockfile by its name, else a CycloneDX or SPDX JSON SBOM by its content.
import * as fs from "fs";
import * as path from "path";
import { sdkFamilyOf } from "../components/identity/sdkPackages";
import { LOCKFILES, lockfileKind } from "./lockfiles";
import { FoundPackage } from "./purl";
import { CYCLONEDX_VERSIONS, SbomInputError, sbomPackages, SPDX_VERSIONS } from "./sbom";

const READ = `a CycloneDX (${CYCLONEDX_VERSIONS.join(", ")}) or SPDX (${SPDX_VERSIONS.map((v) => v.slice("SPDX-".length)).join(", ")}) JSON SBOM, or one of ${Object.keys(LOCKFILES).join(", ")}`;

/** Every package `file` lists; a SbomInputError names the file and what is wrong. */
export function readEvidence(file: string): FoundPackage[] {
    const fail = (what: string): never => {
        throw new SbomInputError(file, what);
    };
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return fail(
            code === "ENOENT"
                ? "does not exist: check the path"
                : code === "EISDIR"
                  ? `is a folder: give the SBOM or lockfile in it (${READ})`
                  : `cannot be read (${code ?? String(e)})`,
        );
    }
    const kind = lockfileKind(path.basename(file));
    if (kind !== undefined) {
        return LOCKFILES[kind](text, fail, (p) => sdkFamilyOf(p.ecosystem, p.name) !== undefined);
    }
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        return fail(`is not JSON (${(e as Error).message}) nor a lockfile by its name: give ${READ}`);
    }
    return sbomPackages(doc, fail);
}
