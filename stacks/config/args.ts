// What each config item becomes: the arguments of its component. One function per component, called
// twice with different cluster facts: by the config check with stand-ins (so the components'
// validators run on config alone, before anything is registered) and by the program with the
// cluster's real outputs. A rule can therefore never hold in the check and not in the program.
import * as pulumi from "@pulumi/pulumi";
import {
    dnsSuffix,
    FargateProfileArgs,
    IdentityMode,
    ManagedNodeGroupArgs,
    partitionOfRegion,
    SelfManagedNodeGroupArgs,
    withClusterName,
    WorkloadIdentityArgs,
} from "../../components";
import { NodeGroupConfig, PlatformConfig, WorkloadConfig } from "./schema";

/** What the program knows of the cluster and its network once they exist (or stand-ins for them). */
export interface ClusterFacts {
    clusterName: pulumi.Input<string>;
    clusterArn?: pulumi.Input<string>;
    /** The cluster's IAM OIDC provider and issuer: passed on only when the stack sets cluster.irsa. */
    oidcProviderArn?: pulumi.Input<string>;
    oidcIssuer?: pulumi.Input<string>;
    clusterEndpoint: pulumi.Input<string>;
    certificateAuthority: pulumi.Input<string>;
    serviceCidr: pulumi.Input<string>;
    clusterSecurityGroupId: pulumi.Input<string>;
    vpcId: pulumi.Input<string>;
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Tags every resource of the stack carries. */
    tags: Record<string, string>;
}

/**
 * A stand-in for values only the cloud knows, so the components' validators can run on config.
 * Parenthesised words: no id, ARN or name AWS makes has them, so a real value never equals it.
 */
export const KNOWN_LATER = "(known after the cluster is created)";

/**
 * Stands in for the name Pulumi generates when cluster.clusterName is not set: a value that is
 * not a string, as an unknown Output is at a first preview. The validators check names only when
 * they are plain strings and compare clusters by value, so no real name (an additional cluster
 * named like any placeholder) can ever equal it, and the catalog's name rule is left to the
 * program, which passes the real name.
 */
export const UNNAMED_CLUSTER: pulumi.Input<string> = new Promise<string>(() => undefined);

/** The n-th (0-based) private subnet of a VPC made for the stack, known once it exists: all distinct. */
export function plannedSubnet(index: number): string {
    return `(private subnet ${index + 1} of the VPC, known after it is created)`;
}

/**
 * The facts the config check plans with: config values where config decides them, stand-ins
 * elsewhere. With the region, ARNs the config decides are built as AWS will (the cluster's when
 * it is named), and stand-in ARNs are of the stack's partition.
 */
export function plannedClusterFacts(platform: PlatformConfig, region?: string): ClusterFacts {
    const network = platform.network;
    const partition = partitionOfRegion(region ?? "us-west-2");
    const existing = platform.cluster.existing;
    const name = existing?.name ?? platform.cluster.clusterName;
    const issuerHost = `oidc.eks.${region ?? "region"}.${dnsSuffix(partition)}`;
    return {
        clusterName: name ?? UNNAMED_CLUSTER,
        clusterArn:
            name !== undefined && region !== undefined
                ? `arn:${partition}:eks:${region}:${platform.accountId}:cluster/${name}`
                : undefined,
        // Of the shape the component checks; the cluster's own provider is known once it exists.
        oidcProviderArn:
            existing?.oidcProviderArn ??
            `arn:${partition}:iam::${platform.accountId}:oidc-provider/${issuerHost}/id/(known-after-the-cluster-is-created)`,
        oidcIssuer: KNOWN_LATER,
        clusterEndpoint: KNOWN_LATER,
        certificateAuthority: KNOWN_LATER,
        serviceCidr: KNOWN_LATER,
        clusterSecurityGroupId: KNOWN_LATER,
        // A created VPC's ids are known after it is created: its private subnets, one per zone, stand in.
        vpcId: "create" in network ? KNOWN_LATER : network.vpcId,
        subnetIds:
            "create" in network
                ? Array.from({ length: network.create.availabilityZones }, (_, i) => plannedSubnet(i))
                : network.subnetIds,
        tags: stackTags(platform),
    };
}

/**
 * EksCluster's ec2NodeGroups: an Auto Mode cluster with node groups installs their add-ons
 * (vpc-cni, kube-proxy, the agent); unset otherwise.
 */
export function autoModeNodeGroups(platform: PlatformConfig): boolean | undefined {
    return platform.cluster.autoMode ? platform.nodeGroups.length > 0 : undefined;
}

/** Tags on every resource: the stack's own, and who manages it. */
export function stackTags(platform: PlatformConfig): Record<string, string> {
    return { "managed-by": "pulumi", ...platform.tags };
}

/**
 * The Kubernetes version config decides: a created cluster's. An existing cluster's is its own
 * (node groups then take the cluster's version, as EKS does when none is given).
 */
