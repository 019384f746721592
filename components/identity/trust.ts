// Trust policies for workload identity, one builder per mechanism. Pure functions over resolved
// strings: the components call them inside `apply`, the tests and the policy pack's parser tests
// call them directly. Shapes follow the EKS User Guide (iam-roles-for-service-accounts,
// pod-id-role) and REFERENCE.md.
import { PolicyDocument, PolicyStatement, policyDocument } from "../common/policy";

export const STS_AUDIENCE = "sts.amazonaws.com";
export const POD_IDENTITY_PRINCIPAL = "pods.eks.amazonaws.com";

/** The IRSA condition-key prefix: the issuer URL without `https://`. */
export function issuerHostPath(issuer: string): string {
    return issuer.replace(/^https:\/\//i, "").replace(/\/$/, "");
}

/** The issuer an IAM OIDC provider ARN names (`arn:...:oidc-provider/<issuer>`). */
export function issuerFromProviderArn(oidcProviderArn: string): string | undefined {
    const index = oidcProviderArn.indexOf(":oidc-provider/");
    return index < 0 ? undefined : oidcProviderArn.slice(index + ":oidc-provider/".length);
}

export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
    return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

export interface IrsaTrustArgs {
    oidcProviderArn: string;
    /** Issuer host/path; derived from the provider ARN when omitted. */
    oidcIssuer?: string;
    namespace: string;
    serviceAccount: string;
}

/** One statement per cluster: only that cluster's issuer can vouch for the service account. */
export function irsaTrustStatement(args: IrsaTrustArgs): PolicyStatement {
    const issuer = issuerHostPath(args.oidcIssuer ?? issuerFromProviderArn(args.oidcProviderArn) ?? "");
    if (!issuer) {
        throw new Error(`cannot derive the OIDC issuer from "${args.oidcProviderArn}": pass oidcIssuer`);
    }
    return {
        Effect: "Allow",
        Principal: { Federated: args.oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
            StringEquals: {
                [`${issuer}:sub`]: serviceAccountSubject(args.namespace, args.serviceAccount),
                [`${issuer}:aud`]: STS_AUDIENCE,
            },
        },
    };
}

export interface PodIdentityTrustArgs {
    accountId: string;
    /** Every cluster whose associations may use the role: one statement serves them all. */
    clusterArns: string[];
    namespace: string;
    serviceAccount: string;
    /**
     * When the association disables session tags, EKS sends no `aws:RequestTag/*` keys, so tag
     * conditions would never match; the statement is then scoped by account only.
     */
    disableSessionTags?: boolean;
}

export function podIdentityTrustStatement(args: PodIdentityTrustArgs): PolicyStatement {
    const conditions: Record<string, string | string[]> = { "aws:SourceAccount": args.accountId };
    if (!args.disableSessionTags) {
        conditions["aws:RequestTag/eks-cluster-arn"] = [...args.clusterArns];
        conditions["aws:RequestTag/kubernetes-namespace"] = args.namespace;
        conditions["aws:RequestTag/kubernetes-service-account"] = args.serviceAccount;
    }
    return {
        Effect: "Allow",
        Principal: { Service: POD_IDENTITY_PRINCIPAL },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: { StringEquals: conditions },
    };
}

export type IdentityMode = "irsa" | "pod-identity" | "both";
export const IDENTITY_MODES: readonly IdentityMode[] = ["irsa", "pod-identity", "both"];

export function usesIrsa(mode: IdentityMode): boolean {
    return mode === "irsa" || mode === "both";
}

export function usesPodIdentity(mode: IdentityMode): boolean {
    return mode === "pod-identity" || mode === "both";
}

export interface TrustedCluster {
    clusterArn: string;
    oidcProviderArn?: string;
    oidcIssuer?: string;
}

export interface WorkloadTrustArgs {
    mode: IdentityMode;
    accountId: string;
    clusters: TrustedCluster[];
    namespace: string;
    serviceAccount: string;
    disableSessionTags?: boolean;
}

/**
 * The whole trust policy of a workload role: IRSA statements (one per cluster with a provider)
 * first, then one Pod Identity statement for every cluster. `both` carries the two, so a role
 * migrates without being replaced.
 */
export function workloadTrustPolicy(args: WorkloadTrustArgs): PolicyDocument {
    const statements: PolicyStatement[] = [];
    if (usesIrsa(args.mode)) {
        for (const cluster of args.clusters) {
            if (!cluster.oidcProviderArn) {
                throw new Error(`cluster ${cluster.clusterArn} has no OIDC provider, which IRSA needs`);
            }
            statements.push(
                irsaTrustStatement({
                    oidcProviderArn: cluster.oidcProviderArn,
                    oidcIssuer: cluster.oidcIssuer,
                    namespace: args.namespace,
                    serviceAccount: args.serviceAccount,
                }),
            );
        }
    }
    if (usesPodIdentity(args.mode)) {
        statements.push(
            podIdentityTrustStatement({
                accountId: args.accountId,
                clusterArns: args.clusters.map((c) => c.clusterArn),
                namespace: args.namespace,
                serviceAccount: args.serviceAccount,
                disableSessionTags: args.disableSessionTags,
            }),
        );
    }
    return policyDocument(...statements);
}
