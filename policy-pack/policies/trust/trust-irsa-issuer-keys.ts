// Checks the trust policy components/trust/irsa.ts (irsaTrustStatement) builds;
// tests: tests/policy-pack/policies/trust/trust-irsa-issuer-keys.test.ts.
import { statementLabel } from "../../lib/read";
import { webIdentityStatements } from "../../lib/iam/trustStatements";
import { trustPolicyCheck } from "../../lib/define";
import { issuerOfKey } from "../../lib/iam/irsaClaims";
import { registerPolicy } from "../../lib/registry";

/**
 * Keys of another issuer than the statement's provider are absent from its tokens: the statement
 * either never matches or (with `IfExists`/negated operators) does not restrict. Usually a
 * copy-paste from another cluster's statement.
 */
export const trustIrsaIssuerKeys = registerPolicy(
    trustPolicyCheck({
        name: "trust-irsa-issuer-keys",
        description:
            "An IRSA trust statement's OIDC condition keys must belong to the issuer of the provider the statement trusts.",
        enforcementLevel: "advisory",
        check: (policy, report) => {
            for (const { statement, issuers } of webIdentityStatements(policy)) {
                const own = new Set(issuers.map((i) => i.toLowerCase()));
                for (const condition of statement.conditions) {
                    const issuer = issuerOfKey(condition.key);
                    if (issuer && !own.has(issuer.toLowerCase())) {
                        report(
                            `Trust ${statementLabel(statement)} trusts ${issuers.join(", ")} but its condition key "${condition.key}" belongs to ${issuer}. ` +
                                `Use the keys of the trusted provider's issuer, or put this issuer in its own statement with its own Federated principal.`,
                        );
                    }
                }
            }
        },
    }),
);
