// Amazon EFS CSI driver, modelled on kubernetes-sigs/aws-efs-csi-driver docs/iam-policy-example.json
// and terraform-aws-modules/eks-pod-identity aws_efs_csi.tf. Upstream grants everything on `*`;
// here access points can only be created on the listed file systems, and describe/tag/delete are
// pinned to this region and account. By default access points are scoped by the tag the driver
// always sends (`efs.csi.aws.com/cluster=true`), so `clusterName` alone changes nothing; with
// `requireClusterTag` they must also carry `kubernetes.io/cluster/<name>: owned`, which the driver
// sends only when Helm `controller.tags` includes it (empty by default).
import { Condition, PolicyStatement } from "../../common/iamDocument";
import { CatalogContext, ResolvedWellKnownPolicy } from "./args";
import { CatalogEntry, clusterTagNeedsName, need, oneOrMany } from "./entry";
import { regionalArn } from "./arns";

const KIND = "efs-csi";
const S3_FILES = [
    "s3files:CreateAccessPoint",
    "s3files:DeleteAccessPoint",
    "s3files:ListAccessPoints",
    "s3files:ListFileSystems",
    "s3files:TagResource",
];
export const EFS_DRIVER_TAG = "efs.csi.aws.com/cluster";

function statements(args: ResolvedWellKnownPolicy, ctx: CatalogContext): PolicyStatement[] {
    const fileSystems = need(args.fileSystemArns, "fileSystemArns", KIND);
    const accessPoints = regionalArn(ctx, "elasticfilesystem", "access-point/*");
    const clusterTag = args.requireClusterTag
        ? { [`kubernetes.io/cluster/${args.clusterName}`]: "owned" }
        : {};
    const withTags = (prefix: string): Condition => {
        const condition: Condition = { StringEquals: { [`${prefix}/${EFS_DRIVER_TAG}`]: "true" } };
        for (const [key, value] of Object.entries(clusterTag)) {
            condition.StringEquals[`${prefix}/${key}`] = value;
        }
        return condition;
    };
    return [
        {
            Sid: "DescribeAvailabilityZones",
            Effect: "Allow",
            Action: "ec2:DescribeAvailabilityZones",
            Resource: "*",
        },
        {
            Sid: "DescribeFileSystems",
            Effect: "Allow",
            Action: [
                "elasticfilesystem:DescribeAccessPoints",
                "elasticfilesystem:DescribeFileSystems",
                "elasticfilesystem:DescribeMountTargets",
            ],
            Resource: [...fileSystems, accessPoints],
        },
        {
            Sid: "CreateAccessPoints",
            Effect: "Allow",
            Action: "elasticfilesystem:CreateAccessPoint",
            Resource: oneOrMany(fileSystems),
            Condition: withTags("aws:RequestTag"),
        },
        {
            // EFS authorizes tag-on-create against the new access point.
            Sid: "TagAccessPointsOnCreate",
            Effect: "Allow",
            Action: "elasticfilesystem:TagResource",
            Resource: accessPoints,
            Condition: withTags("aws:RequestTag"),
        },
        {
            Sid: "DeleteOwnedAccessPoints",
            Effect: "Allow",
            Action: "elasticfilesystem:DeleteAccessPoint",
            Resource: accessPoints,
            Condition: withTags("aws:ResourceTag"),
        },
    ];
}

export const efsCsi: CatalogEntry = {
    kind: KIND,
    upstream: {
        repository: "kubernetes-sigs/aws-efs-csi-driver",
        path: "docs/iam-policy-example.json",
        version: "v3.4.1",
        drops: S3_FILES.map((action) => ({
            action,
            reason: "S3 Files file systems (StorageClass provisioningMode s3files-ap) only: not EFS, no s3files resources are scoped here",
        })),
    },
    required: ["fileSystemArns"],
    optional: ["clusterName", "requireClusterTag"],
    crossFieldProblem: clusterTagNeedsName,
    statements,
};
