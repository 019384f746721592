// Checks the trust policy components/trust/irsa.ts (irsaTrustStatement) builds;
// tests: tests/policy-pack/policies/trust/trust-irsa-audience-required.test.ts.
import { statementLabel } from "../../lib/read";
import { STS_AUDIENCE } from "../../lib/iam/eksIdentity";
import { isRestrictingCondition } from "../../lib/iam/parser";
import { webIdentityStatements } from "../../lib/iam/trustStatements";
import { trustPolicyCheck } from "../../lib/define";
import { issuerClaimConditions } from "../../lib/iam/irsaClaims";
import { registerPolicy } from "../../lib/registry";

export interface TrustIrsaAudienceConfig {
    allowedAudiences: string[];
}

/** Without an `aud` check, a token the cluster minted for another audience can be exchanged for the role. */
export const trustIrsaAudienceRequired = registerPolicy(
    trustPolicyCheck<TrustIrsaAudienceConfig>({
        name: "trust-irsa-audience-required",
        description:
            "An IRSA trust statement must require the provider's own `<issuer>:aud` key to be sts.amazonaws.com, so tokens minted for other audiences cannot be exchanged for the role.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                allowedAudiences: {
                    type: "array",
                    items: { type: "string" },
                    default: [STS_AUDIENCE],
                    description:
                        "Audiences an IRSA trust statement may accept in its `<issuer>:aud` condition.",
                },
            },
        },
        check: (policy, report, config) => {
            for (const { statement, issuers } of webIdentityStatements(policy)) {
                for (const issuer of issuers) {
                    const auds = issuerClaimConditions(statement, issuer, "aud").filter(
                        isRestrictingCondition,
                    );
                    if (auds.length === 0) {
                        report(
                            `Trust ${statementLabel(statement)} trusts the OIDC provider ${issuer} without a condition on "${issuer}:aud". ` +
                                `Add "StringEquals": {"${issuer}:aud": "${STS_AUDIENCE}"}.`,
                        );
                        continue;
                    }
                    const others = [...new Set(auds.flatMap((c) => c.values))].filter(
                        (v) => !config.allowedAudiences.includes(v),
                    );
                    if (others.length > 0) {
                        report(
                            `Trust ${statementLabel(statement)} accepts the audience(s) ${others.map((v) => `"${v}"`).join(", ")} for ${issuer}. ` +
                                `Accept only ${config.allowedAudiences.map((v) => `"${v}"`).join(", ")}.`,
                        );
                    }
                }
            }
        },
    }),
);
