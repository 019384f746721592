import { stackPolicy } from "../../lib/define";
import { attachedOnList, attachedPolicyLabel, policyListSchema } from "../../lib/attachedPolicies";
import { roleLabel } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

export interface NodeRoleForbiddenPoliciesConfig {
    deniedPolicies: string[];
}

export const NODE_ROLE_DENIED_DEFAULT = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

/** Admin or IAM-write on the node role makes every pod of the node an account administrator. */
export const nodeRoleForbiddenPolicies = registerPolicy(
    stackPolicy<NodeRoleForbiddenPoliciesConfig>({
        name: "node-role-forbidden-policies",
        description:
            "A node role must never carry administrator, power-user or IAM full-access managed policies, whatever the allow-list says.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                deniedPolicies: policyListSchema(
                    "Managed policies (names or ARNs) a node role must never carry.",
                    NODE_ROLE_DENIED_DEFAULT,
                ),
            },
        },
        validate: (index, report, config) => {
            for (const role of index.rolesUsedAs("node")) {
                for (const policy of role.managedPolicies) {
                    if (attachedOnList(config.deniedPolicies, policy) === true) {
                        report(
                            `Node ${roleLabel(role, "node")} carries ${attachedPolicyLabel(policy)}, which gives every pod on the node that access through IMDS. Detach it.`,
                            policy.via,
                        );
                    }
                }
            }
        },
    }),
);
