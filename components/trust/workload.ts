// The whole trust policy of a workload role, per identity mode. Pure functions over resolved
// strings: the components call them inside `apply`, the tests and the policy pack's parser tests
// call them directly.
// Checked by policy-pack/policies/trust/*.ts; tests: tests/components/trust/workload.test.ts.
import { PolicyDocument, PolicyStatement, policyDocument } from "../common/iamDocument";
import { IdentityMode, usesIrsa, usesPodIdentity } from "../identity/mode";
import { irsaTrustStatement } from "./irsa";
import { podIdentityTrustStatement } from "./podIdentity";

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
 * IRSA statements (one per cluster with a provider) first, then one Pod Identity statement for
 * every cluster. `both` carries the two, so a role migrates without being replaced.
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
