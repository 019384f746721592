// Test harness: evaluates a role trust policy with an independent IAM evaluator,
// @cloud-copilot/iam-simulate (AGPL-3.0, devDependency only: imported by tests, never by
// components/ or the policy pack). A trust policy is the role's resource policy; the request names
// the caller as iam-simulate expects it: a service principal (`pods.eks.amazonaws.com`) or, for
// `sts:AssumeRoleWithWebIdentity`, the Federated OIDC provider ARN.
//
// Issuer workaround. iam-simulate 0.1.x keeps only the request context keys IAM documents for
// STS, so for web identity it knows the claims of named providers (accounts.google.com,
// cognito-identity.amazonaws.com, graph.facebook.com, www.amazon.com, GitHub's token issuer...)
// but not a generic issuer whose key prefix contains `/`, such as every EKS issuer
// (`oidc.eks.<region>.amazonaws.com/id/<ID>:sub`). It silently drops those from the request
// (they come back in `ignoredContextKeys`), and a dropped key makes every statement that tests it
// fail, which would pass for a "deny". The harness therefore rewrites, for every evaluation:
//   - the requesting token's issuer keys, in the policy and in the request context, onto
//     `accounts.google.com:<claim>` (a web-identity namespace iam-simulate evaluates);
//   - every other issuer's keys in the policy onto `cognito-identity.amazonaws.com:<claim>`, a
//     namespace no request here carries, so those conditions can only fail, as IAM would fail
//     them for a token that another issuer signed.
// Requests without a token (service principals) get every issuer key mapped the second way.
// This is faithful for a single-issuer request: IAM only populates the keys of the provider that
// validated the token. The rewrite refuses policies that already use either namespace, so it
// cannot merge two keys into one. Every evaluation also fails loudly when iam-simulate reports an
// error or ignores any context key the harness sent, and the tests assert the intended request
// is Allowed, so a dropped key can never be counted as a deny.
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { PolicyDocument, PolicyStatement } from "../../../components/common/iamDocument";

export const REQUESTING_ISSUER_NAMESPACE = "accounts.google.com";
export const FOREIGN_ISSUER_NAMESPACE = "cognito-identity.amazonaws.com";

/** The claims of a projected service-account token as STS sees them. */
export interface WebIdentityToken {
    /** Issuer host/path, i.e. the condition-key prefix (`oidc.eks.<region>.amazonaws.com/id/<ID>`). */
    issuer: string;
    /** `system:serviceaccount:<namespace>:<name>`; omitted to model a token without the claim. */
    sub?: string;
    /** Omitted to model a token without the claim. */
    aud?: string;
}

export interface TrustRequest {
    /** What the request stands for, quoted in failure messages. */
    label: string;
    /** A service principal, or the Federated provider ARN for web identity. */
    principal: string;
    action: string;
    token?: WebIdentityToken;
    /** Further request context (`aws:SourceAccount`, `aws:RequestTag/...`, `aws:SourceArn`). */
    context?: Record<string, string | string[]>;
}

export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

export interface Evaluation {
    decision: Decision;
    /** The rewritten trust policy the evaluator saw. */
    evaluatedPolicy: PolicyDocument;
    /** The request context the evaluator saw. */
    contextVariables: Record<string, string | string[]>;
}

/** An issuer condition key: its provider part contains `/` (every EKS issuer does). */
export function splitIssuerKey(key: string): { issuer: string; claim: string } | undefined {
    const colon = key.lastIndexOf(":");
    if (colon < 0) {
        return undefined;
    }
    const issuer = key.slice(0, colon);
    return issuer.includes("/") ? { issuer, claim: key.slice(colon + 1) } : undefined;
}

function mappedKey(key: string, requestingIssuer: string | undefined): string {
    const lower = key.toLowerCase();
    if (
        lower.startsWith(`${REQUESTING_ISSUER_NAMESPACE}:`) ||
        lower.startsWith(`${FOREIGN_ISSUER_NAMESPACE}:`)
    ) {
        throw new Error(`policy already uses ${key}: the issuer rewrite would not be injective`);
    }
    const split = splitIssuerKey(key);
    if (!split) {
        return key;
    }
    const namespace =
        split.issuer === requestingIssuer ? REQUESTING_ISSUER_NAMESPACE : FOREIGN_ISSUER_NAMESPACE;
    return `${namespace}:${split.claim}`;
}

