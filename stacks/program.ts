// The platform program: one validated stack config in, a cluster with its compute and its
// workloads' identities out. Resource names derive from stable config keys (workload and node
// group names), never from list positions.
import * as awsx from "@pulumi/awsx";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
    CoreDnsAddon,
    EksCluster,
    FargateProfile,
    ManagedNodeGroup,
    SelfManagedNodeGroup,
    WorkloadIdentity,
} from "../components";
import {
    ClusterFacts,
    CREATED_SUBNET_TYPES,
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

/** The existing VPC of config, or a VPC created for the stack by awsx (one remote component). */
function buildNetwork(network: NetworkConfig, tags: Record<string, string>): Network {
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
        })),
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
    const network = buildNetwork(p.network, tags);
    const subnetIds = network.privateSubnetIds;
    const vpcId = network.vpcId;
    const vpcDependency: pulumi.Resource[] = network.vpc ? [network.vpc] : [];

    // platform:protect guards the state a replacement would lose (cluster, KMS key, OIDC provider),
    // not the access entries, add-ons and roles a change must be able to replace.
    const cluster = new EksCluster("cluster", {
        ...p.cluster,
        subnetIds,
        tags,
        protectStatefulResources: p.protect,
    });

    const kubernetes = cluster.kubernetesProvider();
    // The cluster's facts, as the config check planned with stand-ins for them (config/args.ts).
    const facts: ClusterFacts = {
        clusterName: cluster.clusterName,
        clusterArn: cluster.clusterArn,
        oidcProviderArn: cluster.oidcProviderArn,
        oidcIssuer: cluster.oidcIssuer,
        clusterEndpoint: cluster.endpoint,
        certificateAuthority: cluster.certificateAuthority,
        serviceCidr: cluster.serviceCidr,
        clusterSecurityGroupId: cluster.clusterSecurityGroupId,
        vpcId,
        subnetIds,
        tags,
    };

    const compute: pulumi.Resource[] = [];
    const roleOwners = new Map<string, ManagedNodeGroup | SelfManagedNodeGroup>();
    const ordered = [
        ...p.nodeGroups.filter((g) => !g.shareRoleWith),
        ...p.nodeGroups.filter((g) => g.shareRoleWith),
    ];
    for (const g of ordered) {
        const owner = g.shareRoleWith ? roleOwners.get(g.shareRoleWith) : undefined;
        // A group sharing a role waits for its owner, whose role attachments must exist first.
        const dependsOn: pulumi.Resource[] = [cluster, ...(owner ? [owner] : []), ...vpcDependency];
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
                dependsOn: [cluster, ...vpcDependency],
            }),
        );
    }
    // CoreDNS becomes ACTIVE only once something can run it.
    new CoreDnsAddon(
        "coredns",
        { clusterName: cluster.clusterName, addonVersion: p.cluster.addonVersions?.coredns, tags },
        { dependsOn: compute },
    );

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
                    { provider: kubernetes, dependsOn: [cluster] },
                ),
            );
        }
    }

    const workloads: Record<string, WorkloadOutputs> = {};
    for (const w of p.workloads) {
        const identity = new WorkloadIdentity(w.name, workloadArgs(p, w, facts), {
            // A renamed workload keeps its role, service account and association.
            aliases: (w.previousNames ?? []).map((previous) => ({ name: previous })),
            dependsOn: [cluster, ...(namespaces.has(w.namespace) ? [namespaces.get(w.namespace)!] : [])],
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
        clusterName: cluster.clusterName,
        clusterArn: cluster.clusterArn,
        endpoint: cluster.endpoint,
        oidcIssuer: cluster.oidcIssuer,
        ...(p.cluster.irsa ? { oidcProviderArn: cluster.oidcProviderArn } : {}),
        kubeconfig: cluster.kubeconfig,
        vpcId: pulumi.output(vpcId),
        privateSubnetIds: pulumi.output(subnetIds),
        workloads,
    };
}
