// Construction-time guards of WorkloadIdentityArgs (issue 3, "Guards"): every problem at once.
import * as pulumi from "@pulumi/pulumi";
import { identityPolicyProblem, POLICY_SIZE_LIMITS } from "../common/iamDocument";
import {
    arnKey,
    checkTags,
    dnsLabelProblem,
    iamRoleNameProblem,
    dnsSubdomainProblem,
    isPlain,
    KUBERNETES_VERSION_MALFORMED,
    parseKubernetesVersion,
    POD_IDENTITY_MIN_KUBERNETES,
    Problems,
    roleArnProblem,
    versionBelow,
} from "../common/validation";
import { AwsContext, workloadPlacementProblems } from "../common/aws";
import { issuerHostPath, policyLength } from "../trust/eksIdentity";
import { ResolvedWellKnownPolicy, validateWellKnownPolicy, wellKnownPolicyDocument } from "./catalog";
import { LONGEST_REGION, partitionOfRegion } from "./regions";
import { DEFAULT_TRUST_POLICY_MAX_LENGTH } from "./quota";
import { sdkProblem } from "./sdk";
import { fargateNamespaceMatches } from "../fargate/selector";
import { IDENTITY_MODES, IdentityMode, isIdentityMode, usesIrsa, usesPodIdentity } from "./mode";
import type { WorkloadIdentityArgs } from "./workloadIdentity";

/**
 * Codes of the problems that depend on the cluster rather than on the workload, so a caller that
 * decides those facts elsewhere (a stack's cluster config) can point at its own keys.
 */
export const WorkloadIdentityProblem = {
    /** IRSA without an OIDC provider. */
    irsaWithoutOidcProvider: "irsa-without-oidc-provider",
    /** Pod Identity on a cluster without the agent. */
    podIdentityWithoutAgent: "pod-identity-without-agent",
    /** `kubernetesVersion` is not `<major>.<minor>`; data: `version`. */
    kubernetesVersionMalformed: KUBERNETES_VERSION_MALFORMED,
    /** Pod Identity on a Kubernetes version below its minimum; data: `version`, `minimum`. */
    kubernetesTooOldForPodIdentity: "kubernetes-too-old-for-pod-identity",
    /** An association to adopt, with clusterName not a plain string (its import ID needs it). */
    adoptedAssociationWithoutClusterName: "adopted-association-without-cluster-name",
    /** Pod Identity in a namespace Fargate serves; data: `namespace`. */
    podIdentityOnFargate: "pod-identity-on-fargate",
} as const;

/**
 * An ARN that is not there: unset, or a plain empty string (what @pulumi/eks 4.x outputs as
 * oidcProviderArn when it created no provider), which would otherwise fail later, inside an apply.
 */
function missingArn(value: pulumi.Input<string> | undefined): boolean {
    return value === undefined || (isPlain(value) && value.trim() === "");
}

const OIDC_PROVIDER_ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::\d{12}:oidc-provider\/\S+$/;

const MANAGED_POLICY_ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::(aws|\d{12}):policy\/[\w+=,.@\-/]+$/;

/** IAM User Guide, "IAM and AWS STS quotas", IAM and STS character quotas: Path, 512 characters. */
const IAM_PATH_MAX_LENGTH = 512;

/**
 * The most a "Role trust policy length" quota can be raised to. IAM User Guide, "IAM and AWS STS
 * quotas", Default quotas for IAM entities: 2,048 by default; the maximum was 4,096 until 2025
 * and is 8,192 since (the page as cited in pytorch/test-infra#5825 and FogSecurity/aws-size#72).
 */
export const TRUST_POLICY_MAX_QUOTA = 8192;

/**
 * Every problem of `args`. `context` is where the role is used when that is known up front (the
 * stack's region, or the default provider's): ARNs of another partition are refused then.
 */
