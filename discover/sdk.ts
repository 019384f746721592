// The evidence of a discovered workload's AWS SDK (`--sbom <namespace>/<serviceAccount>=<file>`,
// a CycloneDX or SPDX SBOM or a lockfile read by sdk/): whether it reaches EKS Pod Identity. A
// workload whose SDK is too old cannot start the migration: an association would hand it nothing
// and it would silently fall back to another credential source.
import { Workload } from "./inventory";
import { DiscoverInputError } from "./read";
import { fileReadiness, ReadinessVerdict, SdkFinding } from "../sdk/readiness";
import { SbomInputError } from "../sdk/sbom";

export interface WorkloadSdk {
    verdict: ReadinessVerdict;
    /** The SBOM or lockfile, as given. */
    evidence: string;
    sdks: SdkFinding[];
    reasons: string[];
}

/** A discovered workload with the readiness of its SDK, when evidence was given for it. */
export type WorkloadWithSdk = Workload & { sdk?: WorkloadSdk };

/**
 * Reads `--sbom` values (`<namespace>/<serviceAccount>=<file>`, or with `<cluster>/` first when
 * the folder has several clusters) onto the workloads; every value that names no workload or a
 * file that cannot be read is a DiscoverInputError.
 */
export function withSdkEvidence(workloads: Workload[], given: string[]): WorkloadWithSdk[] {
    const problems: string[] = [];
    const evidence = new Map<Workload, WorkloadSdk>();
    for (const value of given) {
        const eq = value.indexOf("=");
        const subject = eq < 0 ? "" : value.slice(0, eq);
        const file = eq < 0 ? "" : value.slice(eq + 1);
        const parts = subject.split("/");
        if (file === "" || parts.length < 2 || parts.length > 3 || parts.some((p) => p === "")) {
            problems.push(
                `--sbom ${value}: write <namespace>/<serviceAccount>=<file> (or <cluster>/<namespace>/<serviceAccount>=<file>)`,
            );
            continue;
        }
        const [namespace, serviceAccount] = parts.slice(-2);
        const cluster = parts.length === 3 ? parts[0] : undefined;
        const matches = workloads.filter(
            (w) =>
                w.namespace === namespace &&
                w.serviceAccount === serviceAccount &&
                (cluster === undefined || w.cluster === cluster),
        );
        if (matches.length !== 1) {
            problems.push(
                matches.length === 0
                    ? `--sbom ${value}: no discovered workload is ${subject}: check the namespace and service account`
                    : `--sbom ${value}: ${subject} runs on ${matches.map((w) => w.cluster).join(", ")}: put the cluster first, <cluster>/${subject}=<file>`,
            );
            continue;
        }
        try {
            const { verdict, sdks, reasons } = fileReadiness(file);
            evidence.set(matches[0], { verdict, evidence: file, sdks, reasons });
        } catch (e) {
            if (!(e instanceof SbomInputError)) {
                throw e;
            }
            problems.push(`--sbom ${value}: ${e.message}`);
        }
    }
    if (problems.length > 0) {
        throw new DiscoverInputError(problems);
    }
    return workloads.map((w) => {
        const sdk = evidence.get(w);
        if (sdk === undefined) {
            return w;
        }
        const old = sdk.reasons.filter((r) => / predates EKS Pod Identity /.test(r));
        return sdk.verdict === "not-ready" && w.migratable
            ? {
                  ...w,
                  migratable: false,
                  reason: `${old.join("; ")}: upgrade the SDK before the move to Pod Identity`,
                  sdk,
              }
            : { ...w, sdk };
    });
}
