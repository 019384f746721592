// The IRSA trust statement: one per cluster, so only that cluster's issuer can vouch for the
// service account. Shape: EKS User Guide, iam-roles-for-service-accounts (and REFERENCE.md).
// Checked by policy-pack/policies/trust/trust-irsa-*.ts; tests: tests/components/trust/irsa.test.ts.
import { PolicyStatement } from "../common/iamDocument";
import {
    issuerFromProviderArn,
    issuerHostPath,
    serviceAccountSubject,
    STS_AUDIENCE,
    WEB_IDENTITY_ACTION,
} from "./eksIdentity";

export interface IrsaTrustArgs {
    oidcProviderArn: string;
    /** Issuer host/path; derived from the provider ARN when omitted. */
    oidcIssuer?: string;
    namespace: string;
    serviceAccount: string;
}

/** `sts:AssumeRoleWithWebIdentity` from the provider, with `StringEquals` on `:sub` and `:aud`. */
export function irsaTrustStatement(args: IrsaTrustArgs): PolicyStatement {
    const issuer = issuerHostPath(args.oidcIssuer ?? issuerFromProviderArn(args.oidcProviderArn) ?? "");
    if (!issuer) {
        throw new Error(`cannot derive the OIDC issuer from "${args.oidcProviderArn}": pass oidcIssuer`);
    }
    return {
        Effect: "Allow",
        Principal: { Federated: args.oidcProviderArn },
        Action: WEB_IDENTITY_ACTION,
        Condition: {
            StringEquals: {
                [`${issuer}:sub`]: serviceAccountSubject(args.namespace, args.serviceAccount),
                [`${issuer}:aud`]: STS_AUDIENCE,
            },
        },
    };
}