/** The policy with issuer keys rewritten for a request whose token (if any) `requestingIssuer` signed. */
export function mapIssuerKeys(policy: PolicyDocument, requestingIssuer: string | undefined): PolicyDocument {
    const statements = policy.Statement.map((statement): PolicyStatement => {
        if (!statement.Condition) {
            return statement;
        }
        const condition: NonNullable<PolicyStatement["Condition"]> = {};
        for (const [operator, entries] of Object.entries(statement.Condition)) {
            const mapped: Record<string, string | string[]> = {};
            for (const [key, value] of Object.entries(entries)) {
                const target = mappedKey(key, requestingIssuer);
                if (target in mapped) {
                    throw new Error(`two issuer keys of one statement map onto ${target}`);
                }
                mapped[target] = value;
            }
            condition[operator] = mapped;
        }
        return { ...statement, Condition: condition };
    });
    return { ...policy, Statement: statements };
}

function requestContext(request: TrustRequest): Record<string, string | string[]> {
    const context: Record<string, string | string[]> = { ...request.context };
    for (const key of Object.keys(context)) {
        if (splitIssuerKey(key)) {
            throw new Error(`${request.label}: pass issuer claims as a token, not as context key ${key}`);
        }
    }
    if (request.token?.sub !== undefined) {
        context[`${REQUESTING_ISSUER_NAMESPACE}:sub`] = request.token.sub;
    }
    if (request.token?.aud !== undefined) {
        context[`${REQUESTING_ISSUER_NAMESPACE}:aud`] = request.token.aud;
    }
    return context;
}

let evaluations = 0;

/** How many requests `evaluateTrust` has evaluated in this process. */
export function evaluatedRequests(): number {
    return evaluations;
}

/** The role the trust policies are attached to in every simulation. */
export const ROLE_ARN = "arn:aws:iam::111122223333:role/workload";

/** Runs iam-simulate exactly as given: no rewrite, no guards. Only for probing the evaluator. */
export async function simulateRaw(
    policy: PolicyDocument,
    principal: string,
    action: string,
    contextVariables: Record<string, string | string[]>,
    roleArn = ROLE_ARN,
): Promise<{ decision: Decision; ignoredContextKeys: string[] }> {
    const response = await runSimulation(
        {
            request: {
                principal,
                action,
                resource: { resource: roleArn, accountId: roleArn.split(":")[4] },
                contextVariables,
            },
            identityPolicies: [],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: policy,
        },
        { simulationMode: "Strict" },
    );
    if (response.resultType !== "single") {
        const detail =
            response.resultType === "error" ? JSON.stringify(response.errors) : response.resultType;
        throw new Error(`iam-simulate did not evaluate ${action} by ${principal}: ${detail}`);
    }
    return {
        decision: response.overallResult,
        ignoredContextKeys: response.result.ignoredContextKeys ?? [],
    };
}

/**
 * Evaluates one request against a trust policy (as built, or its JSON). Throws when iam-simulate
 * errors or ignores any context key the request carried, so a result always reflects every key.
 */
export async function evaluateTrust(
    policy: PolicyDocument | string,
    request: TrustRequest,
    roleArn = ROLE_ARN,
): Promise<Evaluation> {
    const document: PolicyDocument = typeof policy === "string" ? JSON.parse(policy) : policy;
    const evaluatedPolicy = mapIssuerKeys(document, request.token?.issuer);
    const contextVariables = requestContext(request);
    const { decision, ignoredContextKeys } = await simulateRaw(
        evaluatedPolicy,
        request.principal,
        request.action,
        contextVariables,
        roleArn,
    );
    if (ignoredContextKeys.length > 0) {
        throw new Error(
            `${request.label}: iam-simulate ignored context keys ${ignoredContextKeys.join(", ")}`,
        );
    }
    evaluations += 1;
    return { decision, evaluatedPolicy, contextVariables };
}

export type Expectation = "Allowed" | "Denied";

export interface Mismatch {
    label: string;
    expected: Expectation;
    decision: Decision;
}

/** Evaluates every request and returns the ones whose decision differs from the expectation. */
export async function mismatches(
    policy: PolicyDocument | string,
    expectations: { request: TrustRequest; expected: Expectation }[],
): Promise<Mismatch[]> {
    const out: Mismatch[] = [];
    for (const { request, expected } of expectations) {
        const { decision } = await evaluateTrust(policy, request);
        const ok = expected === "Allowed" ? decision === "Allowed" : decision !== "Allowed";
        if (!ok) {
            out.push({ label: request.label, expected, decision });
        }
    }
    return out;
}
