import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../common/aws";
import { isPlain, Problems } from "../common/validation";
import { DEFAULT_KUBERNETES_VERSION } from "../cluster/validate";
import { createLaunchTemplate, latestVersionOf, openNodeGroup, RemoteAccess, sshGroupFor } from "./nodeRole";
import { Taint } from "./taint";
import { scaling, validateCommonNodeGroupArgs } from "./validate";

/** AMI families a self-managed group boots with nodeadm (AL2023). */
export const SELF_MANAGED_AMI_TYPES: Record<string, string> = {
    AL2023_x86_64_STANDARD: "x86_64/standard",
    AL2023_ARM_64_STANDARD: "arm64/standard",
    AL2023_x86_64_NVIDIA: "x86_64/nvidia",
};

export interface SelfManagedNodeGroupArgs {
    /** Name of the EKS cluster. */
    clusterName: pulumi.Input<string>;
    /** API server endpoint of the cluster (nodeadm bootstrap). */
    clusterEndpoint: pulumi.Input<string>;
    /** Base64 certificate authority of the cluster (nodeadm bootstrap). */
    certificateAuthority: pulumi.Input<string>;
    /** Kubernetes service CIDR of the cluster (nodeadm bootstrap). */
    serviceCidr: pulumi.Input<string>;
    /** Cluster security group the nodes join. */
    clusterSecurityGroupId: pulumi.Input<string>;
    /** Private subnets for the Auto Scaling group. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Use this existing node role instead of creating one. Default: a new least-privilege role. */
    nodeRoleArn?: pulumi.Input<string>;
    /** EC2 instance type of the nodes. Default: "m7i.large". */
    instanceType?: string;
    /** AL2023_x86_64_STANDARD, AL2023_ARM_64_STANDARD or AL2023_x86_64_NVIDIA. Default: "AL2023_x86_64_STANDARD". */
    amiType?: string;
    /** Kubernetes version of the EKS optimized AMI (resolved from its public SSM parameter at launch). Default: "1.33". */
    kubernetesVersion?: string;
    /** Minimum size of the Auto Scaling group. Default: 1. */
    minSize?: number;
    /** Maximum size of the Auto Scaling group. Default: 3. */
    maxSize?: number;
    /** Desired capacity at creation. Default: 2, clamped to [minSize, maxSize]. */
    desiredSize?: number;
    /** Kubernetes labels. Default: {}. */
    labels?: Record<string, string>;
    /** Kubernetes taints. Default: []. */
    taints?: Taint[];
    /** Root volume size in GiB (encrypted gp3). Default: 50. */
    diskSizeGiB?: number;
    /** Attach AmazonSSMManagedInstanceCore. Default: false. */
    ssm?: boolean;
    /** Attach AmazonEKS_CNI_Policy (warned). Default: false. */
    cniPolicy?: boolean;
    /** SSH access from named security groups only. Needs vpcId. Default: none. */
    remoteAccess?: RemoteAccess;
    /** VPC of the cluster (for the SSH security group). */
    vpcId?: pulumi.Input<string>;
    /** Tags. Default: {}. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

const TAINT_EFFECT_FLAG: Record<string, string> = {
    NO_SCHEDULE: "NoSchedule",
    NO_EXECUTE: "NoExecute",
    PREFER_NO_SCHEDULE: "PreferNoSchedule",
};

/** The nodeadm NodeConfig (AL2023) as a MIME multi-part user-data document. */
export function nodeadmUserData(args: {
    clusterName: string;
    endpoint: string;
    certificateAuthority: string;
    serviceCidr: string;
    labels: Record<string, string>;
    taints: Taint[];
}): string {
    const flags: string[] = [];
    const labels = Object.entries(args.labels).map(([k, v]) => `${k}=${v}`);
    if (labels.length > 0) {
        flags.push(`--node-labels=${labels.join(",")}`);
    }
    const taints = args.taints.map(
        (t) => `${t.key}${t.value ? `=${t.value}` : ""}:${TAINT_EFFECT_FLAG[t.effect]}`,
    );
    if (taints.length > 0) {
        flags.push(`--register-with-taints=${taints.join(",")}`);
    }
    const nodeConfig = [
        "apiVersion: node.eks.aws/v1alpha1",
        "kind: NodeConfig",
        "spec:",
        "  cluster:",
        `    name: ${args.clusterName}`,
        `    apiServerEndpoint: ${args.endpoint}`,
        `    certificateAuthority: ${args.certificateAuthority}`,
        `    cidr: ${args.serviceCidr}`,
        ...(flags.length > 0 ? ["  kubelet:", "    flags:", ...flags.map((f) => `      - "${f}"`)] : []),
    ].join("\n");
    return [
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="BOUNDARY"',
        "",
        "--BOUNDARY",
        "Content-Type: application/node.eks.aws",
        "",
        nodeConfig,
        "",
        "--BOUNDARY--",
        "",
    ].join("\n");
}

type GroupTag = aws.types.input.autoscaling.GroupTag;

/** The group's own tags, then the caller's, all propagated to the instances it launches. */
function asgTags(own: GroupTag[], tags: Tags): pulumi.Input<GroupTag[]> {
    const propagated = (t: Record<string, pulumi.Input<string>>): GroupTag[] => [
        ...own,
        ...Object.entries(t).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
    ];
    // Plain tags stay a plain list, so the group's inputs are known in preview as before.
    return isPlain(tags) ? propagated(tags) : pulumi.output(tags).apply(propagated);
}

/**
 * Self-managed EKS nodes: launch template (IMDSv2 required, hop limit 1, encrypted root volume,
 * AL2023 nodeadm bootstrap), instance profile, Auto Scaling group, and the EC2_LINUX access entry
 * that lets the node role join the cluster.
 */
export class SelfManagedNodeGroup extends pulumi.ComponentResource {
    /** Name of the Auto Scaling group. */
    public readonly autoScalingGroupName: pulumi.Output<string>;
    /** ARN of the node role (the given `nodeRoleArn`, or the role this group created). */
    public readonly nodeRoleArn: pulumi.Output<string>;
    /** Launch template with the nodeadm user data, IMDSv2-only metadata options and encrypted root volume. */
    public readonly launchTemplateId: pulumi.Output<string>;
    /** ARN of the instance profile of the nodes. */
    public readonly instanceProfileArn: pulumi.Output<string>;

