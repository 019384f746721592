// @pulumi/eks's Cluster in the fake cloud. Read from pulumi/pulumi-eks nodejs/eks/cluster/cluster.ts
// (createCore, createCluster, generateKubeconfig; mirror of 2026-08-12, v4.x): the component is a
// remote one (`eks:index:Cluster`, registered with `remote: true` by the Node.js SDK), so under
// mocks it is one registration whose outputs the fake cloud computes as the eks provider would.
type State = Record<string, unknown>;

/** A resource the eks provider registers inside the component: the program only holds a reference to it. */
export interface ProviderChild {
    /** The child's type token, e.g. `aws:eks/cluster:Cluster`. */
    type: string;
    /** Its logical name, as the provider names it (`<cluster name>-eksCluster`). */
    name: string;
    id: string;
    state: State;
}

/** What the fake cloud lends the model (cloud.ts), so this file does not import it back. */
export interface CloudTools {
    /** The state of a created resource (cloud.ts computeState). */
    computeState(type: string, name: string, inputs: State): { id: string; state: State };
    /** The URN the mock monitor gives a child of an `eks:index:Cluster`. */
    childUrn(type: string, name: string): string;
    /** Pulumi's autonaming. */
    physicalName(logicalName: string): string;
    /** A deterministic hex string of `length` characters. */
    hex(seed: string, length: number): string;
}

/** The marker of a resource reference in the SDK's serialized properties (rpc.ts specialResourceSig). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/** How a resource output travels to the program: a reference the SDK turns back into a Resource. */
export function resourceReference(urn: string, id: string): State {
    return { [SIG_KEY]: RESOURCE_SIG, urn, id, packageVersion: "" };
}

const bool = (value: unknown, fallback: boolean): boolean => (typeof value === "boolean" ? value : fallback);
const strings = (value: unknown): string[] | undefined =>
    Array.isArray(value) && value.every((v) => typeof v === "string") ? (value as string[]) : undefined;

/**
 * The kubeconfig @pulumi/eks writes (generateKubeconfig, without a profile): one cluster, one
 * context `aws`, a user that runs `aws --region <region> eks get-token --cluster-name <name>`.
 */
export function pulumiEksKubeconfig(
    clusterName: string,
    endpoint: string,
    region: string,
    caData: string,
): State {
    return {
        apiVersion: "v1",
        clusters: [
            { cluster: { server: endpoint, "certificate-authority-data": caData }, name: "kubernetes" },
        ],
        contexts: [{ context: { cluster: "kubernetes", user: "aws" }, name: "aws" }],
        "current-context": "aws",
        kind: "Config",
        users: [
            {
                name: "aws",
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: [
                            "--region",
                            region,
                            "eks",
                            "get-token",
                            "--cluster-name",
                            clusterName,
                            "--output",
                            "json",
                        ],
                        env: [
                            {
                                name: "KUBERNETES_EXEC_INFO",
                                value: '{"apiVersion": "client.authentication.k8s.io/v1beta1"}',
                            },
                        ],
                    },
                },
            },
        ],
    };
}

/**
 * Outputs of an `eks:index:Cluster` created with `inputs`, and the child the outputs refer to.
 *
 * - `eksCluster` and `core.cluster` are references to the component's `aws:eks/cluster:Cluster`
 *   (`<name>-eksCluster`, named by `args.name` or autonamed), as in a real deployment: the SDK
 *   turns them into an `aws.eks.Cluster`, so `cluster.eksCluster.name` and `.arn` resolve.
 * - `oidcProviderArn` is "" unless `createOidcProvider` is true (createCore creates the provider
 *   only then); `oidcProviderUrl` is the cluster's issuer either way, `oidcIssuer` it without
 *   `https://`.
 * - `kubeconfig` and `kubeconfigJson` are generateKubeconfig's, for the cluster's endpoint and CA.
 * - The default node group exists unless `skipDefaultNodeGroup`, `fargate` or Auto Mode is set
 *   (`defaultNodeGroupAsgName` is then ""), as createCluster decides.
 *
 * Other resource outputs (instanceRoles, clusterSecurityGroup, awsProvider, defaultNodeGroup, the
 * rest of `core`) are left out rather than faked: their resources are not modelled, and a plain
 * object standing in for a resource would mislead a program that used one.
 */
