import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { awsFacts, createRole, plannedAwsContext } from "../common/aws";
import { ManagedPolicies } from "../common/iamDocument";
import { autoModeClusterTrustPolicy, clusterTrustPolicy, nodeTrustPolicy } from "../trust/service";
import { wellKnownPolicyJson } from "../identity/catalog";
import { IdentityMode } from "../identity/mode";
import { issuerHostPath, STS_AUDIENCE } from "../trust/eksIdentity";
import { eksClusterArn } from "../trust/podIdentity";
import { workloadTrustPolicy } from "../trust/workload";
import { podIdentityAgentAddon } from "../addons/podIdentityAgent";
import { AccessEntry, AccessEntryType } from "./access";
import { AccessGate } from "./accessGate";
import { execCommand, kubeconfig } from "./kubeconfig";
import {
    accessEntryKey,
    DEFAULT_AUTO_MODE_NODE_POOLS,
    DEFAULT_KUBERNETES_VERSION,
    validateEksClusterArgs,
    warnEksClusterArgs,
} from "./validate";

export interface EksClusterArgs {
    /** Subnet ids (at least two Availability Zones) of an existing VPC for the control-plane ENIs. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Physical cluster name. Default: the resource name with a random suffix. */
    clusterName?: string;
    /** Kubernetes minor version, e.g. "1.33". Pod Identity needs 1.24+. Default: "1.33". */
    kubernetesVersion?: string;
    /** Private API endpoint inside the VPC. Default: true. */
    endpointPrivateAccess?: boolean;
    /** Public API endpoint; needs `publicAccessCidrs`. Default: false (least exposure). */
    endpointPublicAccess?: boolean;
    /** CIDR blocks allowed to reach the public endpoint. Required when the endpoint is public; `0.0.0.0/0` is allowed with a warning. */
    publicAccessCidrs?: string[];
    /** Additional security groups for the control-plane ENIs. Default: []. */
    securityGroupIds?: pulumi.Input<string>[];
    /** Envelope-encrypt Kubernetes secrets with KMS. Default: true. */
    secretsEncryption?: boolean;
    /** KMS key for secrets encryption. Default: a new key with rotation enabled. */
    kmsKeyArn?: pulumi.Input<string>;
    /** Control-plane log types sent to CloudWatch: api, audit, authenticator, controllerManager, scheduler. Default: ["api", "audit", "authenticator"]. */
    enabledLogTypes?: string[];
    /** Grant the identity that creates the cluster cluster-admin. Default: false (grant access through accessEntries). */
    bootstrapClusterCreatorAdminPermissions?: boolean;
    /**
     * Pulumi-protect the state a replacement would lose, and nothing else: the cluster, the KMS key
     * of its secrets and its IAM OIDC provider (every IRSA trust names it). Access entries, access
     * policy associations (replace-only in the provider), add-ons, roles and the Kubernetes
     * provider stay changeable. Use this rather than `protect` in the component's options, which
     * reaches every child. Default: false.
     */
    protectStatefulResources?: boolean;
    /**
     * During `pulumi up`, wait until the Kubernetes API lets the kubeconfig's identity create
     * ServiceAccounts before the cluster's Kubernetes provider is used: EKS applies access entries
     * asynchronously and the Kubernetes provider does not retry 401/403 (the AccessGate runs the
     * kubeconfig's own `aws eks get-token` and asks a SelfSubjectAccessReview). Seconds to wait
     * at most; 0 turns the gate off. Default: 300.
     */
    accessGateTimeoutSeconds?: number;
    /** IAM principals allowed into the Kubernetes API (authentication mode API). Default: []. */
    accessEntries?: AccessEntry[];
    /**
     * A role the kubeconfig's `aws eks get-token` assumes (`--role-arn`): one that an access entry
     * lets in, so whoever deploys (a CI role allowed to assume it) reaches the Kubernetes API
     * without being an access entry itself. When it is plain, it must be the principalArn of one
     * of accessEntries. Default: none (the caller's own identity is used).
     */
    kubeconfigRoleArn?: pulumi.Input<string>;
    /** Attach AmazonEKSVPCResourceController to the cluster role (security groups for pods, Windows nodes). Default: false. */
    vpcResourceController?: boolean;
    /** Create the IAM OIDC provider for IRSA. Default: false. */
    irsa?: boolean;
    /** Install the eks-pod-identity-agent add-on for EKS Pod Identity. Default: true. */
    podIdentity?: boolean;
    /** Add-on versions by add-on name (vpc-cni, kube-proxy, eks-pod-identity-agent); a version may come from `aws.eks.getAddonVersion`. Default: the EKS default for the cluster version. */
    addonVersions?: Record<string, pulumi.Input<string>>;
    /** CIDR of Kubernetes services (IPv4 clusters only). Default: chosen by EKS. */
    serviceIpv4Cidr?: string;
    /**
     * IP family of pods and services: `ipv4` or `ipv6`, fixed when the cluster is created. An
     * `ipv6` cluster needs subnets with IPv6 CIDR blocks (EKS User Guide, network-reqs), takes
     * its service range from EKS (no serviceIpv4Cidr), and its vpc-cni identity carries the
     * documented IPv6 CNI policy (cni-iam-role.html#cni-iam-role-create-ipv6-policy) instead of
     * AmazonEKS_CNI_Policy. https://docs.aws.amazon.com/eks/latest/userguide/cni-ipv6.html
     * Default: "ipv4".
     */
    ipFamily?: string;
    /**
     * EKS Auto Mode: EKS runs compute (`computeConfig`), block storage and load balancing, and
     * the networking, kube-proxy, DNS and Pod Identity agent of its nodes itself. The cluster role
     * then trusts eks.amazonaws.com with sts:AssumeRole and sts:TagSession and carries
     * AmazonEKSClusterPolicy plus the Compute, BlockStorage, LoadBalancing and Networking
     * policies (auto-cluster-iam-role); the Auto Mode node role is its own role (ec2.amazonaws.com,
     * AmazonEKSWorkerNodeMinimalPolicy and AmazonEC2ContainerRegistryPullOnly, auto-create-node-role).
     * No vpc-cni, kube-proxy or Pod Identity agent add-on is installed, unless `ec2NodeGroups`.
     * https://docs.aws.amazon.com/eks/latest/userguide/automode.html Default: false.
     */
    autoMode?: boolean;
    /**
     * Auto Mode's built-in node pools: `general-purpose`, `system`, both, or none (`[]`: only the
     * NodePools and NodeClasses you create; the node role then gets the `EC2` access entry with
     * AmazonEKSAutoNodePolicy a custom NodeClass needs, create-node-class.html#auto-node-access-entry;
     * with built-in pools EKS creates that entry itself). Default: ["general-purpose", "system"].
     */
    autoModeNodePools?: string[];
    /**
     * Auto Mode only: the cluster also runs managed or self-managed node groups. Auto Mode runs
     * its networking and the Pod Identity agent on its own nodes only, so these nodes get the
     * vpc-cni (with its own identity), kube-proxy and eks-pod-identity-agent add-ons. Default: false.
     */
    ec2NodeGroups?: boolean;
    /** Tags for every AWS resource of the component. Default: {}. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * An EKS cluster with least-privilege roles: its own cluster role, secrets encrypted with KMS,
 * API authentication through access entries, managed core add-ons, and the identity plumbing its
 * workloads need (OIDC provider for IRSA, Pod Identity agent). vpc-cni gets its own identity so
 * that node roles never carry AmazonEKS_CNI_Policy. CoreDNS is a separate component
 * (`CoreDnsAddon`) because it needs compute to become ACTIVE.
 */
export class EksCluster extends pulumi.ComponentResource {
    /** Physical name of the EKS cluster. */
    public readonly clusterName: pulumi.Output<string>;
    /** ARN of the EKS cluster. */
    public readonly clusterArn: pulumi.Output<string>;
    /** Kubernetes API server endpoint. */
    public readonly endpoint: pulumi.Output<string>;
    /** Base64 certificate authority data of the cluster. */
    public readonly certificateAuthority: pulumi.Output<string>;
    /** Issuer host/path without `https://`, the prefix of IRSA condition keys. */
    public readonly oidcIssuer: pulumi.Output<string>;
    /** ARN of the IAM OIDC provider; empty when `irsa` is off. */
    public readonly oidcProviderArn: pulumi.Output<string>;
    /** Kubernetes version of the control plane. */
    public readonly kubernetesVersion: pulumi.Output<string>;
    /** ARN of the cluster (control-plane) role. */
    public readonly clusterRoleArn: pulumi.Output<string>;
    /** Security group EKS created for the control plane and managed nodes. */
    public readonly clusterSecurityGroupId: pulumi.Output<string>;
    /** CIDR of Kubernetes services (self-managed nodes need it to bootstrap). */
    public readonly serviceCidr: pulumi.Output<string>;
    /** Role of the vpc-cni (aws-node) identity, carrying the CNI policy of the IP family; empty when vpc-cni is not installed (Auto Mode). */
    public readonly cniRoleArn: pulumi.Output<string>;
    /** Whether the Pod Identity agent runs: installed as an add-on, or run by Auto Mode. */
    public readonly podIdentityAgent: pulumi.Output<boolean>;
    /** IP family of pods and services: `ipv4` or `ipv6`. */
    public readonly ipFamily: pulumi.Output<string>;
    /** ARN of the Auto Mode node role; empty without Auto Mode. */
    public readonly autoModeNodeRoleArn: pulumi.Output<string>;
    /** Name of the Auto Mode node role (what a NodeClass's `spec.role` takes); empty without Auto Mode. */
    public readonly autoModeNodeRoleName: pulumi.Output<string>;
    /**
     * Exec-based kubeconfig (`aws eks get-token`), as a secret JSON string. In-cluster resources
     * (the ServiceAccounts of `WorkloadIdentity`) take a `kubernetes` provider built from it.
     */
    public readonly kubeconfig: pulumi.Output<string>;

    constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-identity:index:EksCluster", name, {}, opts);
        clusterNames.set(this, name);
        validateEksClusterArgs(args, plannedAwsContext(this)).throwIfAny("EksCluster", name);
        warnEksClusterArgs(args, this);

        const facts = awsFacts(this);
        const irsa = args.irsa ?? false;
        const autoMode = args.autoMode ?? false;
        const ipv6 = args.ipFamily === "ipv6";
        // Auto Mode runs the node add-ons on its own nodes; node groups beside it need their own.
        const nodeAddons = !autoMode || (args.ec2NodeGroups ?? false);
        // Auto Mode runs the Pod Identity agent itself (automode.html).
        const podIdentity = autoMode || (args.podIdentity ?? true);
        const tags = args.tags ?? {};
        const versions = args.addonVersions ?? {};
        // Only where it is set, so a `protect` the caller gives the component still reaches them.
        const stateful = args.protectStatefulResources ? true : undefined;

        const clusterRole = createRole(
            {
                name: `${name}-cluster-role`,
                description: "EKS control plane role",
                assumeRolePolicy: JSON.stringify(
                    autoMode ? autoModeClusterTrustPolicy() : clusterTrustPolicy(),
                ),
                managedPolicies: [
                    ManagedPolicies.clusterPolicy,
                    ...(autoMode ? AUTO_MODE_CLUSTER_POLICIES : []),
                    ...(args.vpcResourceController ? [ManagedPolicies.vpcResourceController] : []),
                ],
                tags,
            },
            facts.partition,
            this,
        );
        const nodePools = args.autoModeNodePools ?? DEFAULT_AUTO_MODE_NODE_POOLS;
        // Its own role, never the cluster's (auto-create-node-role: "You can't use the same role
        // that is used to create any clusters").
        const autoNodeRole = autoMode
            ? createRole(
                  {
                      name: `${name}-auto-node-role`,
                      description: "EKS Auto Mode node role",
                      assumeRolePolicy: JSON.stringify(nodeTrustPolicy()),
                      managedPolicies: [ManagedPolicies.workerNodeMinimalPolicy, ManagedPolicies.ecrPullOnly],
                      tags,
                  },
                  facts.partition,
                  this,
              )
            : undefined;