export function validateWorkloadIdentityArgs(args: WorkloadIdentityArgs, context?: AwsContext): Problems {
    const problems = new Problems();
    const known = isIdentityMode(args.mode);
    if (!known) {
        problems.add("mode", `unknown mode "${args.mode}": use one of ${IDENTITY_MODES.join(", ")}`);
    }
    const irsa = known && usesIrsa(args.mode);
    const podIdentity = known && usesPodIdentity(args.mode);

    // Names from other resources are checked by Kubernetes; a missing one reads as "".
    const namespaceProblem =
        args.namespace === undefined || isPlain(args.namespace)
            ? dnsLabelProblem(args.namespace ?? "")
            : undefined;
    if (namespaceProblem) {
        problems.add("namespace", namespaceProblem);
    }
    const saProblem =
        args.serviceAccount === undefined || isPlain(args.serviceAccount)
            ? dnsSubdomainProblem(args.serviceAccount ?? "")
            : undefined;
    if (saProblem) {
        problems.add("serviceAccount", saProblem);
    }
    if (args.clusterName === undefined) {
        problems.add("clusterName", "clusterName is required: the cluster the service account lives in");
    }

    if (irsa) {
        if (missingArn(args.oidcProviderArn)) {
            problems.add(
                "oidcProviderArn",
                `mode "${args.mode}" uses IRSA, which needs the cluster's IAM OIDC provider: create it (EksCluster irsa: true) and pass oidcProviderArn, or use mode "pod-identity"`,
                { code: WorkloadIdentityProblem.irsaWithoutOidcProvider },
            );
        }
        for (const [path, value] of [
            ["oidcProviderArn", args.oidcProviderArn],
            ...(args.additionalClusters ?? []).map((c, i) => [
                `additionalClusters[${i}].oidcProviderArn`,
                c.oidcProviderArn,
            ]),
        ] as [string, pulumi.Input<string> | undefined][]) {
            if (!missingArn(value) && isPlain(value) && !OIDC_PROVIDER_ARN.test(value)) {
                problems.add(
                    path,
                    `"${value}" is not an IAM OIDC provider ARN: use arn:<partition>:iam::<account>:oidc-provider/<issuer host and path>`,
                );
            }
        }
        // An issuer that is only a scheme or a slash leaves no host/path for the trust's condition
        // keys: told here, not by the trust builder inside an apply.
        for (const [path, value] of [
            ["oidcIssuer", args.oidcIssuer],
            ...(args.additionalClusters ?? []).map((c, i) => [
                `additionalClusters[${i}].oidcIssuer`,
                c.oidcIssuer,
            ]),
        ] as [string, pulumi.Input<string> | undefined][]) {
            if (isPlain(value) && value !== "" && issuerHostPath(value) === "") {
                problems.add(
                    path,
                    `"${value}" names no issuer host/path: pass the cluster's issuer (oidc.eks.<region>.amazonaws.com/id/<id>, with or without https://), or leave it unset to derive it from oidcProviderArn`,
                );
            }
        }
        (args.additionalClusters ?? []).forEach((c, i) => {
            if (missingArn(c.oidcProviderArn)) {
                problems.add(
                    `additionalClusters[${i}].oidcProviderArn`,
                    'IRSA needs every trusted cluster\'s OIDC provider: pass oidcProviderArn, or use mode "pod-identity"',
                );
            }
        });
    }

    if (podIdentity) {
        if (args.podIdentityAgent === false) {
            problems.add(
                "podIdentityAgent",
                `mode "${args.mode}" needs the eks-pod-identity-agent add-on, which this cluster lacks: enable podIdentity on the cluster or use mode "irsa"`,
                { code: WorkloadIdentityProblem.podIdentityWithoutAgent },
            );
        }
        if (args.kubernetesVersion !== undefined) {
            const version = parseKubernetesVersion(args.kubernetesVersion);
            if (!version) {
                problems.add(
                    "kubernetesVersion",
                    `"${args.kubernetesVersion}" is not a Kubernetes minor version: use the form "1.33"`,
                    {
                        code: WorkloadIdentityProblem.kubernetesVersionMalformed,
                        data: { version: args.kubernetesVersion },
                    },
                );
            } else if (versionBelow(version, POD_IDENTITY_MIN_KUBERNETES)) {
                problems.add(
                    "kubernetesVersion",
                    `EKS Pod Identity needs Kubernetes ${POD_IDENTITY_MIN_KUBERNETES.join(".")} or later; the cluster runs ${args.kubernetesVersion}: use mode "irsa" or upgrade`,
                    {
                        code: WorkloadIdentityProblem.kubernetesTooOldForPodIdentity,
                        data: {
                            version: args.kubernetesVersion,
                            minimum: POD_IDENTITY_MIN_KUBERNETES.join("."),
                        },
                    },
                );
            }
        }
        // A Fargate profile selects namespaces by pattern (`*`, `?`: components/fargate/selector.ts).
        const namespace = isPlain(args.namespace) ? args.namespace : undefined;
        if (
            namespace !== undefined &&
            (args.fargateNamespaces ?? []).some((p) => fargateNamespaceMatches(p, namespace))
        ) {
            problems.add(
                "namespace",
                `namespace "${namespace}" runs on Fargate, where the Pod Identity agent cannot run: use mode "irsa" for this workload`,
                { code: WorkloadIdentityProblem.podIdentityOnFargate, data: { namespace } },
            );
        }
    } else {
        for (const key of ["targetRoleArn", "disableSessionTags", "sessionPolicy"] as const) {
            if (args[key] !== undefined && args[key] !== false) {
                problems.add(
                    key,
                    `${key} is an EKS Pod Identity setting and mode "${args.mode}" does not use Pod Identity: remove it or use mode "pod-identity" or "both"`,
                );
            }
        }
    }
    if (args.sdk) {
        // The language is checked in every mode, so a typo does not wait for the switch to Pod Identity.
        const problem = sdkProblem(args.sdk.language, args.sdk.version);
        if (problem && (problem.field === "language" || podIdentity)) {
            problems.add(`sdk.${problem.field}`, problem.reason);
        }
    }
    if (isPlain(args.targetRoleArn)) {
        const problem = roleArnProblem(args.targetRoleArn);
        if (problem) {
            problems.add("targetRoleArn", problem);
        }
    }
    if (isPlain(args.sessionPolicy)) {
        const problem = identityPolicyProblem(args.sessionPolicy);
        const length = policyLength(args.sessionPolicy);
        if (problem) {
            problems.add("sessionPolicy", problem);
        } else if (length > POLICY_SIZE_LIMITS.sessionPolicy) {
            problems.add(
                "sessionPolicy",
                `is ${length} characters (whitespace not counted); STS takes session policies of at most ${POLICY_SIZE_LIMITS.sessionPolicy} (STS API AssumeRole, Policy): narrow it, or put the restriction in the role's own policies`,
            );
        }
    }
    if (args.sessionPolicy !== undefined && !args.disableSessionTags) {
        problems.add(
            "sessionPolicy",
            "EKS accepts a session policy only when session tags are disabled: set disableSessionTags to true or remove sessionPolicy",
        );
    }

    (args.managedPolicyArns ?? []).forEach((arn, i) => {
        if (!MANAGED_POLICY_ARN.test(arn)) {
            problems.add(
                `managedPolicyArns[${i}]`,
                `"${arn}" is not an IAM policy ARN: use arn:<partition>:iam::aws:policy/<name> or arn:<partition>:iam::<account>:policy/<name>`,
            );
        }
    });
    const inlineNames = new Set<string>();
    (args.inlinePolicies ?? []).forEach((p, i) => {
        if (!/^[\w+=,.@-]{1,128}$/.test(p.name ?? "")) {
            problems.add(
                `inlinePolicies[${i}].name`,
                `"${p.name}" is not a valid policy name: use up to 128 letters, digits and +=,.@_-`,
            );
        } else if (inlineNames.has(p.name)) {
            problems.add(
                `inlinePolicies[${i}].name`,
                `two inline policies are named "${p.name}": names must be unique`,
            );
        }
        inlineNames.add(p.name);
        const problem = isPlain(p.policy) ? identityPolicyProblem(p.policy) : undefined;
        if (problem) {
            problems.add(`inlinePolicies[${i}].policy`, problem);
        }
    });
    const kinds = new Set<string>();
    (args.wellKnownPolicies ?? []).forEach((p, i) => {
        problems.merge(validateWellKnownPolicy(p, context), `wellKnownPolicies[${i}]`);
        if (kinds.has(p.kind)) {
            problems.add(
                `wellKnownPolicies[${i}].kind`,
                `"${p.kind}" is listed twice: merge the scopes into one entry`,
            );
        }
        kinds.add(p.kind);
    });

    // A cluster without clusterArn gets its ARN from the provider's partition, region and account,
    // as the workload's own does: the name tells it. One with a clusterArn may be a namesake in
    // another region (multi-region fleets share names): its ARN tells it.
    const ownArn = isPlain(args.clusterArn) ? args.clusterArn : undefined;
    const clusterKeys = new Set<unknown>([args.clusterName]);
    const clusterArns = new Set<unknown>(ownArn === undefined ? [] : [ownArn]);
    (args.additionalClusters ?? []).forEach((c, i) => {
        const byArn = isPlain(c.clusterArn);
        const [keys, key, path] = byArn
            ? [clusterArns, c.clusterArn, `additionalClusters[${i}].clusterArn`]
            : [clusterKeys, c.clusterName, `additionalClusters[${i}].clusterName`];
        if (keys.has(key)) {
            problems.add(
                path,
                key === args.clusterName || (byArn && key === ownArn)
                    ? "this is the workload's own cluster, which the role trusts already: remove it from additionalClusters"
                    : "this cluster is already trusted: list each cluster once",
            );
        }
        keys.add(key);
    });

    if (
        args.maxSessionDurationSeconds !== undefined &&
        (args.maxSessionDurationSeconds < 3600 || args.maxSessionDurationSeconds > 43200)
    ) {
        problems.add(
            "maxSessionDurationSeconds",
            `must be between 3600 and 43200 seconds; got ${args.maxSessionDurationSeconds}`,
        );
    }
    if (args.rolePath !== undefined && args.rolePath.length > IAM_PATH_MAX_LENGTH) {
        problems.add(
            "rolePath",
            `is ${args.rolePath.length} characters; IAM paths have at most ${IAM_PATH_MAX_LENGTH} (IAM and AWS STS quotas): shorten it`,
        );
    } else if (args.rolePath !== undefined && !/^\/([\w+=,.@-]+\/)*$/.test(args.rolePath)) {
        problems.add(
            "rolePath",
            `"${args.rolePath}" is not an IAM path: it starts and ends with "/", e.g. /workloads/`,
        );
    }
    if (
        args.trustPolicyMaxLength !== undefined &&
        (!Number.isInteger(args.trustPolicyMaxLength) ||
            args.trustPolicyMaxLength < DEFAULT_TRUST_POLICY_MAX_LENGTH ||
            args.trustPolicyMaxLength > TRUST_POLICY_MAX_QUOTA)
    ) {
        problems.add(
            "trustPolicyMaxLength",
            `must be the account's "Role trust policy length" quota, a whole number from ${DEFAULT_TRUST_POLICY_MAX_LENGTH} (the default) to ${TRUST_POLICY_MAX_QUOTA} (the most IAM grants); got ${args.trustPolicyMaxLength}: set the quota your account has, or remove the key for the default`,
        );
    }
    problems.merge(workloadPlacementProblems(args, context).list);
    if (args.roleName !== undefined) {
        const problem = iamRoleNameProblem(args.roleName);
        if (problem) {
            problems.add("roleName", problem);
        }
    }
    checkAdopt(args, problems);
    if (isPlain(args.permissionsBoundary) && !MANAGED_POLICY_ARN.test(args.permissionsBoundary)) {
        problems.add(
            "permissionsBoundary",
            `"${args.permissionsBoundary}" is not an IAM policy ARN (IAM CreateRole takes the boundary's ARN, not its name): use arn:<partition>:iam::<account>:policy/<name>, or arn:<partition>:iam::aws:policy/<name> for an AWS managed policy`,
        );
    }
    checkTags(args.tags, problems);
    checkInlinePolicySize(args, problems);
    checkChildNames(args, problems);
    return problems;
}

