// The platform program: one validated stack config in, a cluster with its compute and its
// workloads' identities out. Resource names derive from stable config keys (workload and node
// group names), never from list positions.
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
    CoreDnsAddon,
    EksCluster,
    FargateProfile,
    issuerHostPath,
    kubeconfig,
    ManagedNodeGroup,
    podIdentityAgentAddon,
    SelfManagedNodeGroup,
    WorkloadIdentity,
} from "../components";
import {
    autoModeNodeGroups,
    ClusterFacts,
    CREATED_SUBNET_TYPES,
    ExistingClusterConfig,
    fargateProfileArgs,
    NAT_GATEWAY_LAYOUTS,
    NetworkConfig,
    nodeGroupArgs,
    PlatformConfig,
    StackConfig,
    stackTags,
    workloadArgs,
} from "./config";

export interface WorkloadOutputs {
    roleArn: pulumi.Output<string>;
    mode: pulumi.Output<string>;
    namespace: pulumi.Output<string>;
    serviceAccount: pulumi.Output<string>;
    associationArn: pulumi.Output<string>;
}

/** Stack outputs, read by application stacks through StackReference. */
export interface PlatformOutputs {
    clusterName: pulumi.Output<string>;
    clusterArn: pulumi.Output<string>;
    endpoint: pulumi.Output<string>;
    oidcIssuer: pulumi.Output<string>;
    oidcProviderArn?: pulumi.Output<string>;
    kubeconfig: pulumi.Output<string>;
    /** The cluster's VPC: the existing one of config, or the one created for the stack. */
    vpcId: pulumi.Output<string>;
    /** The private subnets the control plane ENIs, nodes and Fargate pods use. */
    privateSubnetIds: pulumi.Output<string[]>;
    workloads: Record<string, WorkloadOutputs>;
}

/** Subnet tags the AWS Load Balancer Controller discovers subnets by. */
const ELB_ROLE_TAGS: Record<(typeof CREATED_SUBNET_TYPES)[number], Record<string, string>> = {
    Private: { "kubernetes.io/role/internal-elb": "1" },
    Public: { "kubernetes.io/role/elb": "1" },
};

interface Network {
    /** Plain values for an existing VPC, so the components still check them as they are. */
    vpcId: pulumi.Input<string>;
    privateSubnetIds: pulumi.Input<string[]>;
    /** The created VPC, which the compute waits for (its NAT routes are the nodes' egress). */
    vpc?: awsx.ec2.Vpc;
}

/**
 * The existing VPC of config, or a VPC created for the stack by awsx (one remote component). An
 * ipv6 cluster's VPC is dual-stack: an Amazon-provided /56, and a /64 for every subnet (awsx
 * derives them when assignGeneratedIpv6CidrBlock is set, pulumi-awsx#1882).
 */
function buildNetwork(network: NetworkConfig, tags: Record<string, string>, ipv6: boolean): Network {
    if (!("create" in network)) {
        return { vpcId: network.vpcId, privateSubnetIds: network.subnetIds };
    }
    const { cidrBlock, availabilityZones, natGateways } = network.create;
    const vpc = new awsx.ec2.Vpc("network", {
        cidrBlock,
        numberOfAvailabilityZones: availabilityZones,
        natGateways: { strategy: NAT_GATEWAY_LAYOUTS[natGateways] },
        // "Auto": subnets in the order given, each zone's range split evenly (config checks the size).
        subnetStrategy: "Auto",
        subnetSpecs: CREATED_SUBNET_TYPES.map((type) => ({
            type,
            tags: { ...tags, ...ELB_ROLE_TAGS[type] },
            ...(ipv6 ? { assignIpv6AddressOnCreation: true } : {}),
        })),
        ...(ipv6 ? { assignGeneratedIpv6CidrBlock: true } : {}),
        // Nodes register with the cluster by their private DNS names: EKS needs both.
        enableDnsHostnames: true,
        enableDnsSupport: true,
        tags,
    });
    return { vpcId: vpc.vpcId, privateSubnetIds: vpc.privateSubnetIds, vpc };
}

/** Namespaces every EKS cluster has from the start. */
export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

