// The linked view of a stack that the stack policies share: every IAM role with its trust policy,
// its managed and inline policies (wherever they are attached from) and what uses it (node group,
// instance profile, launch template, access entry, cluster, Fargate profile, Pod Identity
// association, add-on, annotated service account).
//
// Links are found two ways, because at preview ARNs are unknown: through the engine's
// `propertyDependencies` (the nodeRoleArn of a node group depends on the role whose `arn` fed it)
// and through known values (an ARN or name string equal to a role's). Either is enough.
import { PolicyResource } from "@pulumi/policy";
import { Plain, UNKNOWN, Unknown, get, list, plainProps, str } from "./props";
import { PolicyRead, readPolicy } from "./read";
import { ParsedPolicy } from "./iam/parser";
import { isWorkloadTrust } from "./iam/trustStatements";

/** Pulumi type tokens the pack reads. */
export const Types = {
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
    rolePolicyAttachmentsExclusive: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    managedPolicy: "aws:iam/policy:Policy",
    instanceProfile: "aws:iam/instanceProfile:InstanceProfile",
    oidcProvider: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    cluster: "aws:eks/cluster:Cluster",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    launchConfiguration: "aws:ec2/launchConfiguration:LaunchConfiguration",
    fargateProfile: "aws:eks/fargateProfile:FargateProfile",
    podIdentityAssociation: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    addon: "aws:eks/addon:Addon",
    accessEntry: "aws:eks/accessEntry:AccessEntry",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    securityGroupIngressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
} as const;

export const ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";

/** A resource of the stack with its props copied plain (unknowns as `UNKNOWN`). */
export interface IndexedResource {
    resource: PolicyResource;
    urn: string;
    type: string;
    name: string;
    props: Plain;
}

/** A managed policy attached to a role, from the role itself or an attachment resource. */
export interface AttachedPolicy {
    arn: string | Unknown;
    /** URN of the resource that attaches it (the role, or the attachment). */
    via: string;
    /** The `aws:iam/policy:Policy` of this stack it refers to, when linked. */
    customerManaged?: IndexedResource;
}

/** An inline policy of a role, from `inlinePolicies` or an `aws:iam/rolePolicy:RolePolicy`. */
export interface InlinePolicy {
    name: string;
    document: PolicyRead;
    via: string;
}

export type RoleUseKind = "node" | "cluster" | "fargate" | "workload";

/** Something in the stack that makes a role a node, cluster, Fargate or workload role. */
export interface RoleUse {
    kind: RoleUseKind;
    by: IndexedResource;
    /** `nodeRoleArn of aws:eks/nodeGroup:NodeGroup "ng"`, for messages. */
    how: string;
}

export interface RoleInfo {
    role: IndexedResource;
    roleName: string | Unknown | undefined;
    arn: string | Unknown | undefined;
    trust: PolicyRead;
    managedPolicies: AttachedPolicy[];
    inlinePolicies: InlinePolicy[];
    uses: RoleUse[];
}

/** The role name an IAM role ARN ends with (`arn:aws:iam::1:role/path/name` is `name`). */
export function roleNameFromArn(arn: string): string | undefined {
    const match = /^arn:[^:]+:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/.exec(arn);
    return match ? match[1] : undefined;
}

function describe(r: IndexedResource): string {
    return `${r.type} "${r.name}"`;
}

export class StackIndex {
    readonly resources: IndexedResource[];
    readonly byUrn = new Map<string, IndexedResource>();
    readonly roles = new Map<string, RoleInfo>();
    private readonly byType = new Map<string, IndexedResource[]>();
    private readonly roleByArn = new Map<string, RoleInfo>();
    private readonly roleByName = new Map<string, RoleInfo>();
    private readonly profileByKey = new Map<string, IndexedResource>();
    private readonly policyByArn = new Map<string, IndexedResource>();

    constructor(resources: PolicyResource[]) {
        this.resources = resources.map((resource) => ({
            resource,
            urn: resource.urn,
            type: resource.type,
            name: resource.name,
            props: plainProps(resource.props),
        }));
        for (const r of this.resources) {
            this.byUrn.set(r.urn, r);
            const bucket = this.byType.get(r.type);
            if (bucket) {
                bucket.push(r);
            } else {
                this.byType.set(r.type, [r]);
            }
        }
        for (const role of this.ofType(Types.role)) {
            const info: RoleInfo = {
                role,
                roleName: str(role.props, "name"),
                arn: str(role.props, "arn"),
                trust: readPolicy(get(role.props, "assumeRolePolicy")),
                managedPolicies: [],
                inlinePolicies: [],
                uses: [],
            };
            this.roles.set(role.urn, info);
            if (typeof info.arn === "string") {
                this.roleByArn.set(info.arn, info);
            }
            if (typeof info.roleName === "string") {
                this.roleByName.set(info.roleName, info);
            }
        }
        for (const profile of this.ofType(Types.instanceProfile)) {
            for (const key of [str(profile.props, "arn"), str(profile.props, "name")]) {
                if (typeof key === "string") {
                    this.profileByKey.set(key, profile);
                }
            }
        }
        for (const policy of this.ofType(Types.managedPolicy)) {
            const arn = str(policy.props, "arn");
            if (typeof arn === "string") {
                this.policyByArn.set(arn, policy);
            }
        }
        this.linkPolicies();
        this.linkUses();
    }

