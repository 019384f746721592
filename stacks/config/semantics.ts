// The rules of a stack config that zod's shapes cannot express: unique stable keys, cross-item
// references (shareRoleWith, service accounts), network sizes, and the components' own
// validators run on the very arguments the program will pass (args.ts), so a config error and a
// component error can never disagree. Problems the components report by code are told here in
// the stack's terms.
import {
    awsContextOfRegion,
    cidrProblem,
    FARGATE_UNAVAILABLE,
    fargateNamespaceMatches,
    checkTrustLength,
    IdentityMode,
    KUBERNETES_VERSION_MALFORMED,
    Problem,
    Problems,
    TAG_RULES,
    TagProblem,
    validateEksClusterArgs,
    validateFargateProfileArgs,
    validateManagedNodeGroupArgs,
    validateSelfManagedNodeGroupArgs,
    validateWorkloadIdentityArgs,
    workloadIdentityChildNames,
    WorkloadIdentityProblem,
} from "../../components";
import {
    autoModeNodeGroups,
    fargateProfileArgs,
    nodeGroupArgs,
    plannedClusterFacts,
    stackTags,
    workloadArgs,
} from "./args";
import { cidrsOverlap, evenSplitMask } from "./cidr";
import { NAMESPACE, prefixed } from "./problems";
import { CREATED_SUBNET_TYPES, PlatformConfig } from "./schema";

/**
 * The service account the vpc-cni add-on runs as. EksCluster gives it its own identity through
 * the add-on (podIdentityAssociations or serviceAccountRoleArn), so no workload may claim it:
 * a second Pod Identity association for it fails on AWS (one per service account).
 */
const VPC_CNI_SERVICE_ACCOUNT = "kube-system/aws-node";

