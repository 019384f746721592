// Who (namespace/service account) gets which role, by which mechanism, read from the planned
// resources alone. Trust documents are read with the policy pack's parser, so the map works for
// any program, not only this project's components.
import { conditionsOnKey, tryParsePolicy } from "../../policy-pack/lib/iam/parser";
import {
    parseServiceAccountSubject,
    podIdentityStatements,
    webIdentityStatements,
} from "../../policy-pack/lib/iam/trustStatements";
import { UNKNOWN_SENTINELS } from "../../policy-pack/lib/props";
import { IdentityPath, PlanResource, WorkloadAccess } from "../model";

/** One ServiceAccount -> role link of one cluster, with every path that carries it. */
export interface FoundIdentity {
    cluster: string;
    namespace: string;
    serviceAccount: string;
    role: PlanResource;
    mode: WorkloadAccess["mode"];
    paths: IdentityPath[];
}

export const Types = {
    role: "aws:iam/role:Role",
    cluster: "aws:eks/cluster:Cluster",
    association: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    addon: "aws:eks/addon:Addon",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
} as const;

/** The annotation an IRSA ServiceAccount names its role by. */
export const ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";

export function str(value: unknown): string {
    return typeof value === "string" ? value : "";
}

/** A string value the plan knows: "" for none and for the engine's unknown (a first preview's ARNs). */
export function known(value: unknown): string {
    const s = str(value);
    return UNKNOWN_SENTINELS.has(s) ? "" : s;
}

/**
 * Whether `property` of `r` names `role`: through the engine's property dependencies (how it
 * links them while ARNs are unknown, at a first preview) or a known ARN equal to the role's.
 */
function names(r: PlanResource, property: string, value: unknown, role: PlanResource): boolean {
    const arn = known(role.outputs.arn);
    if (arn !== "" && value === arn) {
        return true;
    }
    return known(value) === "" && (r.propertyDependencies[property] ?? []).includes(role.urn);
}

/** The name of a role as the cloud knows it (its output), else its logical name. */
export function roleName(role: PlanResource): string {
    return str(role.outputs.name) || role.name;
}

/**
 * The cluster whose issuer or ARN a trust statement names, by matching planned clusters (by the
 * name an EKS cluster ARN ends with when the cluster's own ARN is not known yet).
 */
