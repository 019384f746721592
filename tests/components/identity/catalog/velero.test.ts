import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, BUCKET, FULL, statement } from "./fixtures";
import { describeConformance } from "./conformance";

describe("identity/catalog/velero", () => {
    describe("key statements", () => {
        const cases: {
            kind: string;
            args: ResolvedWellKnownPolicy;
            check: (doc: PolicyDocument) => void;
        }[] = [
            {
                kind: "velero",
                args: FULL.velero,
                check: (doc) => {
                    assert.strictEqual(statement(doc, "ReadWriteBackups").Resource, `${BUCKET}/*`);
                    assert.strictEqual(statement(doc, "ListBackupBuckets").Resource, BUCKET);
                    assert.deepStrictEqual(statement(doc, "TagOnCreate").Condition, {
                        StringEquals: { "ec2:CreateAction": ["CreateSnapshot", "CreateVolume"] },
                    });
                },
            },
        ];
        for (const c of cases) {
            it(c.kind, () => c.check(wellKnownPolicyDocument(c.args, CTX)));
        }
    });
});

describe("identity/catalog/velero conformance", () => {
    describeConformance({
        kind: "velero",
        reference: ["velero-policy.json (default)"],
        rewrites: { "${BUCKET}": "velero-backups" },
        variants: [
            {
                name: "bucketArns=[velero-backups]",
                args: { kind: "velero", bucketArns: ["arn:aws:s3:::velero-backups"] },
                requests: [
                    {
                        action: "ec2:CreateSnapshot",
                        resource: "arn:aws:ec2:us-west-2:111122223333:volume/vol-0123456789abcdef0",
                        note: "velero-plugin-for-aws volume_snapshotter.go / object_store.go",
                    },
                    {
                        action: "ec2:CreateSnapshot",
                        resource: "arn:aws:ec2:us-west-2::snapshot/snap-0123456789abcdef0",
                        context: {
                            "aws:RequestTag/velero.io/backup": "b1",
                            "aws:TagKeys": ["velero.io/backup"],
                        },
                        note: "velero-plugin-for-aws volume_snapshotter.go / object_store.go",
                    },
                    {
                        action: "ec2:CreateTags",
                        resource: "arn:aws:ec2:us-west-2::snapshot/snap-0123456789abcdef0",
                        context: { "ec2:CreateAction": "CreateSnapshot" },
                        note: "velero-plugin-for-aws volume_snapshotter.go / object_store.go",
                    },
                    {
                        action: "ec2:CreateVolume",
                        resource: "arn:aws:ec2:us-west-2::snapshot/snap-0123456789abcdef0",
                        note: "velero-plugin-for-aws volume_snapshotter.go / object_store.go",
                    },
                    {
                        action: "ec2:CreateVolume",
                        resource: "arn:aws:ec2:us-west-2:111122223333:volume/vol-0123456789abcdef0",
                        note: "velero-plugin-for-aws volume_snapshotter.go / object_store.go",
                    },
                    {
                        action: "ec2:CreateTags",
                        resource: "arn:aws:ec2:us-west-2:111122223333:volume/vol-0123456789abcdef0",
                        context: { "ec2:CreateAction": "CreateVolume" },
                        note: "velero-plugin-for-aws volume_snapshotter.go / object_store.go",
                    },
                    {
                        action: "ec2:DeleteSnapshot",
                        resource: "arn:aws:ec2:us-west-2::snapshot/snap-0123456789abcdef0",
                        note: "velero-plugin-for-aws volume_snapshotter.go / object_store.go",
                    },
                    {
                        action: "s3:PutObject",
                        resource: "arn:aws:s3:::velero-backups/backups/b1/b1.tar.gz",
                        note: "velero-plugin-for-aws volume_snapshotter.go / object_store.go",
                    },
                    {
                        action: "s3:GetObject",
                        resource: "arn:aws:s3:::velero-backups/backups/b1/b1.tar.gz",
                        note: "velero-plugin-for-aws volume_snapshotter.go / object_store.go",
                    },
                    {
                        action: "s3:ListBucket",
                        resource: "arn:aws:s3:::velero-backups",
                        note: "ListObjectsV2 and HeadBucket (GetBucketRegion)",
                    },
                    {
                        action: "ec2:DescribeVolumes",
                        resource: "*",
                        note: "volume_snapshotter.go: GetVolumeInfo / snapshot lookup",
                    },
                    {
                        action: "ec2:DescribeSnapshots",
                        resource: "*",
                        note: "volume_snapshotter.go: GetVolumeInfo / snapshot lookup",
                    },
                    {
                        action: "s3:DeleteObject",
                        resource: "arn:aws:s3:::velero-backups/backups/b1/b1.tar.gz",
                        note: "object_store.go: backup upload, tagging, garbage collection (s3 manager multipart)",
                    },
                    {
                        action: "s3:PutObjectTagging",
                        resource: "arn:aws:s3:::velero-backups/backups/b1/b1.tar.gz",
                        note: "object_store.go: backup upload, tagging, garbage collection (s3 manager multipart)",
                    },
                    {
                        action: "s3:AbortMultipartUpload",
                        resource: "arn:aws:s3:::velero-backups/backups/b1/b1.tar.gz",
                        note: "object_store.go: backup upload, tagging, garbage collection (s3 manager multipart)",
                    },
                    {
                        action: "s3:ListMultipartUploadParts",
                        resource: "arn:aws:s3:::velero-backups/backups/b1/b1.tar.gz",
                        note: "object_store.go: backup upload, tagging, garbage collection (s3 manager multipart)",
                    },
                ],
                denied: [
                    {
                        action: "s3:GetObject",
                        resource: "arn:aws:s3:::other-bucket/secret",
                        note: "a bucket not listed",
                    },
                    {
                        action: "ec2:DeleteVolume",
                        resource: "arn:aws:ec2:us-west-2:111122223333:volume/vol-0123456789abcdef0",
                        note: "not a plugin call",
                    },
                ],
            },
        ],
    });
});
