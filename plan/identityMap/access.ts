// The `access` section of a plan (plan/model.ts): per cluster, every workload role with the paths
// that reach it, what it can do and its findings; the platform roles; the migration's state.
// The linking (which policy is attached to which role, what uses a role) is the policy pack's
// StackIndex, so the map sees the stack as the pack's policies do.
import { policyResources } from "../../policy-pack/lib/evaluate";
import { get } from "../../policy-pack/lib/props";
import { RoleInfo, StackIndex, Types as PackTypes } from "../../policy-pack/lib/stack";
import {
    AccessFinding,
    AccessSection,
    ClusterAccess,
    PlanFile,
    PlanResource,
    PlatformRole,
    RoleRef,
    WorkloadAccess,
} from "../model";
import { migrationState, WorkloadEvidence } from "./migration";
import { rolePermissions } from "./permissions";
import { nodePodReach, podRunners } from "./reach";
import { findIdentities, known, roleName, str, Types } from "./workloads";

/** The plan's resources as the pack's stack policies see them (outputs, then inputs over them). */
export function stackIndexOf(resources: PlanResource[]): StackIndex {
    const props = resources.map((r) => ({ ...r.outputs, ...r.props }));
    return new StackIndex(
        policyResources(
            resources.map((r, i) => ({ ...r, props: props[i] })),
            props,
        ),
    );
}

export function roleRef(role: PlanResource): RoleRef {
    return { name: roleName(role), arn: known(role.outputs.arn), urn: role.urn };
}

/** The plan's violations, once per (policy, resource URN), their messages together. */
export function dedupeFindings(violations: PlanFile["violations"]): AccessFinding[] {
    const byKey = new Map<string, AccessFinding>();
    for (const v of violations) {
        const urn = v.urn ?? "";
        const key = `${v.policyName}\u0000${urn}`;
        const finding = byKey.get(key) ?? {
            policyName: v.policyName,
            enforcementLevel: v.enforcementLevel,
            urn,
            messages: [],
        };
        if (!finding.messages.includes(v.message)) {
            finding.messages.push(v.message);
        }
        byKey.set(key, finding);
    }
    return [...byKey.values()];
}

/**
 * The resources whose findings concern a role: the role, what attaches its policies, what uses
 * it, and the siblings under its component when the component holds no other role.
 */
function concerning(role: RoleInfo, resources: PlanResource[], extra: string[] = []): string[] {
    const urns = [
        role.role.urn,
        ...role.managedPolicies.map((p) => p.via),
        ...role.inlinePolicies.map((p) => p.via),
        ...role.uses.map((u) => u.by.urn),
        ...extra,
    ];
    const parent = resources.find((r) => r.urn === role.role.urn)?.parent;
    if (parent) {
        const children = resources.filter((r) => r.parent === parent);
        if (children.filter((r) => r.type === Types.role).length === 1) {
            urns.push(...children.map((r) => r.urn));
        }
    }
    return urns;
}

const MODES = ["irsa", "pod-identity", "both"] as const;

/**
 * The access section of a plan. `evidence` (from the stack config, migration.ts) gives the reason
 * a workload is not on Pod Identity yet; without it the map says there is none.
 */
