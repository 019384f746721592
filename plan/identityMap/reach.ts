// Who else can act as a role: the Kubernetes principals that can run a pod as a ServiceAccount
// (access entries with an access policy that creates pods), and the pods that can reach a node
// role through IMDS (launch templates that let them, which the policy pack blocks).
import { checkMetadataOptions } from "../../policy-pack/policies/imds/imds-launch-template";
import { get } from "../../policy-pack/lib/props";
import { IndexedResource, RoleInfo, StackIndex, Types } from "../../policy-pack/lib/stack";
import { PlanResource, PodRunner } from "../model";
import { fargateNamespaceMatches } from "../../components/fargate/selector";
import { str } from "./workloads";

/**
 * The access policies whose rules create pods, or the workloads that make them (deployments, jobs,
 * ...), in their scope: EKS User Guide, "Review access policy permissions"
 * (https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html).
 * AmazonEKSClusterAdminPolicy allows every verb on every resource; AmazonEKSAdminPolicy and
 * AmazonEKSEditPolicy allow create, delete, patch and update on pods and on the apps and batch
 * workloads. The view policies (AmazonEKSViewPolicy, AmazonEKSAdminViewPolicy) only get, list and
 * watch: they cannot run a pod.
 */
export const POD_CREATING_ACCESS_POLICIES = [
    "AmazonEKSClusterAdminPolicy",
    "AmazonEKSAdminPolicy",
    "AmazonEKSEditPolicy",
] as const;

/** One access policy association of a cluster, as planned. */
interface Association {
    cluster: string;
    principalArn: string;
    policy: string;
    scope: "cluster" | "namespace";
    namespaces: string[];
}

function associations(resources: PlanResource[]): Association[] {
    return resources
        .filter((r) => r.type === "aws:eks/accessPolicyAssociation:AccessPolicyAssociation")
        .map((r) => {
            const scope = (r.props.accessScope ?? {}) as { type?: unknown; namespaces?: unknown };
            return {
                cluster: str(r.props.clusterName),
                principalArn: str(r.props.principalArn),
                policy: str(r.props.policyArn).split("/").pop() ?? "",
                scope: scope.type === "namespace" ? "namespace" : "cluster",
                namespaces: Array.isArray(scope.namespaces)
                    ? scope.namespaces.filter((n): n is string => typeof n === "string")
                    : [],
            } as Association;
        });
}

/**
 * Access entries with Kubernetes groups. EKS User Guide, grant-k8s-access ("Create access
 * entries"): a STANDARD entry's group names are subjects of RoleBindings and ClusterRoleBindings
 * the cluster's owners create, and "Amazon EKS doesn't confirm that any Kubernetes RBAC objects
 * that exist on your cluster include any of the group names". The bindings are not in the plan,
 * so such a principal may run pods anywhere, or nowhere: shown, with that said.
 */
function groupEntries(
    resources: PlanResource[],
): { cluster: string; principalArn: string; groups: string[] }[] {
    return resources
        .filter(
            (r) =>
                r.type === "aws:eks/accessEntry:AccessEntry" &&
                str(r.props.type || "STANDARD") === "STANDARD",
        )
        .map((r) => ({
            cluster: str(r.props.clusterName),
            principalArn: str(r.props.principalArn),
            groups: Array.isArray(r.props.kubernetesGroups)
                ? r.props.kubernetesGroups.filter((g): g is string => typeof g === "string")
                : [],
        }))
        .filter((e) => e.groups.length > 0);
}

/**
 * Clusters whose creator EKS made a cluster administrator: CreateCluster's
 * accessConfig.bootstrapClusterCreatorAdminPermissions, whose default is true (EKS API reference,
 * CreateAccessConfigRequest), gives the creating principal an access entry with
 * AmazonEKSClusterAdminPolicy. EksCluster sets it false unless asked.
 */
function creatorAdminClusters(resources: PlanResource[]): Set<string> {
    const own = resources
        .filter(
            (r) =>
                r.type === "aws:eks/cluster:Cluster" &&
                get(r.props, "accessConfig", "bootstrapClusterCreatorAdminPermissions") !== false,
        )
        .map((r) => str(r.props.name) || str(r.outputs.name));
    // @pulumi/eks's Cluster always leaves the creator an admin: it passes true with an
    // authenticationMode, and no accessConfig (EKS's default, true) without (pulumi-eks
    // createCore). Its aws.eks.Cluster is the component's child, not in the plan: the name is the
    // id of the eksCluster reference it outputs (plan/pulumiEks.ts).
    const viaPulumiEks = resources
        .filter((r) => r.type === "eks:index:Cluster")
        .map((r) => str(get(r.outputs, "eksCluster", "id")) || str(r.props.name));
    return new Set([...own, ...viaPulumiEks].filter(Boolean));
}

