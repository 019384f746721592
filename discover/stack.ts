// The stack config for one discovered cluster: the cluster as platform:cluster.existing, its VPC as
// platform:network, and one workload per identity whose role is in the account, adopting that role
// (and its association), keeping its permissions, with the mode the migration moves to.
import * as fs from "fs";
import * as path from "path";
import { Document, isMap, Scalar, YAMLMap } from "yaml";
import { issuerHostPath } from "../policy-pack/lib/iam/eksIdentity";
import { ADDON_SERVICE_ACCOUNTS, AGENT_ADDON, Discovery, Mechanism, Workload } from "./inventory";
import { AccountFiles, ClusterFiles, DiscoverInputError, policyText } from "./read";
import { WorkloadWithSdk } from "./sdk";

// The stack schema's workload name: a DNS-1123 label of at most 40 characters (stacks/config/schema.ts).
const NAME_MAX = 40;

export interface StackConfigResult {
    cluster: string;
    /** The config as YAML text, comments included. */
    text: string;
    /** `<namespace>/<serviceAccount>` of each workload written, with its mode. */
    workloads: { name: string; identity: string; mode: Mechanism }[];
    /** Identities of the cluster not written, with the reason (their role is not in the account). */
    skipped: { identity: string; reason: string }[];
}

/** The cluster the stack config is for: the one named, or the account's only one. */
export function chooseCluster(account: AccountFiles, name?: string): ClusterFiles {
    const names = account.clusters.map((c) => c.cluster.name);
    const found = account.clusters.find((c) => c.cluster.name === name);
    if (name !== undefined && !found) {
        throw new DiscoverInputError([
            `--cluster ${name}: no such cluster in the folder; it has ${names.join(", ") || "none"}`,
        ]);
    }
    if (name === undefined && account.clusters.length !== 1) {
        throw new DiscoverInputError([
            `--stack: the folder has ${names.length} clusters (${names.join(", ") || "none"}): name one with --cluster <name>`,
        ]);
    }
    return found ?? account.clusters[0];
}

const workloadName = (namespace: string, serviceAccount: string): string =>
    `${namespace}-${serviceAccount}`
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, "-")
        .replace(/-+/g, "-")
        .slice(0, NAME_MAX)
        .replace(/^-+|-+$/g, "");

const compactJson = (document: string | Record<string, unknown>): string =>
    JSON.stringify(JSON.parse(policyText(document)));

/** The add-on whose own IRSA role or association this identity is, if any. */
function owningAddon(files: ClusterFiles, w: Workload): string | undefined {
    return files.addons.find((addon) => {
        const target = ADDON_SERVICE_ACCOUNTS[addon.addonName];
        const byRole =
            addon.serviceAccountRoleArn !== undefined &&
            target?.namespace === w.namespace &&
            target.serviceAccount === w.serviceAccount;
        const byAssociation = files.associations.some(
            (a) =>
                a.namespace === w.namespace &&
                a.serviceAccount === w.serviceAccount &&
                (addon.podIdentityAssociations ?? []).includes(a.associationArn),
        );
        return byRole || byAssociation;
    })?.addonName;
}

/** The mode a workload moves to, and the comment saying why when it stays where it is. */
function targetMode(w: Workload): { mode: Mechanism; comment?: string } {
    if (!w.migratable) {
        // Not migratable: keep the mechanism that works today; IRSA-only stays irsa.
        return { mode: w.mechanism === "irsa" ? "irsa" : w.mechanism, comment: `kept: ${w.reason}` };
    }
    // irsa -> both starts the migration; both and pod-identity are already on their way.
    return { mode: w.mechanism === "pod-identity" ? "pod-identity" : "both" };
}

