// Amazon EBS CSI driver, modelled on kubernetes-sigs/aws-ebs-csi-driver v1.64.0
// docs/example-iam-policy.json and docs/AmazonEBSCSIDriverPolicyV2.json, with KMS statements
// after terraform-aws-modules/eks-pod-identity aws_ebs_csi.tf. Resources are pinned to this region
// and account. By default the create/delete statements use the tags the driver always sends
// (`ebs.csi.aws.com/cluster=true`, `CSIVolumeName`, `CSIVolumeSnapshotName`; `pkg/driver/controller.go`),
// so the driver's defaults work; `clusterName` alone changes nothing. `requireClusterTag` opts in
// to `kubernetes.io/cluster/<name>: owned`, the tag the driver adds only with
// `--k8s-tag-cluster-id=<name>` (Helm `controller.k8sTagClusterId`, empty by default), so one
// cluster's driver cannot delete another's volumes.
import { Condition, PolicyStatement } from "../../common/iamDocument";
import { CatalogContext, ResolvedWellKnownPolicy } from "./args";
import { CatalogEntry, clusterTagNeedsName, oneOrMany } from "./entry";
import { accountlessArn, ec2Arn } from "./arns";

const KIND = "ebs-csi";

function statements(args: ResolvedWellKnownPolicy, ctx: CatalogContext): PolicyStatement[] {
    const volumes = ec2Arn(ctx, "volume/*");
    const snapshots = accountlessArn(ctx, "ec2", "snapshot/*");
    const instances = ec2Arn(ctx, "instance/*");
    const cluster = args.requireClusterTag ? args.clusterName : undefined;
    // One statement per alternative tag: IAM ORs statements, and ANDs keys within one.
    const tagged = (
        sid: string,
        action: string | string[],
        resource: string,
        conditions: Condition[],
    ): PolicyStatement[] =>
        conditions.map((condition, i) => ({
            Sid: conditions.length === 1 ? sid : `${sid}${i + 1}`,
            Effect: "Allow" as const,
            Action: action,
            Resource: resource,
            Condition: condition,
        }));
    const owned = (prefix: string): Condition[] => [
        { StringEquals: { [`${prefix}/kubernetes.io/cluster/${cluster}`]: "owned" } },
    ];
    const createVolume = cluster
        ? owned("aws:RequestTag")
        : [
              { StringLike: { "aws:RequestTag/ebs.csi.aws.com/cluster": "true" } },
              { StringLike: { "aws:RequestTag/CSIVolumeName": "*" } },
          ];
    const deleteVolume = cluster
        ? owned("ec2:ResourceTag")
        : [
              { StringLike: { "ec2:ResourceTag/ebs.csi.aws.com/cluster": "true" } },
              { StringLike: { "ec2:ResourceTag/CSIVolumeName": "*" } },
              { StringLike: { "ec2:ResourceTag/kubernetes.io/created-for/pvc/name": "*" } },
          ];
    const createSnapshot = cluster
        ? owned("aws:RequestTag")
        : [
              { StringLike: { "aws:RequestTag/CSIVolumeSnapshotName": "*" } },
              { StringLike: { "aws:RequestTag/ebs.csi.aws.com/cluster": "true" } },
          ];
    const deleteSnapshot = cluster
        ? owned("ec2:ResourceTag")
        : [
              { StringLike: { "ec2:ResourceTag/CSIVolumeSnapshotName": "*" } },
              { StringLike: { "ec2:ResourceTag/ebs.csi.aws.com/cluster": "true" } },
          ];
    const result: PolicyStatement[] = [
        {
            // Describe calls support no resource type.
            Sid: "Describe",
            Effect: "Allow",
            Action: [
                "ec2:DescribeAvailabilityZones",
                "ec2:DescribeInstances",
                "ec2:DescribeInstanceTypes",
                "ec2:DescribeSnapshots",
                "ec2:DescribeTags",
                "ec2:DescribeVolumes",
                "ec2:DescribeVolumesModifications",
                "ec2:DescribeVolumeStatus",
            ],
            Resource: "*",
        },
        {
            // Snapshot source and resize target are volumes (possibly statically provisioned, untagged).
            Sid: "SnapshotAndModifyVolumes",
            Effect: "Allow",
            Action: ["ec2:CreateSnapshot", "ec2:ModifyVolume"],
            Resource: volumes,
        },
        {
            Sid: "AttachVolumes",
            Effect: "Allow",
            Action: ["ec2:AttachVolume", "ec2:DetachVolume"],
            Resource: [volumes, instances],
        },
        {
            // Restoring a volume from a snapshot authorizes against the snapshot.
            Sid: "RestoreFromSnapshots",
            Effect: "Allow",
            Action: ["ec2:CreateVolume", "ec2:EnableFastSnapshotRestores"],
            Resource: snapshots,
        },
        {
            Sid: "TagOnCreate",
            Effect: "Allow",
            Action: "ec2:CreateTags",
            Resource: [volumes, snapshots],
            Condition: {
                StringEquals: { "ec2:CreateAction": ["CreateVolume", "CreateSnapshot", "CopyVolumes"] },
            },
        },
        {
            // VolumeAttributesClass tag updates remove tags (upstream, unconditioned).
            Sid: "DeleteTags",
            Effect: "Allow",
            Action: "ec2:DeleteTags",
            Resource: [volumes, snapshots],
        },
        {
            // VolumeAttributesClass tag updates on the driver's volumes (V2's ModifyTagsOnManagedVolumes):
            // never the driver's own ownership tags.
            Sid: "ModifyTagsOnManagedVolumes",
            Effect: "Allow",
            Action: "ec2:CreateTags",
            Resource: volumes,
            Condition: {
                StringEquals: { "ec2:ResourceTag/ebs.csi.aws.com/cluster": "true" },
                Null: { "aws:TagKeys": "false" },
                "ForAllValues:StringNotEquals": {
                    "aws:TagKeys": [
                        "ebs.csi.aws.com/cluster",
                        "ebs.csi.aws.com/cluster-name",
                        "kubernetes.io/created-for/pvc/name",
                    ],
                },
            },
        },
        // A clone (CopyVolumes) is a create: the new volume carries the driver's request tags.
        ...tagged("CreateVolume", ["ec2:CreateVolume", "ec2:CopyVolumes"], volumes, createVolume),
        ...tagged("DeleteVolume", "ec2:DeleteVolume", volumes, deleteVolume),
        ...tagged("CreateSnapshot", "ec2:CreateSnapshot", snapshots, createSnapshot),
        // VolumeSnapshotClass lock parameters lock the driver's own snapshots.
        ...tagged("DeleteSnapshot", ["ec2:DeleteSnapshot", "ec2:LockSnapshot"], snapshots, deleteSnapshot),
    ];
    if (args.kmsKeyArns && args.kmsKeyArns.length > 0) {
        const keys = oneOrMany(args.kmsKeyArns);
        result.push(
            {
                // EBS attaches encrypted volumes through grants; only grants for AWS resources.
                Sid: "KmsGrantsForEbs",
                Effect: "Allow",
                Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
                Resource: keys,
                Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
            },
            {
                // Upstream writes `kms:ReEncrypt*` and `kms:GenerateDataKey*`; spelled out here.
                Sid: "KmsUseKeys",
                Effect: "Allow",
                Action: [
                    "kms:Encrypt",
                    "kms:Decrypt",
                    "kms:ReEncryptFrom",
                    "kms:ReEncryptTo",
                    "kms:GenerateDataKey",
                    "kms:GenerateDataKeyWithoutPlaintext",
                    "kms:DescribeKey",
                ],
                Resource: keys,
            },
        );
    }
    return result;
}

export const ebsCsi: CatalogEntry = {
    kind: KIND,
    upstream: {
        repository: "kubernetes-sigs/aws-ebs-csi-driver",
        path: "docs/example-iam-policy.json",
        version: "v1.64.0",
        drops: [],
    },
    required: [],
    optional: ["clusterName", "requireClusterTag", "kmsKeyArns"],
    crossFieldProblem: clusterTagNeedsName,
    statements,
};
