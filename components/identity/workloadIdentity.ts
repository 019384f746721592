import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { awsFacts, plannedAwsContext } from "../common/aws";
import { policyDocument } from "../common/iamDocument";
import { policyLength } from "../trust/eksIdentity";
import { arnKey, isPlain, Problems } from "../common/validation";
import { WellKnownPolicy, wellKnownPolicyJson } from "./catalog";
import {
    canonicalCluster,
    clustersThatFit,
    DEFAULT_TRUST_POLICY_MAX_LENGTH,
    PLACEHOLDER_CLUSTER_NAME_LENGTH,
} from "./quota";
import { LONGEST_REGION, partitionOfRegion } from "./regions";
import { IdentityMode, usesIrsa, usesPodIdentity } from "./mode";
import { issuerFromProviderArn, issuerHostPath } from "../trust/eksIdentity";
import { eksClusterArn } from "../trust/podIdentity";
import { TrustedCluster, workloadTrustPolicy } from "../trust/workload";
import { SdkLanguage } from "./sdk";
import { validateWorkloadIdentityArgs, warnWorkloadIdentityArgs } from "./validate";

/** Another cluster whose workloads may assume the same role (blue/green, multi-region). */
export interface AdditionalCluster {
    /** Name of the cluster. */
    clusterName: pulumi.Input<string>;
    /** ARN of the cluster. Default: built from the name, partition, region and account. */
    clusterArn?: pulumi.Input<string>;
    /** Its IAM OIDC provider ARN; required when the mode uses IRSA. */
    oidcProviderArn?: pulumi.Input<string>;
    /** Its issuer host/path. Default: derived from oidcProviderArn. */
    oidcIssuer?: pulumi.Input<string>;
}

/** A named inline policy document. */
export interface InlinePolicy {
    /** Policy name, unique within the role; also the stable key of the child resource. */
    name: string;
    /** IAM policy document as a JSON string. */
    policy: pulumi.Input<string>;
}

/** The AWS SDK a workload uses, checked against the Pod Identity minimums. */
export interface AwsSdk {
    /** The SDK, by the names of the EKS User Guide's pod-id-minimum-sdk table. */
    language: SdkLanguage;
    /** The SDK version the workload ships. */
    version: string;
}

/** An IAM role (and Pod Identity association) that already exists, taken over rather than created. */
export interface AdoptedIdentity {
    /** Name of the existing IAM role: imported (Pulumi's `import` option, id = the name), so it keeps its name and ARN. */
    roleName: string;
    /** ID of the service account's existing Pod Identity association (`a-` and 17 characters): imported too. Needs a mode that uses Pod Identity. */
    associationId?: string;
}

