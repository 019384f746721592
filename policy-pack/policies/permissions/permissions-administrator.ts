import { stackPolicy } from "../../lib/define";
import { administratorProblem, visitWorkloadStatements } from "../../lib/permissions";
import { roleLabel } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

interface Config {
    /** Role names allowed administrator permissions: an explicit, reviewed exception. */
    allowedRoles: string[];
}

/** A workload role that can do everything turns any pod that reaches it into the account's administrator. */
export const permissionsAdministrator = registerPolicy(
    stackPolicy<Config>({
        name: "permissions-administrator",
        description:
            "A workload role (IRSA, Pod Identity, an add-on's) must not be administrator-equivalent: no `*` actions, no NotAction allows, no every-action-of IAM or STS, on every resource, whether inline, customer-managed or AWS managed (AdministratorAccess, PowerUserAccess, IAMFullAccess).",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                allowedRoles: {
                    type: "array",
                    items: { type: "string" },
                    default: [],
                    description:
                        "Names of workload roles allowed administrator permissions (a reviewed exception).",
                },
            },
        },
        validate: async (index, report, config) => {
            await visitWorkloadStatements(
                index,
                async (role, { statement, label, document }) => {
                    const problem = await administratorProblem(statement);
                    if (problem) {
                        report(
                            `Workload ${roleLabel(role, "workload")}: ${label} ${problem} on every resource: every pod that can use this role is an administrator of the account. ` +
                                `Grant the actions and resources the workload needs, or list the role in allowedRoles if it is a reviewed exception.`,
                            document.urn,
                        );
                    }
                },
                (role) => typeof role.roleName === "string" && config.allowedRoles.includes(role.roleName),
            );
        },
    }),
);
