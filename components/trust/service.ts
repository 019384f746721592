// Trust policies of the platform's own roles: an AWS service assumes each one. Shapes: EKS User
// Guide, cluster-iam-role, create-node-role and pod-execution-role (and REFERENCE.md, "Roles of
// the platform itself").
// Checked by policy-pack/policies/cluster/cluster-role-trust.ts, node/node-role-trust.ts and
// trust/trust-fargate-source-arn.ts; tests: tests/components/trust/service.test.ts.
import { Condition, PolicyDocument, policyDocument } from "../common/iamDocument";

/** A trust policy allowing one AWS service principal to assume the role, optionally with conditions. */
export function serviceTrustPolicy(
    service: string,
    actions: string[] = ["sts:AssumeRole"],
    condition?: Condition,
): PolicyDocument {
    return policyDocument({
        Effect: "Allow",
        Principal: { Service: service },
        Action: actions.length === 1 ? actions[0] : actions,
        ...(condition ? { Condition: condition } : {}),
    });
}

/** The EKS control plane role: `eks.amazonaws.com` only. */
export function clusterTrustPolicy(): PolicyDocument {
    return serviceTrustPolicy("eks.amazonaws.com");
}

/**
 * The cluster role of an EKS Auto Mode cluster: `eks.amazonaws.com` with `sts:AssumeRole` and
 * `sts:TagSession` (EKS User Guide, auto-cluster-iam-role, the trust policy it shows).
 */
export function autoModeClusterTrustPolicy(): PolicyDocument {
    return serviceTrustPolicy("eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]);
}

/** An EC2 node role: `ec2.amazonaws.com` only. */
export function nodeTrustPolicy(): PolicyDocument {
    return serviceTrustPolicy("ec2.amazonaws.com");
}

/** The Fargate pod execution role: Fargate, only for profiles of this cluster (confused-deputy guard). */
export function fargateTrustPolicy(
    partition: string,
    region: string,
    accountId: string,
    clusterName: string,
): PolicyDocument {
    return serviceTrustPolicy("eks-fargate-pods.amazonaws.com", ["sts:AssumeRole"], {
        ArnLike: {
            "aws:SourceArn": `arn:${partition}:eks:${region}:${accountId}:fargateprofile/${clusterName}/*`,
        },
    });
}
