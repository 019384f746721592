import { stackPolicy } from "../../lib/define";
import {
    actionListSchema,
    administratorProblem,
    grantedOf,
    isUnscopedResource,
    visitWorkloadStatements,
} from "../../lib/permissions";
import { RoleInfo, roleLabel } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";
import {
    ParsedStatement,
    conditionsOnKey,
    isRestrictingCondition,
    wildcardToRegExp,
} from "../../lib/iam/parser";

/**
 * Actions that let a principal give itself (or take over) more permissions than it was granted.
 * Sources: Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation" (the 21
 * published methods: policy versions, attach/put policies on users, groups and roles, login
 * profiles, access keys, trust updates, PassRole with a service, code updates of functions and
 * dev endpoints); NCC Group's Principal Mapper (principalmapper/graphing/iam_edges.py: access keys,
 * login profiles, UpdateAssumeRolePolicy; sts_edges.py: AssumeRole); permission-boundary removal
 * (IAM User Guide, "Permissions boundaries for IAM entities").
 */
export const ESCALATION_ACTIONS: readonly string[] = [
    "iam:PassRole",
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:AttachRolePolicy",
    "iam:AttachUserPolicy",
    "iam:AttachGroupPolicy",
    "iam:PutRolePolicy",
    "iam:PutUserPolicy",
    "iam:PutGroupPolicy",
    "iam:AddUserToGroup",
    "iam:UpdateAssumeRolePolicy",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:DeleteRolePermissionsBoundary",
    "iam:DeleteUserPermissionsBoundary",
    "iam:PutRolePermissionsBoundary",
    "iam:PutUserPermissionsBoundary",
    "sts:AssumeRole",
    "lambda:UpdateFunctionCode",
    "glue:UpdateDevEndpoint",
];

/** Actions on a role that, aimed at the role's own ARN, let it raise its own permissions. */
const SELF_ESCALATION = new Set(
    [
        "iam:AttachRolePolicy",
        "iam:PutRolePolicy",
        "iam:UpdateAssumeRolePolicy",
        "iam:DeleteRolePermissionsBoundary",
        "iam:PutRolePermissionsBoundary",
    ].map((a) => a.toLowerCase()),
);

/** The escalation problems of one Allow statement of `role`, in words. */
export async function escalationProblems(
    statement: ParsedStatement,
    role: RoleInfo,
    actions: readonly string[],
): Promise<string[]> {
    if (statement.notAction || (await administratorProblem(statement))) {
        return []; // permissions-administrator reports it, once
    }
    const granted = (await grantedOf(statement, actions)) ?? [];
    const unscoped = statement.notResource || statement.resources.some(isUnscopedResource);
    const ownArn = typeof role.arn === "string" ? role.arn : undefined;
    const onSelf = ownArn !== undefined && statement.resources.some((r) => wildcardToRegExp(r).test(ownArn));
    const found: string[] = [];
    for (const action of granted) {
        if (action.toLowerCase() === "iam:passrole") {
            const passedTo = conditionsOnKey(statement, "iam:PassedToService").some(isRestrictingCondition);
            if (unscoped) {
                found.push(
                    `allows iam:PassRole on every role ("${statement.resources.join(", ") || "NotResource"}")`,
                );
            } else if (!passedTo) {
                found.push("allows iam:PassRole without an iam:PassedToService condition");
            }
        } else if (unscoped) {
            found.push(`allows ${action} on every resource of its kind`);
        } else if (onSelf && SELF_ESCALATION.has(action.toLowerCase())) {
            found.push(`allows ${action} on the role itself (self-escalation)`);
        }
    }
    return found;
}

interface Config {
    /** The escalation actions checked; the default is the published list above. */
    actions: string[];
}

/** A workload role that can raise its own permissions is as wide as what it can raise them to. */
export const permissionsPrivilegeEscalation = registerPolicy(
    stackPolicy<Config>({
        name: "permissions-privilege-escalation",
        description:
            "A workload role must not hold an IAM privilege-escalation action on unscoped resources (iam:PassRole on `*` or without iam:PassedToService, policy versions, attaching or putting policies, trust updates, access keys, login profiles, permission boundaries, sts:AssumeRole on `*`), nor on its own ARN.",
        enforcementLevel: "mandatory",
        configSchema: actionListSchema(
            "The escalation actions checked (service:Action).",
            ESCALATION_ACTIONS,
        ),
        validate: async (index, report, config) => {
            await visitWorkloadStatements(index, async (role, { statement, label, document }) => {
                for (const problem of await escalationProblems(statement, role, config.actions)) {
                    report(
                        `Workload ${roleLabel(role, "workload")}: ${label} ${problem}: a pod with this role can give itself more permissions than it was granted. ` +
                            `Scope the resource to the exact ARNs the workload manages (and PassRole with iam:PassedToService), or remove the action.`,
                        document.urn,
                    );
                }
            });
        },
    }),
);