export function semanticProblems(platform: PlatformConfig, region: string | undefined): Problem[] {
    const problems: Problem[] = [];
    const network = platform.network;
    const facts = plannedClusterFacts(platform, region);
    // Where the stack deploys, known from aws:region (an unknown region is told at aws:region).
    const context = awsContextOfRegion(region);
    const subnetIds = facts.subnetIds as string[];
    const existing = platform.cluster.existing;
    if (existing === undefined) {
        problems.push(
            ...prefixed(
                `${NAMESPACE}:cluster`,
                // The subnets are network keys of the stack: told below, at network.subnetIds.
                validateEksClusterArgs(
                    { ...platform.cluster, subnetIds, ec2NodeGroups: autoModeNodeGroups(platform) },
                    context,
                ).list.filter(
                    (p) => p.propertyPath !== "subnetIds" && !p.propertyPath.startsWith("subnetIds["),
                ),
            ),
        );
    } else if ("create" in network) {
        problems.push({
            propertyPath: `${NAMESPACE}:network.create`,
            reason: `creates a VPC, but cluster.existing "${existing.name}" already has its own: set network.vpcId and network.subnetIds to the cluster's VPC and private subnets (aws eks describe-cluster prints them under resourcesVpcConfig)`,
        });
    }
    if (!("create" in network)) {
        network.subnetIds.forEach((id, i, all) => {
            if (all.indexOf(id) !== i) {
                problems.push({
                    propertyPath: `${NAMESPACE}:network.subnetIds[${i}]`,
                    reason: `"${id}" is network.subnetIds[${all.indexOf(id)}] too: list each subnet once (the provider keeps one, so the cluster, its nodes and Fargate pods get fewer subnets than listed)`,
                });
            }
        });
    }
    if ("create" in network) {
        const { cidrBlock } = network.create;
        const subnetMask = evenSplitMask(
            cidrBlock,
            network.create.availabilityZones,
            CREATED_SUBNET_TYPES.length,
        );
        if (subnetMask > 28) {
            problems.push({
                propertyPath: `${NAMESPACE}:network.create.cidrBlock`,
                reason: `${cidrBlock} is too small for ${network.create.availabilityZones} Availability Zones: each zone's private and public subnets would be /${subnetMask}, and AWS's smallest subnet is /28; use a larger range or fewer zones`,
            });
        }
        const serviceCidr = platform.cluster.serviceIpv4Cidr;
        if (
            serviceCidr !== undefined &&
            cidrProblem(serviceCidr) === undefined &&
            cidrsOverlap(cidrBlock, serviceCidr)
        ) {
            problems.push({
                propertyPath: `${NAMESPACE}:cluster.serviceIpv4Cidr`,
                reason: `${serviceCidr} overlaps the VPC's ${cidrBlock}: EKS needs the Kubernetes service range outside the VPC; pick another range or leave it unset`,
            });
        }
    } else if (new Set(subnetIds).size < 2) {
        const distinct = new Set(subnetIds).size;
        problems.push({
            propertyPath: `${NAMESPACE}:network.subnetIds`,
            reason: `EKS needs subnets in at least two Availability Zones; got ${distinct === subnetIds.length ? subnetIds.length : `${distinct} distinct of ${subnetIds.length} listed`}: list private subnets of at least two zones`,
        });
    }

    problems.push(...ipv6Problems(platform));

    // An existing cluster has its own compute, an Auto Mode one EKS's; a created one has only
    // what the stack gives it.
    if (
        existing === undefined &&
        !platform.cluster.autoMode &&
        platform.nodeGroups.length === 0 &&
        platform.fargateProfiles.length === 0
    ) {
        problems.push({
            propertyPath: `${NAMESPACE}:nodeGroups`,
            reason: "the cluster has no compute: CoreDNS and every workload need a node group or a Fargate profile (CoreDNS's add-on would wait for one until it times out)",
        });
    }
    const groupNames = new Set<string>();
    platform.nodeGroups.forEach((g, i) => {
        const path = `${NAMESPACE}:nodeGroups[${i}]`;
        if (groupNames.has(g.name)) {
            problems.push({
                propertyPath: `${path}.name`,
                reason: `node group "${g.name}" is defined twice: names are the stable keys of resources and must be unique`,
            });
        }
        groupNames.add(g.name);
        if (g.shareRoleWith !== undefined && g.kind === "self-managed") {
            problems.push({
                propertyPath: `${path}.shareRoleWith`,
                reason: "a self-managed group owns its node role (it also registers the role's EC2_LINUX access entry): remove shareRoleWith",
            });
        }
        if (g.shareRoleWith !== undefined) {
            const owner = platform.nodeGroups.find((o) => o.name === g.shareRoleWith);
            if (!owner || owner.shareRoleWith !== undefined || owner === g) {
                problems.push({
                    propertyPath: `${path}.shareRoleWith`,
                    reason: `"${g.shareRoleWith}" is not another node group that owns its role: name a group without shareRoleWith`,
                });
            } else if (owner.kind === "self-managed" && g.kind === "managed") {
                problems.push({
                    propertyPath: `${path}.shareRoleWith`,
                    reason: `"${g.shareRoleWith}" is self-managed and registers the role's access entry itself, which EKS would also create for a managed group: share the role of a managed group`,
                });
            }
        }
        if (g.kind === "managed" && g.instanceType !== undefined) {
            problems.push({
                propertyPath: `${path}.instanceType`,
                reason: "managed node groups take instanceTypes (a list): use instanceTypes",
            });
        }
        if (g.kind === "self-managed") {
            for (const key of [
                "instanceTypes",
                "capacityType",
                "maxUnavailable",
                "nodesPerGroupQuota",
            ] as const) {
                if (g[key] !== undefined) {
                    problems.push({
                        propertyPath: `${path}.${key}`,
                        reason: `${key} applies to managed node groups only: remove it or set kind: managed`,
                    });
                }
            }
        }
        const group = nodeGroupArgs(platform, g, facts);
        const own =
            group.kind === "managed"
                ? validateManagedNodeGroupArgs(group.args)
                : validateSelfManagedNodeGroupArgs(group.args);
        // A malformed cluster version is reported once, at cluster.kubernetesVersion.
        problems.push(
            ...prefixed(
                path,
                own.list.filter((p) => p.code !== KUBERNETES_VERSION_MALFORMED && !isTagProblem(p)),
            ),
        );
    });

    const profileNames = new Set<string>();
    const profiledNamespaces = new Map<string, string>();
    platform.fargateProfiles.forEach((p, i) => {
        const path = `${NAMESPACE}:fargateProfiles[${i}]`;
        if (profileNames.has(p.name)) {
            problems.push({
                propertyPath: `${path}.name`,
                reason: `Fargate profile "${p.name}" is defined twice`,
            });
        }
        profileNames.add(p.name);
        const own = validateFargateProfileArgs(fargateProfileArgs(p, facts), context).list;
        // The region is the stack's: told once, for all profiles, below.
        problems.push(
            ...prefixed(
                path,
                own.filter((q) => q.code !== FARGATE_UNAVAILABLE && !isTagProblem(q)),
            ),
        );
        if (i === 0 && own.some((q) => q.code === FARGATE_UNAVAILABLE)) {
            problems.push({
                propertyPath: `${NAMESPACE}:fargateProfiles`,
                reason: own.find((q) => q.code === FARGATE_UNAVAILABLE)!.reason,
            });
        }
        for (const s of p.selectors) {
            profiledNamespaces.set(s.namespace, `Fargate profile "${p.name}"`);
        }
    });
    for (const namespace of platform.cluster.existing?.fargateNamespaces ?? []) {
        profiledNamespaces.set(
            namespace,
            `a Fargate profile of the existing cluster: ${NAMESPACE}:cluster.existing.fargateNamespaces`,
        );
    }

    problems.push(...stackTagProblems(platform));
    const children = new Map<string, string>();
    const workloadNames = new Map<string, number>();
    const subjects = new Map<string, number>();
    const roleNames = new Map<string, number>();
    platform.workloads.forEach((w, i) => {
        const path = `${NAMESPACE}:workloads[${i}]`;
        // A workload named twice is told at its name, not again by each of its children.
        const nameTaken = workloadNames.has(w.name);
        [w.name, ...(w.previousNames ?? [])].forEach((key, k) => {
            if (workloadNames.has(key)) {
                problems.push({
                    propertyPath: k === 0 ? `${path}.name` : `${path}.previousNames[${k - 1}]`,
                    reason: `"${key}" is already used by ${workloadNames.get(key) === i ? "this workload" : `workloads[${workloadNames.get(key)}]`}: workload names and previousNames are stable keys and must be unique`,
                });
            }
            workloadNames.set(key, i);
        });
        const subject = `${w.namespace}/${w.serviceAccount}`;
        if (subject === VPC_CNI_SERVICE_ACCOUNT) {
            problems.push({
                propertyPath: `${path}.serviceAccount`,
                reason: `${subject} is vpc-cni's service account: the cluster's vpc-cni add-on already has its own identity (its Pod Identity association, or its IRSA role), and EKS allows one association per service account; use another service account`,
            });
        } else if (subjects.has(subject)) {
            problems.push({
                propertyPath: `${path}.serviceAccount`,
                reason: `${subject} already belongs to workloads[${subjects.get(subject)}]: one identity per service account; merge their permissions`,
            });
        }
        subjects.set(subject, i);
        // An adopted role is named by adopt.roleName (roleName, if also set, must equal it).
        const ownRoleName = w.roleName ?? w.adopt?.roleName;
        if (ownRoleName !== undefined) {
            // IAM role names are unique in the account and "not distinguished by case" (IAM API
            // CreateRole, RoleName); the offline plan's fake cloud refuses the same (plan/uniqueness.ts).
            const key = ownRoleName.toLowerCase();
            if (roleNames.has(key)) {
                problems.push({
                    propertyPath: w.roleName !== undefined ? `${path}.roleName` : `${path}.adopt.roleName`,
                    reason: `IAM role name "${ownRoleName}" is already workloads[${roleNames.get(key)}]'s (IAM compares role names ignoring case): give each workload its own role; one role cannot be adopted twice`,
                });
            } else {
                roleNames.set(key, i);
            }
        }
        const args = workloadArgs(platform, w, facts);
        if (!nameTaken) {
            problems.push(...childNameProblems(w.name, args, path, children));
        }
        const own = validateWorkloadIdentityArgs(args, context)
            .list.filter(
                (p) =>
                    p.code !== KUBERNETES_VERSION_MALFORMED &&
                    // Too many tags only because of the stack's: told once, at platform:tags.
                    !(p.code === TagProblem.tooMany && Object.keys(w.tags ?? {}).length === 0),
            )
            .map((p) =>
                inStackTerms(p, path, args.mode as IdentityMode, profiledNamespaces, existing !== undefined),
            );
        problems.push(...own);
        if (own.length === 0) {
            // The trust length, estimated as the component will, so an over-long trust fails here,
            // before the cluster is registered, not in the middle of the program.
            const length = new Problems();
            checkTrustLength(
                // An unnamed cluster's physical name is not known yet: the estimate then assumes a
                // long one. The OIDC provider is the cluster's own, of EKS's canonical shape.
                {
                    ...args,
                    clusterName: (existing?.name ?? platform.cluster.clusterName) as string,
                    oidcProviderArn: undefined,
                    oidcIssuer: undefined,
                },
                length,
                { region, accountId: platform.accountId },
            );
            problems.push(...prefixed(path, length.list));
        }
    });
    return problems;
}