    /**
     * True when every node use of `role` is a `HYBRID_LINUX` access entry: an EKS Hybrid Nodes
     * role, whose credentials come from SSM hybrid activations or IAM Roles Anywhere, not EC2
     * (EKS User Guide, hybrid-nodes-creds). A role also used by EC2 nodes is held to EC2's rules.
     */
    isHybridNodeRole(role: RoleInfo): boolean {
        const uses = role.uses.filter((u) => u.kind === "node");
        return (
            uses.length > 0 &&
            uses.every((u) => u.by.type === Types.accessEntry && str(u.by.props, "type") === "HYBRID_LINUX")
        );
    }

    /**
     * True when every cluster using `role` as its cluster role is a local cluster on AWS Outposts
     * (`outpostConfig` set): its control plane runs on EC2 instances, so the role trusts
     * ec2.amazonaws.com (EKS User Guide, eks-outposts-local-cluster-create).
     */
    isLocalClusterRole(role: RoleInfo): boolean {
        const uses = role.uses.filter((u) => u.kind === "cluster");
        return uses.length > 0 && uses.every((u) => isLocalCluster(u.by));
    }

    /** The role of the stack a known ARN names (by ARN, or by the role name it ends with). */
    roleWithArn(arn: string): RoleInfo | undefined {
        return this.roleByArn.get(arn) ?? this.roleByName.get(roleNameFromArn(arn) ?? "");
    }

    /** Resources of one Pulumi type, in stack order. */
    ofType(type: string): IndexedResource[] {
        return this.byType.get(type) ?? [];
    }

    /** Roles used as `kind`, each once. */
    rolesUsedAs(kind: RoleUseKind): RoleInfo[] {
        return [...this.roles.values()].filter((r) => r.uses.some((u) => u.kind === kind));
    }

    /** Resources `r` depends on through one property (`propertyDependencies`), indexed. */
    dependenciesOf(r: IndexedResource, property: string): IndexedResource[] {
        const deps = r.resource.propertyDependencies?.[property] ?? [];
        return deps.map((d) => this.byUrn.get(d.urn)).filter((d): d is IndexedResource => d !== undefined);
    }

    /**
     * The roles a property of `r` refers to, by `propertyDependencies` and by a known ARN or name
     * in `value`. Instance profiles in between are followed to their role.
     */
    rolesReferencedBy(r: IndexedResource, property: string, value: unknown): RoleInfo[] {
        const found = new Set<RoleInfo>();
        const addProfileRoles = (profile: IndexedResource) => {
            for (const role of this.rolesReferencedBy(profile, "role", get(profile.props, "role"))) {
                found.add(role);
            }
        };
        for (const dep of this.dependenciesOf(r, property)) {
            const role = this.roles.get(dep.urn);
            if (role) {
                found.add(role);
            } else if (dep.type === Types.instanceProfile && dep !== r) {
                addProfileRoles(dep);
            }
        }
        const values = Array.isArray(value) ? value : [value];
        for (const v of values) {
            if (typeof v !== "string") {
                continue;
            }
            const byValue =
                this.roleByArn.get(v) ??
                this.roleByName.get(v) ??
                this.roleByName.get(roleNameFromArn(v) ?? "");
            if (byValue) {
                found.add(byValue);
            }
            const profile = this.profileByKey.get(v);
            if (profile && profile !== r) {
                addProfileRoles(profile);
            }
        }
        return [...found];
    }

