// Checks the trust policy components/trust/irsa.ts (irsaTrustStatement) builds;
// tests: tests/policy-pack/policies/trust/trust-irsa-subject-wildcard.test.ts.
import { statementLabel } from "../../lib/read";
import { hasWildcard, operatorHonoursWildcards } from "../../lib/iam/parser";
import { webIdentityStatements } from "../../lib/iam/trustStatements";
import { trustPolicyCheck } from "../../lib/define";
import { issuerClaimConditions } from "../../lib/iam/irsaClaims";
import { registerPolicy } from "../../lib/registry";

export interface TrustIrsaSubjectWildcardConfig {
    allowNamespaceWide: boolean;
}

/** `system:serviceaccount:*:*` (or `*:default`) under StringLike hands the role to many service accounts. */
export const trustIrsaSubjectWildcard = registerPolicy(
    trustPolicyCheck<TrustIrsaSubjectWildcardConfig>({
        name: "trust-irsa-subject-wildcard",
        description:
            "An IRSA trust statement must name one service account in its `<issuer>:sub` condition, not a wildcard pattern under StringLike.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                allowNamespaceWide: {
                    type: "boolean",
                    default: false,
                    description:
                        "Allow `system:serviceaccount:<namespace>:*` (every service account of one literal namespace); wildcards in the namespace stay forbidden.",
                },
            },
        },
        check: (policy, report, config) => {
            for (const { statement, issuers } of webIdentityStatements(policy)) {
                for (const issuer of issuers) {
                    for (const condition of issuerClaimConditions(statement, issuer, "sub")) {
                        if (!operatorHonoursWildcards(condition) || condition.operator.includes("Not")) {
                            continue;
                        }
                        for (const value of condition.values.filter(hasWildcard)) {
                            const namespaceWide = /^system:serviceaccount:[^:*?]+:\*$/.test(value);
                            if (namespaceWide && config.allowNamespaceWide) {
                                continue;
                            }
                            report(
                                `Trust ${statementLabel(statement)} lets "${issuer}:sub" match "${value}" under ${condition.rawOperator}, so every service account matching it can assume the role. ` +
                                    `Name one service account with "StringEquals": {"${issuer}:sub": "system:serviceaccount:<namespace>:<service-account>"}.`,
                            );
                        }
                    }
                }
            }
        },
    }),
);