        let keyArn = args.kmsKeyArn;
        if ((args.secretsEncryption ?? true) && keyArn === undefined) {
            keyArn = new aws.kms.Key(
                `${name}-secrets`,
                {
                    description: `Envelope encryption of Kubernetes secrets of EKS cluster ${name}`,
                    enableKeyRotation: true,
                    deletionWindowInDays: 30,
                    tags,
                },
                { parent: this, protect: stateful },
            ).arn;
        }

        const cluster = new aws.eks.Cluster(
            `${name}-cluster`,
            {
                name: args.clusterName,
                roleArn: clusterRole.role.arn,
                version: args.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
                vpcConfig: {
                    subnetIds: args.subnetIds,
                    securityGroupIds: args.securityGroupIds,
                    endpointPrivateAccess: args.endpointPrivateAccess ?? true,
                    endpointPublicAccess: args.endpointPublicAccess ?? false,
                    publicAccessCidrs: args.endpointPublicAccess ? args.publicAccessCidrs : undefined,
                },
                accessConfig: {
                    authenticationMode: "API",
                    bootstrapClusterCreatorAdminPermissions:
                        args.bootstrapClusterCreatorAdminPermissions ?? false,
                },
                encryptionConfig: keyArn ? { resources: ["secrets"], provider: { keyArn } } : undefined,
                enabledClusterLogTypes: args.enabledLogTypes ?? ["api", "audit", "authenticator"],
                // The default self-managed vpc-cni would run with the node role's credentials;
                // the managed add-ons below replace it with one that has its own identity.
                // Auto Mode needs it off too (the provider's aws.eks.Cluster notes).
                bootstrapSelfManagedAddons: false,
                kubernetesNetworkConfig: kubernetesNetworkConfig(args),
                // Auto Mode's three capabilities are on or off together (aws.eks.Cluster notes:
                // computeConfig.enabled, elasticLoadBalancing.enabled, blockStorage.enabled).
                computeConfig: autoNodeRole
                    ? {
                          enabled: true,
                          nodePools,
                          // Only with built-in pools: NodeClasses name their own role (terraform-aws-eks
                          // sets node_role_arn only when node_pools is not empty).
                          nodeRoleArn: nodePools.length > 0 ? autoNodeRole.role.arn : undefined,
                      }
                    : undefined,
                storageConfig: autoMode ? { blockStorage: { enabled: true } } : undefined,
                tags,
            },
            {
                parent: this,
                dependsOn: [...clusterRole.attachments, ...(autoNodeRole?.attachments ?? [])],
                protect: stateful,
            },
        );

