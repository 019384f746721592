// The node (EC2) role and launch-template rules both node-group kinds share: trust ec2 only,
// least-privilege managed policies, IMDSv2 with a hop limit of 1 so pods cannot reach the node
// role through the instance metadata service (EKS Best Practices, "Restrict access to IMDS").
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsFacts, createRole, CreatedRole, Tags } from "../common/aws";
import { ManagedPolicies } from "../common/iamDocument";
import { nodeTrustPolicy } from "../trust/service";

export interface NodeRoleOptions {
    /** Attach AmazonSSMManagedInstanceCore (grants ssm:GetParameter* on *). Default: false. */
    ssm?: boolean;
    /** Attach AmazonEKS_CNI_Policy to the node role. Only for clusters whose vpc-cni has no identity of its own. Default: false. */
    cniPolicy?: boolean;
}

export function nodeManagedPolicies(options: NodeRoleOptions): string[] {
    return [
        ManagedPolicies.workerNodePolicy,
        ManagedPolicies.ecrPullOnly,
        ...(options.ssm ? [ManagedPolicies.ssmManagedInstanceCore] : []),
        ...(options.cniPolicy ? [ManagedPolicies.cniPolicy] : []),
    ];
}

export function createNodeRole(
    name: string,
    options: NodeRoleOptions,
    partition: pulumi.Input<string>,
    parent: pulumi.Resource,
    tags: Tags,
): CreatedRole {
    if (options.cniPolicy) {
        void pulumi.log.warn(
            "AmazonEKS_CNI_Policy is attached to the node role: every pod that reaches the node's credentials can manage ENIs. Prefer the vpc-cni identity EksCluster creates.",
            parent,
        );
    }
    return createRole(
        {
            name: `${name}-node-role`,
            description: "EKS worker node role",
            assumeRolePolicy: JSON.stringify(nodeTrustPolicy()),
            managedPolicies: nodeManagedPolicies(options),
            tags,
        },
        partition,
        parent,
    );
}

/** IMDSv2 only, one hop: containers (one hop further) cannot fetch node credentials. */
export const IMDS_METADATA_OPTIONS = {
    httpEndpoint: "enabled",
    httpTokens: "required",
    httpPutResponseHopLimit: 1,
    instanceMetadataTags: "disabled",
};

export interface LaunchTemplateSpec {
    name: string;
    diskSizeGiB: number;
    /** The volume that holds containers: /dev/xvda (AL2023) or /dev/xvdb (Bottlerocket's data volume). */
    deviceName?: string;
    imageId?: pulumi.Input<string>;
    userData?: pulumi.Input<string>;
    keyName?: pulumi.Input<string>;
    securityGroupIds?: pulumi.Input<string>[];
    instanceType?: string;
    iamInstanceProfileArn?: pulumi.Input<string>;
    tags: Tags;
}

/**
 * The device that holds containers and images for an EKS AMI type: Bottlerocket keeps them on its
 * data volume (/dev/xvdb), the others on the root volume (/dev/xvda).
 */
export function dataDeviceFor(amiType: string): string {
    return amiType.startsWith("BOTTLEROCKET") ? "/dev/xvdb" : "/dev/xvda";
}

export function createLaunchTemplate(
    spec: LaunchTemplateSpec,
    parent: pulumi.Resource,
): aws.ec2.LaunchTemplate {
    return new aws.ec2.LaunchTemplate(
        `${spec.name}-lt`,
        {
            description: "EKS nodes: IMDSv2 required with hop limit 1, encrypted root volume",
            imageId: spec.imageId,
            instanceType: spec.instanceType,
            userData: spec.userData,
            keyName: spec.keyName,
            vpcSecurityGroupIds: spec.securityGroupIds,
            iamInstanceProfile: spec.iamInstanceProfileArn ? { arn: spec.iamInstanceProfileArn } : undefined,
            metadataOptions: IMDS_METADATA_OPTIONS,
            blockDeviceMappings: [
                {
                    deviceName: spec.deviceName ?? "/dev/xvda",
                    ebs: {
                        volumeSize: spec.diskSizeGiB,
                        volumeType: "gp3",
                        encrypted: "true",
                        deleteOnTermination: "true",
                    },
                },
            ],
            tagSpecifications: [
                { resourceType: "instance", tags: spec.tags },
                { resourceType: "volume", tags: spec.tags },
            ],
            updateDefaultVersion: true,
            tags: spec.tags,
        },
        { parent },
    );
}

