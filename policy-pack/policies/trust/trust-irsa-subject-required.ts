// Checks the trust policy components/trust/irsa.ts (irsaTrustStatement) builds;
// tests: tests/policy-pack/policies/trust/trust-irsa-subject-required.test.ts.
import { statementLabel } from "../../lib/read";
import { isRestrictingCondition } from "../../lib/iam/parser";
import { webIdentityStatements } from "../../lib/iam/trustStatements";
import { trustPolicyCheck } from "../../lib/define";
import { issuerClaimConditions } from "../../lib/iam/irsaClaims";
import { registerPolicy } from "../../lib/registry";

/**
 * IRSA trust without a `sub` condition lets every service account of the cluster assume the role
 * (EKS User Guide, "Configure role trust": the `sub` condition is what names the service account).
 */
export const trustIrsaSubjectRequired = registerPolicy(
    trustPolicyCheck({
        name: "trust-irsa-subject-required",
        description:
            "An IRSA trust statement must restrict the service account with a StringEquals or StringLike condition on the provider's own `<issuer>:sub` key.",
        enforcementLevel: "mandatory",
        check: (policy, report) => {
            for (const { statement, issuers } of webIdentityStatements(policy)) {
                for (const issuer of issuers) {
                    if (!issuerClaimConditions(statement, issuer, "sub").some(isRestrictingCondition)) {
                        report(
                            `Trust ${statementLabel(statement)} trusts the OIDC provider ${issuer} without a condition on "${issuer}:sub", so every service account of that cluster can assume the role. ` +
                                `Add "StringEquals": {"${issuer}:sub": "system:serviceaccount:<namespace>:<service-account>"}.`,
                        );
                    }
                }
            }
        },
    }),
);
