// The offline plan's data: what the program registered and what the policy pack said of it. The
// JSON plan file (`--json`) is this shape; its `resources` array is also what the policy pack's
// CLI (`policy-pack/lib/cli.ts`) takes as input.
import { CloudContext } from "./cloud";

/** Format version of the plan file; bump on incompatible changes. */
export const PLAN_FILE_VERSION = 1;

/** One resource as the engine would send it to a policy pack (inputs as `props`). */
export interface PlanResource {
    urn: string;
    type: string;
    name: string;
    /** Whether it is a custom (provider) resource; false for components. */
    custom: boolean;
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    provider?: string;
    protect: boolean;
    /** The ID of the existing resource imported into this one (the `import` option; `pulumi preview` shows `= import`). */
    importId?: string;
    /** Inputs, with provider-computed values resolved by the fake cloud. */
    props: Record<string, unknown>;
    /** Outputs the fake cloud computed (custom) or the component registered. */
    outputs: Record<string, unknown>;
}

export interface PlanViolation {
    policyName: string;
    policyPackName: string;
    enforcementLevel: string;
    message: string;
    urn?: string;
}

export interface PlanFile {
    version: number;
    stack: string;
    configFile: string;
    cloud: CloudContext;
    /** Set when planned as a stack's first `pulumi preview` (computed values unknown). */
    firstPreview?: true;
    policyPack: { name: string; version: string; policies: number };
    resources: PlanResource[];
    violations: PlanViolation[];
    /** Policies that could not decide because a value was unknown (never a silent pass). */
    undetermined: { policyName: string; urn?: string; message: string }[];
    warnings: { message: string; urn?: string }[];
    /**
     * Who can act as which role, and through which path (the identity map's data, `AccessSection`
     * below). Absent in plan files written before it existed.
     */
    access?: AccessSection;
    summary: {
        resources: number;
        mandatory: number;
        advisory: number;
        undetermined: number;
    };
    /**
     * `programMs`: the program on the mock monitor (the pack analyzes resources meanwhile, as the
     * engine does, and the pack process starts beside it); `policyMs`: what the policy pack adds
     * after the program is done; `totalMs`: the whole plan.
     */
    timings: { programMs: number; policyMs: number; totalMs: number };
}

// The `access` section: the identity map as data. For each cluster, every workload role with the
// paths that reach it (ServiceAccount -> mechanism -> role, and the Kubernetes principals that can
// run pods as that ServiceAccount), what the role can do (per service, the IAM catalog's access
// levels and the resources they are scoped to), the platform roles (cluster, node, Fargate,
// vpc-cni) and the policy pack's findings, each once, on the workload or role it concerns.

/** How a ServiceAccount's pods get a role's credentials. */
export type IdentityMechanism = "irsa" | "pod-identity";

/** A role of the plan: its name, ARN (as the fake cloud computed it) and URN. */
export interface RoleRef {
    name: string;
    /** Empty when not known yet (`--preview`: a role being created has no ARN). */
    arn: string;
    urn: string;
}

/** A policy pack finding, once per (policy, resource URN): its messages (one per statement) together. */
export interface AccessFinding {
    policyName: string;
    enforcementLevel: string;
    urn: string;
    messages: string[];
}

/** What a role can do in one service (`s3`): IAM access levels and the resources granted them. */
export interface ServiceAccess {
    service: string;
    /** Of `List`, `Read`, `Write`, `Permissions management`, `Tagging`, in that order (IAM action catalog). */
    levels: string[];
    /** `Resource` values of the statements granting them; `NotResource: x` written so. */
    resources: string[];
}

/** A role's permission set, read as the policy pack reads it (policy-pack/lib/permissions.ts). */
export interface RolePermissions {
    /** `inline policy "x"`, `AWS managed policy AmazonS3ReadOnlyAccess`, `customer-managed policy "y"`. */
    documents: string[];
    services: ServiceAccess[];
    /** Why the role is administrator-equivalent (every action, NotAction, every IAM or STS action on every resource). */
    administrator?: string;
    /** Documents whose content the plan does not know (an unknown ARN at preview). */
    unknown: string[];
}