        // Built from parts known before the cluster exists (its name is an input), unlike its
        // computed `arn`: the vpc-cni trust, and trusts built from `clusterArn`, are then known at
        // a stack's first preview and checked by the policy pack there.
        const clusterArn = pulumi
            .all([facts.partition, facts.region, facts.accountId, cluster.name])
            .apply(([partition, region, accountId, clusterName]) =>
                eksClusterArn({ partition, region, accountId, clusterName }),
            );
        const issuerUrl = cluster.identities.apply((ids) => ids?.[0]?.oidcs?.[0]?.issuer ?? "");
        this.oidcIssuer = issuerUrl.apply(issuerHostPath);

        // The thumbprint is left to IAM: since 2023 IAM trusts EKS issuers through its own root CA
        // library and the provider fills thumbprintLists in, so no TLS fetch happens here.
        const oidcProvider = irsa
            ? new aws.iam.OpenIdConnectProvider(
                  `${name}-oidc`,
                  { url: issuerUrl, clientIdLists: [STS_AUDIENCE], tags },
                  { parent: this, protect: stateful },
              )
            : undefined;
        this.oidcProviderArn = oidcProvider ? oidcProvider.arn : pulumi.output("");

        const agent =
            podIdentity && nodeAddons
                ? podIdentityAgentAddon(
                      `${name}-eks-pod-identity-agent`,
                      { clusterName: cluster.name, addonVersion: versions["eks-pod-identity-agent"], tags },
                      { parent: this },
                  )
                : undefined;

