import { stackPolicy } from "../../lib/define";
import { attachedOnList, attachedPolicyLabel, policyListSchema } from "../../lib/attachedPolicies";
import { roleLabel } from "../../lib/stack";
import { NODE_ROLE_DENIED_DEFAULT } from "./node-role-forbidden-policies";
import { registerPolicy } from "../../lib/registry";

export interface NodeRoleManagedPoliciesConfig {
    allowedPolicies: string[];
}

export const NODE_ROLE_ALLOWED_DEFAULT = [
    "AmazonEKSWorkerNodePolicy",
    "AmazonEKSWorkerNodeMinimalPolicy",
    "AmazonEC2ContainerRegistryPullOnly",
    "AmazonEC2ContainerRegistryReadOnly",
];

/**
 * Pods reach the node role through IMDS, so whatever it carries every pod of the node gets
 * (EKS Best Practices, "Identity and access"). Workload permissions belong to workload roles;
 * AmazonEKS_CNI_Policy belongs to the vpc-cni service account.
 */
export const nodeRoleManagedPolicies = registerPolicy(
    stackPolicy<NodeRoleManagedPoliciesConfig>({
        name: "node-role-managed-policies",
        description:
            "A node role (used by a node group, instance profile, launch template or EC2 access entry) may carry only the managed policies on the allow-list.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                allowedPolicies: policyListSchema(
                    "Managed policies a node role may carry: AWS managed policy names, customer-managed policy names of the stack, or exact ARNs. Add AmazonSSMManagedInstanceCore or AmazonEKS_CNI_Policy here only deliberately.",
                    NODE_ROLE_ALLOWED_DEFAULT,
                ),
            },
        },
        validate: (index, report, config) => {
            for (const role of index.rolesUsedAs("node")) {
                for (const policy of role.managedPolicies) {
                    const allowed = attachedOnList(config.allowedPolicies, policy);
                    // Forbidden policies (admin, IAM) have their own policy and message.
                    if (allowed === false && attachedOnList(NODE_ROLE_DENIED_DEFAULT, policy) !== true) {
                        report(
                            `Node ${roleLabel(role, "node")} carries ${attachedPolicyLabel(policy)}, which is not on the node-role allow-list: every pod on the node can use it through IMDS. ` +
                                `Detach it and grant it to the workload's own role (IRSA or Pod Identity), or add it to allowedPolicies.`,
                            policy.via,
                        );
                    }
                }
            }
        },
    }),
);
