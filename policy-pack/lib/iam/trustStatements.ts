// What a parsed trust policy says about workload identity: its IRSA (web-identity) statements
// and the issuers they trust, its Pod Identity statements, the service principals and the other
// principals it names. The policies under policy-pack/policies/trust/ ask these questions.
import { issuerFromProviderArn, issuerHostPath, POD_IDENTITY_PRINCIPAL } from "./eksIdentity";
import { ParsedPolicy, ParsedStatement } from "./parser";

/** An IRSA (web-identity) statement with the issuer of each federated provider it trusts. */
export interface WebIdentityStatement {
    statement: ParsedStatement;
    /** Issuer host/paths of the statement's `Federated` OIDC providers, as written in the ARN. */
    issuers: string[];
}

/**
 * Statements that trust an OIDC provider (a `Federated` principal naming `:oidc-provider/`): the
 * IRSA statements, whatever action they allow.
 */
export function webIdentityStatements(policy: ParsedPolicy): WebIdentityStatement[] {
    const result: WebIdentityStatement[] = [];
    for (const statement of policy.statements) {
        if (statement.effect !== "Allow") {
            continue;
        }
        const issuers = statement.principals.federated
            .map(issuerFromProviderArn)
            .filter((i): i is string => i !== undefined)
            .map((i) => issuerHostPath(i));
        if (issuers.length > 0) {
            result.push({ statement, issuers });
        }
    }
    return result;
}

/** Allow statements naming `service` (case-insensitive) as a service principal. */
export function serviceStatements(policy: ParsedPolicy, service: string): ParsedStatement[] {
    const lower = service.toLowerCase();
    return policy.statements.filter(
        (s) => s.effect === "Allow" && s.principals.service.some((p) => p.toLowerCase() === lower),
    );
}

/** Allow statements that trust EKS Pod Identity (`pods.eks.amazonaws.com`). */
export function podIdentityStatements(policy: ParsedPolicy): ParsedStatement[] {
    return serviceStatements(policy, POD_IDENTITY_PRINCIPAL);
}

/** True when the policy trusts a workload mechanism: an OIDC provider or Pod Identity. */
export function isWorkloadTrust(policy: ParsedPolicy): boolean {
    return webIdentityStatements(policy).length > 0 || podIdentityStatements(policy).length > 0;
}

/**
 * The principals a statement names besides the given service principals (compared
 * case-insensitively): `*`, other services, AWS accounts or roles, federated providers.
 */
export function principalsOtherThan(statement: ParsedStatement, services: string[]): string[] {
    const allowed = services.map((s) => s.toLowerCase());
    const p = statement.principals;
    return [
        ...(p.wildcard ? ["*"] : []),
        ...p.service.filter((s) => !allowed.includes(s.toLowerCase())),
        ...p.aws,
        ...p.federated,
        ...p.canonicalUser,
    ];
}

/** Every service principal the policy's Allow statements name, lower-cased. */
export function trustedServices(policy: ParsedPolicy): string[] {
    const services = new Set<string>();
    for (const s of policy.statements) {
        if (s.effect === "Allow") {
            s.principals.service.forEach((p) => services.add(p.toLowerCase()));
        }
    }
    return [...services];
}

/** Splits a `system:serviceaccount:<ns>:<name>` subject; undefined for other shapes. */
export function parseServiceAccountSubject(
    subject: string,
): { namespace: string; serviceAccount: string } | undefined {
    const match = /^system:serviceaccount:([^:]*):([^:]*)$/.exec(subject);
    return match ? { namespace: match[1], serviceAccount: match[2] } : undefined;
}

/** An account root principal: `arn:<partition>:iam::<account>:root` or a bare 12-digit account id. */
export function isAccountRootPrincipal(principal: string): boolean {
    return /^\d{12}$/.test(principal) || /^arn:[^:]+:iam::\d{12}:root$/.test(principal);
}
