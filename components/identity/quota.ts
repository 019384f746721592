// Trust-policy length against IAM's quota. IAM counts characters without whitespace; the default
// quota is 2,048 and can be raised (REFERENCE.md: 4,096 historically, 8,192 reported; verify for
// your account), so the quota is an input. One IRSA statement per cluster makes IRSA roles hit it
// after a handful of clusters; Pod Identity adds only one ARN per cluster.
import { dnsSuffix } from "./regions";
import { IdentityMode } from "./mode";
import { TrustedCluster, workloadTrustPolicy } from "../trust/workload";
import { policyLength } from "../trust/eksIdentity";

export const DEFAULT_TRUST_POLICY_MAX_LENGTH = 2048;

/** Stand-in length of a cluster name that is not known at construction time. */
export const PLACEHOLDER_CLUSTER_NAME_LENGTH = 24;

export interface ClusterFacts {
    partition: string;
    region: string;
    accountId: string;
    clusterName?: string;
    clusterArn?: string;
    oidcProviderArn?: string;
    oidcIssuer?: string;
}

/** A cluster with EKS's canonical ARN and issuer shapes, filling in what is not known. */
export function canonicalCluster(facts: ClusterFacts, index = 0): TrustedCluster {
    const name = facts.clusterName ?? `c${index}`.padEnd(PLACEHOLDER_CLUSTER_NAME_LENGTH, "x");
    const issuer =
        facts.oidcIssuer ?? `oidc.eks.${facts.region}.${dnsSuffix(facts.partition)}/id/${"0".repeat(32)}`;
    return {
        clusterArn:
            facts.clusterArn ??
            `arn:${facts.partition}:eks:${facts.region}:${facts.accountId}:cluster/${name}`,
        oidcProviderArn:
            facts.oidcProviderArn ?? `arn:${facts.partition}:iam::${facts.accountId}:oidc-provider/${issuer}`,
        oidcIssuer: issuer,
    };
}

export interface FitArgs {
    mode: IdentityMode;
    namespace: string;
    serviceAccount: string;
    disableSessionTags?: boolean;
    maxLength: number;
    /** The n-th cluster of a fleet. */
    cluster: (index: number) => TrustedCluster;
    accountId: string;
}

/** How many clusters one role can trust in `mode` before its trust policy exceeds `maxLength`. */
export function clustersThatFit(args: FitArgs, limit = 10_000): number {
    let count = 0;
    const clusters: TrustedCluster[] = [];
    while (count < limit) {
        clusters.push(args.cluster(count));
        const length = policyLength(
            JSON.stringify(
                workloadTrustPolicy({
                    mode: args.mode,
                    accountId: args.accountId,
                    clusters,
                    namespace: args.namespace,
                    serviceAccount: args.serviceAccount,
                    disableSessionTags: args.disableSessionTags,
                }),
            ),
        );
        if (length > args.maxLength) {
            return count;
        }
        count++;
    }
    return count;
}