        const cniRole = nodeAddons
            ? createNodeAddons(name, {
                  podIdentity,
                  ipv6,
                  accountId: facts.accountId,
                  partition: facts.partition,
                  region: facts.region,
                  clusterArn,
                  clusterName: cluster.name,
                  oidcProviderArn: this.oidcProviderArn,
                  oidcIssuer: this.oidcIssuer,
                  agent,
                  versions,
                  tags,
                  parent: this,
              })
            : undefined;

        const access = (args.accessEntries ?? []).flatMap((entry) =>
            createAccessEntry(name, entry, cluster.name, facts.partition, this),
        );
        // Without built-in pools, EKS creates no access entry for the node role: a custom NodeClass
        // naming it needs type EC2 with AmazonEKSAutoNodePolicy (create-node-class.html#auto-node-access-entry).
        if (autoNodeRole && nodePools.length === 0) {
            access.push(
                ...createAccessEntry(
                    name,
                    {
                        key: "auto-node-role",
                        principalArn: autoNodeRole.role.arn,
                        // Not a type callers pass (AccessEntryType): only this entry, made here, is one.
                        type: "EC2" as AccessEntryType,
                        accessPolicies: [{ policyName: "AmazonEKSAutoNodePolicy" }],
                    },
                    cluster.name,
                    facts.partition,
                    this,
                ),
            );
        }

        this.clusterName = cluster.name;
        this.clusterArn = clusterArn;
        this.endpoint = cluster.endpoint;
        this.certificateAuthority = cluster.certificateAuthority.apply((ca) => ca.data ?? "");
        this.kubernetesVersion = cluster.version;
        this.clusterRoleArn = clusterRole.role.arn;
        this.clusterSecurityGroupId = cluster.vpcConfig.apply((v) => v.clusterSecurityGroupId ?? "");
        this.serviceCidr = cluster.kubernetesNetworkConfig.apply(
            (c) => (ipv6 ? c?.serviceIpv6Cidr : c?.serviceIpv4Cidr) ?? "",
        );
        this.cniRoleArn = cniRole ? cniRole.role.arn : pulumi.output("");
        this.podIdentityAgent = pulumi.output(podIdentity);
        this.ipFamily = pulumi.output(ipv6 ? "ipv6" : "ipv4");
        this.autoModeNodeRoleArn = autoNodeRole ? autoNodeRole.role.arn : pulumi.output("");
        this.autoModeNodeRoleName = autoNodeRole ? autoNodeRole.role.name : pulumi.output("");
        this.kubeconfig = pulumi.secret(
            pulumi
                .all([
                    cluster.name,
                    cluster.endpoint,
                    this.certificateAuthority,
                    facts.region,
                    args.kubeconfigRoleArn,
                ])
                .apply(([clusterName, endpoint, certificateAuthority, region, roleArn]) =>
                    kubeconfig({ clusterName, endpoint, certificateAuthority, region, roleArn }),
                ),
        );
        const gateTimeout = args.accessGateTimeoutSeconds ?? DEFAULT_ACCESS_GATE_TIMEOUT_SECONDS;
        if (gateTimeout > 0) {
            const exec = pulumi
                .all([cluster.name, facts.region, args.kubeconfigRoleArn])
                .apply(([clusterName, region, roleArn]) => execCommand({ clusterName, region, roleArn }));
            accessGates.set(
                this,
                new AccessGate(
                    `${name}-access-gate`,
                    {
                        endpoint: cluster.endpoint,
                        certificateAuthority: this.certificateAuthority,
                        command: exec.command,
                        args: exec.args,
                        env: exec.env,
                        verb: "create",
                        resource: "serviceaccounts",
                        timeoutSeconds: gateTimeout,
                        // A changed entry or association re-runs the gate (an update, never a replace).
                        accessIds: pulumi.all(access.map((r) => r.id)),
                    },
                    { parent: this, dependsOn: access },
                ),
            );
        }
        this.registerOutputs({
            clusterName: this.clusterName,
            clusterArn: this.clusterArn,
            endpoint: this.endpoint,
            oidcIssuer: this.oidcIssuer,
            oidcProviderArn: this.oidcProviderArn,
            kubeconfig: this.kubeconfig,
        });
    }

