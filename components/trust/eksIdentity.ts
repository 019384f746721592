// TWIN FILE. The components and the policy pack are published separately (`pulumi package add`,
// `pulumi policy publish`), so neither may import the other; the facts of EKS workload identity
// that both need live in two copies of this one text:
//   components/trust/eksIdentity.ts    (the trust builders use it)
//   policy-pack/lib/iam/eksIdentity.ts (the pack's policies use it)
// Edit both together: tests/components/trust/eksIdentity.test.ts fails when their texts differ.
// Sources: EKS User Guide, iam-roles-for-service-accounts (IRSA condition keys, audience) and
// pod-id-role (the Pod Identity service principal); IAM User Guide, "IAM and AWS STS quotas"
// (policy length without whitespace).

/** The audience an EKS projected service account token carries, and IRSA trusts check. */
export const STS_AUDIENCE = "sts.amazonaws.com";
/** The service principal EKS Pod Identity assumes workload roles as. */
export const POD_IDENTITY_PRINCIPAL = "pods.eks.amazonaws.com";
/** The action IRSA's OIDC federation assumes a role with. */
export const WEB_IDENTITY_ACTION = "sts:AssumeRoleWithWebIdentity";

/** The condition-key prefix of an issuer URL: without `https://` and trailing `/`. */
export function issuerHostPath(issuer: string): string {
    return issuer.replace(/^https:\/\//i, "").replace(/\/$/, "");
}

/** The issuer an IAM OIDC provider ARN names (`arn:<partition>:iam::<account>:oidc-provider/<issuer>`). */
export function issuerFromProviderArn(providerArn: string): string | undefined {
    const marker = ":oidc-provider/";
    const index = providerArn.indexOf(marker);
    return index < 0 ? undefined : providerArn.slice(index + marker.length);
}

/** The `system:serviceaccount:<namespace>:<name>` subject of a service account's token. */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
    return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

/** The length IAM counts against a policy quota: the JSON text without whitespace. */
export function policyLength(json: string): number {
    return json.replace(/\s+/g, "").length;
}