/**
 * The names the component gives its children, each with the input it comes from. A name given
 * twice is a duplicate URN for the engine or, for inline policies, one IAM policy written twice
 * (IAM keeps the last, and the stack shows a diff forever): a config problem with its path.
 * Keys: `resource:` the RolePolicy/RolePolicyAttachment child name, `iam:` the inline policy's
 * name in IAM. Repeats the validator already reports (two inline policies, a kind twice) are
 * not reported again.
 */
function checkChildNames(args: WorkloadIdentityArgs, problems: Problems): void {
    const ledger = new Map<string, string>();
    const claim = (path: string, what: string, keys: string[]): void => {
        const taken = keys.map((k) => ledger.get(k)).find((owner) => owner !== undefined);
        if (taken !== undefined) {
            problems.add(
                path,
                `${what} would have the same name as the one ${taken} makes (one resource or IAM policy name for two): rename it`,
            );
            return;
        }
        keys.forEach((k) => ledger.set(k, path));
    };
    (args.managedPolicyArns ?? []).forEach((arn, i, all) => {
        if (all.indexOf(arn) !== i) {
            problems.add(`managedPolicyArns[${i}]`, `"${arn}" is listed twice: remove one`);
            return;
        }
        claim(`managedPolicyArns[${i}]`, `the attachment of "${arn}"`, [`attachment:${arnKey(arn)}`]);
    });
    const kinds = new Set<string>();
    (args.wellKnownPolicies ?? []).forEach((p, i) => {
        if (!kinds.has(p.kind)) {
            kinds.add(p.kind);
            claim(`wellKnownPolicies[${i}].kind`, `the "${p.kind}" policy`, [
                `resource:${p.kind}`,
                `iam:${p.kind}`,
            ]);
        }
    });
    if (args.targetRoleArn !== undefined) {
        claim("targetRoleArn", "the assume-target-role policy", [
            "resource:assume-target",
            "iam:assume-target-role",
        ]);
    }
    const inline = new Set<string>();
    (args.inlinePolicies ?? []).forEach((p, i) => {
        if (!inline.has(p.name)) {
            inline.add(p.name);
            claim(`inlinePolicies[${i}].name`, `the inline policy "${p.name}"`, [
                `resource:${p.name}`,
                `iam:${p.name}`,
            ]);
        }
    });
}