    /**
     * The `@pulumi/kubernetes` provider of this cluster (`<name>-k8s`, a child of the cluster),
     * created on first use from `kubeconfig`. Pass it to in-cluster resources, e.g.
     * `new WorkloadIdentity(name, args, { providers: { kubernetes: cluster.kubernetesProvider() } })`.
     * A method rather than an output: a provider cannot cross languages in the package schema;
     * other languages build the provider from the `kubeconfig` output.
     */
    kubernetesProvider(): k8s.Provider {
        let provider = kubernetesProviders.get(this);
        if (!provider) {
            const gate = accessGates.get(this);
            provider = new k8s.Provider(
                `${clusterNames.get(this)}-k8s`,
                { kubeconfig: this.kubeconfig, enableServerSideApply: true },
                // Nothing reaches the API before the deployer's access is effective.
                { parent: this, dependsOn: gate ? [gate] : [] },
            );
            kubernetesProviders.set(this, provider);
        }
        return provider;
    }
}

// Kept outside the class: every field of a component becomes part of its state and of the
// package schema, and neither may carry a provider.
const clusterNames = new WeakMap<EksCluster, string>();
const kubernetesProviders = new WeakMap<EksCluster, k8s.Provider>();
/** Kept beside the class, not as a field: a field would become an output of the package schema. */
const accessGates = new WeakMap<EksCluster, AccessGate>();
export const DEFAULT_ACCESS_GATE_TIMEOUT_SECONDS = 300;

/** The cluster role's policies beside AmazonEKSClusterPolicy under Auto Mode (auto-cluster-iam-role), nothing more. */
export const AUTO_MODE_CLUSTER_POLICIES: readonly string[] = [
    ManagedPolicies.computePolicy,
    ManagedPolicies.blockStoragePolicy,
    ManagedPolicies.loadBalancingPolicy,
    ManagedPolicies.networkingPolicy,
];

/** The cluster's kubernetesNetworkConfig: only what is set, so a default cluster sends none. */
function kubernetesNetworkConfig(
    args: EksClusterArgs,
): aws.types.input.eks.ClusterKubernetesNetworkConfig | undefined {
    const config: aws.types.input.eks.ClusterKubernetesNetworkConfig = {
        ...(args.ipFamily === "ipv6" ? { ipFamily: "ipv6" } : {}),
        ...(args.serviceIpv4Cidr ? { serviceIpv4Cidr: args.serviceIpv4Cidr } : {}),
        ...(args.autoMode ? { elasticLoadBalancing: { enabled: true } } : {}),
    };
    return Object.keys(config).length > 0 ? config : undefined;
}

interface NodeAddonsSpec {
    podIdentity: boolean;
    ipv6: boolean;
    accountId: pulumi.Output<string>;
    partition: pulumi.Output<string>;
    region: pulumi.Output<string>;
    clusterArn: pulumi.Output<string>;
    clusterName: pulumi.Output<string>;
    oidcProviderArn: pulumi.Output<string>;
    oidcIssuer: pulumi.Output<string>;
    agent?: aws.eks.Addon;
    versions: Record<string, pulumi.Input<string>>;
    tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
    parent: pulumi.Resource;
}

/**
 * vpc-cni with its own identity (so node roles never carry the CNI policy) and kube-proxy: what
 * EC2 nodes need, unless Auto Mode runs them. Returns the vpc-cni role.
 */
