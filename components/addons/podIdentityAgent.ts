import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The eks-pod-identity-agent add-on of a cluster. */
export interface PodIdentityAgentAddonArgs {
    /** Name of the EKS cluster. */
    clusterName: pulumi.Input<string>;
    /** Add-on version. Default: the EKS default for the cluster version. */
    addonVersion?: pulumi.Input<string>;
    /** Tags. Default: {}. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The managed eks-pod-identity-agent add-on, as EksCluster, a stack on an existing cluster and
 * pulumiEksIdentityCluster install it. The agent's own settings win over what someone changed by
 * hand (resolveConflictsOnUpdate OVERWRITE; EKS's default is NONE).
 */
export function podIdentityAgentAddon(
    name: string,
    args: PodIdentityAgentAddonArgs,
    opts?: pulumi.CustomResourceOptions,
): aws.eks.Addon {
    return new aws.eks.Addon(
        name,
        {
            clusterName: args.clusterName,
            addonName: "eks-pod-identity-agent",
            addonVersion: args.addonVersion,
            resolveConflictsOnUpdate: "OVERWRITE",
            tags: args.tags ?? {},
        },
        opts,
    );
}
