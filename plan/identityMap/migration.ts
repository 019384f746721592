// Why a workload is where it is in the migration to Pod Identity, from what the stack config
// says of it: the guards that refuse Pod Identity (a Fargate namespace, an SDK older than Pod
// Identity's minimum, a cluster without the agent: components/identity/validate.ts) and the
// mode chosen (per workload, or the stack's platform:identityDefault).
import * as path from "path";
import { fargatePatternFor } from "../../components/fargate/selector";
import { sdkProblem } from "../../components/identity/sdk";
import {
    fargateNamespaces,
    readinessOf,
    StackConfig,
    WorkloadReadiness,
    workloadMode,
} from "../../stacks/config";
import { MigrationState, WorkloadAccess } from "../model";

/** What the stack config says of one workload, for the map. */
export interface WorkloadEvidence {
    namespace: string;
    serviceAccount: string;
    /** `platform:workloads[3]`: where the workload is configured. */
    configPath: string;
    mode: WorkloadAccess["mode"];
    /** True when the workload sets `mode` itself; false when it takes platform:identityDefault. */
    modeSet: boolean;
    /** The workload's `sdk` as config declares it. */
    sdk?: Record<string, unknown>;
    /** The namespace is served by a Fargate profile. */
    fargate: boolean;
    /** The cluster runs (or the stack installs) the eks-pod-identity-agent. */
    podIdentityAgent: boolean;
    /** Whether the SDK reaches Pod Identity, from `sdk.sbom` or the declaration (stacks/config/readiness.ts). */
    readiness?: WorkloadReadiness;
}

/** The evidence of every workload of a stack config. */
export function workloadEvidence(config: StackConfig): WorkloadEvidence[] {
    const p = config.platform;
    const fargate = fargateNamespaces(p);
    return p.workloads.map((w, i) => ({
        namespace: w.namespace,
        serviceAccount: w.serviceAccount,
        configPath: `platform:workloads[${i}]`,
        mode: workloadMode(p, w),
        modeSet: w.mode !== undefined,
        ...(w.sdk ? { sdk: w.sdk as Record<string, unknown> } : {}),
        fargate: fargatePatternFor(fargate, w.namespace) !== undefined,
        podIdentityAgent: p.cluster.podIdentity,
        readiness: readinessOf(w, path.dirname(config.file)),
    }));
}

/**
 * A workload's SDK evidence and its Pod Identity readiness, in words: `python 1.35.10 (declared:
 * ready)`, or for an SBOM the SDK packages it lists, `python botocore 1.34.50 (SBOM sboms/api.json:
 * ready)`. Undefined when config gives no evidence. The one place that words the evidence.
 */
export function sdkEvidence(
    sdk: Record<string, unknown> | undefined,
    readiness?: WorkloadReadiness,
): string | undefined {
    if (readiness && readiness.evidence.kind === "sbom") {
        const found = readiness.sdks.map((f) => `${f.language} ${f.package} ${f.version ?? "(no version)"}`);
        const file = path.relative(process.cwd(), readiness.evidence.file) || readiness.evidence.file;
        return `${found.join(", ") || "no AWS SDK"} (SBOM ${file}: ${readiness.verdict})`;
    }
    const declared = sdk
        ? [sdk.language, sdk.version].filter((part) => typeof part === "string").join(" ")
        : "";
    if (!declared) {
        return undefined;
    }
    return readiness && readiness.evidence.kind === "declared"
        ? `${declared} (declared: ${readiness.verdict})`
        : declared;
}

/** The SDK's Pod Identity problem (components/identity/sdk.ts), when its version predates it. */
function sdkTooOld(sdk: Record<string, unknown> | undefined): string | undefined {
    if (typeof sdk?.language !== "string" || typeof sdk.version !== "string") {
        return undefined;
    }
    const problem = sdkProblem(sdk.language, sdk.version);
    return problem?.field === "version" ? problem.reason : undefined;
}

/** The migration state of a workload in `mode`, with the config's evidence when the plan has it. */
export function migrationState(
    mode: WorkloadAccess["mode"],
    evidence: WorkloadEvidence | undefined,
): MigrationState {
    const sdk = sdkEvidence(evidence?.sdk, evidence?.readiness);
    const state: MigrationState = sdk ? { sdk } : {};
    if (mode === "pod-identity") {
        return state;
    }
    if (!evidence) {
        return { ...state, reason: `${mode} (no stack config evidence in this plan)` };
    }
    return { ...state, reason: migrationReason(mode, evidence) };
}

function migrationReason(mode: "irsa" | "both", e: WorkloadEvidence): string {
    // The guards first: they are why the mode cannot be pod-identity yet, whatever was chosen.
    if (e.fargate) {
        return `namespace "${e.namespace}" runs on Fargate (platform:fargateProfiles), where the Pod Identity agent cannot run`;
    }
    if (!e.podIdentityAgent) {
        return "the cluster has no eks-pod-identity-agent (platform:cluster.podIdentity)";
    }
    const old = sdkTooOld(e.sdk);
    if (old) {
        return `${e.configPath}.sdk: ${old}`;
    }
    if (e.readiness?.evidence.kind === "sbom" && e.readiness.verdict !== "ready") {
        return `${e.configPath}.sdk.sbom: ${e.readiness.reasons.join("; ") || `SDK readiness ${e.readiness.verdict}`}`;
    }
    if (mode === "both") {
        return `migrating: ${e.configPath}.mode is "both" (both trusts on one role); next step "pod-identity"`;
    }
    return e.modeSet
        ? `IRSA by choice: ${e.configPath}.mode is "irsa"`
        : `IRSA by the stack default: platform:identityDefault is "irsa"`;
}
