// Who can assume what in an existing account: every (cluster, namespace, service account) with an
// identity, the workload roles, the OIDC providers, and the policy pack's findings on all of them.
import { evaluate, ResourceInput, Violation } from "../policy-pack/lib/evaluate";
import { issuerFromProviderArn, issuerHostPath } from "../policy-pack/lib/iam/eksIdentity";
import { ParsedPolicy } from "../policy-pack/lib/iam/parser";
import { podIdentityStatements, webIdentityStatements } from "../policy-pack/lib/iam/trustStatements";
import { readPolicy } from "../policy-pack/lib/read";
import { ROLE_ARN_ANNOTATION, Types } from "../policy-pack/lib/stack";
import { fargateNamespaceMatches } from "../components/fargate/selector";
import { AccountFiles, ClusterFiles, policyText, RoleDetail } from "./read";

export type Mechanism = "irsa" | "pod-identity" | "both";

export interface Finding {
    /** The pack's policy name, or a `discover-*` id for what only the account as a whole shows. */
    id: string;
    level: "advisory" | "mandatory";
    message: string;
}

export interface AccountFinding extends Finding {
    /** What the finding is about: `role/<name>`, `oidc-provider/<issuer>`, `<cluster>/<ns>/<sa>` ... */
    subject: string;
}

export interface Workload {
    cluster: string;
    namespace: string;
    serviceAccount: string;
    roleArn: string;
    mechanism: Mechanism;
    findings: Finding[];
    migratable: boolean;
    reason: string;
}

export interface RoleEntry {
    name: string;
    arn: string;
    /** Issuers (host/path) its IRSA statements trust. */
    irsaIssuers: string[];
    podIdentityTrust: boolean;
    /** Discovered clusters whose issuer the trust names. */
    clusters: string[];
    /** `<cluster>/<namespace>/<serviceAccount>` of the workloads that use it; empty: unused, never adopted. */
    usedBy: string[];
}

export interface OidcProviderEntry {
    arn: string;
    issuer: string;
    /** The discovered cluster with this issuer, null when none. */
    cluster: string | null;
    /** Roles whose trust names this provider. */
    roles: string[];
    quota: { used: number; limit: number };
}

export interface Discovery {
    workloads: Workload[];
    roles: RoleEntry[];
    oidcProviders: OidcProviderEntry[];
    findings: AccountFinding[];
}

// IAM quotas: "OpenId connect providers per account", default 100 (the same figure as the pack's
// oidc-provider-quota default). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
export const OIDC_PROVIDER_QUOTA = 100;

// The add-on that runs the Pod Identity agent.
// https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html
export const AGENT_ADDON = "eks-pod-identity-agent";

// The service account an add-on's serviceAccountRoleArn (IRSA) goes to: DescribeAddon does not
// say it; these are the accounts the add-ons' own manifests create (EKS User Guide, "IAM roles
// for Amazon EKS add-ons": vpc-cni aws-node, aws-ebs-csi-driver ebs-csi-controller-sa,
// aws-efs-csi-driver efs-csi-controller-sa, adot adot-col-otlp-ingest).
export const ADDON_SERVICE_ACCOUNTS: Record<string, { namespace: string; serviceAccount: string }> = {
    "vpc-cni": { namespace: "kube-system", serviceAccount: "aws-node" },
    "aws-ebs-csi-driver": { namespace: "kube-system", serviceAccount: "ebs-csi-controller-sa" },
    "aws-efs-csi-driver": { namespace: "kube-system", serviceAccount: "efs-csi-controller-sa" },
};

interface Binding {
    irsa?: { roleArn: string; via: string };
    podIdentity?: { roleArn: string; via: string };
}

const accountOf = (arn: string): string => arn.split(":")[4] ?? "";
const parsed = (document: string): ParsedPolicy | undefined => {
    const read = readPolicy(document);
    return "policy" in read ? read.policy : undefined;
};