export async function accessSection(
    plan: Pick<PlanFile, "resources" | "violations">,
    evidence: WorkloadEvidence[] = [],
): Promise<AccessSection> {
    const resources = plan.resources;
    const index = stackIndexOf(resources);
    const findings = dedupeFindings(plan.violations);
    const claimed = new Set<AccessFinding>();
    const claim = (urns: string[]): AccessFinding[] => {
        const wanted = new Set(urns);
        const mine = findings.filter((f) => !claimed.has(f) && wanted.has(f.urn));
        mine.forEach((f) => claimed.add(f));
        return mine;
    };
    const permissionsOf = new Map<string, ReturnType<typeof rolePermissions>>();
    const permissions = (info: RoleInfo) => {
        let p = permissionsOf.get(info.role.urn);
        if (!p) {
            p = rolePermissions(info);
            permissionsOf.set(info.role.urn, p);
        }
        return p;
    };
    const clusterNames = resources
        .filter((r) => r.type === Types.cluster)
        .map((c) => known(c.outputs.name) || known(c.props.name) || c.name);
    const clusterOfUse = (by: { type: string; props: Record<string, unknown> }): string =>
        str(get(by.props, "clusterName")) ||
        (by.type === PackTypes.cluster ? str(get(by.props, "name")) : "") ||
        clusterNames[0] ||
        "(no cluster)";

    // Platform roles first: a role that is also a workload's (vpc-cni) keeps its findings here.
    const platform: { cluster: string; role: PlatformRole }[] = [];
    const kinds: [PlatformRole["kind"], RoleInfo[]][] = [
        ["cluster", index.rolesUsedAs("cluster")],
        ["node", index.rolesUsedAs("node")],
        ["fargate", index.rolesUsedAs("fargate")],
        [
            "vpc-cni",
            index
                .rolesUsedAs("workload")
                .filter((r) =>
                    r.uses.some(
                        (u) => u.by.type === PackTypes.addon && get(u.by.props, "addonName") === "vpc-cni",
                    ),
                ),
        ],
    ];
    for (const [kind, roles] of kinds) {
        for (const info of roles) {
            const role = resources.find((r) => r.urn === info.role.urn)!;
            const uses = info.uses.filter((u) =>
                kind === "vpc-cni" ? u.by.type === PackTypes.addon : u.kind === kind,
            );
            const reach = kind === "node" ? nodePodReach(index, info) : { reach: [], resources: [] };
            platform.push({
                cluster: clusterOfUse(uses[0]?.by ?? { type: "", props: {} }),
                role: {
                    kind,
                    role: roleRef(role),
                    usedBy: [
                        ...new Set(
                            uses.map(
                                (u) =>
                                    `${kindOfResource(u.by.type)} ${(u.by.type === PackTypes.cluster && str(get(u.by.props, "name"))) || u.by.name}`,
                            ),
                        ),
                    ].sort(),
                    permissions: await permissions(info),
                    podReach: reach.reach,
                    findings: claim(concerning(info, resources, reach.resources)),
                },
            });
        }
    }

    const runners = podRunners(resources);
    const evidenceOf = new Map(evidence.map((e) => [`${e.namespace}/${e.serviceAccount}`, e]));
    const workloads: { cluster: string; workload: WorkloadAccess }[] = [];
    for (const found of findIdentities(resources)) {
        const info = index.roles.get(found.role.urn)!;
        const parent = resources.find((r) => r.urn === found.role.parent);
        workloads.push({
            cluster: found.cluster,
            workload: {
                namespace: found.namespace,
                serviceAccount: found.serviceAccount,
                ...(parent && !parent.custom ? { workload: parent.name } : {}),
                mode: found.mode,
                role: roleRef(found.role),
                paths: found.paths,
                runAs: runners(found.cluster, found.namespace),
                migration: migrationState(
                    found.mode,
                    evidenceOf.get(`${found.namespace}/${found.serviceAccount}`),
                ),
                permissions: await permissions(info),
                findings: claim(concerning(info, resources)),
            },
        });
    }

    const clusters = [
        ...new Set([...workloads.map((w) => w.cluster), ...platform.map((p) => p.cluster)]),
    ].sort();
    return {
        clusters: clusters.map((cluster) =>
            clusterAccess(
                cluster,
                workloads.filter((w) => w.cluster === cluster).map((w) => w.workload),
                platform.filter((p) => p.cluster === cluster).map((p) => p.role),
            ),
        ),
        otherFindings: findings.filter((f) => !claimed.has(f)),
    };
}

function kindOfResource(type: string): string {
    const names: Record<string, string> = {
        [PackTypes.nodeGroup]: "node group",
        [PackTypes.launchTemplate]: "launch template",
        [PackTypes.launchConfiguration]: "launch configuration",
        [PackTypes.instanceProfile]: "instance profile",
        [PackTypes.accessEntry]: "access entry",
        [PackTypes.cluster]: "cluster",
        [PackTypes.fargateProfile]: "Fargate profile",
        [PackTypes.addon]: "add-on",
    };
    return names[type] ?? type;
}