/** Tag problems of a component that takes the stack's tags: told once, at platform:tags. */
/**
 * What an ipv6 cluster needs of its network and nodes, as far as config shows it: EKS API,
 * KubernetesNetworkConfigRequest ipFamily ("the VPC and subnets that you specify for cluster
 * creation must have both IPv4 and IPv6 CIDR blocks assigned to them"). Windows nodes, which
 * an ipv6 cluster cannot run (EKS User Guide, cni-ipv6), are no AMI type of this project.
 */
function ipv6Problems(platform: PlatformConfig): Problem[] {
    if (platform.cluster.existing !== undefined || platform.cluster.ipFamily !== "ipv6") {
        return [];
    }
    const problems: Problem[] = [];
    const network = platform.network;
    if (!("create" in network) && network.ipv6 !== true) {
        const said = network.ipv6 === false ? "network.ipv6 is false" : "network.ipv6 is not set";
        problems.push({
            propertyPath: `${NAMESPACE}:network.ipv6`,
            reason: `cluster.ipFamily is ipv6, and EKS needs the VPC and every subnet to have an IPv6 CIDR block besides its IPv4 one (EKS API, KubernetesNetworkConfigRequest ipFamily), but ${said}: associate an IPv6 CIDR block with ${network.vpcId} and each of ${network.subnetIds.join(", ")}, then set network.ipv6 to true; or use cluster.ipFamily ipv4`,
        });
    }
    return problems;
}