/**
 * The role's inline policies together, as IAM counts them (whitespace not counted): the plain
 * inline policies, the well-known ones (built for a stand-in region and account when the caller
 * does not know them: ARNs differ by a few characters) and the assume-target-role policy. Over
 * 10,240 characters, PutRolePolicy fails with LimitExceeded (IAM and AWS STS quotas, inline
 * policies: "Role policy size can't exceed 10,240 characters"). Policies from other resources are
 * not counted: the apply cannot know them either before AWS does.
 */
export function checkInlinePolicySize(
    args: WorkloadIdentityArgs,
    problems: Problems,
    known: { region?: string; accountId?: string } = {},
): void {
    const region = known.region || new pulumi.Config("aws").get("region") || LONGEST_REGION;
    const ctx = {
        partition: partitionOfRegion(region),
        region,
        accountId: known.accountId || "000000000000",
    };
    const parts: [string, number][] = [];
    (args.inlinePolicies ?? []).forEach((p) => {
        if (isPlain(p.policy)) {
            parts.push([`inline policy "${p.name}"`, policyLength(p.policy)]);
        }
    });
    for (const p of args.wellKnownPolicies ?? []) {
        const values = Object.values(p as unknown as Record<string, unknown>);
        if (!values.every((v) => isPlain(v) && (!Array.isArray(v) || v.every((x) => isPlain(x))))) {
            continue;
        }
        try {
            const doc = wellKnownPolicyDocument(p as unknown as ResolvedWellKnownPolicy, ctx);
            parts.push([`the "${p.kind}" policy`, policyLength(JSON.stringify(doc))]);
        } catch {
            // Reported by validateWellKnownPolicy, or known only in the apply.
        }
    }
    if (isPlain(args.targetRoleArn)) {
        parts.push([
            "the assume-target-role policy",
            policyLength(
                JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: ["sts:AssumeRole", "sts:TagSession"],
                            Resource: args.targetRoleArn,
                        },
                    ],
                }),
            ),
        ]);
    }
    const total = parts.reduce((sum, [, n]) => sum + n, 0);
    if (total > POLICY_SIZE_LIMITS.inlineRoleAggregate) {
        const largest = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 3);
        problems.add(
            args.inlinePolicies?.length ? "inlinePolicies" : "wellKnownPolicies",
            `the role's inline policies add up to ${total} characters (whitespace not counted; the largest: ${largest.map(([what, n]) => `${what} ${n}`).join(", ")}); IAM allows ${POLICY_SIZE_LIMITS.inlineRoleAggregate} per role: move permissions into a customer managed policy (managedPolicyArns, up to ${POLICY_SIZE_LIMITS.managedPolicy} characters each) or split the workload`,
        );
    }
}