export function buildPlatform(config: StackConfig): PlatformOutputs {
    const p: PlatformConfig = config.platform;
    const tags = stackTags(p);
    const network = buildNetwork(p.network, tags, !p.cluster.existing && p.cluster.ipFamily === "ipv6");
    const subnetIds = network.privateSubnetIds;
    const vpcId = network.vpcId;
    const vpcDependency: pulumi.Resource[] = network.vpc ? [network.vpc] : [];

    const cluster = p.cluster.existing
        ? lookUpCluster(p.cluster.existing, p.cluster.irsa, config.region, tags)
        : createCluster(p, subnetIds, tags);
    const kubernetes = cluster.kubernetes;
    // What the cluster's users wait for: the created cluster, or the agent the stack installs.
    const clusterDependency = cluster.resources;
    // The cluster's facts, as the config check planned with stand-ins for them (config/args.ts).
    const facts: ClusterFacts = { ...cluster.facts, vpcId, subnetIds, tags };

    const compute: pulumi.Resource[] = [];
    const roleOwners = new Map<string, ManagedNodeGroup | SelfManagedNodeGroup>();
    const ordered = [
        ...p.nodeGroups.filter((g) => !g.shareRoleWith),
        ...p.nodeGroups.filter((g) => g.shareRoleWith),
    ];
    for (const g of ordered) {
        const owner = g.shareRoleWith ? roleOwners.get(g.shareRoleWith) : undefined;
        // A group sharing a role waits for its owner, whose role attachments must exist first.
        const dependsOn: pulumi.Resource[] = [
            ...clusterDependency,
            ...(owner ? [owner] : []),
            ...vpcDependency,
        ];
        const group = nodeGroupArgs(p, g, facts, owner?.nodeRoleArn);
        const created =
            group.kind === "managed"
                ? new ManagedNodeGroup(g.name, group.args, { dependsOn })
                : new SelfManagedNodeGroup(g.name, group.args, { dependsOn });
        roleOwners.set(g.name, created);
        compute.push(created);
    }
    for (const f of p.fargateProfiles) {
        compute.push(
            new FargateProfile(f.name, fargateProfileArgs(f, facts), {
                dependsOn: [...clusterDependency, ...vpcDependency],
            }),
        );
    }
    // CoreDNS becomes ACTIVE only once something can run it. An existing cluster has its own, and
    // Auto Mode runs DNS on its nodes: there, only node groups beside it need CoreDNS.
    if (!p.cluster.existing && (!p.cluster.autoMode || p.nodeGroups.length > 0)) {
        new CoreDnsAddon(
            "coredns",
            { clusterName: facts.clusterName, addonVersion: p.cluster.addonVersions?.coredns, tags },
            { dependsOn: compute },
        );
    }

    // Namespaces the workloads' ServiceAccounts live in, unless Kubernetes makes them itself.
    const namespaces = new Map<string, k8s.core.v1.Namespace>();
    for (const w of p.workloads) {
        if (
            (w.createServiceAccount ?? true) &&
            !SYSTEM_NAMESPACES.includes(w.namespace) &&
            !namespaces.has(w.namespace)
        ) {
            namespaces.set(
                w.namespace,
                new k8s.core.v1.Namespace(
                    `ns-${w.namespace}`,
                    { metadata: { name: w.namespace, labels: { "app.kubernetes.io/managed-by": "pulumi" } } },
                    { provider: kubernetes, dependsOn: clusterDependency },
                ),
            );
        }
    }

    const workloads: Record<string, WorkloadOutputs> = {};
    for (const w of p.workloads) {
        const identity = new WorkloadIdentity(w.name, workloadArgs(p, w, facts), {
            // A renamed workload keeps its role, service account and association.
            aliases: (w.previousNames ?? []).map((previous) => ({ name: previous })),
            dependsOn: [
                ...clusterDependency,
                ...(namespaces.has(w.namespace) ? [namespaces.get(w.namespace)!] : []),
            ],
            providers: { kubernetes },
        });
        workloads[w.name] = {
            roleArn: identity.roleArn,
            mode: identity.mode,
            namespace: identity.namespace,
            serviceAccount: identity.serviceAccount,
            associationArn: identity.associationArn,
        };
    }

    return {
        clusterName: pulumi.output(facts.clusterName),
        clusterArn: pulumi.output(facts.clusterArn!),
        endpoint: pulumi.output(facts.clusterEndpoint),
        oidcIssuer: pulumi.output(cluster.oidcIssuer),
        ...(p.cluster.irsa ? { oidcProviderArn: pulumi.output(facts.oidcProviderArn!) } : {}),
        kubeconfig: cluster.kubeconfig,
        vpcId: pulumi.output(vpcId),
        privateSubnetIds: pulumi.output(subnetIds),
        workloads,
    };
}