export interface WorkloadIdentityArgs {
    /** Cluster the service account lives in (the association's cluster). */
    clusterName: pulumi.Input<string>;
    // Only a plain string is read: the association's cluster is clusterName in the provider's
    // partition, region and account, an ARN known at a stack's first preview (the cluster's computed
    // `arn` output is not), so the Pod Identity trust is built, and checked, there.
    /** ARN of that cluster, as a plain string (an Output is not read). Default: built from clusterName and the provider's partition, region and account. */
    clusterArn?: pulumi.Input<string>;
    /** The cluster's IAM OIDC provider ARN. Required for modes irsa and both. */
    oidcProviderArn?: pulumi.Input<string>;
    /** The cluster's issuer host/path (with or without https://). Default: derived from oidcProviderArn. */
    oidcIssuer?: pulumi.Input<string>;
    /** More clusters the role trusts (one IRSA statement each; one Pod Identity statement for all). Default: []. */
    additionalClusters?: AdditionalCluster[];
    /** Kubernetes namespace of the service account (DNS-1123 label, checked when plain). */
    namespace: pulumi.Input<string>;
    /** Service account name (DNS-1123 subdomain, checked when plain). `default` is allowed with a warning. */
    serviceAccount: pulumi.Input<string>;
    /** `irsa`, `pod-identity` or `both` (migration: both trusts on one role, nothing replaced). */
    mode: IdentityMode;
    /** AWS or customer managed policy ARNs to attach. Keyed by policy name. Default: []. */
    managedPolicyArns?: string[];
    /** Inline policies of the role. Default: []. */
    inlinePolicies?: InlinePolicy[];
    /** Least-privilege policies for well-known add-ons, each with its required scope. Default: []. */
    wellKnownPolicies?: WellKnownPolicy[];
    /** Create the Kubernetes ServiceAccount (IRSA annotation included). Default: true. */
    createServiceAccount?: boolean;
    /** Permissions boundary ARN of the role. Default: none. */
    permissionsBoundary?: pulumi.Input<string>;
    /** Maximum session duration, 3600 to 43200 seconds. Default: 3600. */
    maxSessionDurationSeconds?: number;
    /** IAM path of the role. Default: "/". */
    rolePath?: string;
    /** Physical role name. Default: the resource name with a random suffix (adopt.roleName when adopting). */
    roleName?: string;
    /** Take over an existing role (and association) instead of creating them: the trust then changes in place with the mode. Default: none. */
    adopt?: AdoptedIdentity;
    /** Tags of the AWS resources. Default: {}. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Pod Identity: a role in another account that the association role assumes for the pod. Default: none. */
    targetRoleArn?: pulumi.Input<string>;
    /** Pod Identity: do not attach session tags (removes the trust's tag conditions, with a warning). Default: false. */
    disableSessionTags?: boolean;
    /** Pod Identity: session policy (JSON) intersected with the role's permissions; needs disableSessionTags. Default: none. */
    sessionPolicy?: pulumi.Input<string>;
    /** IAM trust-policy length quota (characters, whitespace excluded). Raise it only after raising the account quota. Default: 2048. */
    trustPolicyMaxLength?: number;
    /** The cluster's Kubernetes version, checked against the Pod Identity minimum (1.24). Default: not checked. */
    kubernetesVersion?: string;
    /** Whether the cluster runs the eks-pod-identity-agent add-on. Default: true. */
    podIdentityAgent?: boolean;
    /** Namespaces that Fargate profiles serve; Pod Identity is refused for them. Default: []. */
    fargateNamespaces?: string[];
    /** The workload's AWS SDK, checked against the Pod Identity minimums. Default: not checked. */
    sdk?: AwsSdk;
}

/**
 * An IAM role for one Kubernetes service account, by IRSA, EKS Pod Identity, or both during a
 * migration. The trust policy names exactly the service account, namespace, cluster(s) and
 * audience; switching modes changes only the trust document, the IRSA annotation and the
 * association: the role, its name and ARN, and the service account stay.
 *
 * The ServiceAccount is created with the `kubernetes` provider of the `providers` resource option
 * (a provider built from `EksCluster.kubeconfig`), or the ambient one when none is given.
 */
export class WorkloadIdentity extends pulumi.ComponentResource {
    /** ARN of the workload's IAM role. */
    public readonly roleArn: pulumi.Output<string>;
    /** Name of the workload's IAM role. */
    public readonly roleName: pulumi.Output<string>;
    /** The Kubernetes service account the role is for. */
    public readonly serviceAccount: pulumi.Output<string>;
    /** The namespace of that service account. */
    public readonly namespace: pulumi.Output<string>;
    /** The cluster the service account lives in. */
    public readonly clusterName: pulumi.Output<string>;
    /** The identity mode: `irsa`, `pod-identity` or `both`. */
    public readonly mode: pulumi.Output<IdentityMode>;
    /** The trust policy JSON as registered. */
    public readonly trustPolicy: pulumi.Output<string>;
    /** ARN of the Pod Identity association; empty when the mode is irsa. */
    public readonly associationArn: pulumi.Output<string>;