    constructor(name: string, args: SelfManagedNodeGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-identity:index:SelfManagedNodeGroup", name, {}, opts);
        validateSelfManagedNodeGroupArgs(args).throwIfAny("SelfManagedNodeGroup", name);

        const { tags, nodeRole } = openNodeGroup(name, args, this);
        const profile = new aws.iam.InstanceProfile(
            `${name}-profile`,
            { role: nodeRole.name, tags },
            { parent: this },
        );

        // Nodes may only register once the node role has an access entry (authentication mode API).
        const accessEntry = new aws.eks.AccessEntry(
            `${name}-access`,
            { clusterName: args.clusterName, principalArn: nodeRole.arn, type: "EC2_LINUX" },
            { parent: this },
        );

        const sshGroup = sshGroupFor(name, args, this, tags);
        const amiType = args.amiType ?? "AL2023_x86_64_STANDARD";
        const version = args.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
        const userData = pulumi
            .all([args.clusterName, args.clusterEndpoint, args.certificateAuthority, args.serviceCidr])
            .apply(([clusterName, endpoint, certificateAuthority, serviceCidr]) =>
                Buffer.from(
                    nodeadmUserData({
                        clusterName,
                        endpoint,
                        certificateAuthority,
                        serviceCidr,
                        labels: args.labels ?? {},
                        taints: args.taints ?? [],
                    }),
                ).toString("base64"),
            );
        const launchTemplate = createLaunchTemplate(
            {
                name,
                diskSizeGiB: args.diskSizeGiB ?? 50,
                // EC2 resolves the public SSM parameter at launch: always the current EKS AMI, no lookup here.
                imageId: `resolve:ssm:/aws/service/eks/optimized-ami/${version}/amazon-linux-2023/${SELF_MANAGED_AMI_TYPES[amiType]}/recommended/image_id`,
                instanceType: args.instanceType ?? "m7i.large",
                userData,
                keyName: args.remoteAccess?.sshKeyName,
                securityGroupIds: [args.clusterSecurityGroupId, ...(sshGroup ? [sshGroup.id] : [])],
                iamInstanceProfileArn: profile.arn,
                tags,
            },
            this,
        );
        const size = scaling(args);
        const group = new aws.autoscaling.Group(
            `${name}-asg`,
            {
                minSize: size.minSize,
                maxSize: size.maxSize,
                desiredCapacity: size.desiredSize,
                vpcZoneIdentifiers: args.subnetIds,
                launchTemplate: latestVersionOf(launchTemplate),
                tags: asgTags(
                    [
                        {
                            key: pulumi.interpolate`kubernetes.io/cluster/${args.clusterName}`,
                            value: "owned",
                            propagateAtLaunch: true,
                        },
                        { key: "Name", value: `${name}-node`, propagateAtLaunch: true },
                    ],
                    tags,
                ),
            },
            {
                parent: this,
                dependsOn: [accessEntry, ...nodeRole.dependencies],
                ignoreChanges: ["desiredCapacity"],
            },
        );

        this.autoScalingGroupName = group.name;
        this.nodeRoleArn = nodeRole.arn;
        this.launchTemplateId = launchTemplate.id;
        this.instanceProfileArn = profile.arn;
        this.registerOutputs({
            autoScalingGroupName: this.autoScalingGroupName,
            nodeRoleArn: this.nodeRoleArn,
        });
    }
}

export function validateSelfManagedNodeGroupArgs(args: SelfManagedNodeGroupArgs): Problems {
    const problems = new Problems();
    for (const key of [
        "clusterName",
        "clusterEndpoint",
        "certificateAuthority",
        "serviceCidr",
        "clusterSecurityGroupId",
    ] as const) {
        if (args[key] === undefined) {
            problems.add(key, `${key} is required: take it from the EksCluster outputs`);
        }
    }
    validateCommonNodeGroupArgs(args, problems);
    const amiType = args.amiType ?? "AL2023_x86_64_STANDARD";
    if (!(amiType in SELF_MANAGED_AMI_TYPES)) {
        problems.add(
            "amiType",
            `unknown AMI type "${amiType}" for a self-managed group: use one of ${Object.keys(SELF_MANAGED_AMI_TYPES).join(", ")}`,
        );
    }
    return problems;
}