/** The cluster the workloads run on, created by the stack or looked up. */
interface PlatformCluster {
    facts: Omit<ClusterFacts, "vpcId" | "subnetIds" | "tags">;
    /** The issuer, host and path (`oidc.eks.<region>.amazonaws.com/id/<id>`). */
    oidcIssuer: pulumi.Input<string>;
    kubeconfig: pulumi.Output<string>;
    kubernetes: k8s.Provider;
    /** What users of the cluster depend on. */
    resources: pulumi.Resource[];
}

function createCluster(
    p: PlatformConfig,
    subnetIds: pulumi.Input<string[]>,
    tags: Record<string, string>,
): PlatformCluster {
    const { existing: _existing, ...created } = p.cluster;
    // platform:protect guards the state a replacement would lose (cluster, KMS key, OIDC provider),
    // not the access entries, add-ons and roles a change must be able to replace.
    const cluster = new EksCluster("cluster", {
        ...created,
        subnetIds,
        tags,
        protectStatefulResources: p.protect,
        ec2NodeGroups: autoModeNodeGroups(p),
    });
    return {
        facts: {
            clusterName: cluster.clusterName,
            clusterArn: cluster.clusterArn,
            oidcProviderArn: cluster.oidcProviderArn,
            oidcIssuer: cluster.oidcIssuer,
            clusterEndpoint: cluster.endpoint,
            certificateAuthority: cluster.certificateAuthority,
            serviceCidr: cluster.serviceCidr,
            clusterSecurityGroupId: cluster.clusterSecurityGroupId,
        },
        oidcIssuer: cluster.oidcIssuer,
        kubeconfig: cluster.kubeconfig,
        kubernetes: cluster.kubernetesProvider(),
        resources: [cluster],
    };
}

/**
 * An existing cluster, looked up by name: nothing of it is created but the Pod Identity agent
 * when config says "install", and a Kubernetes provider of the looked-up endpoint and CA. Its
 * IAM OIDC provider (IRSA only) is the one config names, else the one of the cluster's issuer.
 */
function lookUpCluster(
    existing: ExistingClusterConfig,
    irsa: boolean,
    region: string,
    tags: Record<string, string>,
): PlatformCluster {
    const found = aws.eks.getClusterOutput({ name: existing.name });
    const issuerUrl = found.identities.apply((ids) => ids[0]?.oidcs[0]?.issuer ?? "");
    const oidcIssuer = issuerUrl.apply(issuerHostPath);
    const certificateAuthority = found.certificateAuthorities.apply((cas) => cas[0]?.data ?? "");
    const oidcProviderArn = !irsa
        ? undefined
        : existing.oidcProviderArn !== undefined
          ? existing.oidcProviderArn
          : aws.iam.getOpenIdConnectProviderOutput({ url: issuerUrl }).arn;
    const resources: pulumi.Resource[] = [];
    if (existing.podIdentityAgent === "install") {
        resources.push(
            podIdentityAgentAddon("cluster-eks-pod-identity-agent", { clusterName: existing.name, tags }),
        );
    }
    const config = pulumi.secret(
        pulumi
            .all([found.endpoint, certificateAuthority])
            .apply(([endpoint, ca]) =>
                kubeconfig({ clusterName: existing.name, endpoint, certificateAuthority: ca, region }),
            ),
    );
    return {
        facts: {
            clusterName: existing.name,
            clusterArn: found.arn,
            oidcProviderArn,
            oidcIssuer: irsa ? oidcIssuer : undefined,
            clusterEndpoint: found.endpoint,
            certificateAuthority,
            // Self-managed nodes bootstrap with the service range of the cluster's family.
            serviceCidr: found.kubernetesNetworkConfigs.apply(
                (c) => (c[0]?.ipFamily === "ipv6" ? c[0].serviceIpv6Cidr : c[0]?.serviceIpv4Cidr) ?? "",
            ),
            clusterSecurityGroupId: found.vpcConfig.clusterSecurityGroupId,
        },
        oidcIssuer,
        kubeconfig: config,
        kubernetes: new k8s.Provider("cluster-k8s", { kubeconfig: config, enableServerSideApply: true }),
        resources,
    };
}