function isTagProblem(p: Problem): boolean {
    return p.code === TagProblem.invalid || p.code === TagProblem.tooMany;
}

/**
 * Every resource carries the stack's tags and the `managed-by` tag the stack adds (args.ts
 * stackTags): together at most 50, an IAM role's most (IAM and AWS STS quotas). The keys and
 * values themselves are checked by the schema.
 */
function stackTagProblems(platform: PlatformConfig): Problem[] {
    const count = Object.keys(stackTags(platform)).length;
    if (count <= TAG_RULES.maxTags) {
        return [];
    }
    const own = Object.keys(platform.tags).length;
    return [
        {
            propertyPath: `${NAMESPACE}:tags`,
            reason: `${own} tags${count > own ? " and the managed-by tag the stack adds" : ""} make ${count}; AWS takes at most ${TAG_RULES.maxTags} per resource (an IAM role's limit): remove ${count - TAG_RULES.maxTags}`,
        },
    ];
}

/**
 * The stack-wide ledger of the children workloads register (components/identity/validate.ts
 * workloadIdentityChildNames): the component's own ledger sees one workload; two workloads can
 * still name a child alike (`reports` + inline policy `api-read`, `reports-api` + `read`: both
 * RolePolicies are `reports-api-read` under the same component type, one URN), which the engine
 * refuses only after everything before it was registered.
 */
