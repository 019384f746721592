import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { awsFacts, createRole, plannedAwsContext } from "../common/aws";
import { ManagedPolicies } from "../common/iamDocument";
import { clusterTrustPolicy } from "../trust/service";
import { IdentityMode } from "../identity/mode";
import { issuerHostPath, STS_AUDIENCE } from "../trust/eksIdentity";
import { eksClusterArn } from "../trust/podIdentity";
import { workloadTrustPolicy } from "../trust/workload";
import { AccessEntry } from "./access";
import { AccessGate } from "./accessGate";
import { execCommand, kubeconfig } from "./kubeconfig";
import {
    accessEntryKey,
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
    /** CIDR of Kubernetes services. Default: chosen by EKS. */
    serviceIpv4Cidr?: string;
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
    /** Role of the vpc-cni (aws-node) identity, carrying AmazonEKS_CNI_Policy. */
    public readonly cniRoleArn: pulumi.Output<string>;
    /** Whether the Pod Identity agent is installed. */
    public readonly podIdentityAgent: pulumi.Output<boolean>;
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
        const podIdentity = args.podIdentity ?? true;
        const tags = args.tags ?? {};
        const versions = args.addonVersions ?? {};
        // Only where it is set, so a `protect` the caller gives the component still reaches them.
        const stateful = args.protectStatefulResources ? true : undefined;

        const clusterRole = createRole(
            {
                name: `${name}-cluster-role`,
                description: "EKS control plane role",
                assumeRolePolicy: JSON.stringify(clusterTrustPolicy()),
                managedPolicies: [
                    ManagedPolicies.clusterPolicy,
                    ...(args.vpcResourceController ? [ManagedPolicies.vpcResourceController] : []),
                ],
                tags,
            },
            facts.partition,
            this,
        );

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
                bootstrapSelfManagedAddons: false,
                kubernetesNetworkConfig: args.serviceIpv4Cidr
                    ? { serviceIpv4Cidr: args.serviceIpv4Cidr }
                    : undefined,
                tags,
            },
            { parent: this, dependsOn: clusterRole.attachments, protect: stateful },
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

        const agent = podIdentity
            ? new aws.eks.Addon(
                  `${name}-eks-pod-identity-agent`,
                  {
                      clusterName: cluster.name,
                      addonName: "eks-pod-identity-agent",
                      addonVersion: versions["eks-pod-identity-agent"],
                      resolveConflictsOnUpdate: "OVERWRITE",
                      tags,
                  },
                  { parent: this },
              )
            : undefined;

        // vpc-cni's identity follows the cluster's switches: Pod Identity when the agent is there.
        const cniMode: IdentityMode = podIdentity ? "pod-identity" : "irsa";
        // The OIDC values only for an IRSA trust: they exist only once the cluster does.
        const cniIssuer = cniMode === "irsa" ? [this.oidcProviderArn, this.oidcIssuer] : ["", ""];
        const cniTrust = pulumi
            .all([facts.accountId, clusterArn, ...cniIssuer])
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
                managedPolicies: [ManagedPolicies.cniPolicy],
                tags,
            },
            facts.partition,
            this,
        );
        new aws.eks.Addon(
            `${name}-vpc-cni`,
            {
                clusterName: cluster.name,
                addonName: "vpc-cni",
                addonVersion: versions["vpc-cni"],
                resolveConflictsOnUpdate: "OVERWRITE",
                podIdentityAssociations: podIdentity
                    ? [{ roleArn: cniRole.role.arn, serviceAccount: "aws-node" }]
                    : undefined,
                serviceAccountRoleArn: podIdentity ? undefined : cniRole.role.arn,
                tags,
            },
            { parent: this, dependsOn: [...cniRole.attachments, ...(agent ? [agent] : [])] },
        );
        new aws.eks.Addon(
            `${name}-kube-proxy`,
            {
                clusterName: cluster.name,
                addonName: "kube-proxy",
                addonVersion: versions["kube-proxy"],
                resolveConflictsOnUpdate: "OVERWRITE",
                tags,
            },
            { parent: this },
        );

        const access = (args.accessEntries ?? []).flatMap((entry) =>
            createAccessEntry(name, entry, cluster.name, facts.partition, this),
        );

        this.clusterName = cluster.name;
        this.clusterArn = clusterArn;
        this.endpoint = cluster.endpoint;
        this.certificateAuthority = cluster.certificateAuthority.apply((ca) => ca.data ?? "");
        this.kubernetesVersion = cluster.version;
        this.clusterRoleArn = clusterRole.role.arn;
        this.clusterSecurityGroupId = cluster.vpcConfig.apply((v) => v.clusterSecurityGroupId ?? "");
        this.serviceCidr = cluster.kubernetesNetworkConfig.apply((c) => c?.serviceIpv4Cidr ?? "");
        this.cniRoleArn = cniRole.role.arn;
        this.podIdentityAgent = pulumi.output(podIdentity);
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
