// Checks the trust policy components/trust/irsa.ts (irsaTrustStatement) builds;
// tests: tests/policy-pack/policies/trust/trust-irsa-condition-operators.test.ts.
import { statementLabel } from "../../lib/read";
import { webIdentityStatements } from "../../lib/iam/trustStatements";
import { trustPolicyCheck } from "../../lib/define";
import { claimOfKey, issuerOfKey } from "../../lib/iam/irsaClaims";
import { registerPolicy } from "../../lib/registry";

/**
 * `ForAllValues:` is true when the key is absent and `...IfExists` skips an absent key, so on
 * `sub`/`aud` either turns the restriction off (IAM User Guide, "Multivalued context keys").
 */
export const trustIrsaConditionOperators = registerPolicy(
    trustPolicyCheck({
        name: "trust-irsa-condition-operators",
        description:
            "IRSA `sub` and `aud` conditions must not use a `ForAllValues:` prefix or an `IfExists` suffix: both evaluate to true when the key is missing.",
        enforcementLevel: "mandatory",
        check: (policy, report) => {
            for (const { statement } of webIdentityStatements(policy)) {
                for (const condition of statement.conditions) {
                    const issuer = issuerOfKey(condition.key);
                    const claim = claimOfKey(condition.key);
                    if (!issuer || (claim !== "sub" && claim !== "aud")) {
                        continue;
                    }
                    if (condition.setOperator === "ForAllValues" || condition.ifExists) {
                        const base = condition.operator;
                        report(
                            `Trust ${statementLabel(statement)} checks "${condition.key}" with ${condition.rawOperator}, which is true when the key is missing. Use "${base}" instead.`,
                        );
                    }
                }
            }
        },
    }),
);
