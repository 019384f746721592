// Checks the trust policy components/trust/workload.ts (workloadTrustPolicy) builds;
// tests: tests/policy-pack/policies/trust/trust-wildcard-operator.test.ts.
import { statementLabel } from "../../lib/read";
import { hasWildcard, operatorHonoursWildcards } from "../../lib/iam/parser";
import { trustPolicyCheck } from "../../lib/define";
import { registerPolicy } from "../../lib/registry";

const STRING_OPERATORS = new Set([
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
]);

/** Under StringEquals `*` is a literal character: the condition never matches and the role silently does not work. */
export const trustWildcardOperator = registerPolicy(
    trustPolicyCheck({
        name: "trust-wildcard-operator",
        description:
            "Wildcards (`*`, `?`) in trust-policy condition values must be used only under StringLike or ArnLike operators.",
        enforcementLevel: "advisory",
        check: (policy, report) => {
            for (const statement of policy.statements) {
                for (const condition of statement.conditions) {
                    if (operatorHonoursWildcards(condition) || !STRING_OPERATORS.has(condition.operator)) {
                        continue;
                    }
                    for (const value of condition.values.filter(hasWildcard)) {
                        report(
                            `Trust ${statementLabel(statement)} compares "${condition.key}" with "${value}" under ${condition.rawOperator}, where "*" and "?" are literal: it never matches. ` +
                                `Use a value without wildcards, or StringLike if a pattern is really meant.`,
                        );
                    }
                }
            }
        },
    }),
);