function childNameProblems(
    name: string,
    args: ReturnType<typeof workloadArgs>,
    path: string,
    ledger: Map<string, string>,
): Problem[] {
    const problems: Problem[] = [];
    const ours = new Set<string>();
    for (const child of workloadIdentityChildNames(name, args)) {
        const key = `${child.type}::${child.name}`;
        const where = child.from ? `${path}.${child.from}` : `${path}.name`;
        const owner = ledger.get(key);
        if (owner !== undefined && !ours.has(key)) {
            problems.push({
                propertyPath: where,
                reason: `makes the ${child.type.split(":").pop()} "${child.name}", which ${owner} already makes (child names are the workload's name, "-" and this value, and one stack cannot hold one name twice): rename ${child.from ? "it or the workload" : "the workload"}`,
            });
        } else if (owner === undefined) {
            ledger.set(key, where);
            ours.add(key);
        }
    }
    return problems;
}

/**
 * A workload problem in the stack's terms. Facts the cluster decides (its OIDC provider, the Pod
 * Identity agent, its Kubernetes version, its Fargate profiles) are config keys of the cluster,
 * not of the workload: the problem points at the workload's mode and names the cluster's key.
 */
function inStackTerms(
    p: Problem,
    path: string,
    mode: IdentityMode,
    profiledNamespaces: ReadonlyMap<string, string>,
    existingCluster: boolean,
): Problem {
    switch (p.code) {
        case WorkloadIdentityProblem.irsaWithoutOidcProvider:
            return {
                propertyPath: `${path}.mode`,
                reason: `mode "${mode}" uses IRSA but ${NAMESPACE}:cluster.irsa is false: set cluster.irsa to true or use mode "pod-identity"`,
            };
        case WorkloadIdentityProblem.adoptedAssociationWithoutClusterName:
            return {
                propertyPath: `${path}.adopt.associationId`,
                reason: `an adopted association is imported as <clusterName>,<associationId>, and the cluster has no configured name: set ${NAMESPACE}:cluster.clusterName to the name of the cluster the association is in`,
            };
        case WorkloadIdentityProblem.podIdentityWithoutAgent:
            if (existingCluster) {
                return {
                    propertyPath: `${path}.mode`,
                    reason: `mode "${mode}" uses Pod Identity but ${NAMESPACE}:cluster.existing.podIdentityAgent is not set, so the cluster has no agent: set it to "present" if the eks-pod-identity-agent add-on is installed, "install" to install it, or use mode "irsa"`,
                };
            }
            return {
                propertyPath: `${path}.mode`,
                reason: `mode "${mode}" uses Pod Identity but ${NAMESPACE}:cluster.podIdentity is false: enable it or use mode "irsa"`,
            };
        case WorkloadIdentityProblem.kubernetesTooOldForPodIdentity:
            return {
                propertyPath: `${path}.mode`,
                reason: `EKS Pod Identity needs Kubernetes ${p.data?.minimum} or later; ${NAMESPACE}:cluster.kubernetesVersion is ${p.data?.version}: use mode "irsa" or upgrade`,
            };
        case WorkloadIdentityProblem.podIdentityOnFargate: {
            const namespace = p.data?.namespace ?? "";
            return {
                propertyPath: `${path}.mode`,
                reason: `namespace "${namespace}" runs on Fargate, where the Pod Identity agent cannot run: use mode "irsa" for this workload (served by ${[...profiledNamespaces].find(([pattern]) => fargateNamespaceMatches(pattern, namespace))?.[1]})`,
            };
        }
        case TagProblem.tooMany:
            return {
                propertyPath: `${path}.tags`,
                reason: `with the stack's tags (${NAMESPACE}:tags) the role would carry ${p.data?.count} tags; AWS takes at most ${TAG_RULES.maxTags}: remove ${Number(p.data?.count) - TAG_RULES.maxTags} of this workload's tags`,
            };
        default:
            return { ...p, propertyPath: `${path}.${p.propertyPath}` };
    }
}
