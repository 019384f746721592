// Checks the trust policy components/trust/workload.ts (workloadTrustPolicy) builds;
// tests: tests/policy-pack/policies/trust/trust-no-wildcard-principal.test.ts.
import { statementLabel } from "../../lib/read";
import { trustPolicyCheck } from "../../lib/define";
import { registerPolicy } from "../../lib/registry";

/** `Principal: "*"` lets any AWS account (or anonymous web identity) assume the role. */
export const trustNoWildcardPrincipal = registerPolicy(
    trustPolicyCheck({
        name: "trust-no-wildcard-principal",
        description:
            'A role\'s trust policy must not allow the wildcard principal (`"*"` or `{"AWS": "*"}`) or use NotPrincipal.',
        enforcementLevel: "mandatory",
        check: (policy, report) => {
            for (const statement of policy.statements) {
                if (statement.effect !== "Allow") {
                    continue;
                }
                if (statement.notPrincipal) {
                    report(
                        `Trust ${statementLabel(statement)} allows through NotPrincipal, which trusts every principal it does not list. Name the trusted principals in "Principal".`,
                    );
                } else if (statement.principals.wildcard) {
                    report(
                        `Trust ${statementLabel(statement)} trusts every principal ("*"). Name the trusted principal: the OIDC provider (IRSA), pods.eks.amazonaws.com (Pod Identity) or a role ARN.`,
                    );
                }
            }
        },
    }),
);
