import { stackPolicy } from "../../lib/define";
import { Types } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

export interface OidcProviderQuotaConfig {
    maxProviders: number;
    existingProviders: number;
}

/** IAM allows 100 OIDC providers per account by default (REFERENCE.md: *verify*); IRSA needs one per cluster. */
export const oidcProviderQuota = registerPolicy(
    stackPolicy<OidcProviderQuotaConfig>({
        name: "oidc-provider-quota",
        description:
            "The OIDC providers of the stack, plus those the account already has, must stay within the account's OIDC provider quota.",
        enforcementLevel: "advisory",
        configSchema: {
            properties: {
                maxProviders: {
                    type: "integer",
                    minimum: 1,
                    default: 100,
                    description: "The account's 'OpenId connect providers per account' quota.",
                },
                existingProviders: {
                    type: "integer",
                    minimum: 0,
                    default: 0,
                    description: "OIDC providers the account already has outside this stack.",
                },
            },
        },
        validate: (index, report, config) => {
            const count = index.ofType(Types.oidcProvider).length;
            const total = count + config.existingProviders;
            if (total > config.maxProviders) {
                report(
                    `The stack creates ${count} OIDC providers; with ${config.existingProviders} existing that is ${total}, over the quota of ${config.maxProviders}. ` +
                        `Move clusters to EKS Pod Identity (no provider needed) or raise the quota and set maxProviders.`,
                );
            }
        },
    }),
);
