// The identity map: who (namespace/service account) gets which role, by which mechanism, with
// which permissions, read from the planned resources alone. Trust documents are read with the
// policy pack's parser, so the map works for any program, not only this project's components.
import { conditionsOnKey, tryParsePolicy } from "../policy-pack/lib/iam/parser";
import {
    parseServiceAccountSubject,
    podIdentityStatements,
    webIdentityStatements,
} from "../policy-pack/lib/iam/trustStatements";
import { PlanFile, PlanResource, PlanViolation } from "./model";

export interface IdentityEdge {
    namespace: string;
    serviceAccount: string;
    roleName: string;
    roleUrn: string;
    mode: "irsa" | "pod-identity" | "both";
    /** Managed policy names, inline policy names and well-known kinds granted to the role. */
    permissions: string[];
    violations: PlanViolation[];
}

export interface ClusterIdentities {
    cluster: string;
    identities: IdentityEdge[];
}

const ROLE = "aws:iam/role:Role";

function str(value: unknown): string {
    return typeof value === "string" ? value : "";
}

/** The cluster whose issuer or ARN a trust statement names, by matching planned clusters. */
function clusterOf(resources: PlanResource[], issuer: string | undefined, clusterArns: string[]): string {
    for (const c of resources.filter((r) => r.type === "aws:eks/cluster:Cluster")) {
        const ids = c.outputs.identities as { oidcs?: { issuer?: string }[] }[] | undefined;
        const clusterIssuer = str(ids?.[0]?.oidcs?.[0]?.issuer).replace(/^https:\/\//, "");
        if ((issuer && clusterIssuer === issuer) || clusterArns.includes(str(c.outputs.arn))) {
            return str(c.outputs.name) || c.name;
        }
    }
    return issuer ?? clusterArns[0] ?? "(other cluster)";
}

export function identityMap(plan: PlanFile): ClusterIdentities[] {
    const resources = plan.resources;
    const byCluster = new Map<string, IdentityEdge[]>();
    for (const role of resources.filter((r) => r.type === ROLE)) {
        const parsed = tryParsePolicy(role.props.assumeRolePolicy);
        if (!("policy" in parsed)) {
            continue;
        }
        const roleName = str(role.outputs.name) || role.name;
        const irsa = webIdentityStatements(parsed.policy);
        const pods = podIdentityStatements(parsed.policy);
        if (irsa.length === 0 && pods.length === 0) {
            continue;
        }
        const subjects = new Map<
            string,
            { namespace: string; serviceAccount: string; irsa: Set<string>; pods: Set<string> }
        >();
        const add = (namespace: string, serviceAccount: string, cluster: string, kind: "irsa" | "pods") => {
            const key = `${namespace}/${serviceAccount}`;
            const entry = subjects.get(key) ?? {
                namespace,
                serviceAccount,
                irsa: new Set<string>(),
                pods: new Set<string>(),
            };
            entry[kind].add(cluster);
            subjects.set(key, entry);
        };
        for (const { statement, issuers } of irsa) {
            for (const issuer of issuers) {
                for (const condition of conditionsOnKey(statement, `${issuer}:sub`)) {
                    for (const value of condition.values) {
                        const subject = parseServiceAccountSubject(value);
                        if (subject) {
                            add(
                                subject.namespace,
                                subject.serviceAccount,
                                clusterOf(resources, issuer, []),
                                "irsa",
                            );
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
            // Without tag conditions the trust names no one: the associations that use the role do.
            const associations = resources.filter(
                (r) =>
                    r.type === "aws:eks/podIdentityAssociation:PodIdentityAssociation" &&
                    r.props.roleArn === role.outputs.arn,
            );
            const addonAssociations = resources.flatMap((r) =>
                r.type === "aws:eks/addon:Addon"
                    ? (
                          (r.props.podIdentityAssociations as
                              { roleArn?: string; serviceAccount?: string }[] | undefined) ?? []
                      )
                          .filter((a) => a.roleArn === role.outputs.arn)
                          .map((a) => ({
                              namespace: "kube-system",
                              serviceAccount: str(a.serviceAccount),
                              cluster: str(r.props.clusterName),
                          }))
                    : [],
            );
            for (const ns of namespaces) {
                for (const sa of accounts) {
                    add(ns, sa, clusterOf(resources, undefined, clusterArns), "pods");
                }
            }
            for (const a of associations) {
                add(str(a.props.namespace), str(a.props.serviceAccount), str(a.props.clusterName), "pods");
            }
            for (const a of addonAssociations) {
                add(a.namespace, a.serviceAccount, a.cluster, "pods");
            }
        }
        const roleId = str(role.outputs.name);
        const permissions = [
            ...resources
                .filter(
                    (r) =>
                        r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment" &&
                        r.props.role === roleId,
                )
                .map((r) => str(r.props.policyArn).split("/").pop() ?? ""),
            ...resources
                .filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.props.role === roleId)
                .map((r) => `inline:${str(r.props.name) || r.name}`),
        ].sort();
        const related = new Set([
            role.urn,
            ...resources
                .filter((r) => role.parent && (r.parent === role.parent || r.urn === role.parent))
                .map((r) => r.urn),
        ]);
        const violations = plan.violations.filter((v) => v.urn && related.has(v.urn));
        for (const s of subjects.values()) {
            for (const cluster of new Set([...s.irsa, ...s.pods])) {
                const mode =
                    s.irsa.has(cluster) && s.pods.has(cluster)
                        ? "both"
                        : s.irsa.has(cluster)
                          ? "irsa"
                          : "pod-identity";
                const list = byCluster.get(cluster) ?? [];
                list.push({
                    namespace: s.namespace,
                    serviceAccount: s.serviceAccount,
                    roleName,
                    roleUrn: role.urn,
                    mode,
                    permissions,
                    violations,
                });
                byCluster.set(cluster, list);
            }
        }
    }
    return [...byCluster.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([cluster, identities]) => ({
            cluster,
            identities: identities.sort((a, b) =>
                `${a.namespace}/${a.serviceAccount}`.localeCompare(`${b.namespace}/${b.serviceAccount}`),
            ),
        }));
}

function mermaidId(prefix: string, value: string): string {
    return `${prefix}_${value.replace(/[^A-Za-z0-9]/g, "_")}`;
}

function escapeMd(text: string): string {
    return text.replace(/\|/g, "\\|");
}

export function identityMapMarkdown(plan: PlanFile, map: ClusterIdentities[]): string {
    const out = [
        `# Identity map of stack \`${plan.stack}\``,
        "",
        `Planned offline from \`${plan.configFile}\` (${plan.cloud.partition}, ${plan.cloud.region}, account ${plan.cloud.accountId}); ` +
            `policy pack ${plan.policyPack.name}@v${plan.policyPack.version}: ${plan.summary.mandatory} mandatory, ${plan.summary.advisory} advisory violation(s).`,
        "",
    ];
    for (const c of map) {
        out.push(
            `## Cluster \`${c.cluster}\``,
            "",
            "| Namespace | Service account | Role | Mode | Permissions | Violations |",
            "|---|---|---|---|---|---|",
        );
        for (const e of c.identities) {
            const marks =
                e.violations
                    .map((v) => `${v.enforcementLevel === "mandatory" ? "❌" : "⚠️"} ${v.policyName}`)
                    .join("<br>") || "✅";
            out.push(
                `| ${e.namespace} | ${e.serviceAccount} | ${e.roleName} | ${e.mode} | ${escapeMd(e.permissions.join(", ") || "(none)")} | ${marks} |`,
            );
        }
        out.push("", "```mermaid", "flowchart LR");
        for (const e of c.identities) {
            const sa = mermaidId("sa", `${e.namespace}/${e.serviceAccount}`);
            const role = mermaidId("role", e.roleName);
            out.push(
                `    ${sa}["${e.namespace}/${e.serviceAccount}"] -->|${e.mode}| ${role}["${e.roleName}${e.violations.length ? " ⚠" : ""}"]`,
            );
            for (const p of e.permissions) {
                out.push(`    ${role} --> ${mermaidId("perm", `${e.roleName}/${p}`)}["${p}"]`);
            }
            if (e.violations.length > 0) {
                out.push(`    class ${role} violation`);
            }
        }
        out.push("    classDef violation fill:#fdd,stroke:#c00", "```", "");
    }
    if (map.length === 0) {
        out.push("No workload identities (IRSA or Pod Identity roles) in this plan.", "");
    }
    return out.join("\n");
}
