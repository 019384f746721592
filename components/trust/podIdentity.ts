// The EKS Pod Identity trust statement: one statement serves every cluster. Shape: EKS User Guide,
// pod-id-role (and REFERENCE.md).
// Checked by policy-pack/policies/trust/trust-pod-identity-*.ts; tests:
// tests/components/trust/podIdentity.test.ts.
import { PolicyStatement } from "../common/iamDocument";
import { POD_IDENTITY_PRINCIPAL } from "./eksIdentity";

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

/** `sts:AssumeRole` + `sts:TagSession` for the service, scoped by account and session tags. */
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

export interface EksClusterArnParts {
    partition: string;
    region: string;
    accountId: string;
    clusterName: string;
}

/**
 * The ARN EKS gives a cluster, `arn:<partition>:eks:<region>:<account>:cluster/<name>` (Service
 * Authorization Reference, "Actions, resources, and condition keys for Amazon EKS", resource type
 * `cluster`; AWS Resilience Hub API, EksSource.eksClusterArn: "arn:aws:eks:region:account-id:
 * cluster/cluster-name"). Its parts are known before the cluster exists, its `arn` output is not:
 * a trust built from them is known, and checked, at a stack's first `pulumi preview`.
 */
export function eksClusterArn(parts: EksClusterArnParts): string {
    return `arn:${parts.partition}:eks:${parts.region}:${parts.accountId}:cluster/${parts.clusterName}`;
}
