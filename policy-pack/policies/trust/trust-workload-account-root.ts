// Checks the trust policy components/trust/workload.ts (workloadTrustPolicy) builds;
// tests: tests/policy-pack/policies/trust/trust-workload-account-root.test.ts.
import { statementLabel } from "../../lib/read";
import { isAccountRootPrincipal, isWorkloadTrust } from "../../lib/iam/trustStatements";
import { trustPolicyCheck } from "../../lib/define";
import { registerPolicy } from "../../lib/registry";

/**
 * Trusting an account root delegates the role to every IAM principal of that account whose own
 * policy allows sts:AssumeRole on it; a workload role must only be reachable by its workload.
 */
export const trustWorkloadAccountRoot = registerPolicy(
    trustPolicyCheck({
        name: "trust-workload-account-root",
        description:
            "A workload role (trusting an OIDC provider or pods.eks.amazonaws.com) must not also trust an account root principal.",
        enforcementLevel: "mandatory",
        check: (policy, report) => {
            if (!isWorkloadTrust(policy)) {
                return;
            }
            for (const statement of policy.statements) {
                if (statement.effect !== "Allow") {
                    continue;
                }
                for (const principal of statement.principals.aws.filter(isAccountRootPrincipal)) {
                    report(
                        `Trust ${statementLabel(statement)} of this workload role trusts the account root "${principal}", so any principal of that account allowed sts:AssumeRole can use the workload's permissions. ` +
                            `Remove the statement, or name the one role that needs access.`,
                    );
                }
            }
        },
    }),
);
