// Velero with velero-plugin-for-aws, modelled on the plugin's README ("Set permissions for
// Velero") and terraform-aws-modules/eks-pod-identity velero.tf. Upstream grants the EBS snapshot
// actions on `*`; here they name volumes and snapshots in this region and account, and tags may
// only be set while creating them. The bucket list is mandatory (the module falls back to
// `arn:aws:s3:::*` for ListBucket; this catalog never does).
import { PolicyStatement } from "../../common/iamDocument";
import { CatalogContext, ResolvedWellKnownPolicy } from "./args";
import { CatalogEntry, need, oneOrMany } from "./entry";
import { accountlessArn, ec2Arn } from "./arns";

const KIND = "velero";

function statements(args: ResolvedWellKnownPolicy, ctx: CatalogContext): PolicyStatement[] {
    const buckets = need(args.bucketArns, "bucketArns", KIND);
    const volumes = ec2Arn(ctx, "volume/*");
    const snapshots = accountlessArn(ctx, "ec2", "snapshot/*");
    return [
        {
            Sid: "DescribeVolumesAndSnapshots",
            Effect: "Allow",
            Action: ["ec2:DescribeVolumes", "ec2:DescribeSnapshots"],
            Resource: "*",
        },
        {
            // Backup snapshots a volume; restore creates a volume from a snapshot.
            Sid: "SnapshotAndRestoreVolumes",
            Effect: "Allow",
            Action: ["ec2:CreateSnapshot", "ec2:CreateVolume"],
            Resource: [volumes, snapshots],
        },
        {
            Sid: "TagOnCreate",
            Effect: "Allow",
            Action: "ec2:CreateTags",
            Resource: [volumes, snapshots],
            Condition: { StringEquals: { "ec2:CreateAction": ["CreateSnapshot", "CreateVolume"] } },
        },
        {
            Sid: "DeleteExpiredSnapshots",
            Effect: "Allow",
            Action: "ec2:DeleteSnapshot",
            Resource: snapshots,
        },
        {
            Sid: "ReadWriteBackups",
            Effect: "Allow",
            Action: [
                "s3:GetObject",
                "s3:DeleteObject",
                "s3:PutObject",
                "s3:PutObjectTagging",
                "s3:AbortMultipartUpload",
                "s3:ListMultipartUploadParts",
            ],
            Resource: oneOrMany(buckets.map((bucket) => `${bucket}/*`)),
        },
        {
            Sid: "ListBackupBuckets",
            Effect: "Allow",
            Action: "s3:ListBucket",
            Resource: oneOrMany(buckets),
        },
    ];
}

export const velero: CatalogEntry = {
    kind: KIND,
    upstream: {
        repository: "vmware-tanzu/velero-plugin-for-aws",
        path: "README.md",
        version: "v1.13.2",
        drops: [],
    },
    required: ["bucketArns"],
    optional: [],
    statements,
};
