// Whether a workload's AWS SDKs reach EKS Pod Identity, from the packages its SBOM or lockfiles
// list: each package that carries the container credential provider against its minimum
// (components/identity/sdkPackages.ts). Ready when every SDK found is new enough, not ready when
// any is older, undetermined when none is found or one cannot be decided.
import {
    comparePackageVersions,
    SDK_PACKAGES,
    sdkFamilyOf,
    sdkPackageOf,
} from "../components/identity/sdkPackages";
import { FoundPackage } from "./purl";
import { readEvidence } from "./read";

/** One SDK package found, as `--json` prints it. */
export interface SdkFinding {
    language: string;
    package: string;
    /** null when the evidence shows the SDK but not this package, or gives it no version. */
    version: string | null;
    minimum: string;
    /** null when it cannot be decided. */
    ready: boolean | null;
}

export interface Readiness {
    /** true: every SDK found is new enough; false: one is older; null: none found, or undecided. */
    ready: boolean | null;
    sdks: SdkFinding[];
    /** Why a verdict is undetermined, and where the EKS table and the SDK's code disagree. */
    notes: string[];
}

export function readiness(packages: readonly FoundPackage[]): Readiness {
    const sdks = new Map<string, SdkFinding>();
    const notes = new Set<string>();
    const listed = new Set(packages.map((p) => `${p.ecosystem}|${p.name.toLowerCase()}`));
    const families = new Map<string, { decidedBy: string[]; ecosystem: string; member: string }>();
    for (const p of packages) {
        const family = sdkFamilyOf(p.ecosystem, p.name);
        if (family && !families.has(family.language)) {
            families.set(family.language, {
                decidedBy: family.decidedBy,
                ecosystem: family.ecosystem,
                member: p.name,
            });
        }
        const row = sdkPackageOf(p.ecosystem, p.name);
        if (!row) {
            continue;
        }
        const version = p.version === "" ? null : p.version;
        const comparison = version === null ? undefined : comparePackageVersions(version, row.minimum);
        const finding: SdkFinding = {
            language: row.language,
            package: row.name,
            version,
            minimum: row.minimum,
            ready: comparison === undefined ? null : comparison >= 0,
        };
        sdks.set(`${row.language}|${row.name}|${version}`, finding);
        if (row.note) {
            notes.add(`${row.language}: ${row.note}`);
        }
        if (finding.ready === null) {
            notes.add(
                `${row.language}: ${row.name} ${version === null ? "has no version" : `version "${version}" is not a dotted version`}: cannot decide`,
            );
        }
    }
    // An SDK whose deciding package is not listed (an SBOM that names @aws-sdk/client-s3 but not
    // @aws-sdk/credential-provider-node) cannot be decided.
    for (const [language, family] of families) {
        for (const name of family.decidedBy) {
            if (listed.has(`${family.ecosystem}|${name.toLowerCase()}`)) {
                continue;
            }
            const row = SDK_PACKAGES.find((r) => r.language === language && r.name === name)!;
            sdks.set(`${language}|${name}|null`, {
                language,
                package: name,
                version: null,
                minimum: row.minimum,
                ready: null,
            });
            notes.add(
                `${language}: ${family.member} is listed but not ${name}, whose version decides: cannot decide; give an SBOM or lockfile that lists every package`,
            );
        }
    }
    const list = [...sdks.values()].sort(
        (a, b) =>
            a.language.localeCompare(b.language) ||
            a.package.localeCompare(b.package) ||
            (a.version ?? "").localeCompare(b.version ?? ""),
    );
    if (list.length === 0) {
        notes.add("no AWS SDK found: nothing says which credential provider the workload uses");
    }
    const ready = list.some((s) => s.ready === false)
        ? false
        : list.length === 0 || list.some((s) => s.ready === null)
          ? null
          : true;
    return { ready, sdks: list, notes: [...notes] };
}

/** One sentence per SDK too old, naming the package, its version and the minimum. */
export function tooOld(r: Readiness): string[] {
    return r.sdks
        .filter((s) => s.ready === false)
        .map(
            (s) =>
                `${s.language} SDK package ${s.package} ${s.version} predates EKS Pod Identity (needs ${s.minimum} or later)`,
        );
}

/** A readiness in one word, as the stack config, the identity map and discover report it. */
export type ReadinessVerdict = "ready" | "not-ready" | "undetermined";

export function verdictOf(ready: boolean | null): ReadinessVerdict {
    return ready === true ? "ready" : ready === false ? "not-ready" : "undetermined";
}

/**
 * The readiness of one evidence file (SBOM or lockfile): its verdict, the SDKs found, and why
 * (the SDKs too old first, then the notes). Throws SbomInputError when the file cannot be read.
 */
export function fileReadiness(file: string): {
    verdict: ReadinessVerdict;
    sdks: SdkFinding[];
    reasons: string[];
} {
    const r = readiness(readEvidence(file));
    return { verdict: verdictOf(r.ready), sdks: r.sdks, reasons: [...tooOld(r), ...r.notes] };
}