export function clusterVersion(platform: PlatformConfig): string | undefined {
    return platform.cluster.existing ? undefined : platform.cluster.kubernetesVersion;
}

/** The workload's effective mode. */
export function workloadMode(platform: PlatformConfig, workload: WorkloadConfig): IdentityMode {
    return workload.mode ?? platform.identityDefault;
}

/** Namespaces served by Fargate profiles: the stack's, and an existing cluster's own. */
export function fargateNamespaces(platform: PlatformConfig): string[] {
    return [
        ...platform.fargateProfiles.flatMap((p) => p.selectors.map((s) => s.namespace)),
        ...(platform.cluster.existing?.fargateNamespaces ?? []),
    ];
}

/** The WorkloadIdentity arguments of a workload, on a cluster with these facts. */
export function workloadArgs(
    platform: PlatformConfig,
    w: WorkloadConfig,
    cluster: ClusterFacts,
): WorkloadIdentityArgs {
    const { name: _name, previousNames: _previous, sdk, ...rest } = w;
    const irsa = platform.cluster.irsa;
    return {
        ...rest,
        mode: workloadMode(platform, w),
        // An adopted association is imported as `<clusterName>,<associationId>`, a plain string:
        // the configured name (an existing cluster's, or a created one's), the cluster's own (the
        // program orders the workload after it).
        clusterName:
            w.adopt?.associationId !== undefined && configuredClusterName(platform) !== undefined
                ? configuredClusterName(platform)!
                : cluster.clusterName,
        clusterArn: cluster.clusterArn,
        oidcProviderArn: irsa ? cluster.oidcProviderArn : undefined,
        oidcIssuer: irsa ? cluster.oidcIssuer : undefined,
        wellKnownPolicies: withClusterName(w.wellKnownPolicies, cluster.clusterName),
        kubernetesVersion: clusterVersion(platform),
        podIdentityAgent: platform.cluster.podIdentity,
        fargateNamespaces: fargateNamespaces(platform),
        tags: { ...platform.tags, ...(w.tags ?? {}) },
        // The component checks a declared SDK; an SBOM is read by the config check (readiness.ts).
        ...(sdk?.language !== undefined && sdk.version !== undefined
            ? { sdk: { language: sdk.language, version: sdk.version } }
            : {}),
    };
}

export type NodeGroupArgs =
    | { kind: "managed"; args: ManagedNodeGroupArgs }
    | { kind: "self-managed"; args: SelfManagedNodeGroupArgs };

/**
 * The arguments of a node group's component. `nodeRoleArn` is the role of the group named by
 * shareRoleWith, once that group exists (the config check passes none).
 */
export function nodeGroupArgs(
    platform: PlatformConfig,
    g: NodeGroupConfig,
    cluster: ClusterFacts,
    nodeRoleArn?: pulumi.Input<string>,
): NodeGroupArgs {
    const common = {
        clusterName: cluster.clusterName,
        subnetIds: cluster.subnetIds,
        nodeRoleArn,
        amiType: g.amiType,
        minSize: g.minSize,
        maxSize: g.maxSize,
        desiredSize: g.desiredSize,
        labels: g.labels,
        taints: g.taints,
        diskSizeGiB: g.diskSizeGiB,
        ssm: g.ssm,
        remoteAccess: g.remoteAccess,
        vpcId: cluster.vpcId,
        kubernetesVersion: clusterVersion(platform),
        tags: cluster.tags,
    };
    if (g.kind === "managed") {
        return {
            kind: "managed",
            args: {
                ...common,
                instanceTypes: g.instanceTypes,
                capacityType: g.capacityType,
                maxUnavailable: g.maxUnavailable,
                nodesPerGroupQuota: g.nodesPerGroupQuota,
                // Only remote access needs it (the SSH group's rules name the cluster's group).
                clusterSecurityGroupId: g.remoteAccess ? cluster.clusterSecurityGroupId : undefined,
            },
        };
    }
    return {
        kind: "self-managed",
        args: {
            ...common,
            instanceType: g.instanceType,
            clusterEndpoint: cluster.clusterEndpoint,
            certificateAuthority: cluster.certificateAuthority,
            serviceCidr: cluster.serviceCidr,
            clusterSecurityGroupId: cluster.clusterSecurityGroupId,
        },
    };
}

/** The arguments of a Fargate profile's component. */
export function fargateProfileArgs(
    p: PlatformConfig["fargateProfiles"][number],
    cluster: ClusterFacts,
): FargateProfileArgs {
    return {
        clusterName: cluster.clusterName,
        subnetIds: cluster.subnetIds,
        selectors: p.selectors,
        tags: cluster.tags,
    };
}

/** The cluster's name as config gives it: an existing cluster's, or a created one's when set. */
function configuredClusterName(platform: PlatformConfig): string | undefined {
    return (
        platform.cluster.existing?.name ??
        (typeof platform.cluster.clusterName === "string" ? platform.cluster.clusterName : undefined)
    );
}