/** Builds `Pulumi.<env>.yaml` for one cluster of the account. */
export function stackConfig(
    account: AccountFiles,
    discovery: Discovery,
    clusterName?: string,
    /** Where the stack file goes: an SBOM given with `--sbom` is written relative to it (`sdk.sbom`). */
    stackDir: string = process.cwd(),
): StackConfigResult {
    const files = chooseCluster(account, clusterName);
    const c = files.cluster;
    const [, , , region, accountId] = c.arn.split(":");
    const vpc = c.resourcesVpcConfig;
    if (!vpc) {
        throw new DiscoverInputError([
            `eks-describe-cluster-${c.name}.json: cluster.resourcesVpcConfig: missing; it gives platform:network (vpcId, subnetIds)`,
        ]);
    }
    const roles = new Map(account.roles.map((r) => [r.Arn, r]));
    const skipped: StackConfigResult["skipped"] = [];
    const written: StackConfigResult["workloads"] = [];
    const entries: { value: Record<string, unknown>; comment?: string }[] = [];
    const taken = new Set<string>();
    const workloads: WorkloadWithSdk[] = discovery.workloads;
    for (const w of workloads.filter((x) => x.cluster === c.name)) {
        const identity = `${w.namespace}/${w.serviceAccount}`;
        const role = roles.get(w.roleArn);
        if (!role) {
            skipped.push({ identity, reason: `role ${w.roleArn} is not in the account: nothing to adopt` });
            continue;
        }
        const addon = owningAddon(files, w);
        if (addon) {
            // The add-on holds this identity (its serviceAccountRoleArn or its own association): a
            // workload for it would be a second owner, and the stack schema refuses vpc-cni's.
            skipped.push({
                identity,
                reason: `the ${addon} add-on's identity: change it on the add-on (serviceAccountRoleArn, podIdentityAssociations), not as a workload`,
            });
            continue;
        }
        let name = workloadName(w.namespace, w.serviceAccount);
        for (let i = 2; taken.has(name); i++) {
            name = `${workloadName(w.namespace, w.serviceAccount).slice(0, NAME_MAX - 3)}-${i}`;
        }
        taken.add(name);
        const association = files.associations.find(
            (a) => a.namespace === w.namespace && a.serviceAccount === w.serviceAccount,
        );
        const { mode, comment } = targetMode(w);
        const value: Record<string, unknown> = {
            name,
            namespace: w.namespace,
            serviceAccount: w.serviceAccount,
            // The ServiceAccount is eksctl's, Helm's or an add-on's: only its role annotation is managed.
            createServiceAccount: false,
            adopt: {
                roleName: role.RoleName,
                ...(association ? { associationId: association.associationId } : {}),
            },
            mode,
        };
        if (w.sdk) {
            // The evidence travels with the workload: the stack's config check reads it again.
            value.sdk = { sbom: path.relative(stackDir, path.resolve(w.sdk.evidence)) };
        }
        if (role.AttachedManagedPolicies.length > 0) {
            value.managedPolicyArns = role.AttachedManagedPolicies.map((p) => p.PolicyArn);
        }
        if (role.RolePolicyList.length > 0) {
            value.inlinePolicies = role.RolePolicyList.map((p) => ({
                name: p.PolicyName,
                policy: compactJson(p.PolicyDocument),
            }));
        }
        entries.push({ value, comment });
        written.push({ name, identity, mode });
    }
    const irsa = written.some((w) => w.mode !== "pod-identity");
    const agent = files.addons.some((a) => a.addonName === AGENT_ADDON);
    const issuer = c.identity?.oidc ? issuerHostPath(c.identity.oidc.issuer) : undefined;
    const providerArn = account.oidcProviderArns.find((a) => a.endsWith(`:oidc-provider/${issuer}`));
    // The Pod Identity guard's Fargate namespaces: the program cannot look them up (schema.ts).
    const fargateNamespaces = [
        ...new Set(files.fargateProfiles.flatMap((p) => p.selectors.map((s) => s.namespace))),
    ].sort();
    const existing: Record<string, unknown> = {
        name: c.name,
        ...(irsa && providerArn ? { oidcProviderArn: providerArn } : {}),
        ...(agent ? { podIdentityAgent: "present" } : {}),
        ...(fargateNamespaces.length > 0 ? { fargateNamespaces } : {}),
    };
    const doc = new Document({
        config: {
            "aws:region": region,
            "aws:allowedAccountIds": [accountId],
            "platform:accountId": accountId,
            "platform:network": { vpcId: vpc.vpcId, subnetIds: vpc.subnetIds },
            "platform:cluster": { ...(irsa ? { irsa: true } : {}), existing },
            "platform:workloads": entries.map((e) => e.value),
        },
    });
    doc.commentBefore =
        ` Written by npm run discover for the existing cluster "${c.name}" (${c.arn}).\n` +
        ` Each workload adopts its role (and association): plan it, then move the modes on.`;
    const clusterNode = doc.getIn(["config", "platform:cluster", "existing"], true) as YAMLMap;
    clusterNode.commentBefore = agent
        ? ` The ${AGENT_ADDON} add-on runs on the cluster: podIdentityAgent present.`
        : ` No ${AGENT_ADDON} add-on on the cluster, and these files do not say whether the stack may install it:\n` +
          ` podIdentityAgent is left unset (no workload may use Pod Identity). Set it to install once allowed.`;
    const list = doc.getIn(["config", "platform:workloads"], true) as { items: unknown[] };
    entries.forEach((e, i) => {
        const item = list.items[i];
        if (e.comment && isMap(item)) {
            (item.get("mode", true) as Scalar).comment = ` ${e.comment}`;
        }
    });
    if (skipped.length > 0) {
        (doc.getIn(["config"], true) as YAMLMap).comment =
            ` Not written:\n` + skipped.map((s) => `   ${s.identity}: ${s.reason}`).join("\n");
    }
    return { cluster: c.name, text: doc.toString({ lineWidth: 0 }), workloads: written, skipped };
}

/** Writes `Pulumi.<env>.yaml` into `folder`; returns its path. */
export function writeStackConfig(folder: string, env: string, result: StackConfigResult): string {
    const file = path.join(folder, `Pulumi.${env}.yaml`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(file, result.text);
    return file;
}
