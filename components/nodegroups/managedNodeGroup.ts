import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Problems } from "../common/validation";
import {
    createLaunchTemplate,
    dataDeviceFor,
    latestVersionOf,
    openNodeGroup,
    RemoteAccess,
    sshGroupFor,
} from "./nodeRole";
import { Taint } from "./taint";
import {
    AMI_TYPES,
    CAPACITY_TYPES,
    scaling,
    UNSUPPORTED_CAPACITY_TYPES,
    validateCommonNodeGroupArgs,
} from "./validate";

export interface ManagedNodeGroupArgs {
    /** Name of the EKS cluster. */
    clusterName: pulumi.Input<string>;
    /** Private subnets for the nodes. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Use this existing node role (shared between groups) instead of creating one. Default: a new role with least-privilege policies. */
    nodeRoleArn?: pulumi.Input<string>;
    /** Instance types. Default: ["m7i.large"]. */
    instanceTypes?: string[];
    /** ON_DEMAND or SPOT (CAPACITY_BLOCK is refused: it needs a launch template this component does not make). Default: "ON_DEMAND". */
    capacityType?: string;
    /** EKS AMI type (AL2023 or Bottlerocket families). Default: "AL2023_x86_64_STANDARD". */
    amiType?: string;
    /** Minimum number of nodes. Default: 1. */
    minSize?: number;
    /** Maximum number of nodes. Default: 3. */
    maxSize?: number;
    /** Desired number of nodes at creation. Default: 2, clamped to [minSize, maxSize]. */
    desiredSize?: number;
    /**
     * The account's "Nodes per managed node group" quota (EKS service quotas), which maxSize may not
     * exceed. Set it only after raising the quota. Default: 450, EKS's default.
     */
    nodesPerGroupQuota?: number;
    /** Maximum nodes unavailable during an update. Default: 1. */
    maxUnavailable?: number;
    /** Kubernetes labels of the nodes. Default: {}. */
    labels?: Record<string, string>;
    /** Kubernetes taints of the nodes. Default: []. */
    taints?: Taint[];
    /** Root volume size in GiB (encrypted gp3). Default: 50. */
    diskSizeGiB?: number;
    /** Kubernetes version of the nodes. Default: the cluster's. */
    kubernetesVersion?: string;
    /** Attach AmazonSSMManagedInstanceCore to the node role. Default: false. */
    ssm?: boolean;
    /** Attach AmazonEKS_CNI_Policy to the node role (warned: vpc-cni should have its own identity). Default: false. */
    cniPolicy?: boolean;
    /** SSH access, only from named security groups. Needs vpcId and clusterSecurityGroupId. Default: none. */
    remoteAccess?: RemoteAccess;
    /** VPC of the cluster (for the SSH security group). */
    vpcId?: pulumi.Input<string>;
    /** The cluster security group, kept on nodes when remote access adds its own group. */
    clusterSecurityGroupId?: pulumi.Input<string>;
    /** Tags. Default: {}. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * An EKS managed node group on its own launch template (IMDSv2 required, hop limit 1, encrypted
 * root volume) with a least-privilege node role: AmazonEKSWorkerNodePolicy and
 * AmazonEC2ContainerRegistryPullOnly only, unless SSM or CNI are explicitly asked for.
 */
export class ManagedNodeGroup extends pulumi.ComponentResource {
    /** Name of the EKS managed node group. */
    public readonly nodeGroupName: pulumi.Output<string>;
    /** ARN of the EKS managed node group. */
    public readonly nodeGroupArn: pulumi.Output<string>;
    /** ARN of the node role (the given `nodeRoleArn`, or the role this group created). */
    public readonly nodeRoleArn: pulumi.Output<string>;
    /** Launch template carrying the IMDSv2-only metadata options and the encrypted root volume. */
    public readonly launchTemplateId: pulumi.Output<string>;

    constructor(name: string, args: ManagedNodeGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-identity:index:ManagedNodeGroup", name, {}, opts);
        validateManagedNodeGroupArgs(args).throwIfAny("ManagedNodeGroup", name);

        const { tags, nodeRole } = openNodeGroup(name, args, this);
        const sshGroup = sshGroupFor(name, args, this, tags);
        const launchTemplate = createLaunchTemplate(
            {
                name,
                diskSizeGiB: args.diskSizeGiB ?? 50,
                deviceName: dataDeviceFor(args.amiType ?? "AL2023_x86_64_STANDARD"),
                keyName: args.remoteAccess?.sshKeyName,
                securityGroupIds: sshGroup ? [args.clusterSecurityGroupId!, sshGroup.id] : undefined,
                tags,
            },
            this,
        );
        const size = scaling(args);
        const nodeGroup = new aws.eks.NodeGroup(
            `${name}-ng`,
            {
                clusterName: args.clusterName,
                nodeRoleArn: nodeRole.arn,
                subnetIds: args.subnetIds,
                instanceTypes: args.instanceTypes ?? ["m7i.large"],
                capacityType: args.capacityType ?? "ON_DEMAND",
                amiType: args.amiType ?? "AL2023_x86_64_STANDARD",
                version: args.kubernetesVersion,
                scalingConfig: size,
                updateConfig: { maxUnavailable: args.maxUnavailable ?? 1 },
                labels: args.labels,
                taints: args.taints,
                launchTemplate: latestVersionOf(launchTemplate),
                tags,
            },
            // Desired size drifts with autoscaling; do not fight the autoscaler on every update.
            { parent: this, dependsOn: nodeRole.dependencies, ignoreChanges: ["scalingConfig.desiredSize"] },
        );

        this.nodeGroupName = nodeGroup.nodeGroupName;
        this.nodeGroupArn = nodeGroup.arn;
        this.nodeRoleArn = nodeRole.arn;
        this.launchTemplateId = launchTemplate.id;
        this.registerOutputs({
            nodeGroupName: this.nodeGroupName,
            nodeGroupArn: this.nodeGroupArn,
            nodeRoleArn: this.nodeRoleArn,
        });
    }
}

export function validateManagedNodeGroupArgs(args: ManagedNodeGroupArgs): Problems {
    const problems = new Problems();
    if (args.clusterName === undefined) {
        problems.add("clusterName", "clusterName is required");
    }
    validateCommonNodeGroupArgs(args, problems, { nodesPerGroupQuota: args.nodesPerGroupQuota });
    if (args.amiType !== undefined && !AMI_TYPES.includes(args.amiType)) {
        problems.add("amiType", `unknown AMI type "${args.amiType}": use one of ${AMI_TYPES.join(", ")}`);
    }
    if (args.capacityType !== undefined && args.capacityType in UNSUPPORTED_CAPACITY_TYPES) {
        problems.add("capacityType", `${args.capacityType} ${UNSUPPORTED_CAPACITY_TYPES[args.capacityType]}`);
    } else if (args.capacityType !== undefined && !CAPACITY_TYPES.includes(args.capacityType)) {
        problems.add(
            "capacityType",
            `unknown capacity type "${args.capacityType}": use one of ${CAPACITY_TYPES.join(", ")}`,
        );
    }
    if (args.instanceTypes !== undefined && args.instanceTypes.length === 0) {
        problems.add(
            "instanceTypes",
            "instanceTypes is empty: list at least one instance type or leave it out",
        );
    }
    if (
        args.maxUnavailable !== undefined &&
        (!Number.isInteger(args.maxUnavailable) || args.maxUnavailable < 1)
    ) {
        problems.add(
            "maxUnavailable",
            `maxUnavailable must be a whole number >= 1; got ${args.maxUnavailable}`,
        );
    }
    return problems;
}