function clusterOf(resources: PlanResource[], issuer: string | undefined, clusterArns: string[]): string {
    for (const c of resources.filter((r) => r.type === Types.cluster)) {
        const ids = c.outputs.identities as { oidcs?: { issuer?: string }[] }[] | undefined;
        const clusterIssuer = known(ids?.[0]?.oidcs?.[0]?.issuer).replace(/^https:\/\//, "");
        const name = known(c.outputs.name) || known(c.props.name) || c.name;
        const arn = known(c.outputs.arn);
        if (
            (issuer && clusterIssuer === issuer) ||
            clusterArns.some((a) => (arn !== "" ? a === arn : a.endsWith(`:cluster/${name}`)))
        ) {
            return name;
        }
    }
    return issuer ?? clusterArns[0] ?? "(other cluster)";
}

interface Subject {
    namespace: string;
    serviceAccount: string;
    /** Per cluster, the paths found. */
    paths: Map<string, IdentityPath[]>;
}

/** Every ServiceAccount -> role link of the plan, sorted by cluster, then namespace/service account. */
export function findIdentities(resources: PlanResource[]): FoundIdentity[] {
    const found: FoundIdentity[] = [];
    const firstCluster = resources.find((r) => r.type === Types.cluster);
    const defaultCluster = firstCluster
        ? known(firstCluster.outputs.name) || known(firstCluster.props.name) || firstCluster.name
        : "(other cluster)";
    for (const role of resources.filter((r) => r.type === Types.role)) {
        const trust = role.props.assumeRolePolicy;
        const parsed = tryParsePolicy(trust);
        // An IRSA trust names the issuer, which exists only once the cluster does: at a first
        // preview it is unknown, and the role's users say who it is for.
        const unknownTrust = typeof trust === "string" && known(trust) === "";
        if (!("policy" in parsed) && !unknownTrust) {
            continue;
        }
        const irsa = "policy" in parsed ? webIdentityStatements(parsed.policy) : [];
        const pods = "policy" in parsed ? podIdentityStatements(parsed.policy) : [];
        if (irsa.length === 0 && pods.length === 0 && !unknownTrust) {
            continue;
        }
        const subjects = new Map<string, Subject>();
        const add = (namespace: string, serviceAccount: string, cluster: string, path: IdentityPath) => {
            const key = `${namespace}/${serviceAccount}`;
            const subject: Subject = subjects.get(key) ?? { namespace, serviceAccount, paths: new Map() };
            const paths = subject.paths.get(cluster) ?? [];
            if (!paths.some((p) => p.mechanism === path.mechanism && p.via === path.via)) {
                paths.push(path);
            }
            subject.paths.set(cluster, paths);
            subjects.set(key, subject);
        };
        for (const { statement, issuers } of irsa) {
            for (const issuer of issuers) {
                for (const condition of conditionsOnKey(statement, `${issuer}:sub`)) {
                    for (const value of condition.values) {
                        const subject = parseServiceAccountSubject(value);
                        if (subject) {
                            add(subject.namespace, subject.serviceAccount, clusterOf(resources, issuer, []), {
                                mechanism: "irsa",
                                via: `issuer ${issuer}`,
                            });
                        }
                    }
                }
            }
        }
        for (const statement of pods) {
            const values = (key: string) => conditionsOnKey(statement, key).flatMap((c) => c.values);
            const clusterArns = values("aws:RequestTag/eks-cluster-arn");
            const namespaces = values("aws:RequestTag/kubernetes-namespace");
            const accounts = values("aws:RequestTag/kubernetes-service-account");
            // The trust's session-tag conditions name whom it allows; the associations that use the
            // role are what gives it to them (a trust without tag conditions names no one).
            for (const ns of namespaces) {
                for (const sa of accounts) {
                    add(ns, sa, clusterOf(resources, undefined, clusterArns), {
                        mechanism: "pod-identity",
                        via: "trust session tags",
                    });
                }
            }
        }
        if (unknownTrust) {
            for (const sa of resources.filter((r) => r.type === Types.serviceAccount)) {
                const metadata = (sa.props.metadata ?? {}) as {
                    name?: unknown;
                    namespace?: unknown;
                    annotations?: Record<string, unknown>;
                };
                const annotation = metadata.annotations?.[ROLE_ARN_ANNOTATION];
                if (annotation !== undefined && names(sa, "metadata", annotation, role)) {
                    add(str(metadata.namespace), str(metadata.name), defaultCluster, {
                        mechanism: "irsa",
                        via: `ServiceAccount annotation (the trust is known once the cluster exists)`,
                    });
                }
            }
        }
        if (pods.length > 0 || unknownTrust) {
            for (const a of resources) {
                if (a.type === Types.association && names(a, "roleArn", a.props.roleArn, role)) {
                    add(str(a.props.namespace), str(a.props.serviceAccount), str(a.props.clusterName), {
                        mechanism: "pod-identity",
                        via: `association ${a.name}`,
                    });
                }
                if (a.type === Types.addon) {
                    const associations =
                        (a.props.podIdentityAssociations as
                            { roleArn?: string; serviceAccount?: string }[] | undefined) ?? [];
                    // While ARNs are unknown, the dependencies tell only that some association
                    // uses the role: that is which one when the add-on has one.
                    const mine = associations.filter(
                        (x) =>
                            (known(x.roleArn) !== "" && x.roleArn === known(role.outputs.arn)) ||
                            (associations.length === 1 &&
                                names(a, "podIdentityAssociations", x.roleArn, role)),
                    );
                    for (const association of mine) {
                        // An add-on's associations are in kube-system (EKS API PodIdentityAssociation of CreateAddon).
                        add("kube-system", str(association.serviceAccount), str(a.props.clusterName), {
                            mechanism: "pod-identity",
                            via: `add-on ${str(a.props.addonName) || a.name}`,
                        });
                    }
                }
            }
        }
        for (const s of subjects.values()) {
            for (const [cluster, paths] of s.paths) {
                // A trust's tags alone name a service account without giving it the role: the
                // path is the association, where there is one.
                const carried = paths.some((p) => p.via !== "trust session tags")
                    ? paths.filter((p) => p.via !== "trust session tags")
                    : paths;
                const irsaPath = carried.some((p) => p.mechanism === "irsa");
                const podPath = carried.some((p) => p.mechanism === "pod-identity");
                found.push({
                    cluster,
                    namespace: s.namespace,
                    serviceAccount: s.serviceAccount,
                    role,
                    mode: irsaPath && podPath ? "both" : irsaPath ? "irsa" : "pod-identity",
                    paths: carried,
                });
            }
        }
    }
    return found.sort(
        (a, b) =>
            a.cluster.localeCompare(b.cluster) ||
            `${a.namespace}/${a.serviceAccount}`.localeCompare(`${b.namespace}/${b.serviceAccount}`),
    );
}
