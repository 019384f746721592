import { stackPolicy } from "../../lib/define";
import { get, list, str } from "../../lib/props";
import { Types } from "../../lib/stack";
import { wildcardToRegExp } from "../../lib/iam/parser";
import { registerPolicy } from "../../lib/registry";

/**
 * The Pod Identity agent cannot run on Fargate: a pod a Fargate profile schedules never gets the
 * association's role (its SDK silently falls back), so the association is a false assurance.
 */
export const separationPodIdentityFargate = registerPolicy(
    stackPolicy({
        name: "separation-pod-identity-fargate",
        description:
            "A Pod Identity association must not target a namespace that a Fargate profile of the same cluster serves; use IRSA there.",
        enforcementLevel: "advisory",
        validate: (index, report) => {
            const profiles = index.ofType(Types.fargateProfile);
            if (profiles.length === 0) {
                return;
            }
            for (const association of index.ofType(Types.podIdentityAssociation)) {
                const namespace = str(association.props, "namespace");
                const cluster = str(association.props, "clusterName");
                if (typeof namespace !== "string") {
                    continue;
                }
                for (const profile of profiles) {
                    const profileCluster = str(profile.props, "clusterName");
                    if (
                        typeof cluster === "string" &&
                        typeof profileCluster === "string" &&
                        cluster !== profileCluster
                    ) {
                        continue;
                    }
                    const selectors = list(profile.props, "selectors");
                    if (typeof selectors === "symbol") {
                        continue;
                    }
                    const served = selectors.some((s) => {
                        const ns = get(s, "namespace");
                        return typeof ns === "string" && wildcardToRegExp(ns).test(namespace);
                    });
                    if (served) {
                        report(
                            `Pod Identity association "${association.name}" targets namespace "${namespace}", which Fargate profile "${profile.name}" serves; Pod Identity does not work on Fargate. ` +
                                `Use IRSA for this workload, or run it on EC2 nodes.`,
                            association.urn,
                        );
                    }
                }
            }
        },
    }),
);
