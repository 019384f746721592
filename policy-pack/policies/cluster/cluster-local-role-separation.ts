import { stackPolicy } from "../../lib/define";
import { roleLabel } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

/**
 * The cluster role of a local cluster on Outposts trusts ec2.amazonaws.com by AWS's design
 * (EKS User Guide, eks-outposts-local-cluster-create) and carries
 * AmazonEKSLocalOutpostClusterPolicy for the control plane instances. Because it trusts EC2, an
 * instance profile, node group or launch template of the stack can hand it to worker nodes, and
 * every pod on them then holds the control plane's permissions through IMDS. EKS's own note
 * (cluster-iam-role, create-node-role): the node role must not be the cluster role.
 */
export const clusterLocalRoleSeparation = registerPolicy(
    stackPolicy({
        name: "cluster-local-role-separation",
        description:
            "The cluster role of a local cluster on Outposts (it trusts ec2.amazonaws.com) must not also be a node role.",
        enforcementLevel: "mandatory",
        validate: (index, report) => {
            for (const role of index.rolesUsedAs("cluster")) {
                if (!index.isLocalClusterRole(role)) {
                    continue;
                }
                for (const use of role.uses.filter((u) => u.kind === "node")) {
                    report(
                        `${roleLabel(role, "cluster")[0].toUpperCase()}${roleLabel(role, "cluster").slice(1)} of a local cluster on Outposts is also a node role through ${use.how}: ` +
                            `every pod on those nodes gets the control plane's permissions through IMDS. Give the nodes their own node role.`,
                        use.by.urn,
                    );
                }
            }
        },
    }),
);