    private linkPolicies(): void {
        const attach = (roles: RoleInfo[], arn: unknown, via: IndexedResource, depProperty: string) => {
            const linked = this.dependenciesOf(via, depProperty).filter(
                (d) => d.type === Types.managedPolicy,
            );
            const arns = arn === UNKNOWN ? [UNKNOWN] : Array.isArray(arn) ? arn : [arn];
            for (const role of roles) {
                arns.forEach((a, i) => {
                    if (a !== UNKNOWN && typeof a !== "string") {
                        return;
                    }
                    const customerManaged =
                        (typeof a === "string" ? this.policyByArn.get(a) : undefined) ??
                        (arns.length === 1 || linked.length === arns.length ? linked[i] : undefined);
                    role.managedPolicies.push({
                        arn: a,
                        via: via.urn,
                        ...(customerManaged ? { customerManaged } : {}),
                    });
                });
            }
        };
        for (const role of this.roles.values()) {
            const arns = list(role.role.props, "managedPolicyArns");
            attach([role], arns === UNKNOWN ? UNKNOWN : arns, role.role, "managedPolicyArns");
            const inline = list(role.role.props, "inlinePolicies");
            if (inline !== UNKNOWN) {
                inline.forEach((p, i) => {
                    const name = str(p, "name");
                    role.inlinePolicies.push({
                        name: typeof name === "string" ? name : `inlinePolicies[${i}]`,
                        document: readPolicy(get(p, "policy")),
                        via: role.role.urn,
                    });
                });
            }
        }
        for (const a of this.ofType(Types.rolePolicyAttachment)) {
            attach(
                this.rolesReferencedBy(a, "role", get(a.props, "role")),
                get(a.props, "policyArn"),
                a,
                "policyArn",
            );
        }
        for (const a of this.ofType(Types.policyAttachment)) {
            attach(
                this.rolesReferencedBy(a, "roles", get(a.props, "roles")),
                get(a.props, "policyArn"),
                a,
                "policyArn",
            );
        }
        for (const a of this.ofType(Types.rolePolicyAttachmentsExclusive)) {
            const arns = list(a.props, "policyArns");
            attach(this.rolesReferencedBy(a, "roleName", get(a.props, "roleName")), arns, a, "policyArns");
        }
        for (const p of this.ofType(Types.rolePolicy)) {
            const name = str(p.props, "name");
            for (const role of this.rolesReferencedBy(p, "role", get(p.props, "role"))) {
                role.inlinePolicies.push({
                    name: typeof name === "string" ? name : p.name,
                    document: readPolicy(get(p.props, "policy")),
                    via: p.urn,
                });
            }
        }
    }

    private use(kind: RoleUseKind, roles: RoleInfo[], by: IndexedResource, property: string): void {
        for (const role of roles) {
            if (!role.uses.some((u) => u.kind === kind && u.by === by)) {
                role.uses.push({ kind, by, how: `${property} of ${describe(by)}` });
            }
        }
    }

    private linkUses(): void {
        const byProp = (r: IndexedResource, property: string, ...path: string[]) =>
            this.rolesReferencedBy(r, property, get(r.props, property, ...path));
        for (const ng of this.ofType(Types.nodeGroup)) {
            this.use("node", byProp(ng, "nodeRoleArn"), ng, "nodeRoleArn");
        }
        for (const profile of this.ofType(Types.instanceProfile)) {
            this.use("node", byProp(profile, "role"), profile, "role");
        }
        for (const lt of this.ofType(Types.launchTemplate)) {
            const roles = [
                ...this.rolesReferencedBy(
                    lt,
                    "iamInstanceProfile",
                    get(lt.props, "iamInstanceProfile", "arn"),
                ),
                ...this.rolesReferencedBy(
                    lt,
                    "iamInstanceProfile",
                    get(lt.props, "iamInstanceProfile", "name"),
                ),
            ];
            this.use("node", [...new Set(roles)], lt, "iamInstanceProfile");
        }
        // Self-managed node groups of older programs (pulumi-eks NodeGroup v1, eksctl before
        // launch templates) launch from a launch configuration; its iamInstanceProfile is the
        // profile's name or ARN.
        for (const lc of this.ofType(Types.launchConfiguration)) {
            this.use("node", byProp(lc, "iamInstanceProfile"), lc, "iamInstanceProfile");
        }
        for (const entry of this.ofType(Types.accessEntry)) {
            const type = str(entry.props, "type");
            // EC2: the node role of an Auto Mode custom NodeClass (EKS User Guide,
            // create-node-class, "Create node class access entry").
            if (type === "EC2_LINUX" || type === "EC2_WINDOWS" || type === "EC2" || type === "HYBRID_LINUX") {
                this.use("node", byProp(entry, "principalArn"), entry, "principalArn");
            } else if (type === "FARGATE_LINUX") {
                this.use("fargate", byProp(entry, "principalArn"), entry, "principalArn");
            }
        }
        for (const cluster of this.ofType(Types.cluster)) {
            this.use("cluster", byProp(cluster, "roleArn"), cluster, "roleArn");
            // EKS Auto Mode launches its nodes with computeConfig.nodeRoleArn (EKS User Guide,
            // auto-create-node-role): a node role like any other, reached from pods through IMDS.
            this.use(
                "node",
                this.rolesReferencedBy(
                    cluster,
                    "computeConfig",
                    get(cluster.props, "computeConfig", "nodeRoleArn"),
                ),
                cluster,
                "computeConfig.nodeRoleArn",
            );
        }
        for (const fp of this.ofType(Types.fargateProfile)) {
            this.use("fargate", byProp(fp, "podExecutionRoleArn"), fp, "podExecutionRoleArn");
        }
        for (const pia of this.ofType(Types.podIdentityAssociation)) {
            this.use("workload", byProp(pia, "roleArn"), pia, "roleArn");
            this.use("workload", byProp(pia, "targetRoleArn"), pia, "targetRoleArn");
        }
        for (const addon of this.ofType(Types.addon)) {
            this.use("workload", byProp(addon, "serviceAccountRoleArn"), addon, "serviceAccountRoleArn");
            const associations = list(addon.props, "podIdentityAssociations");
            const arns = associations === UNKNOWN ? [] : associations.map((a) => get(a, "roleArn"));
            this.use(
                "workload",
                this.rolesReferencedBy(addon, "podIdentityAssociations", arns),
                addon,
                "podIdentityAssociations",
            );
        }
        for (const sa of this.ofType(Types.serviceAccount)) {
            const arn = get(sa.props, "metadata", "annotations", ROLE_ARN_ANNOTATION);
            if (arn !== undefined) {
                this.use(
                    "workload",
                    this.rolesReferencedBy(sa, "metadata", arn),
                    sa,
                    `${ROLE_ARN_ANNOTATION} annotation`,
                );
            }
        }
        for (const role of this.roles.values()) {
            if ("policy" in role.trust && isWorkloadTrustPolicy(role.trust)) {
                role.uses.push({
                    kind: "workload",
                    by: role.role,
                    how: "its trust policy (IRSA or Pod Identity)",
                });
            }
        }
    }
}