/** Builds the inventory and runs the policy pack on the account's roles and identities. */
export async function discover(account: AccountFiles): Promise<Discovery> {
    const rolesByArn = new Map(account.roles.map((r) => [r.Arn, r]));
    const issuerOf = new Map(
        account.clusters.flatMap((c) =>
            c.cluster.identity?.oidc
                ? [[issuerHostPath(c.cluster.identity.oidc.issuer), c.cluster.name] as const]
                : [],
        ),
    );
    const providerIssuers = new Set(
        account.oidcProviderArns
            .map((a) => issuerFromProviderArn(a))
            .filter((i): i is string => i !== undefined),
    );
    const findings: AccountFinding[] = [];

    // Workload roles: those whose trust names an OIDC provider or Pod Identity.
    const roles: RoleEntry[] = [];
    for (const role of account.roles) {
        const trust = parsed(policyText(role.AssumeRolePolicyDocument));
        if (!trust) {
            continue;
        }
        const irsaIssuers = [...new Set(webIdentityStatements(trust).flatMap((s) => s.issuers))];
        const podIdentityTrust = podIdentityStatements(trust).length > 0;
        if (irsaIssuers.length === 0 && !podIdentityTrust) {
            continue;
        }
        const clusters = [...new Set(irsaIssuers.flatMap((i) => issuerOf.get(i) ?? []))];
        roles.push({
            name: role.RoleName,
            arn: role.Arn,
            irsaIssuers,
            podIdentityTrust,
            clusters,
            usedBy: [],
        });
        for (const issuer of irsaIssuers.filter((i) => !providerIssuers.has(i))) {
            findings.push({
                id: "discover-missing-oidc-provider",
                level: "advisory",
                subject: `role/${role.RoleName}`,
                message:
                    `The trust of role "${role.RoleName}" names issuer "${issuer}", which has no IAM OIDC provider in the account: ` +
                    `that statement can never be used. Remove it, or recreate the provider if a cluster still uses that issuer.`,
            });
        }
        if (clusters.length > 1) {
            findings.push({
                id: "discover-role-several-clusters",
                level: "advisory",
                subject: `role/${role.RoleName}`,
                message:
                    `Role "${role.RoleName}" is trusted by ${clusters.length} clusters (${clusters.join(", ")}): ` +
                    `a service account of that name in any of them gets its permissions. Keep one role per cluster unless this is a blue/green pair.`,
            });
        }
    }

    // Who uses which role: annotations and add-on IRSA roles, associations (their own and add-ons').
    const bindings = new Map<string, Binding>();
    const bind = (key: string, kind: keyof Binding, roleArn: string, via: string) => {
        const b = bindings.get(key) ?? {};
        b[kind] = { roleArn, via };
        bindings.set(key, b);
    };
    for (const c of account.clusters) {
        const name = c.cluster.name;
        for (const sa of c.serviceAccounts) {
            const roleArn = sa.metadata.annotations?.[ROLE_ARN_ANNOTATION];
            if (roleArn) {
                bind(`${name}/${sa.metadata.namespace}/${sa.metadata.name}`, "irsa", roleArn, "annotation");
            }
        }
        for (const addon of c.addons) {
            const target = ADDON_SERVICE_ACCOUNTS[addon.addonName];
            if (addon.serviceAccountRoleArn && target) {
                bind(
                    `${name}/${target.namespace}/${target.serviceAccount}`,
                    "irsa",
                    addon.serviceAccountRoleArn,
                    `add-on ${addon.addonName}`,
                );
            }
        }
        for (const a of c.associations) {
            bind(
                `${name}/${a.namespace}/${a.serviceAccount}`,
                "podIdentity",
                a.roleArn,
                `association ${a.associationId}`,
            );
        }
    }

    const resources = toResources(account);
    // ListOpenIDConnectProviders lists ARNs only, so the providers' client ids are not in the
    // folder: the client-id policy would read an empty list and report a problem that may not exist.
    const violations = await evaluate(resources, {
        enforcementLevels: { "oidc-provider-client-ids": "disabled" },
    });
    const subjectOf = new Map(resources.map((r) => [r.urn, subjectLabel(r)]));
    for (const v of violations) {
        findings.push(fromViolation(v, v.urn ? (subjectOf.get(v.urn) ?? v.urn) : "account"));
    }

    const workloads: Workload[] = [];
    for (const [key, b] of [...bindings.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const [cluster, namespace, serviceAccount] = key.split("/");
        const files = account.clusters.find((c) => c.cluster.name === cluster) as ClusterFiles;
        const mechanism: Mechanism =
            b.irsa && b.podIdentity ? "both" : b.podIdentity ? "pod-identity" : "irsa";
        const roleArn = (b.podIdentity ?? b.irsa)!.roleArn;
        const role = rolesByArn.get(roleArn);
        const entry = roles.find((r) => r.arn === roleArn);
        entry?.usedBy.push(key);
        const own: Finding[] = [];
        for (const bound of [b.irsa, b.podIdentity]) {
            if (
                bound &&
                !rolesByArn.has(bound.roleArn) &&
                accountOf(bound.roleArn) === accountOf(files.cluster.arn)
            ) {
                const f: AccountFinding = {
                    id: "discover-dangling-role",
                    level: "mandatory",
                    subject: key,
                    message:
                        `Service account ${key} is bound by ${bound.via} to role ${bound.roleArn}, which no longer exists: its pods get no credentials. ` +
                        `Remove the ${bound.via === "annotation" ? `${ROLE_ARN_ANNOTATION} annotation` : "binding"} or recreate the role.`,
                };
                findings.push(f);
                own.push({ id: f.id, level: f.level, message: f.message });
            }
        }
        const onRole = role ? findings.filter((f) => f.subject === `role/${role.RoleName}`) : [];
        const { migratable, reason } = migration(files, namespace, roleArn, role, mechanism, account);
        workloads.push({
            cluster,
            namespace,
            serviceAccount,
            roleArn,
            mechanism,
            findings: [...own, ...onRole.map(({ id, level, message }) => ({ id, level, message }))],
            migratable,
            reason,
        });
    }
    for (const r of roles.filter((r) => r.usedBy.length === 0)) {
        findings.push({
            id: "discover-unused-role",
            level: "advisory",
            subject: `role/${r.name}`,
            message: `Role "${r.name}" trusts workloads but no discovered service account uses it: it is listed, never adopted. Delete it if nothing outside these clusters uses it.`,
        });
    }

    const oidcProviders = account.oidcProviderArns.map((arn) => {
        const issuer = issuerFromProviderArn(arn) ?? arn;
        return {
            arn,
            issuer,
            cluster: issuerOf.get(issuer) ?? null,
            roles: roles.filter((r) => r.irsaIssuers.includes(issuer)).map((r) => r.name),
            quota: { used: account.oidcProviderArns.length, limit: OIDC_PROVIDER_QUOTA },
        };
    });
    return { workloads, roles, oidcProviders, findings };
}

/** Whether the workload can move toward Pod Identity now (mode `both`), and why not. */
function migration(
    files: ClusterFiles,
    namespace: string,
    roleArn: string,
    role: RoleDetail | undefined,
    mechanism: Mechanism,
    account: AccountFiles,
): { migratable: boolean; reason: string } {
    if (!role) {
        return { migratable: false, reason: `role ${roleArn} does not exist in the account` };
    }
    const blockers: string[] = [];
    const fargate = files.fargateProfiles.find((p) =>
        p.selectors.some((s) => fargateNamespaceMatches(s.namespace, namespace)),
    );
    if (fargate) {
        // The Pod Identity agent is a DaemonSet; Fargate pods never reach it
        // (EKS User Guide, "EKS Pod Identity considerations": not available on Fargate).
        blockers.push(
            `namespace "${namespace}" runs on Fargate (profile "${fargate.fargateProfileName}"), where Pod Identity does not work: keep IRSA`,
        );
    }
    const clusterAccount = accountOf(files.cluster.arn);
    if (accountOf(roleArn) !== clusterAccount) {
        blockers.push(
            `the role is in account ${accountOf(roleArn)}, the cluster in ${clusterAccount} (cross-account)`,
        );
    }
    const chained = chainedRoles(role, account).filter((arn) => accountOf(arn) !== clusterAccount);
    if (chained.length > 0) {
        blockers.push(
            `the role chains into ${chained.join(", ")} in another account (cross-account role chaining)`,
        );
    }
    if (mechanism === "irsa" && !files.addons.some((a) => a.addonName === AGENT_ADDON)) {
        blockers.push(
            `cluster "${files.cluster.name}" has no ${AGENT_ADDON} add-on, and whether you may install it is unknown from these files: install it (podIdentityAgent: install), then run discover again`,
        );
    }
    if (blockers.length > 0) {
        return { migratable: false, reason: blockers.join("; ") };
    }
    return mechanism === "irsa"
        ? {
              migratable: true,
              reason: `the ${AGENT_ADDON} add-on runs: add the pods.eks.amazonaws.com trust and an association (mode both)`,
          }
        : { migratable: true, reason: "Pod Identity is already in place: finish with mode pod-identity" };
}

/** Role ARNs the role's inline and attached documents allow sts:AssumeRole on. */
function chainedRoles(role: RoleDetail, account: AccountFiles): string[] {
    const documents = [
        ...role.RolePolicyList.map((p) => policyText(p.PolicyDocument)),
        ...role.AttachedManagedPolicies.flatMap((a) => {
            const doc = managedDocument(account, a.PolicyArn);
            return doc ? [doc] : [];
        }),
    ];
    const arns = new Set<string>();
    for (const doc of documents) {
        for (const s of parsed(doc)?.statements ?? []) {
            if (
                s.effect === "Allow" &&
                !s.notAction &&
                s.actions.some((a) => a.toLowerCase() === "sts:assumerole")
            ) {
                s.resources.filter((r) => r.includes(":role/")).forEach((r) => arns.add(r));
            }
        }
    }
    return [...arns];
}

function managedDocument(account: AccountFiles, arn: string): string | undefined {
    const policy = account.managedPolicies.find((p) => p.Arn === arn);
    const version = policy?.PolicyVersionList.find((v) => v.IsDefaultVersion) ?? policy?.PolicyVersionList[0];
    return version ? policyText(version.Document) : undefined;
}

const urn = (type: string, name: string) => `urn:pulumi:discover::account::${type}::${name}`;

/** The account as the resources the pack takes, in the shapes tests/policy-pack/fixtures use. */
export function toResources(account: AccountFiles): ResourceInput[] {
    const resources: ResourceInput[] = [];
    const add = (type: string, name: string, props: Record<string, unknown>) =>
        resources.push({ urn: urn(type, name), type, name, props });
    for (const role of account.roles) {
        add(Types.role, role.RoleName, {
            name: role.RoleName,
            arn: role.Arn,
            assumeRolePolicy: policyText(role.AssumeRolePolicyDocument),
            inlinePolicies: role.RolePolicyList.map((p) => ({
                name: p.PolicyName,
                policy: policyText(p.PolicyDocument),
            })),
            managedPolicyArns: role.AttachedManagedPolicies.map((p) => p.PolicyArn),
        });
    }
    for (const policy of account.managedPolicies) {
        const policyDocument = managedDocument(account, policy.Arn);
        if (policyDocument) {
            add(Types.managedPolicy, policy.PolicyName, {
                name: policy.PolicyName,
                arn: policy.Arn,
                policy: policyDocument,
            });
        }
    }
    for (const arn of account.oidcProviderArns) {
        // ListOpenIDConnectProviders gives the ARN only: the url is its issuer; client ids are not listed.
        add(Types.oidcProvider, issuerFromProviderArn(arn) ?? arn, {
            arn,
            url: `https://${issuerFromProviderArn(arn)}`,
        });
    }
    for (const c of account.clusters) {
        const name = c.cluster.name;
        add(Types.cluster, name, {
            name,
            arn: c.cluster.arn,
            roleArn: c.cluster.roleArn,
            version: c.cluster.version,
        });
        for (const p of c.fargateProfiles) {
            add(Types.fargateProfile, `${name}-${p.fargateProfileName}`, {
                clusterName: name,
                fargateProfileName: p.fargateProfileName,
                podExecutionRoleArn: p.podExecutionRoleArn,
                selectors: p.selectors,
            });
        }
        for (const a of c.associations) {
            add(Types.podIdentityAssociation, `${name}-${a.associationId}`, {
                clusterName: name,
                namespace: a.namespace,
                serviceAccount: a.serviceAccount,
                roleArn: a.roleArn,
                ...(a.targetRoleArn ? { targetRoleArn: a.targetRoleArn } : {}),
                ...(a.disableSessionTags !== undefined ? { disableSessionTags: a.disableSessionTags } : {}),
            });
        }
        for (const addon of c.addons) {
            const owned = c.associations.filter((a) =>
                addon.podIdentityAssociations?.includes(a.associationArn),
            );
            add(Types.addon, `${name}-${addon.addonName}`, {
                clusterName: name,
                addonName: addon.addonName,
                ...(addon.serviceAccountRoleArn
                    ? { serviceAccountRoleArn: addon.serviceAccountRoleArn }
                    : {}),
                podIdentityAssociations: owned.map((a) => ({
                    roleArn: a.roleArn,
                    serviceAccount: a.serviceAccount,
                })),
            });
        }
        for (const sa of c.serviceAccounts.filter((s) => s.metadata.annotations?.[ROLE_ARN_ANNOTATION])) {
            add(Types.serviceAccount, `${name}-${sa.metadata.namespace}-${sa.metadata.name}`, {
                metadata: {
                    name: sa.metadata.name,
                    namespace: sa.metadata.namespace,
                    annotations: sa.metadata.annotations,
                },
            });
        }
    }
    return resources;
}

function subjectLabel(r: ResourceInput): string {
    switch (r.type) {
        case Types.role:
            return `role/${r.name}`;
        case Types.oidcProvider:
            return `oidc-provider/${r.name}`;
        case Types.serviceAccount: {
            const m = r.props.metadata as { name: string; namespace: string };
            return `service-account/${m.namespace}/${m.name}`;
        }
        default:
            return `${r.type.split(":").pop()}/${r.name}`;
    }
}

function fromViolation(v: Violation, subject: string): AccountFinding {
    return { id: v.policyName, level: v.enforcementLevel, message: v.message, subject };
}
