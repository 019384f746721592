// Checks the trust policy components/trust/podIdentity.ts (podIdentityTrustStatement) builds;
// tests: tests/policy-pack/policies/trust/trust-pod-identity-principal-mixing.test.ts.
import { statementLabel } from "../../lib/read";
import { POD_IDENTITY_PRINCIPAL } from "../../lib/iam/eksIdentity";
import { podIdentityStatements, principalsOtherThan } from "../../lib/iam/trustStatements";
import { trustPolicyCheck } from "../../lib/define";
import { registerPolicy } from "../../lib/registry";

/**
 * Conditions written for Pod Identity (session tags, source account) do not constrain other
 * principals the same way: another service in the same statement gets the role on weaker terms.
 */
export const trustPodIdentityPrincipalMixing = registerPolicy(
    trustPolicyCheck({
        name: "trust-pod-identity-principal-mixing",
        description: "A statement trusting pods.eks.amazonaws.com must not name any other principal.",
        enforcementLevel: "mandatory",
        check: (policy, report) => {
            for (const statement of podIdentityStatements(policy)) {
                const others = principalsOtherThan(statement, [POD_IDENTITY_PRINCIPAL]);
                if (others.length > 0) {
                    report(
                        `Trust ${statementLabel(statement)} trusts pods.eks.amazonaws.com together with ${others.map((o) => `"${o}"`).join(", ")}. ` +
                            `Give each principal its own statement with its own conditions.`,
                    );
                }
            }
        },
    }),
);
