import { stackPolicy } from "../../lib/define";
import { statementLabel } from "../../lib/read";
import { RoleInfo, StackIndex, roleLabel } from "../../lib/stack";
import { conditionsOnKey, hasWildcard, isRestrictingCondition } from "../../lib/iam/parser";
import { serviceStatements } from "../../lib/iam/trustStatements";
import { registerPolicy } from "../../lib/registry";

/** An IAM Roles Anywhere trust anchor ARN (`arn:<partition>:rolesanywhere:<region>:<account>:trust-anchor/<id>`). */
const TRUST_ANCHOR_ARN = /^arn:[^:]+:rolesanywhere:[^:]+:\d{12}:trust-anchor\/[^*?]+$/;

const ROLES_ANYWHERE = "rolesanywhere.amazonaws.com";

/**
 * The roles of the stack a hybrid nodes role trusts as AWS principals that themselves trust only
 * IAM Roles Anywhere: terraform-aws-eks modules/hybrid-node-role (`enable_ira`) puts such an
 * intermediate role between Roles Anywhere and the hybrid nodes role (which trusts it with
 * sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity).
 */
export function rolesAnywhereIntermediates(index: StackIndex, role: RoleInfo): RoleInfo[] {
    if (!("policy" in role.trust)) {
        return [];
    }
    const found = new Set<RoleInfo>();
    for (const statement of role.trust.policy.statements) {
        for (const principal of statement.effect === "Allow" ? statement.principals.aws : []) {
            const intermediate = index.roleWithArn(principal);
            if (intermediate && intermediate !== role && trustsOnlyRolesAnywhere(intermediate)) {
                found.add(intermediate);
            }
        }
    }
    return [...found];
}

function trustsOnlyRolesAnywhere(role: RoleInfo): boolean {
    if (!("policy" in role.trust)) {
        return false;
    }
    const allows = role.trust.policy.statements.filter((s) => s.effect === "Allow");
    return (
        allows.length > 0 &&
        allows.every(
            (s) =>
                !s.principals.wildcard &&
                s.principals.aws.length +
                    s.principals.federated.length +
                    s.principals.canonicalUser.length ===
                    0 &&
                s.principals.service.length > 0 &&
                s.principals.service.every((p) => p.toLowerCase() === ROLES_ANYWHERE),
        )
    );
}

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
                const checked = [role, ...rolesAnywhereIntermediates(index, role)];
                for (const [trusting, statement] of checked.flatMap((r) =>
                    "policy" in r.trust
                        ? serviceStatements(r.trust.policy, ROLES_ANYWHERE).map((st) => [r, st] as const)
                        : [],
                )) {
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
                        const whose =
                            trusting === role
                                ? `trust ${statementLabel(statement)}`
                                : `trusts intermediate role "${trusting.role.name}", whose trust ${statementLabel(statement)}`;
                        report(
                            `Hybrid nodes ${roleLabel(role, "node")} ${whose} trusts rolesanywhere.amazonaws.com ` +
                                (found.length > 0
                                    ? `with aws:SourceArn ${found.map((v) => `"${v}"`).join(", ")}, which is not a trust anchor ARN`
                                    : "without an aws:SourceArn condition") +
                                `, so any certificate any trust anchor of the account accepts gets the role. ` +
                                `Add "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:rolesanywhere:<region>:<account>:trust-anchor/<id>"}}.`,
                            trusting.role.urn,
                        );
                    }
                }
            }
        },
    }),
);