/** A cluster with `outpostConfig`: a local cluster on AWS Outposts. */
export function isLocalCluster(cluster: IndexedResource): boolean {
    const config = get(cluster.props, "outpostConfig");
    return cluster.type === Types.cluster && typeof config === "object" && config !== null;
}

function isWorkloadTrustPolicy(read: { policy: ParsedPolicy }): boolean {
    return isWorkloadTrust(read.policy);
}

const indexCache = new WeakMap<readonly PolicyResource[], StackIndex>();

/** @pulumi/policy's unknown-checking proxy gives its target under this key (proxy.js getSpecialProxyTarget). */
const PROXY_TARGET = "__getSpecialProxyTarget";

/** The object a resource's props read from: the proxy's target, or the props themselves. */
function propsTarget(r: PolicyResource): unknown {
    const props = r.props as Record<string, unknown> | undefined;
    return props?.[PROXY_TARGET] ?? props;
}

/** Indexes by the props target of their first resource, with all the targets they were built from. */
const byTargets = new WeakMap<object, { targets: unknown[]; index: StackIndex }>();

/**
 * The index of a stack's resources, built once for the same resources. `evaluate` hands the same
 * array to every stack policy. @pulumi/policy's server does not: for each stack policy it builds a
 * new array of new proxies from the same request (server.js makeAnalyzeStackRpcFun), over the same
 * deserialized props once the served pack shares them (lib/sharedProps.ts). So an array whose
 * props are the very objects of an index's resources, in order, shares that index; other data
 * (another request, another evaluate() call, another version of a stack with the same URNs)
 * builds its own.
 */
export function stackIndex(resources: PolicyResource[]): StackIndex {
    let index = indexCache.get(resources);
    if (index) {
        return index;
    }
    const targets = resources.map(propsTarget);
    const first = targets[0];
    const known = typeof first === "object" && first !== null ? byTargets.get(first) : undefined;
    if (known && known.targets.length === targets.length && known.targets.every((t, i) => t === targets[i])) {
        index = known.index;
    } else {
        index = new StackIndex(resources);
        if (typeof first === "object" && first !== null) {
            byTargets.set(first, { targets, index });
        }
    }
    indexCache.set(resources, index);
    return index;
}

/** `role "node-role" (node role through nodeRoleArn of aws:eks/nodeGroup:NodeGroup "ng")`, for messages. */
export function roleLabel(role: RoleInfo, kind: RoleUseKind): string {
    const use = role.uses.find((u) => u.kind === kind);
    return `role "${role.role.name}"${use ? ` (${kind} role through ${use.how})` : ""}`;
}
