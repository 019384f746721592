// The platform program: one validated stack config in, a cluster with its compute and its
// workloads' identities out. Resource names derive from stable config keys (workload and node
// group names), never from list positions.
import * as pulumi from "@pulumi/pulumi";
import {
    CoreDnsAddon,
    EksCluster,
    FargateProfile,
    ManagedNodeGroup,
    SelfManagedNodeGroup,
    WorkloadIdentity,
} from "../components";
import { fargateNamespaces, PlatformConfig, StackConfig, withClusterName, workloadArgs } from "./config";

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
    workloads: Record<string, WorkloadOutputs>;
}

export function buildPlatform(config: StackConfig): PlatformOutputs {
    const p: PlatformConfig = config.platform;
    const tags = { "managed-by": "pulumi", ...p.tags };
    const subnetIds = p.network.subnetIds;

    const cluster = new EksCluster(
        "cluster",
        { ...p.cluster, subnetIds, tags },
        // protect reaches the cluster and, through the parent, the OIDC provider and the roles.
        { protect: p.protect },
    );

    const kubernetes = cluster.kubernetesProvider();

    const compute: pulumi.Resource[] = [];
    const roleOwners = new Map<string, pulumi.Output<string>>();
    const ordered = [
        ...p.nodeGroups.filter((g) => !g.shareRoleWith),
        ...p.nodeGroups.filter((g) => g.shareRoleWith),
    ];
    for (const g of ordered) {
        const shared = g.shareRoleWith ? roleOwners.get(g.shareRoleWith) : undefined;
        const common = {
            clusterName: cluster.clusterName,
            subnetIds,
            nodeRoleArn: shared,
            amiType: g.amiType,
            minSize: g.minSize,
            maxSize: g.maxSize,
            desiredSize: g.desiredSize,
            labels: g.labels,
            taints: g.taints,
            diskSizeGiB: g.diskSizeGiB,
            ssm: g.ssm,
            remoteAccess: g.remoteAccess,
            vpcId: p.network.vpcId,
            kubernetesVersion: p.cluster.kubernetesVersion,
            tags,
        };
        const group =
            g.kind === "managed"
                ? new ManagedNodeGroup(
                      g.name,
                      {
                          ...common,
                          instanceTypes: g.instanceTypes,
                          capacityType: g.capacityType,
                          maxUnavailable: g.maxUnavailable,
                          clusterSecurityGroupId: g.remoteAccess ? cluster.clusterSecurityGroupId : undefined,
                      },
                      { dependsOn: [cluster] },
                  )
                : new SelfManagedNodeGroup(
                      g.name,
                      {
                          ...common,
                          instanceType: g.instanceType,
                          clusterEndpoint: cluster.endpoint,
                          certificateAuthority: cluster.certificateAuthority,
                          serviceCidr: cluster.serviceCidr,
                          clusterSecurityGroupId: cluster.clusterSecurityGroupId,
                      },
                      { dependsOn: [cluster] },
                  );
        roleOwners.set(g.name, group.nodeRoleArn);
        compute.push(group);
    }
    for (const f of p.fargateProfiles) {
        compute.push(
            new FargateProfile(
                f.name,
                { clusterName: cluster.clusterName, subnetIds, selectors: f.selectors, tags },
                { dependsOn: [cluster] },
            ),
        );
    }
    // CoreDNS becomes ACTIVE only once something can run it.
    new CoreDnsAddon(
        "coredns",
        { clusterName: cluster.clusterName, addonVersion: p.cluster.addonVersions?.coredns, tags },
        { dependsOn: compute },
    );

    const workloads: Record<string, WorkloadOutputs> = {};
    const fargate = fargateNamespaces(p);
    for (const w of p.workloads) {
        const args = workloadArgs(p, w);
        const identity = new WorkloadIdentity(
            w.name,
            {
                ...args,
                clusterName: cluster.clusterName,
                clusterArn: cluster.clusterArn,
                oidcProviderArn: p.cluster.irsa ? cluster.oidcProviderArn : undefined,
                oidcIssuer: p.cluster.irsa ? cluster.oidcIssuer : undefined,
                fargateNamespaces: fargate,
                wellKnownPolicies: withClusterName(w.wellKnownPolicies, cluster.clusterName),
            },
            {
                // A renamed workload keeps its role, service account and association.
                aliases: (w.previousNames ?? []).map((previous) => ({ name: previous })),
                dependsOn: [cluster],
                providers: { kubernetes },
            },
        );
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
        workloads,
    };
}