function createNodeAddons(name: string, spec: NodeAddonsSpec): ReturnType<typeof createRole> {
    const { parent, tags, versions } = spec;
    // vpc-cni's identity follows the cluster's switches: Pod Identity when the agent is there.
    const cniMode: IdentityMode = spec.podIdentity ? "pod-identity" : "irsa";
    // The OIDC values only for an IRSA trust: they exist only once the cluster does.
    const cniIssuer = cniMode === "irsa" ? [spec.oidcProviderArn, spec.oidcIssuer] : ["", ""];
    const cniTrust = pulumi
        .all([spec.accountId, spec.clusterArn, ...cniIssuer])
        .apply(([accountId, arn, oidcProviderArn, oidcIssuer]) =>
            JSON.stringify(
                workloadTrustPolicy({
                    mode: cniMode,
                    accountId,
                    clusters: [{ clusterArn: arn, oidcProviderArn, oidcIssuer }],
                    namespace: "kube-system",
                    serviceAccount: "aws-node",
                }),
            ),
        );
    const cniRole = createRole(
        {
            name: `${name}-vpc-cni-role`,
            description: "vpc-cni (aws-node) identity",
            assumeRolePolicy: cniTrust,
            // AWS publishes no managed IPv6 CNI policy: the catalog's is the documented one.
            managedPolicies: spec.ipv6 ? [] : [ManagedPolicies.cniPolicy],
            tags,
        },
        spec.partition,
        parent,
    );
    const permissions: pulumi.Resource[] = [...cniRole.attachments];
    if (spec.ipv6) {
        const context = pulumi
            .all([spec.partition, spec.region, spec.accountId])
            .apply(([partition, region, accountId]) => ({ partition, region, accountId }));
        permissions.push(
            new aws.iam.RolePolicy(
                `${name}-vpc-cni-role-ipv6`,
                {
                    role: cniRole.role.name,
                    name: "vpc-cni-ipv6",
                    policy: wellKnownPolicyJson({ kind: "vpc-cni", ipFamily: "ipv6" }, context),
                },
                { parent },
            ),
        );
    }
    new aws.eks.Addon(
        `${name}-vpc-cni`,
        {
            clusterName: spec.clusterName,
            addonName: "vpc-cni",
            addonVersion: versions["vpc-cni"],
            resolveConflictsOnUpdate: "OVERWRITE",
            podIdentityAssociations: spec.podIdentity
                ? [{ roleArn: cniRole.role.arn, serviceAccount: "aws-node" }]
                : undefined,
            serviceAccountRoleArn: spec.podIdentity ? undefined : cniRole.role.arn,
            tags,
        },
        { parent, dependsOn: [...permissions, ...(spec.agent ? [spec.agent] : [])] },
    );
    new aws.eks.Addon(
        `${name}-kube-proxy`,
        {
            clusterName: spec.clusterName,
            addonName: "kube-proxy",
            addonVersion: versions["kube-proxy"],
            resolveConflictsOnUpdate: "OVERWRITE",
            tags,
        },
        { parent },
    );
    return cniRole;
}

function createAccessEntry(
    name: string,
    entry: AccessEntry,
    clusterName: pulumi.Output<string>,
    partition: pulumi.Output<string>,
    parent: pulumi.Resource,
): pulumi.CustomResource[] {
    const key = `${name}-access-${entry.key ?? accessEntryKey(entry.principalArn as string)}`;
    const accessEntry = new aws.eks.AccessEntry(
        key,
        {
            clusterName,
            principalArn: entry.principalArn,
            type: entry.type ?? "STANDARD",
            kubernetesGroups: entry.kubernetesGroups,
            userName: entry.userName,
        },
        { parent },
    );
    const created: pulumi.CustomResource[] = [accessEntry];
    for (const policy of entry.accessPolicies ?? []) {
        const scope = policy.scope ?? "cluster";
        const association = new aws.eks.AccessPolicyAssociation(
            `${key}-${policy.policyName}`,
            {
                clusterName,
                principalArn: entry.principalArn,
                policyArn: pulumi.interpolate`arn:${partition}:eks::aws:cluster-access-policy/${policy.policyName}`,
                accessScope: {
                    type: scope,
                    namespaces: scope === "namespace" ? policy.namespaces : undefined,
                },
            },
            { parent, dependsOn: [accessEntry] },
        );
        created.push(association);
    }
    return created;
}