/**
 * Pod Identity association IDs: `a-` and 17 lowercase letters and digits. The EKS API reference
 * (DescribePodIdentityAssociation, associationId) gives no pattern; this is the shape EKS returns,
 * as in @pulumi/aws eks/podIdentityAssociation.d.ts "Import" (`a-yrpsdroc4ei7k6xps`).
 */
const ASSOCIATION_ID = /^a-[a-z0-9]{17}$/;

function checkAdopt(args: WorkloadIdentityArgs, problems: Problems): void {
    const adopt = args.adopt;
    if (adopt === undefined) {
        return;
    }
    if (typeof adopt !== "object" || adopt === null) {
        problems.add("adopt", "adopt must be an object: { roleName, associationId? }");
        return;
    }
    const nameProblem =
        typeof adopt.roleName === "string"
            ? iamRoleNameProblem(adopt.roleName)
            : "adopt.roleName is required: the name of the existing IAM role to take over";
    if (nameProblem) {
        problems.add("adopt.roleName", nameProblem);
    }
    if (args.roleName !== undefined && args.roleName !== adopt.roleName) {
        problems.add(
            "roleName",
            `roleName "${args.roleName}" differs from adopt.roleName "${adopt.roleName}": an adopted role keeps its name; remove roleName`,
        );
    }
    if (adopt.associationId === undefined) {
        return;
    }
    if (typeof adopt.associationId !== "string" || !ASSOCIATION_ID.test(adopt.associationId)) {
        problems.add(
            "adopt.associationId",
            `"${String(adopt.associationId)}" is not a Pod Identity association ID: use the associationId that aws eks list-pod-identity-associations prints ("a-" and 17 lowercase letters and digits)`,
        );
    } else if (args.mode === "irsa") {
        problems.add(
            "adopt.associationId",
            'mode "irsa" has no Pod Identity association to import the existing one into: use mode "both" (or "pod-identity"), or remove associationId',
        );
    } else if (!isPlain(args.clusterName)) {
        problems.add(
            "adopt.associationId",
            "importing an association needs clusterName as a plain string (its import ID is <clusterName>,<associationId>): pass the cluster's name",
            { code: WorkloadIdentityProblem.adoptedAssociationWithoutClusterName },
        );
    }
}

