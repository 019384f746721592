// Checks the trust policy components/trust/podIdentity.ts (podIdentityTrustStatement) builds;
// tests: tests/policy-pack/policies/trust/trust-pod-identity-session-tags.test.ts.
import { stackPolicy, Undetermined } from "../../lib/define";
import { UNKNOWN, get, str } from "../../lib/props";
import { statementLabel } from "../../lib/read";
import { Types } from "../../lib/stack";
import { isRestrictingCondition } from "../../lib/iam/parser";
import { podIdentityStatements } from "../../lib/iam/trustStatements";
import { registerPolicy } from "../../lib/registry";

/**
 * EKS User Guide (pod-id-association, session policies): with `disableSessionTags` EKS sends no
 * `aws:RequestTag/*` keys, so tag conditions in the role's trust never match; a session `policy`
 * requires `disableSessionTags = true` (the API rejects it otherwise).
 */
export const trustPodIdentitySessionTags = registerPolicy(
    stackPolicy({
        name: "trust-pod-identity-session-tags",
        description:
            "A Pod Identity association's disableSessionTags must agree with its role's trust policy (no aws:RequestTag conditions when tags are disabled) and with its session policy (a policy requires disableSessionTags).",
        enforcementLevel: "advisory",
        validate: (index, report) => {
            const undetermined: string[] = [];
            for (const association of index.ofType(Types.podIdentityAssociation)) {
                const disabled = get(association.props, "disableSessionTags");
                const sessionPolicy = str(association.props, "policy");
                if (
                    (sessionPolicy === UNKNOWN || (sessionPolicy ?? "") !== "") &&
                    disabled !== true &&
                    disabled !== UNKNOWN
                ) {
                    report(
                        `Pod Identity association "${association.name}" sets a session policy without disableSessionTags, which EKS rejects. Set disableSessionTags: true (and drop aws:RequestTag conditions from the role's trust).`,
                        association.urn,
                    );
                }
                if (disabled !== true) {
                    continue;
                }
                for (const role of index.rolesReferencedBy(
                    association,
                    "roleArn",
                    get(association.props, "roleArn"),
                )) {
                    if ("unknown" in role.trust) {
                        undetermined.push(
                            `the trust policy of role "${role.role.name}", used by Pod Identity association "${association.name}" with disableSessionTags, is unknown at preview`,
                        );
                        continue;
                    }
                    if (!("policy" in role.trust)) {
                        continue;
                    }
                    for (const statement of podIdentityStatements(role.trust.policy)) {
                        const tags = statement.conditions.filter(
                            (c) => c.keyLower.startsWith("aws:requesttag/") && isRestrictingCondition(c),
                        );
                        if (tags.length > 0) {
                            report(
                                `Pod Identity association "${association.name}" disables session tags, but trust ${statementLabel(statement)} of role "${role.role.name}" requires ${tags.map((c) => `"${c.key}"`).join(", ")}, which EKS then never sends: the role cannot be assumed. ` +
                                    `Remove the aws:RequestTag conditions (keep aws:SourceAccount) or enable session tags.`,
                                association.urn,
                            );
                        }
                    }
                }
            }
            if (undetermined.length > 0) {
                throw new Undetermined(undetermined.join("; "));
            }
        },
    }),
);