    constructor(name: string, args: WorkloadIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-identity:index:WorkloadIdentity", name, {}, opts);
        const problems = validateWorkloadIdentityArgs(args, plannedAwsContext(this));
        if (problems.list.length === 0) {
            checkTrustLength(args, problems);
            checkDuplicate(args, problems);
        }
        problems.throwIfAny("WorkloadIdentity", name);
        warnWorkloadIdentityArgs(args, this);

        const mode = args.mode;
        const tags = args.tags ?? {};
        const facts = awsFacts(this);
        const clusterArn = (c: {
            clusterName: pulumi.Input<string>;
            clusterArn?: pulumi.Input<string>;
        }): pulumi.Output<string> =>
            c.clusterArn !== undefined
                ? pulumi.output(c.clusterArn)
                : pulumi
                      .all([facts.partition, facts.region, facts.accountId, c.clusterName])
                      .apply(([partition, region, accountId, clusterName]) =>
                          eksClusterArn({ partition, region, accountId, clusterName }),
                      );
        const trusted = [
            {
                clusterName: args.clusterName,
                // Known parts rather than a computed output, so the trust is known at preview.
                clusterArn: plainOr(args.clusterArn),
                oidcProviderArn: args.oidcProviderArn,
                oidcIssuer: args.oidcIssuer,
            },
            ...(args.additionalClusters ?? []),
        ].map((c) =>
            pulumi
                // The OIDC values only where the trust uses them: they exist only once the
                // cluster does, and would leave a Pod Identity trust unknown at preview.
                .all([
                    clusterArn(c),
                    (usesIrsa(mode) && c.oidcProviderArn) || "",
                    (usesIrsa(mode) && c.oidcIssuer) || "",
                ])
                .apply(([arn, providerArn, issuer]): TrustedCluster => {
                    // Known only now: a cluster made without an IAM OIDC provider gives "" (an
                    // @pulumi/eks cluster without createOidcProvider), which no IRSA trust can name.
                    if (usesIrsa(mode) && providerArn === "") {
                        throw new pulumi.ResourceError(
                            `WorkloadIdentity "${name}": mode "${mode}" uses IRSA, but the cluster's oidcProviderArn is empty: the cluster has no IAM OIDC provider. Create one (EksCluster irsa: true; @pulumi/eks createOidcProvider: true) or use mode "pod-identity"`,
                            this,
                        );
                    }
                    return {
                        clusterArn: arn,
                        oidcProviderArn: providerArn || undefined,
                        oidcIssuer: issuer
                            ? issuerHostPath(issuer)
                            : providerArn
                              ? issuerFromProviderArn(providerArn)
                              : undefined,
                    };
                }),
        );
        const maxLength = args.trustPolicyMaxLength ?? DEFAULT_TRUST_POLICY_MAX_LENGTH;
        this.trustPolicy = pulumi
            .all([facts.accountId, pulumi.all(trusted), args.namespace, args.serviceAccount])
            .apply(([accountId, clusters, namespace, serviceAccount]) => {
                const json = JSON.stringify(
                    workloadTrustPolicy({
                        mode,
                        accountId,
                        clusters,
                        namespace,
                        serviceAccount,
                        disableSessionTags: args.disableSessionTags,
                    }),
                );
                // Backstop for values the construction-time estimate could not know.
                if (policyLength(json) > maxLength) {
                    throw new Error(
                        `WorkloadIdentity "${name}": the trust policy is ${policyLength(json)} characters, over the quota of ${maxLength}: use mode "pod-identity" or fewer clusters`,
                    );
                }
                return json;
            });

        // An adopted role is imported by its name (the import id of aws.iam.Role, @pulumi/aws
        // iam/role.d.ts "Import"); the planned trust and settings then apply to it in place: an
        // import whose inputs differ imports and then updates (pulumi/pulumi#19339, Pulumi docs
        // "Resource option: import", as changed by pulumi/docs#16580).
        const adopt = args.adopt;
        const role = new aws.iam.Role(
            `${name}-role`,
            {
                name: adopt?.roleName ?? args.roleName,
                path: args.rolePath,
                description:
                    isPlain(args.namespace) && isPlain(args.serviceAccount)
                        ? `Workload identity of ${args.namespace}/${args.serviceAccount}`
                        : pulumi.interpolate`Workload identity of ${args.namespace}/${args.serviceAccount}`,
                assumeRolePolicy: this.trustPolicy,
                permissionsBoundary: args.permissionsBoundary,
                maxSessionDuration: args.maxSessionDurationSeconds,
                tags,
            },
            { parent: this, ...(adopt ? { import: adopt.roleName } : {}) },
        );

        const permissions: pulumi.Resource[] = [];
        for (const arn of args.managedPolicyArns ?? []) {
            permissions.push(
                new aws.iam.RolePolicyAttachment(
                    `${name}-${arnKey(arn)}`,
                    { role: role.name, policyArn: arn },
                    { parent: this },
                ),
            );
        }
        for (const policy of args.inlinePolicies ?? []) {
            permissions.push(
                new aws.iam.RolePolicy(
                    `${name}-${policy.name}`,
                    { role: role.name, name: policy.name, policy: policy.policy },
                    { parent: this },
                ),
            );
        }
        const catalogContext = pulumi
            .all([facts.partition, facts.region, facts.accountId])
            .apply(([partition, region, accountId]) => ({ partition, region, accountId }));
        for (const wellKnown of args.wellKnownPolicies ?? []) {
            permissions.push(
                new aws.iam.RolePolicy(
                    `${name}-${wellKnown.kind}`,
                    {
                        role: role.name,
                        name: wellKnown.kind,
                        policy: wellKnownPolicyJson(wellKnown, catalogContext),
                    },
                    { parent: this },
                ),
            );
        }
        if (args.targetRoleArn !== undefined) {
            // EKS assumes the target role with this role's credentials (pod-id-assign-target-role).
            const assumeTarget = pulumi.output(args.targetRoleArn).apply((target) =>
                JSON.stringify(
                    policyDocument({
                        Effect: "Allow",
                        Action: ["sts:AssumeRole", "sts:TagSession"],
                        Resource: target,
                    }),
                ),
            );
            permissions.push(
                new aws.iam.RolePolicy(
                    `${name}-assume-target`,
                    { role: role.name, name: "assume-target-role", policy: assumeTarget },
                    { parent: this },
                ),
            );
        }

        if (args.createServiceAccount ?? true) {
            new k8s.core.v1.ServiceAccount(
                `${name}-sa`,
                {
                    metadata: {
                        name: args.serviceAccount,
                        namespace: args.namespace,
                        labels: { "app.kubernetes.io/managed-by": "pulumi" },
                        annotations: usesIrsa(mode) ? { "eks.amazonaws.com/role-arn": role.arn } : {},
                    },
                },
                // The Kubernetes provider comes from this component's `providers` option, the one
                // way to hand a provider to a component's children from every language. With IRSA
                // the annotation must not point at a role that cannot do anything yet.
                { parent: this, dependsOn: permissions },
            );
            if (!this.getProvider("kubernetes:core/v1:ServiceAccount")) {
                void pulumi.log.warn(
                    "no kubernetes provider was given (opts.providers.kubernetes), so the ServiceAccount goes to the cluster of the ambient kubeconfig: pass the cluster's provider",
                    this,
                );
            }
        }

        if (!(args.createServiceAccount ?? true) && usesIrsa(mode)) {
            // A ServiceAccount another tool owns (eksctl, a Helm chart): only its role annotation
            // is managed, by server-side apply under this Patch's own field manager
            // (pulumi-kubernetes core/v1 ServiceAccountPatch: "a random FieldManager name will be
            // used for each Patch resource"), forced so a value another manager set is taken
            // over ("pulumi.com/patchForce"). In pod-identity mode the Patch is gone: deleting it
            // relinquishes the annotation, which server-side apply then removes as no manager
            // applies it, so restarted pods use Pod Identity and not the web-identity token.
            new k8s.core.v1.ServiceAccountPatch(
                `${name}-sa-role-arn`,
                {
                    metadata: {
                        name: args.serviceAccount,
                        namespace: args.namespace,
                        annotations: {
                            "eks.amazonaws.com/role-arn": role.arn,
                            "pulumi.com/patchForce": "true",
                        },
                    },
                },
                { parent: this, dependsOn: permissions },
            );
        }

        let associationArn: pulumi.Output<string> = pulumi.output("");
        if (usesPodIdentity(mode)) {
            const association = new aws.eks.PodIdentityAssociation(
                `${name}-association`,
                {
                    clusterName: args.clusterName,
                    namespace: args.namespace,
                    serviceAccount: args.serviceAccount,
                    roleArn: role.arn,
                    targetRoleArn: args.targetRoleArn,
                    disableSessionTags: args.disableSessionTags,
                    policy: args.sessionPolicy,
                    tags,
                },
                // Permissions first: a pod may get credentials as soon as the association exists.
                // An adopted one is imported as `<clusterName>,<associationId>` (@pulumi/aws
                // eks/podIdentityAssociation.d.ts "Import").
                {
                    parent: this,
                    dependsOn: permissions,
                    ...(adopt?.associationId && isPlain(args.clusterName)
                        ? { import: `${args.clusterName},${adopt.associationId}` }
                        : {}),
                },
            );
            associationArn = association.associationArn;
        }

        this.roleArn = role.arn;
        this.roleName = role.name;
        this.serviceAccount = pulumi.output(args.serviceAccount);
        this.namespace = pulumi.output(args.namespace);
        this.clusterName = pulumi.output(args.clusterName);
        this.mode = pulumi.output(args.mode);
        this.associationArn = associationArn;
        this.registerOutputs({
            roleArn: this.roleArn,
            roleName: this.roleName,
            serviceAccount: this.serviceAccount,
            namespace: this.namespace,
            clusterName: this.clusterName,
            mode: this.mode,
            associationArn: this.associationArn,
        });
    }
}

