import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface CoreDnsAddonArgs {
    /** Name of the EKS cluster. */
    clusterName: pulumi.Input<string>;
    /** Add-on version (e.g. from `aws.eks.getAddonVersion`). Default: the EKS default for the cluster version. */
    addonVersion?: pulumi.Input<string>;
    /** JSON configuration values of the add-on (e.g. replicaCount, tolerations). Default: none. */
    configurationValues?: pulumi.Input<string>;
    /** Tags. Default: {}. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The managed CoreDNS add-on. Separate from `EksCluster` because CoreDNS is a Deployment: the
 * add-on only becomes ACTIVE once nodes or a Fargate profile can run it, so create it with
 * `dependsOn` on the compute.
 */
export class CoreDnsAddon extends pulumi.ComponentResource {
    /** ARN of the coredns add-on. */
    public readonly addonArn: pulumi.Output<string>;

    constructor(name: string, args: CoreDnsAddonArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-identity:index:CoreDnsAddon", name, {}, opts);
        const addon = new aws.eks.Addon(
            `${name}-coredns`,
            {
                clusterName: args.clusterName,
                addonName: "coredns",
                addonVersion: args.addonVersion,
                configurationValues: args.configurationValues,
                resolveConflictsOnUpdate: "OVERWRITE",
                tags: args.tags,
            },
            { parent: this },
        );
        this.addonArn = addon.arn;
        this.registerOutputs({ addonArn: this.addonArn });
    }
}
