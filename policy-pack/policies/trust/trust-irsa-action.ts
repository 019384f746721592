// Checks the trust policy components/trust/irsa.ts (irsaTrustStatement) builds;
// tests: tests/policy-pack/policies/trust/trust-irsa-action.test.ts.
import { statementLabel } from "../../lib/read";
import { WEB_IDENTITY_ACTION } from "../../lib/iam/eksIdentity";
import { webIdentityStatements } from "../../lib/iam/trustStatements";
import { trustPolicyCheck } from "../../lib/define";
import { registerPolicy } from "../../lib/registry";

const ALLOWED = [WEB_IDENTITY_ACTION.toLowerCase(), "sts:tagsession"];

/** A Federated principal with `sts:AssumeRole` (or `sts:*`) is not how IRSA works and widens the trust. */
export const trustIrsaAction = registerPolicy(
    trustPolicyCheck({
        name: "trust-irsa-action",
        description:
            "A statement trusting an OIDC provider must allow only sts:AssumeRoleWithWebIdentity (and optionally sts:TagSession).",
        enforcementLevel: "mandatory",
        check: (policy, report) => {
            for (const { statement } of webIdentityStatements(policy)) {
                if (statement.notAction) {
                    report(
                        `Trust ${statementLabel(statement)} uses NotAction with a Federated principal. Replace it with "Action": "${WEB_IDENTITY_ACTION}".`,
                    );
                    continue;
                }
                const others = statement.actions.filter((a) => !ALLOWED.includes(a.toLowerCase()));
                if (others.length > 0) {
                    report(
                        `Trust ${statementLabel(statement)} allows ${others.map((a) => `"${a}"`).join(", ")} for a Federated principal. Set "Action" to "${WEB_IDENTITY_ACTION}".`,
                    );
                }
            }
        },
    }),
);
