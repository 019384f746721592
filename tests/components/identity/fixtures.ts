// What the WorkloadIdentity tests share: one cluster's identity facts and the smallest IRSA args.
import { WorkloadIdentity, WorkloadIdentityArgs } from "../../../components";

export const ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
export const PROVIDER = `arn:aws:iam::111122223333:oidc-provider/${ISSUER}`;
export const CLUSTER_ARN = "arn:aws:eks:us-west-2:111122223333:cluster/dev";
export const ROLE = "aws:iam/role:Role";
export const SA = "kubernetes:core/v1:ServiceAccount";
export const SA_PATCH = "kubernetes:core/v1:ServiceAccountPatch";
export const ASSOC = "aws:eks/podIdentityAssociation:PodIdentityAssociation";

export const base: WorkloadIdentityArgs = {
    clusterName: "dev",
    oidcProviderArn: PROVIDER,
    oidcIssuer: `https://${ISSUER}`,
    namespace: "payments",
    serviceAccount: "api",
    mode: "irsa",
    managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
};

export const NO_PROVIDER = "no kubernetes provider was given";

export const identity =
    (args: Partial<WorkloadIdentityArgs> = {}) =>
    () =>
        new WorkloadIdentity("payments-api", { ...base, ...args });
