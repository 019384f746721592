// Whether each workload's AWS SDK reaches EKS Pod Identity, and on what evidence: its SBOM or
// lockfile (`sdk.sbom`, read by sdk/), else its declaration (`sdk.language` and `sdk.version`),
// else nothing. The config check refuses Pod Identity for a workload whose evidence shows an SDK
// too old, or an SDK it cannot decide, and a declaration the evidence contradicts;
// `readinessOf` gives the identity map and the reports the same verdict.
import * as path from "path";
import { compareVersions, POD_IDENTITY_MIN_SDK, Problem } from "../../components";
import { fileReadiness, ReadinessVerdict, SdkFinding, verdictOf } from "../../sdk/readiness";
import { SbomInputError } from "../../sdk/sbom";
import { NAMESPACE } from "./problems";
import { PlatformConfig, WorkloadConfig } from "./schema";

export { ReadinessVerdict };

export type ReadinessEvidence =
    | { kind: "sbom"; file: string }
    | { kind: "declared"; language: string; version: string }
    | { kind: "none" };

export interface WorkloadReadiness {
    verdict: ReadinessVerdict;
    evidence: ReadinessEvidence;
    /** The SDKs found (a declaration is one, its package `(declared)`). */
    sdks: SdkFinding[];
    /** Why: the SDKs too old, what cannot be decided, where the EKS table and the code disagree. */
    reasons: string[];
    /** The evidence file cannot be used: its path and what is wrong with it. */
    unreadable?: string;
}

/** The evidence file of a workload, resolved against the stack file's folder. */
export function sbomPath(w: WorkloadConfig, stackDir: string): string | undefined {
    return w.sdk?.sbom === undefined ? undefined : path.resolve(stackDir, w.sdk.sbom);
}

/**
 * The Pod Identity readiness of a workload and its evidence: the SBOM when it has one (a file
 * that cannot be read is undetermined, with why), else the declared SDK, else none.
 */
export function readinessOf(w: WorkloadConfig, stackDir: string): WorkloadReadiness {
    const file = sbomPath(w, stackDir);
    if (file !== undefined) {
        const evidence: ReadinessEvidence = { kind: "sbom", file };
        try {
            const { verdict, sdks, reasons } = fileReadiness(file);
            return { verdict, evidence, sdks, reasons };
        } catch (e) {
            if (!(e instanceof SbomInputError)) {
                throw e;
            }
            return {
                verdict: "undetermined",
                evidence,
                sdks: [],
                reasons: [e.message],
                unreadable: e.message,
            };
        }
    }
    if (w.sdk?.language !== undefined && w.sdk.version !== undefined) {
        const { language, version } = w.sdk;
        const minimum = (POD_IDENTITY_MIN_SDK as Readonly<Record<string, string | undefined>>)[language];
        const comparison = minimum === undefined ? undefined : compareVersions(version, minimum);
        const ready = comparison === undefined ? null : comparison >= 0;
        return {
            verdict: verdictOf(ready),
            evidence: { kind: "declared", language, version },
            sdks: [{ language, package: "(declared)", version, minimum: minimum ?? "", ready }],
            reasons:
                ready === true
                    ? []
                    : ready === false
                      ? [`${language} SDK ${version} predates EKS Pod Identity (needs ${minimum} or later)`]
                      : [
                            minimum === undefined
                                ? `unknown SDK language "${language}"`
                                : `"${version}" is not a version like ${minimum}: cannot decide`,
                        ],
        };
    }
    return {
        verdict: "undetermined",
        evidence: { kind: "none" },
        sdks: [],
        reasons: ["no SDK declared and no sbom: nothing says which credential provider the workload uses"],
    };
}

/** Versions of SDKs whose deciding package is versioned as the SDK's releases are. */
const RELEASE_VERSIONED = new Set([
    "python",
    "javascript-v2",
    "go-v1",
    "java-v2",
    "java-v1",
    "kotlin",
    "ruby",
    "php",
    "cpp",
]);

/**
 * The problems of the workloads' evidence: a file that cannot be read; in a Pod Identity mode, an
 * SDK too old or one that cannot be decided; a declaration the evidence contradicts.
 */
export function sbomProblems(
    platform: PlatformConfig,
    stackDir: string,
    modeOf: (w: WorkloadConfig) => string,
): Problem[] {
    const problems: Problem[] = [];
    platform.workloads.forEach((w, i) => {
        if (w.sdk?.sbom === undefined) {
            return;
        }
        const at = `${NAMESPACE}:workloads[${i}].sdk`;
        const given = w.sdk.sbom;
        const r = readinessOf(w, stackDir);
        if (r.unreadable !== undefined) {
            problems.push({
                propertyPath: `${at}.sbom`,
                reason: `${JSON.stringify(given)} cannot be used: ${r.unreadable}; the path is relative to the stack file`,
            });
            return;
        }
        const podIdentity = modeOf(w) !== "irsa";
        const old = r.sdks.filter((s) => s.ready === false);
        if (podIdentity && old.length > 0) {
            problems.push({
                propertyPath: `${at}.sbom`,
                reason: `${JSON.stringify(given)} shows ${old.map((s) => `${s.language} SDK package ${s.package} ${s.version}, older than ${s.minimum}`).join("; ")}: it predates EKS Pod Identity and would silently use the node role; upgrade the SDK or use mode "irsa"`,
            });
        } else if (podIdentity && r.sdks.some((s) => s.ready === null)) {
            problems.push({
                propertyPath: `${at}.sbom`,
                reason: `${JSON.stringify(given)} cannot decide Pod Identity support (${r.reasons.filter((n) => /cannot decide/.test(n)).join("; ")}): give the SBOM of the built image, or use mode "irsa"`,
            });
        }
        if (w.sdk.language !== undefined && w.sdk.version !== undefined) {
            problems.push(...disagreement(w.sdk.language, w.sdk.version, given, r.sdks, at));
        }
    });
    return problems;
}

/** A declaration the evidence contradicts: its language not found, or its version not the one listed. */
function disagreement(
    language: string,
    version: string,
    given: string,
    sdks: SdkFinding[],
    at: string,
): Problem[] {
    const found = sdks.filter((s) => s.version !== null);
    const fix = "remove language and version (the sbom decides) or correct them";
    const same = found.filter((s) => s.language === language);
    if (same.length === 0) {
        const listed = [...new Set(found.map((s) => s.language))];
        return [
            {
                propertyPath: `${at}.language`,
                reason: `declares ${language} but ${JSON.stringify(given)} lists ${listed.length === 0 ? "no AWS SDK" : `only ${listed.join(", ")}`}: ${fix}`,
            },
        ];
    }
    if (!RELEASE_VERSIONED.has(language)) {
        // Go v2, Rust, .NET and JavaScript v3 version their packages apart from their releases:
        // a declared release cannot be compared with a package version.
        return [];
    }
    const strip = (v: string) => v.replace(/^v/, "");
    if (same.some((s) => strip(s.version!) === strip(version))) {
        return [];
    }
    return [
        {
            propertyPath: `${at}.version`,
            reason: `declares ${language} ${version} but ${JSON.stringify(given)} lists ${same.map((s) => `${s.package} ${s.version}`).join(", ")}: ${fix}`,
        },
    ];
}