/** The label of the cluster creator among the principals, whose ARN the plan cannot know. */
export const CLUSTER_CREATOR = "(the cluster's creator)";

/** The principals that can run a pod in `namespace` of `cluster`: access policies, the creator, Kubernetes groups. */
export function podRunners(resources: PlanResource[]): (cluster: string, namespace: string) => PodRunner[] {
    const all = associations(resources).filter((a) =>
        (POD_CREATING_ACCESS_POLICIES as readonly string[]).includes(a.policy),
    );
    const creators = creatorAdminClusters(resources);
    const groups = groupEntries(resources);
    return (cluster, namespace) => [
        ...all
            .filter(
                // Access scopes take wildcards too (EKS User Guide, grant-k8s-access: "you can specify
                // dev-* as a namespace name"); matched as Fargate selectors are, which for a reach
                // map errs on the side of showing a principal.
                (a) =>
                    a.cluster === cluster &&
                    (a.scope === "cluster" ||
                        a.namespaces.some((n) => fargateNamespaceMatches(n, namespace))),
            )
            .map((a): PodRunner => ({ principalArn: a.principalArn, accessPolicy: a.policy, scope: a.scope }))
            .sort((a, b) => a.principalArn.localeCompare(b.principalArn)),
        ...(creators.has(cluster)
            ? [
                  {
                      principalArn: CLUSTER_CREATOR,
                      accessPolicy: "AmazonEKSClusterAdminPolicy",
                      scope: "cluster",
                      via: "cluster-creator",
                  } satisfies PodRunner,
              ]
            : []),
        ...groups
            .filter((e) => e.cluster === cluster)
            .sort((a, b) => a.principalArn.localeCompare(b.principalArn))
            .map((e): PodRunner => ({
                principalArn: e.principalArn,
                accessPolicy: `Kubernetes groups ${e.groups.join(", ")} (their RBAC bindings are not in this plan)`,
                scope: "cluster",
                via: "kubernetes-groups",
                kubernetesGroups: e.groups,
            })),
    ];
}

/** The launch template a managed node group launches from (`launchTemplate.id` or `.name`). */
function launchTemplateOf(index: StackIndex, nodeGroup: IndexedResource): IndexedResource | undefined {
    const ref = get(nodeGroup.props, "launchTemplate");
    if (ref === undefined) {
        return undefined;
    }
    const id = get(ref, "id");
    const name = get(ref, "name");
    return index
        .ofType(Types.launchTemplate)
        .find(
            (lt) =>
                (typeof id === "string" &&
                    (get(lt.props, "id") === id || str(get(lt.props, "arn")).endsWith(`/${id}`))) ||
                (typeof name === "string" && get(lt.props, "name") === name),
        );
}

/** A launch template's IMDS problems, as the pack's imds-launch-template words them (hop limit 1). */
function imdsProblems(props: Record<string, unknown>): string[] {
    const problems: string[] = [];
    checkMetadataOptions(props, (message) => problems.push(message), { maxHopLimit: 1 });
    return problems;
}

/**
 * Why pods on a node role's nodes can fetch its credentials from IMDS: per node group or launch
 * template that launches them, what its metadata options allow. Empty when every one requires
 * IMDSv2 tokens with hop limit 1 (EKS Best Practices, "Restrict access to the instance profile
 * assigned to the worker node").
 */
export function nodePodReach(index: StackIndex, role: RoleInfo): { reach: string[]; resources: string[] } {
    const reach: string[] = [];
    const resources: string[] = [];
    for (const use of role.uses.filter((u) => u.kind === "node")) {
        const by = use.by;
        if (by.type === Types.nodeGroup) {
            const lt = launchTemplateOf(index, by);
            if (!lt) {
                if (get(by.props, "launchTemplate") === undefined) {
                    reach.push(
                        `node group ${by.name}: no launch template, so the AMI's IMDS defaults apply (hop limit 2 on EKS AL2023 AMIs)`,
                    );
                }
                continue;
            }
            resources.push(lt.urn);
            reach.push(
                ...imdsProblems(lt.props).map(
                    (p) => `node group ${by.name}, launch template ${lt.name}: ${p}`,
                ),
            );
        } else if (by.type === Types.launchTemplate || by.type === Types.launchConfiguration) {
            resources.push(by.urn);
            reach.push(...imdsProblems(by.props).map((p) => `${by.type.split(":").pop()} ${by.name}: ${p}`));
        }
    }
    return { reach: [...new Set(reach)], resources };
}
