import { resourcePolicy } from "../../lib/define";
import { UNKNOWN, list } from "../../lib/props";
import { Types } from "../../lib/stack";
import { STS_AUDIENCE } from "../../lib/iam/eksIdentity";
import { registerPolicy } from "../../lib/registry";

export interface OidcProviderClientIdsConfig {
    allowedClientIds: string[];
}

/** Every extra client id is an audience whose tokens STS will exchange for roles trusting the provider. */
export const oidcProviderClientIds = registerPolicy(
    resourcePolicy<OidcProviderClientIdsConfig>({
        name: "oidc-provider-client-ids",
        description:
            "An IAM OIDC provider for an EKS issuer must list exactly sts.amazonaws.com as its client id (audience).",
        enforcementLevel: "mandatory",
        resourceType: Types.oidcProvider,
        configSchema: {
            properties: {
                allowedClientIds: {
                    type: "array",
                    items: { type: "string" },
                    default: [STS_AUDIENCE],
                    description: "Client ids (audiences) an OIDC provider may list.",
                },
            },
        },
        validate: (props, report, config) => {
            const ids = list(props, "clientIdLists");
            if (ids === UNKNOWN || ids.includes(UNKNOWN)) {
                return;
            }
            const extra = ids.filter((id) => typeof id !== "string" || !config.allowedClientIds.includes(id));
            if (ids.length === 0 || extra.length > 0) {
                report(
                    `The OIDC provider lists client ids ${JSON.stringify(ids)}. Set clientIdLists to ${JSON.stringify(config.allowedClientIds)}: every other audience is a token STS would accept.`,
                );
            }
        },
    }),
);
