// Checks the trust policy components/trust/podIdentity.ts (podIdentityTrustStatement) builds;
// tests: tests/policy-pack/policies/trust/trust-pod-identity-scope.test.ts.
import { statementLabel } from "../../lib/read";
import { ParsedStatement, conditionsOnKey, isRestrictingCondition } from "../../lib/iam/parser";
import { podIdentityStatements } from "../../lib/iam/trustStatements";
import { trustPolicyCheck } from "../../lib/define";
import { eksArnProblems, hasLiteralSourceAccount, matchesAnything } from "../../lib/iam/sourceScope";
import { registerPolicy } from "../../lib/registry";

export interface TrustPodIdentityScopeConfig {
    requireSessionTags: boolean;
}

const NAMESPACE_TAG = "aws:RequestTag/kubernetes-namespace";
const SERVICE_ACCOUNT_TAG = "aws:RequestTag/kubernetes-service-account";
const REQUIRED_TAGS = [NAMESPACE_TAG, SERVICE_ACCOUNT_TAG];
const PLACEHOLDERS: Record<string, string> = {
    [NAMESPACE_TAG]: "<namespace>",
    [SERVICE_ACCOUNT_TAG]: "<service-account>",
};
const OTHER_TAGS = ["aws:RequestTag/eks-cluster-arn", "aws:RequestTag/eks-cluster-name"];

/** A session-tag condition counts when it grants only on a match and no value matches anything. */
function tagRestricted(statement: ParsedStatement, key: string): boolean {
    return conditionsOnKey(statement, key).some(
        (c) => isRestrictingCondition(c) && c.values.every((v) => !matchesAnything(v)),
    );
}

/** aws:SourceOrgID: literal organization ids only (`o-*` under StringLike matches every organization). */
function orgRestricted(statement: ParsedStatement): boolean {
    return (
        conditionsOnKey(statement, "aws:SourceOrgID").some(
            (c) => isRestrictingCondition(c) && c.values.every((v) => /^o-[a-z0-9]+$/.test(v)),
        ) ||
        conditionsOnKey(statement, "aws:SourceOrgPaths").some(
            (c) => isRestrictingCondition(c) && c.values.every((v) => /^o-[a-z0-9]+\//.test(v)),
        )
    );
}

/** aws:SourceArn: every value an EKS ARN of a literal region and 12-digit account. */
function sourceArnRestricted(statement: ParsedStatement): boolean {
    return conditionsOnKey(statement, "aws:SourceArn").some(
        (c) => isRestrictingCondition(c) && c.values.every((v) => eksArnProblems(v).length === 0),
    );
}

function accountScoped(statement: ParsedStatement): boolean {
    return hasLiteralSourceAccount(statement) || orgRestricted(statement) || sourceArnRestricted(statement);
}

/**
 * An association can only name a role of the cluster's own account, so aws:SourceAccount alone
 * (what the WorkloadIdentity component writes when disableSessionTags is set) keeps other
 * accounts out but lets any association of the account (any cluster, namespace or service
 * account) use the role. The session tags EKS adds (kubernetes-namespace,
 * kubernetes-service-account) are what bind the role to one service account, so they are required
 * by default; aws:SourceAccount / aws:SourceOrgID stay recommended (confused deputy), and
 * aws:RequestTag/eks-cluster-arn is recommended to pin the cluster but not required (a role may
 * serve several clusters).
 *
 * With requireSessionTags false (associations with disableSessionTags, which get no tags), a
 * statement passes with a literal aws:SourceAccount, a literal aws:SourceOrgID / SourceOrgPaths,
 * an aws:SourceArn naming a literal region and account, or any session-tag condition.
 */
export const trustPodIdentityScope = registerPolicy(
    trustPolicyCheck<TrustPodIdentityScopeConfig>({
        name: "trust-pod-identity-scope",
        description:
            "A statement trusting pods.eks.amazonaws.com must name the service account through aws:RequestTag/kubernetes-namespace and aws:RequestTag/kubernetes-service-account conditions (with requireSessionTags false: at least a literal aws:SourceAccount, aws:SourceOrgID or session-tag condition).",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                requireSessionTags: {
                    type: "boolean",
                    default: true,
                    description:
                        "Require aws:RequestTag/kubernetes-namespace and aws:RequestTag/kubernetes-service-account conditions (values not just `*`), so only the intended service account can use the role. Set false only for associations with disableSessionTags (EKS then sends no tags); a literal aws:SourceAccount / aws:SourceOrgID then suffices.",
                },
            },
        },
        check: (policy, report, config) => {
            for (const statement of podIdentityStatements(policy)) {
                const label = `Trust ${statementLabel(statement)}`;
                if (!config.requireSessionTags) {
                    const tagged = [...REQUIRED_TAGS, ...OTHER_TAGS].some((k) => tagRestricted(statement, k));
                    if (!accountScoped(statement) && !tagged) {
                        report(
                            `${label} trusts pods.eks.amazonaws.com without a scoping condition, so any Pod Identity association can use the role. ` +
                                `Add "StringEquals": {"aws:SourceAccount": "<account-id>", "${NAMESPACE_TAG}": "<namespace>", "${SERVICE_ACCOUNT_TAG}": "<service-account>"}.`,
                        );
                    }
                    continue;
                }
                const missing = REQUIRED_TAGS.filter((k) => !tagRestricted(statement, k));
                if (missing.length === 0) {
                    continue;
                }
                const add = missing.map((k) => `"${k}": "${PLACEHOLDERS[k]}"`).join(", ");
                const keepAccount = accountScoped(statement)
                    ? ""
                    : `, together with "aws:SourceAccount": "<account-id>"`;
                const wildcardOnly = missing.some((k) => conditionsOnKey(statement, k).length > 0)
                    ? " (conditions that match any value, or that IfExists / ForAllValues / a negated operator let through, do not count)"
                    : "";
                report(
                    `${label} trusts pods.eks.amazonaws.com without ${missing.map((k) => `"${k}"`).join(" and ")} conditions${wildcardOnly}, so any Pod Identity association in the account can use the role. ` +
                        `Add "StringEquals": {${add}}${keepAccount} (optionally "aws:RequestTag/eks-cluster-arn": "<cluster-arn>" to pin the cluster). ` +
                        `If the association sets disableSessionTags (EKS then sends no session tags), lower trust-pod-identity-scope to advisory or set its requireSessionTags to false in the policy config.`,
                );
            }
        },
    }),
);
