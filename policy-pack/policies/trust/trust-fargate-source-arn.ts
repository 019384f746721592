// Checks the trust policy components/trust/service.ts (fargateTrustPolicy) builds;
// tests: tests/policy-pack/policies/trust/trust-fargate-source-arn.test.ts.
import { statementLabel } from "../../lib/read";
import { conditionsOnKey, isRestrictingCondition } from "../../lib/iam/parser";
import { serviceStatements } from "../../lib/iam/trustStatements";
import { trustPolicyCheck } from "../../lib/define";
import { eksArnProblems, hasLiteralSourceAccount } from "../../lib/iam/sourceScope";
import { registerPolicy } from "../../lib/registry";

const FARGATE_SERVICE = "eks-fargate-pods.amazonaws.com";
const EXAMPLE = "arn:<partition>:eks:<region>:<account>:fargateprofile/<cluster>/*";

/**
 * EKS User Guide, pod-execution-role: scope the trust to the account's Fargate profiles (confused
 * deputy). Looking for `:fargateprofile/` is not enough: `arn:aws:eks:*:*:fargateprofile/*`
 * matches every account's profiles. Each value must name a literal region, a 12-digit account and
 * a cluster; a wildcard value is accepted only next to a literal aws:SourceAccount condition.
 */
export const trustFargateSourceArn = registerPolicy(
    trustPolicyCheck({
        name: "trust-fargate-source-arn",
        description: `A statement trusting eks-fargate-pods.amazonaws.com must restrict aws:SourceArn to Fargate profile ARNs of one region, account and cluster (ArnLike ${EXAMPLE}), or pair a wildcard ARN with a literal aws:SourceAccount.`,
        enforcementLevel: "mandatory",
        check: (policy, report) => {
            for (const statement of serviceStatements(policy, FARGATE_SERVICE)) {
                const conditions = conditionsOnKey(statement, "aws:SourceArn").filter(isRestrictingCondition);
                if (conditions.length === 0) {
                    report(
                        `Trust ${statementLabel(statement)} trusts ${FARGATE_SERVICE} without an aws:SourceArn condition on Fargate profile ARNs, so another account's Fargate profile could use the role (confused deputy). ` +
                            `Add "ArnLike": {"aws:SourceArn": "${EXAMPLE}"}.`,
                    );
                    continue;
                }
                const accountPinned = hasLiteralSourceAccount(statement);
                // Conditions are ANDed: one condition whose every value is scoped is enough.
                const verdicts = conditions.map((c) =>
                    c.values
                        .map((value) => ({ value, problems: eksArnProblems(value, "fargateprofile") }))
                        .filter(
                            ({ problems }) =>
                                problems.length > 0 &&
                                !(accountPinned && problems.every((p) => p.startsWith("no literal"))),
                        ),
                );
                if (verdicts.some((bad) => bad.length === 0)) {
                    continue;
                }
                const bad = verdicts[0]
                    .map(({ value, problems }) => `"${value}" (${problems.join(", ")})`)
                    .join(", ");
                report(
                    `Trust ${statementLabel(statement)} trusts ${FARGATE_SERVICE} with aws:SourceArn ${bad}, which matches Fargate profiles of other accounts, regions or clusters (confused deputy). ` +
                        `Use "ArnLike": {"aws:SourceArn": "${EXAMPLE}"} with a literal region, account and cluster, or add "StringEquals": {"aws:SourceAccount": "<account-id>"}.`,
                );
            }
        },
    }),
);
