import { stackPolicy } from "../../lib/define";
import { UNKNOWN, get, list, str } from "../../lib/props";
import { ROLE_ARN_ANNOTATION, StackIndex, Types } from "../../lib/stack";
import { attachedOnList, attachedPolicyLabel } from "../../lib/attachedPolicies";
import { roleLabel } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

const CNI_POLICIES = ["AmazonEKS_CNI_Policy", "AmazonEKS_CNI_IPv6_Policy"];

/** Where vpc-cni (`kube-system/aws-node`) gets its own identity, if anywhere in the stack. */
function cniIdentity(index: StackIndex): string | undefined {
    for (const addon of index.ofType(Types.addon)) {
        if (str(addon.props, "addonName") !== "vpc-cni") {
            continue;
        }
        const saRole = get(addon.props, "serviceAccountRoleArn");
        if (saRole !== undefined && saRole !== "") {
            return `serviceAccountRoleArn of add-on "${addon.name}"`;
        }
        const associations = list(addon.props, "podIdentityAssociations");
        if (associations === UNKNOWN || associations.length > 0) {
            return `podIdentityAssociations of add-on "${addon.name}"`;
        }
    }
    for (const a of index.ofType(Types.podIdentityAssociation)) {
        if (str(a.props, "namespace") === "kube-system" && str(a.props, "serviceAccount") === "aws-node") {
            return `Pod Identity association "${a.name}"`;
        }
    }
    for (const sa of index.ofType(Types.serviceAccount)) {
        if (
            str(sa.props, "metadata", "namespace") === "kube-system" &&
            str(sa.props, "metadata", "name") === "aws-node" &&
            get(sa.props, "metadata", "annotations", ROLE_ARN_ANNOTATION) !== undefined
        ) {
            return `service account kube-system/aws-node`;
        }
    }
    return undefined;
}

/** When vpc-cni has its own identity, the CNI policy on the node role only hands ENI control to every pod. */
export const nodeRoleCniPolicy = registerPolicy(
    stackPolicy({
        name: "node-role-cni-policy",
        description:
            "A node role must not carry AmazonEKS_CNI_Policy when the vpc-cni add-on (aws-node) has its own IRSA or Pod Identity role.",
        enforcementLevel: "advisory",
        validate: (index, report) => {
            const identity = cniIdentity(index);
            if (!identity) {
                return;
            }
            for (const role of index.rolesUsedAs("node")) {
                for (const policy of role.managedPolicies) {
                    if (attachedOnList(CNI_POLICIES, policy) === true) {
                        report(
                            `Node ${roleLabel(role, "node")} carries ${attachedPolicyLabel(policy)} although vpc-cni has its own identity (${identity}). Detach it from the node role.`,
                            policy.via,
                        );
                    }
                }
            }
        },
    }),
);