/** A child a WorkloadIdentity registers: its type, its name, and the input path the name comes from. */
export interface ChildName {
    type: string;
    name: string;
    /** The property the name derives from (`inlinePolicies[0].name`), or "" for the component's own name. */
    from: string;
}

/**
 * The children `new WorkloadIdentity(name, args)` registers, named as workloadIdentity.ts names
 * them. A child's URN is its parent's type, its own type and its name, not its parent's name: two
 * WorkloadIdentities whose children share a type and a name (`reports` with inline policy
 * `api-read`, `reports-api` with `read`) make one URN twice, and the engine refuses the second.
 * A caller holding several of them (a stack) keeps a ledger of these.
 */
export function workloadIdentityChildNames(name: string, args: WorkloadIdentityArgs): ChildName[] {
    const children: ChildName[] = [{ type: "aws:iam/role:Role", name: `${name}-role`, from: "" }];
    (args.managedPolicyArns ?? []).forEach((arn, i) =>
        children.push({
            type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            name: `${name}-${arnKey(arn)}`,
            from: `managedPolicyArns[${i}]`,
        }),
    );
    (args.inlinePolicies ?? []).forEach((p, i) =>
        children.push({
            type: "aws:iam/rolePolicy:RolePolicy",
            name: `${name}-${p.name}`,
            from: `inlinePolicies[${i}].name`,
        }),
    );
    (args.wellKnownPolicies ?? []).forEach((p, i) =>
        children.push({
            type: "aws:iam/rolePolicy:RolePolicy",
            name: `${name}-${p.kind}`,
            from: `wellKnownPolicies[${i}].kind`,
        }),
    );
    if (args.targetRoleArn !== undefined) {
        children.push({
            type: "aws:iam/rolePolicy:RolePolicy",
            name: `${name}-assume-target`,
            from: "targetRoleArn",
        });
    }
    if (args.createServiceAccount ?? true) {
        children.push({ type: "kubernetes:core/v1:ServiceAccount", name: `${name}-sa`, from: "" });
    } else if (isIdentityMode(args.mode) && usesIrsa(args.mode)) {
        children.push({
            type: "kubernetes:core/v1:ServiceAccountPatch",
            name: `${name}-sa-role-arn`,
            from: "",
        });
    }
    if (isIdentityMode(args.mode) && usesPodIdentity(args.mode)) {
        children.push({
            type: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
            name: `${name}-association`,
            from: "",
        });
    }
    return children;
}

export function warnWorkloadIdentityArgs(args: WorkloadIdentityArgs, resource: pulumi.Resource): void {
    if (args.serviceAccount === "default") {
        const where = isPlain(args.namespace) ? `namespace "${args.namespace}"` : "its namespace";
        void pulumi.log.warn(
            `the role is bound to the "default" service account of ${where}: every pod there that names no service account gets it. Use a dedicated service account.`,
            resource,
        );
    }
    if (args.disableSessionTags && usesPodIdentity(args.mode as IdentityMode)) {
        void pulumi.log.warn(
            "session tags are disabled, so the Pod Identity trust cannot check cluster, namespace or service account: any association in this account may use this role",
            resource,
        );
    }
}
