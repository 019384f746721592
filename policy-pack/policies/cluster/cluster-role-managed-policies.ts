import { stackPolicy } from "../../lib/define";
import { attachedOnList, attachedPolicyLabel, policyListSchema } from "../../lib/attachedPolicies";
import { roleLabel } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

export interface ClusterRoleManagedPoliciesConfig {
    allowedPolicies: string[];
    localClusterAllowedPolicies: string[];
}

/** EKS User Guide, eks-outposts-local-cluster-create: a local cluster's role carries AmazonEKSLocalOutpostClusterPolicy. */
export const LOCAL_CLUSTER_ROLE_ALLOWED_DEFAULT = ["AmazonEKSLocalOutpostClusterPolicy"];

export const CLUSTER_ROLE_ALLOWED_DEFAULT = [
    "AmazonEKSClusterPolicy",
    "AmazonEKSVPCResourceController",
    "AmazonEKSComputePolicy",
    "AmazonEKSBlockStoragePolicy",
    "AmazonEKSLoadBalancingPolicy",
    "AmazonEKSNetworkingPolicy",
];

/** REFERENCE.md "Roles of the platform itself": the cluster role's least-privilege set (AmazonEKSServicePolicy is obsolete). */
export const clusterRoleManagedPolicies = registerPolicy(
    stackPolicy<ClusterRoleManagedPoliciesConfig>({
        name: "cluster-role-managed-policies",
        description:
            "A cluster role may carry only the managed policies on its allow-list (EKS cluster, VPC resource controller and Auto Mode policies; AmazonEKSLocalOutpostClusterPolicy for a local cluster on Outposts).",
        enforcementLevel: "advisory",
        configSchema: {
            properties: {
                allowedPolicies: policyListSchema(
                    "Managed policies a cluster role may carry: AWS managed policy names, customer-managed policy names of the stack, or exact ARNs.",
                    CLUSTER_ROLE_ALLOWED_DEFAULT,
                ),
                localClusterAllowedPolicies: policyListSchema(
                    "Managed policies the cluster role of a local cluster on Outposts (outpostConfig set) may carry, instead of allowedPolicies.",
                    LOCAL_CLUSTER_ROLE_ALLOWED_DEFAULT,
                ),
            },
        },
        validate: (index, report, config) => {
            for (const role of index.rolesUsedAs("cluster")) {
                const list = index.isLocalClusterRole(role)
                    ? config.localClusterAllowedPolicies
                    : config.allowedPolicies;
                for (const policy of role.managedPolicies) {
                    if (attachedOnList(list, policy) === false) {
                        report(
                            `Cluster ${roleLabel(role, "cluster")} carries ${attachedPolicyLabel(policy)}, which is not on the cluster-role allow-list. Detach it (AmazonEKSServicePolicy is obsolete since 2020), or add it to allowedPolicies.`,
                            policy.via,
                        );
                    }
                }
            }
        },
    }),
);
