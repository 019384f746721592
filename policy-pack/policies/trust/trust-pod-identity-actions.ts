// Checks the trust policy components/trust/podIdentity.ts (podIdentityTrustStatement) builds;
// tests: tests/policy-pack/policies/trust/trust-pod-identity-actions.test.ts.
import { statementLabel } from "../../lib/read";
import { podIdentityStatements } from "../../lib/iam/trustStatements";
import { statementCoversAction } from "../../lib/iam/parser";
import { trustPolicyCheck } from "../../lib/define";
import { registerPolicy } from "../../lib/registry";

const REQUIRED = ["sts:AssumeRole", "sts:TagSession"];

/** EKS tags every Pod Identity session; without sts:TagSession the association fails (EKS User Guide, pod-id-role). */
export const trustPodIdentityActions = registerPolicy(
    trustPolicyCheck({
        name: "trust-pod-identity-actions",
        description:
            "A statement trusting pods.eks.amazonaws.com must allow both sts:AssumeRole and sts:TagSession.",
        enforcementLevel: "advisory",
        check: (policy, report) => {
            for (const statement of podIdentityStatements(policy)) {
                const missing = REQUIRED.filter((a) => !statementCoversAction(statement, a));
                if (missing.length > 0) {
                    report(
                        `Trust ${statementLabel(statement)} trusts pods.eks.amazonaws.com without ${missing.join(" and ")}, so EKS Pod Identity cannot use the role. ` +
                            `Set "Action": ["sts:AssumeRole", "sts:TagSession"].`,
                    );
                }
            }
        },
    }),
);
