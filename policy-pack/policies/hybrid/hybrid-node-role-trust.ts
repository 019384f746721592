import { stackPolicy } from "../../lib/define";
import { statementLabel } from "../../lib/read";
import { roleLabel } from "../../lib/stack";
import { conditionsOnKey, hasWildcard, isRestrictingCondition } from "../../lib/iam/parser";
import { serviceStatements } from "../../lib/iam/trustStatements";
import { registerPolicy } from "../../lib/registry";

/** An IAM Roles Anywhere trust anchor ARN (`arn:<partition>:rolesanywhere:<region>:<account>:trust-anchor/<id>`). */
const TRUST_ANCHOR_ARN = /^arn:[^:]+:rolesanywhere:[^:]+:\d{12}:trust-anchor\/[^*?]+$/;

/**
 * IAM Roles Anywhere hands a role's credentials to whoever holds a certificate that any trust
 * anchor accepts: without an `aws:SourceArn` condition naming the trust anchor, a certificate from
 * any CA registered in any trust anchor of the account (or a confused deputy) gets the hybrid
 * nodes role, which joins nodes to the cluster. EKS User Guide, hybrid-nodes-creds ("IAM Roles
 * Anywhere" trust policy: `"Condition": {"ArnEquals": {"aws:SourceArn": "TRUST_ANCHOR_ARN"}}` on
 * every statement), IAM Roles Anywhere User Guide, trust-model.
 */
export const hybridNodeRoleTrust = registerPolicy(
    stackPolicy({
        name: "hybrid-node-role-trust",
        description:
            "A hybrid nodes role's trust statements for IAM Roles Anywhere (rolesanywhere.amazonaws.com) must require aws:SourceArn to be the trust anchor's ARN.",
        enforcementLevel: "mandatory",
        validate: (index, report) => {
            for (const role of index.rolesUsedAs("node")) {
                if (!index.isHybridNodeRole(role) || !("policy" in role.trust)) {
                    continue;
                }
                for (const statement of serviceStatements(role.trust.policy, "rolesanywhere.amazonaws.com")) {
                    const anchors = conditionsOnKey(statement, "aws:SourceArn").filter(
                        isRestrictingCondition,
                    );
                    const scoped =
                        anchors.length > 0 &&
                        anchors.some((c) =>
                            c.values.every((v) => !hasWildcard(v) && TRUST_ANCHOR_ARN.test(v)),
                        );
                    if (!scoped) {
                        const found = anchors.flatMap((c) => c.values);
                        report(
                            `Hybrid nodes ${roleLabel(role, "node")} trust ${statementLabel(statement)} trusts rolesanywhere.amazonaws.com ` +
                                (found.length > 0
                                    ? `with aws:SourceArn ${found.map((v) => `"${v}"`).join(", ")}, which is not a trust anchor ARN`
                                    : "without an aws:SourceArn condition") +
                                `, so any certificate any trust anchor of the account accepts gets the role. ` +
                                `Add "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:rolesanywhere:<region>:<account>:trust-anchor/<id>"}}.`,
                            role.role.urn,
                        );
                    }
                }
            }
        },
    }),
);