export function pulumiEksClusterState(
    ctx: { partition: string; accountId: string; region: string },
    name: string,
    inputs: State,
    tools: CloudTools,
): { id: string; state: State; children: ProviderChild[] } {
    const { computeState, childUrn, physicalName, hex } = tools;
    const childName = `${name}-eksCluster`;
    const clusterName = typeof inputs.name === "string" ? inputs.name : physicalName(childName);
    const autoMode = bool((inputs.autoMode as State | undefined)?.enabled, false);
    // createCluster: subnetIds, else the public subnets then the private ones.
    const subnetIds = strings(inputs.subnetIds) ?? [
        ...(strings(inputs.publicSubnetIds) ?? []),
        ...(strings(inputs.privateSubnetIds) ?? []),
    ];
    // ServiceRole (servicerole.ts) names its aws.iam.Role `<its name>-role`, autonamed.
    const roleName = physicalName(`${name}-eksRole-role`);
    const child = computeState("aws:eks/cluster:Cluster", childName, {
        name: clusterName,
        roleArn: `arn:${ctx.partition}:iam::${ctx.accountId}:role/${roleName}`,
        ...(typeof inputs.version === "string" ? { version: inputs.version } : {}),
        bootstrapSelfManagedAddons: autoMode ? false : bool(inputs.bootstrapSelfManagedAddons, true),
        vpcConfig: {
            subnetIds,
            endpointPrivateAccess: bool(inputs.endpointPrivateAccess, false),
            endpointPublicAccess: bool(inputs.endpointPublicAccess, true),
        },
        ...(typeof inputs.authenticationMode === "string"
            ? {
                  accessConfig: {
                      authenticationMode: inputs.authenticationMode,
                      bootstrapClusterCreatorAdminPermissions: true,
                  },
              }
            : {}),
        tags: { Name: childName, ...((inputs.tags as State | undefined) ?? {}) },
    });
    const cluster = child.state;
    const issuer = String(((cluster.identities as State[])[0].oidcs as State[])[0].issuer);
    const issuerHostPath = issuer.replace("https://", "");
    const endpoint = String(cluster.endpoint);
    const caData = String((cluster.certificateAuthority as State).data);
    const kubeconfig = pulumiEksKubeconfig(clusterName, endpoint, ctx.region, caData);
    const clusterRef = resourceReference(childUrn("aws:eks/cluster:Cluster", childName), child.id);
    // Without skipDefaultSecurityGroups the component makes a cluster and a node security group and
    // an ingress rule between them; with it, both IDs are the one EKS creates (createCluster).
    const eksSecurityGroup = String((cluster.vpcConfig as State).clusterSecurityGroupId);
    const ownGroups = !bool(inputs.skipDefaultSecurityGroups, false);
    const fargate = inputs.fargate !== undefined && inputs.fargate !== false;
    const defaultNodeGroup = !(bool(inputs.skipDefaultNodeGroup, false) || fargate || autoMode);
    return {
        id: `${name}-id`,
        state: {
            eksCluster: clusterRef,
            core: {
                cluster: clusterRef,
                endpoint,
                subnetIds,
                ...(strings(inputs.privateSubnetIds) ? { privateSubnetIds: inputs.privateSubnetIds } : {}),
                ...(strings(inputs.publicSubnetIds) ? { publicSubnetIds: inputs.publicSubnetIds } : {}),
                ...(typeof inputs.vpcId === "string" ? { vpcId: inputs.vpcId } : {}),
                kubeconfig,
            },
            kubeconfig,
            kubeconfigJson: JSON.stringify(kubeconfig),
            oidcProviderArn: bool(inputs.createOidcProvider, false)
                ? `arn:${ctx.partition}:iam::${ctx.accountId}:oidc-provider/${issuerHostPath}`
                : "",
            oidcProviderUrl: issuer,
            oidcIssuer: issuerHostPath,
            clusterSecurityGroupId: ownGroups
                ? `sg-${hex(`${name}-eksClusterSecurityGroup`, 17)}`
                : eksSecurityGroup,
            nodeSecurityGroupId: ownGroups ? `sg-${hex(`${name}-nodeSecurityGroup`, 17)}` : eksSecurityGroup,
            // A SecurityGroupRule's securityGroupRuleId (`sgr-`), the default group's ASG named after
            // the cluster (nodegroup.ts createNodeGroupV2's aws.autoscaling.Group `name`), autonamed.
            clusterIngressRuleId: ownGroups ? `sgr-${hex(`${name}-eksClusterIngressRule`, 17)}` : "",
            defaultNodeGroupAsgName: defaultNodeGroup ? physicalName(name) : "",
            fargateProfileId: fargate ? `${clusterName}:${physicalName(`${name}-fargateProfile`)}` : "",
            fargateProfileStatus: fargate ? "ACTIVE" : "",
            autoModeNodeRoleName: autoMode ? physicalName(`${name}-autoModeNodeRole-role`) : "",
        },
        children: [{ type: "aws:eks/cluster:Cluster", name: childName, id: child.id, state: cluster }],
    };
}