function plainOr(value: pulumi.Input<string> | undefined): string | undefined {
    return isPlain(value) ? value : undefined;
}

/**
 * Construction-time estimate of the trust length: exact for known values, EKS's canonical shapes
 * otherwise. `region` and `accountId` sharpen it when the caller knows them (stack config does).
 */
export function checkTrustLength(
    args: WorkloadIdentityArgs,
    problems: Problems,
    known: { region?: string; accountId?: string } = {},
): void {
    const maxLength = args.trustPolicyMaxLength ?? DEFAULT_TRUST_POLICY_MAX_LENGTH;
    const all = [args, ...(args.additionalClusters ?? [])];
    const knownArn = all.map((c) => plainOr(c.clusterArn)).find((a) => a !== undefined);
    const region =
        knownArn?.split(":")[3] || known.region || new pulumi.Config("aws").get("region") || LONGEST_REGION;
    const partition = knownArn?.split(":")[1] || partitionOfRegion(region);
    const accountId = knownArn?.split(":")[4] || known.accountId || "000000000000";
    const shape = (i: number): TrustedCluster => {
        const c = all[Math.min(i, all.length - 1)];
        const issuer = plainOr(c.oidcIssuer);
        return canonicalCluster(
            {
                partition,
                region,
                accountId,
                clusterName: i < all.length ? plainOr(c.clusterName) : undefined,
                clusterArn: i < all.length ? plainOr(c.clusterArn) : undefined,
                oidcProviderArn: i < all.length ? plainOr(c.oidcProviderArn) : undefined,
                oidcIssuer: i < all.length && issuer ? issuerHostPath(issuer) : undefined,
            },
            i,
        );
    };
    const mode = args.mode;
    // Unknown names count at a typical length; the check in the trust policy's apply is exact.
    const standIn = "x".repeat(PLACEHOLDER_CLUSTER_NAME_LENGTH);
    const namespace = plainOr(args.namespace) ?? standIn;
    const serviceAccount = plainOr(args.serviceAccount) ?? standIn;
    const common = {
        namespace,
        serviceAccount,
        disableSessionTags: args.disableSessionTags,
        maxLength,
        cluster: shape,
        accountId,
    };
    const fit = clustersThatFit({ ...common, mode }, all.length + 1);
    if (fit >= all.length) {
        return;
    }
    const estimate = policyLength(
        JSON.stringify(
            workloadTrustPolicy({
                mode,
                accountId,
                clusters: all.map((_, i) => shape(i)),
                namespace,
                serviceAccount,
                disableSessionTags: args.disableSessionTags,
            }),
        ),
    );
    const podIdentityFit = clustersThatFit({ ...common, mode: "pod-identity" });
    problems.add(
        all.length > 1 ? "additionalClusters" : "mode",
        `the trust policy for ${all.length} cluster(s) in mode "${args.mode}" would be about ${estimate} characters, over the IAM quota of ${maxLength}: ` +
            `one role fits ${fit} cluster(s) in this mode. Use mode "pod-identity" (one statement for all clusters; about ${podIdentityFit} fit), ` +
            "split the clusters across roles, or raise trustPolicyMaxLength after raising the account quota",
    );
}

// One association (and one IRSA subject) per (cluster, namespace, service account). Clusters are
// compared by name when it is a plain string, by the identity of the Output otherwise (the same
// EksCluster output passed twice). Scoped to the current engine connection.
const seenByMonitor = new WeakMap<object, Map<unknown, Set<string>>>();

function checkDuplicate(args: WorkloadIdentityArgs, problems: Problems): void {
    const monitor = pulumi.runtime.getMonitor() as object | undefined;
    // Names from other resources are compared by EKS, which refuses a second association.
    if (!monitor || !isPlain(args.namespace) || !isPlain(args.serviceAccount)) {
        return;
    }
    const perCluster = seenByMonitor.get(monitor) ?? new Map<unknown, Set<string>>();
    seenByMonitor.set(monitor, perCluster);
    const identities = perCluster.get(args.clusterName) ?? new Set<string>();
    perCluster.set(args.clusterName, identities);
    const key = `${args.namespace}/${args.serviceAccount}`;
    if (identities.has(key)) {
        problems.add(
            "serviceAccount",
            `${key} already has a WorkloadIdentity on this cluster: EKS allows one association per service account; merge the permissions into one workload`,
        );
    }
    identities.add(key);
}