/** One way a ServiceAccount gets the role: the mechanism, and what carries it. */
export interface IdentityPath {
    mechanism: IdentityMechanism;
    /** `issuer oidc.eks.<region>.amazonaws.com/id/<id>`, `association <name>`, `add-on vpc-cni`, `trust session tags`. */
    via: string;
}

/** A Kubernetes principal (an access entry's IAM principal) that can run pods as a ServiceAccount. */
export interface PodRunner {
    /** The principal's ARN; for the cluster's creator, whose ARN the plan cannot know, `(the cluster's creator)`. */
    principalArn: string;
    /**
     * What lets it create pods: an access policy (AmazonEKSClusterAdminPolicy, AmazonEKSAdminPolicy,
     * AmazonEKSEditPolicy), or, with `via: "kubernetes-groups"`, the words for its groups.
     */
    accessPolicy: string;
    /** `cluster`, or `namespace` (a namespace-scoped association that includes the ServiceAccount's). */
    scope: "cluster" | "namespace";
    /**
     * How: `access-policy` (an association), `cluster-creator` (EKS made the creator a cluster
     * admin: accessConfig.bootstrapClusterCreatorAdminPermissions, true unless set false), or
     * `kubernetes-groups` (the entry's groups, whose RBAC bindings are not in the plan: it may
     * run pods, or not). Unset: access-policy.
     */
    via?: "access-policy" | "cluster-creator" | "kubernetes-groups";
    /** With via `kubernetes-groups`: the groups. */
    kubernetesGroups?: string[];
}

/** Why a workload is where it is in the migration to Pod Identity. */
export interface MigrationState {
    /** Set when the mode is not `pod-identity`: what the config or a guard gives (Fargate namespace, SDK, agent, choice). */
    reason?: string;
    /**
     * The workload's SDK evidence and readiness, in words, when config gives evidence: declared
     * (`python 1.35.10 (declared: ready)`) or read from its `sdk.sbom` (`python botocore 1.34.50
     * (SBOM sboms/api.json: ready)`; verdicts ready, not-ready, undetermined).
     */
    sdk?: string;
}

export interface WorkloadAccess {
    namespace: string;
    serviceAccount: string;
    /** The component the role belongs to (a WorkloadIdentity's name), when it has one. */
    workload?: string;
    mode: "irsa" | "pod-identity" | "both";
    role: RoleRef;
    paths: IdentityPath[];
    /** Who else can act as the role, by running a pod as the ServiceAccount. */
    runAs: PodRunner[];
    migration: MigrationState;
    permissions: RolePermissions;
    findings: AccessFinding[];
}

/** A role of the platform itself. */
export interface PlatformRole {
    kind: "cluster" | "node" | "fargate" | "vpc-cni";
    role: RoleRef;
    /** What uses it: `node group general`, `cluster prod`, `Fargate profile batch`, `add-on vpc-cni`. */
    usedBy: string[];
    permissions: RolePermissions;
    /** Node roles: why every pod on those nodes can reach the role through IMDS; empty when none can. */
    podReach: string[];
    findings: AccessFinding[];
}

export interface ClusterAccess {
    cluster: string;
    summary: {
        workloads: number;
        modes: Record<"irsa" | "pod-identity" | "both", number>;
        /** Findings of this cluster's workloads and platform roles, per level. */
        findings: { mandatory: number; advisory: number };
        /** Roles to look at first: administrator-equivalent, reachable through IMDS, run-as by others, with findings. */
        riskiest: { role: string; why: string[] }[];
        /**
         * Workloads in `both`, per declared SDK (`SDK not declared` when none is): their SDKs read
         * the web-identity token first, so they keep using IRSA until the mode is `pod-identity`.
         */
        bothSdks: { sdk: string; workloads: string[] }[];
    };
    workloads: WorkloadAccess[];
    platformRoles: PlatformRole[];
}

export interface AccessSection {
    clusters: ClusterAccess[];
    /** Findings on resources no workload or platform role owns (the cluster, the network). */
    otherFindings: AccessFinding[];
}
