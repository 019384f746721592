import { resourcePolicy } from "../../lib/define";
import { str } from "../../lib/props";
import { Types } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

/** IAM fetches the issuer's keys over TLS; EKS issuers are always https. */
export const oidcProviderIssuerUrl = registerPolicy(
    resourcePolicy({
        name: "oidc-provider-issuer-url",
        description: "An IAM OIDC provider's url must be an https:// issuer URL.",
        enforcementLevel: "advisory",
        resourceType: Types.oidcProvider,
        validate: (props, report) => {
            const url = str(props, "url");
            if (typeof url === "string" && !/^https:\/\/[^/\s]+/i.test(url)) {
                report(
                    `The OIDC provider url "${url}" is not an https:// URL. Use the cluster's issuer, e.g. cluster.identities[0].oidcs[0].issuer.`,
                );
            }
        },
    }),
);
