import { stackPolicy } from "../../lib/define";
import { get } from "../../lib/props";
import { PolicyRead, readPolicy } from "../../lib/read";
import { attachedOnList, attachedPolicyLabel, policyListSchema } from "../../lib/attachedPolicies";
import { roleLabel } from "../../lib/stack";
import { NODE_ROLE_DENIED_DEFAULT } from "./node-role-forbidden-policies";
import { registerPolicy } from "../../lib/registry";

export interface NodeRoleManagedPoliciesConfig {
    allowedPolicies: string[];
    hybridAllowedPolicies: string[];
}

/**
 * EKS User Guide, hybrid-nodes-creds: with SSM hybrid activations the hybrid nodes role carries
 * AmazonSSMManagedInstanceCore (nodeadm init registers through it); AmazonEC2ContainerRegistryPullOnly
 * is on the node allow-list already. Hybrid nodes have no IMDS, so these reach no pod that way.
 */
export const HYBRID_NODE_ALLOWED_DEFAULT = ["AmazonSSMManagedInstanceCore"];

/**
 * The actions AWS documents for the hybrid nodes role's own policy (EKS User Guide,
 * hybrid-nodes-creds; terraform-aws-eks modules/hybrid-node-role builds it as a customer-managed
 * policy): nodeadm's eks:DescribeCluster and eks:ListAccessEntries, SSM deregistration, and the
 * Pod Identity agent's eks-auth:AssumeRoleForPodIdentity.
 */
export const HYBRID_NODE_ACTIONS = [
    "eks:describecluster",
    "eks:listaccessentries",
    "ssm:deregistermanagedinstance",
    "ssm:describeinstanceinformation",
    "eks-auth:assumeroleforpodidentity",
];

/** True when a known policy document allows nothing but {@link HYBRID_NODE_ACTIONS}. */
export function allowsOnlyHybridNodeActions(read: PolicyRead): boolean {
    return (
        "policy" in read &&
        read.policy.statements.every(
            (s) =>
                s.effect !== "Allow" ||
                (!s.notAction && s.actions.every((a) => HYBRID_NODE_ACTIONS.includes(a.toLowerCase()))),
        )
    );
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
            "A node role (used by a node group, instance profile, launch template or configuration, Auto Mode cluster or node access entry) may carry only the managed policies on the allow-list (hybrid nodes roles: also the hybrid allow-list).",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                allowedPolicies: policyListSchema(
                    "Managed policies a node role may carry: AWS managed policy names, customer-managed policy names of the stack, or exact ARNs. Add AmazonSSMManagedInstanceCore or AmazonEKS_CNI_Policy here only deliberately.",
                    NODE_ROLE_ALLOWED_DEFAULT,
                ),
                hybridAllowedPolicies: policyListSchema(
                    "Managed policies a hybrid nodes role (used only by HYBRID_LINUX access entries) may carry besides allowedPolicies.",
                    HYBRID_NODE_ALLOWED_DEFAULT,
                ),
            },
        },
        validate: (index, report, config) => {
            for (const role of index.rolesUsedAs("node")) {
                const list = index.isHybridNodeRole(role)
                    ? [...config.allowedPolicies, ...config.hybridAllowedPolicies]
                    : config.allowedPolicies;
                const hybrid = index.isHybridNodeRole(role);
                for (const policy of role.managedPolicies) {
                    if (
                        hybrid &&
                        policy.customerManaged &&
                        allowsOnlyHybridNodeActions(readPolicy(get(policy.customerManaged.props, "policy")))
                    ) {
                        continue;
                    }
                    const allowed = attachedOnList(list, policy);
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