/** Why a role is among the riskiest, and how much (administrator first, then IMDS, then findings). */
function risk(
    role: string,
    permissions: WorkloadAccess["permissions"],
    findings: AccessFinding[],
    extra: { why: string; weight: number }[],
): { role: string; why: string[]; score: number } {
    const reasons = [...extra];
    if (permissions.administrator) {
        reasons.push({ why: `administrator-equivalent: ${permissions.administrator}`, weight: 1000 });
    }
    const mandatory = findings.filter((f) => f.enforcementLevel === "mandatory");
    if (mandatory.length > 0) {
        reasons.push({
            why: `mandatory: ${mandatory.map((f) => f.policyName).join(", ")}`,
            weight: 100 * mandatory.length,
        });
    }
    const advisory = findings.filter((f) => f.enforcementLevel !== "mandatory");
    if (advisory.length > 0) {
        reasons.push({
            why: `advisory: ${[...new Set(advisory.map((f) => f.policyName))].join(", ")}`,
            weight: advisory.length,
        });
    }
    return { role, why: reasons.map((r) => r.why), score: reasons.reduce((sum, r) => sum + r.weight, 0) };
}

/** The SDK a workload declares, or this. */
export const SDK_NOT_DECLARED = "SDK not declared";

/**
 * The workloads in `both`, per SDK. In `both` the pod has IRSA's AWS_WEB_IDENTITY_TOKEN_FILE and
 * Pod Identity's AWS_CONTAINER_CREDENTIALS_FULL_URI at once, and the SDKs' default chains try the
 * web-identity provider before the container provider (AWS SDKs and Tools Reference Guide,
 * "SDK-specific and tool-specific credential provider chains", standardized-credentials.html):
 * these keep using IRSA until the mode is `pod-identity`.
 */
function bothSdks(workloads: WorkloadAccess[]): ClusterAccess["summary"]["bothSdks"] {
    const bySdk = new Map<string, string[]>();
    for (const w of workloads.filter((x) => x.mode === "both")) {
        const sdk = w.migration.sdk ?? SDK_NOT_DECLARED;
        bySdk.set(sdk, [...(bySdk.get(sdk) ?? []), `${w.namespace}/${w.serviceAccount}`]);
    }
    return [...bySdk.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([sdk, names]) => ({ sdk, workloads: names }));
}

/** How many roles the summary names as the riskiest. */
export const RISKIEST = 5;

function clusterAccess(
    cluster: string,
    workloads: WorkloadAccess[],
    platformRoles: PlatformRole[],
): ClusterAccess {
    const modes = Object.fromEntries(
        MODES.map((m) => [m, workloads.filter((w) => w.mode === m).length]),
    ) as ClusterAccess["summary"]["modes"];
    const all = [...workloads.flatMap((w) => w.findings), ...platformRoles.flatMap((p) => p.findings)];
    const risks = [
        ...platformRoles.map((p) =>
            risk(
                p.role.name,
                p.permissions,
                p.findings,
                p.podReach.length > 0
                    ? [{ why: "every pod on its nodes can reach it through IMDS", weight: 500 }]
                    : [],
            ),
        ),
        ...workloads.map((w) => {
            // A cluster administrator can do anything anyway; others running pods as the
            // ServiceAccount are the path worth naming.
            const others = w.runAs.filter(
                (r) => !(r.scope === "cluster" && r.accessPolicy === "AmazonEKSClusterAdminPolicy"),
            );
            return risk(
                w.role.name,
                w.permissions,
                w.findings,
                others.length > 0
                    ? [
                          {
                              why: `also reachable by ${others.map((r) => `${r.principalArn} (${r.accessPolicy}, ${r.scope} scope)`).join(", ")}`,
                              weight: 10,
                          },
                      ]
                    : [],
            );
        }),
    ]
        .filter((r) => r.score > 0)
        .sort((a, b) => b.score - a.score || a.role.localeCompare(b.role));
    const seen = new Set<string>();
    const riskiest = risks.filter((r) => !seen.has(r.role) && seen.add(r.role)).slice(0, RISKIEST);
    return {
        cluster,
        summary: {
            workloads: workloads.length,
            modes,
            findings: {
                mandatory: all.filter((f) => f.enforcementLevel === "mandatory").length,
                advisory: all.filter((f) => f.enforcementLevel !== "mandatory").length,
            },
            riskiest: riskiest.map(({ role, why }) => ({ role, why })),
            bothSdks: bothSdks(workloads),
        },
        workloads,
        platformRoles,
    };
}