export interface RemoteAccess {
    /** EC2 key pair name for SSH (e.g. an `aws.ec2.KeyPair`'s keyName). */
    sshKeyName: pulumi.Input<string>;
    /** Security groups allowed to reach port 22; required (SSH is never open to the world). */
    sourceSecurityGroupIds: pulumi.Input<string>[];
}

/** A security group that admits SSH only from the given source security groups. */
export function createSshSecurityGroup(
    name: string,
    vpcId: pulumi.Input<string>,
    remoteAccess: RemoteAccess,
    parent: pulumi.Resource,
    tags: Tags,
): aws.ec2.SecurityGroup {
    return new aws.ec2.SecurityGroup(
        `${name}-ssh`,
        {
            vpcId,
            description: "SSH to EKS nodes from named security groups only",
            ingress: [
                {
                    protocol: "tcp",
                    fromPort: 22,
                    toPort: 22,
                    securityGroups: remoteAccess.sourceSecurityGroupIds,
                },
            ],
            tags,
        },
        { parent },
    );
}

export interface NodeRoleChoice {
    arn: pulumi.Output<string>;
    /** Role name (for an instance profile): the last path segment of a shared role's ARN. */
    name: pulumi.Output<string>;
    /** What must exist before nodes launch: the new role's policy attachments. */
    dependencies: pulumi.Resource[];
}

/** The group's node role: the shared one it was given, or a new least-privilege role. */
export function nodeRoleFor(
    name: string,
    args: NodeRoleOptions & { nodeRoleArn?: pulumi.Input<string> },
    parent: pulumi.Resource,
    tags: Tags,
): NodeRoleChoice {
    if (args.nodeRoleArn !== undefined) {
        if (args.ssm || args.cniPolicy) {
            void pulumi.log.warn(
                "ssm and cniPolicy are ignored with a shared nodeRoleArn: set them where the role is created",
                parent,
            );
        }
        const arn = pulumi.output(args.nodeRoleArn);
        return { arn, name: arn.apply((a) => a.split("/").pop() ?? a), dependencies: [] };
    }
    const created = createNodeRole(name, args, awsFacts(parent).partition, parent, tags);
    return { arn: created.role.arn, name: created.role.name, dependencies: created.attachments };
}

/** The args both node-group kinds build their role and SSH group from. */
export interface NodeGroupBaseArgs extends NodeRoleOptions {
    nodeRoleArn?: pulumi.Input<string>;
    remoteAccess?: RemoteAccess;
    vpcId?: pulumi.Input<string>;
    tags?: Tags;
}

/** What every node group starts with, after validation: its tags and its node role. */
export function openNodeGroup(
    name: string,
    args: NodeGroupBaseArgs,
    parent: pulumi.Resource,
): { tags: Tags; nodeRole: NodeRoleChoice } {
    const tags = args.tags ?? {};
    return { tags, nodeRole: nodeRoleFor(name, args, parent, tags) };
}

/** The SSH security group when remote access is asked for (validation ensured vpcId). */
export function sshGroupFor(
    name: string,
    args: NodeGroupBaseArgs,
    parent: pulumi.Resource,
    tags: Tags,
): aws.ec2.SecurityGroup | undefined {
    return args.remoteAccess
        ? createSshSecurityGroup(name, args.vpcId!, args.remoteAccess, parent, tags)
        : undefined;
}

/** A node group's reference to its launch template: always the latest version. */
export function latestVersionOf(launchTemplate: aws.ec2.LaunchTemplate): {
    id: pulumi.Output<string>;
    version: pulumi.Output<string>;
} {
    return { id: launchTemplate.id, version: launchTemplate.latestVersion.apply(String) };
}
