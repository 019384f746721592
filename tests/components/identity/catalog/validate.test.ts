// Construction-time checks of WellKnownPolicy (catalog/validate.ts).
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import {
    IpFamily,
    WellKnownKind,
    WellKnownPolicy,
    validateWellKnownPolicy,
} from "../../../../components/identity/catalog";
import { ZONE, KEY, NODE_ROLE, PARAM, BUCKET, VARIANTS } from "./fixtures";

describe("identity/catalog", () => {
    describe("validation", () => {
        const cases: { name: string; args: WellKnownPolicy; path: string; reason: string }[] = [
            {
                name: "unknown kind",
                args: { kind: "nginx" as WellKnownKind },
                path: "kind",
                reason: 'kind "nginx" is not a well-known add-on: use one of aws-load-balancer-controller, external-dns',
            },
            {
                name: "alb without clusterName",
                args: { kind: "aws-load-balancer-controller" },
                path: "clusterName",
                reason: 'clusterName is required for kind "aws-load-balancer-controller"',
            },
            {
                name: "external-dns without zones",
                args: { kind: "external-dns" },
                path: "hostedZoneArns",
                reason: 'hostedZoneArns is required for kind "external-dns"',
            },
            {
                name: "external-dns with no zones",
                args: { kind: "external-dns", hostedZoneArns: [] },
                path: "hostedZoneArns",
                reason: 'an empty list never falls back to "*"',
            },
            {
                name: "cert-manager with no zones",
                args: { kind: "cert-manager", hostedZoneArns: [] },
                path: "hostedZoneArns",
                reason: "list at least one ARN",
            },
            {
                name: "efs-csi without file systems",
                args: { kind: "efs-csi" },
                path: "fileSystemArns",
                reason: 'fileSystemArns is required for kind "efs-csi"',
            },
            {
                name: "cluster-autoscaler without clusterName",
                args: { kind: "cluster-autoscaler" },
                path: "clusterName",
                reason: "is required",
            },
            {
                name: "karpenter without node roles",
                args: { kind: "karpenter", clusterName: "prod", nodeRoleArns: [] },
                path: "nodeRoleArns",
                reason: 'nodeRoleArns is empty for kind "karpenter"',
            },
            {
                name: "karpenter without clusterName",
                args: { kind: "karpenter", nodeRoleArns: [NODE_ROLE] },
                path: "clusterName",
                reason: "is required",
            },
            {
                name: "external-secrets without any scope",
                args: { kind: "external-secrets", secretArns: [] },
                path: "secretArns",
                reason: "needs secretArns or parameterArns",
            },
            {
                name: "velero without buckets",
                args: { kind: "velero" },
                path: "bucketArns",
                reason: 'bucketArns is required for kind "velero"',
            },
            {
                name: "amp without workspaces",
                args: { kind: "amazon-managed-prometheus", workspaceArns: [] },
                path: "workspaceArns",
                reason: "is empty",
            },
            {
                name: "cloudwatch without clusterName",
                args: { kind: "cloudwatch-observability", logGroupPrefix: "/x/" },
                path: "clusterName",
                reason: 'clusterName is required for kind "cloudwatch-observability"',
            },
            {
                name: "field of another kind",
                args: { kind: "external-dns", hostedZoneArns: [ZONE], nodeRoleArns: [NODE_ROLE] },
                path: "nodeRoleArns",
                reason: 'nodeRoleArns does not apply to kind "external-dns": remove it (it is read by karpenter)',
            },
            {
                name: "clusterName on vpc-cni",
                args: { kind: "vpc-cni", clusterName: "prod" },
                path: "clusterName",
                reason: 'clusterName does not apply to kind "vpc-cni"',
            },
            {
                name: "kms keys on velero",
                args: { kind: "velero", bucketArns: [BUCKET], kmsKeyArns: [KEY] },
                path: "kmsKeyArns",
                reason: "it is read by ebs-csi",
            },
            {
                name: "hosted zone ARN of another service",
                args: { kind: "external-dns", hostedZoneArns: [ZONE, "arn:aws:s3:::bucket"] },
                path: "hostedZoneArns[1]",
                reason: 'hostedZoneArns[1] "arn:aws:s3:::bucket" is not a Route 53 hosted zone ARN: use arn:<partition>:route53:::hostedzone/<zone id>',
            },
            {
                name: "hosted zone wildcard",
                args: { kind: "cert-manager", hostedZoneArns: ["arn:aws:route53:::hostedzone/*"] },
                path: "hostedZoneArns[0]",
                reason: "is not a Route 53 hosted zone ARN",
            },
            {
                name: "hosted zone bare id",
                args: { kind: "cert-manager", hostedZoneArns: ["Z0123456789"] },
                path: "hostedZoneArns[0]",
                reason: "use arn:<partition>:route53:::hostedzone/<zone id>",
            },
            {
                name: "KMS alias instead of key",
                args: { kind: "ebs-csi", kmsKeyArns: ["arn:aws:kms:us-west-2:111122223333:alias/ebs"] },
                path: "kmsKeyArns[0]",
                reason: "is not a KMS key ARN",
            },
            {
                name: "EFS access point instead of file system",
                args: {
                    kind: "efs-csi",
                    fileSystemArns: [
                        "arn:aws:elasticfilesystem:us-west-2:111122223333:access-point/fsap-0123456789abcdef0",
                    ],
                },
                path: "fileSystemArns[0]",
                reason: "is not an EFS file system ARN",
            },
            {
                name: "node role that is a user",
                args: {
                    kind: "karpenter",
                    clusterName: "prod",
                    nodeRoleArns: ["arn:aws:iam::111122223333:user/bob"],
                },
                path: "nodeRoleArns[0]",
                reason: "is not an IAM role ARN",
            },
            {
                name: "queue URL instead of ARN",
                args: {
                    kind: "karpenter",
                    clusterName: "prod",
                    nodeRoleArns: [NODE_ROLE],
                    interruptionQueueArn: "https://sqs.us-west-2.amazonaws.com/111122223333/q",
                },
                path: "interruptionQueueArn",
                reason: "is not an SQS queue ARN",
            },
            {
                name: "bucket object path",
                args: { kind: "velero", bucketArns: [`${BUCKET}/*`] },
                path: "bucketArns[0]",
                reason: "(no object path)",
            },
            {
                name: "secret of another service",
                args: { kind: "external-secrets", secretArns: [PARAM] },
                path: "secretArns[0]",
                reason: "is not a Secrets Manager secret ARN",
            },
            {
                name: "parameter with leading slash",
                args: {
                    kind: "external-secrets",
                    parameterArns: ["arn:aws:ssm:us-west-2:111122223333:parameter//prod"],
                },
                path: "parameterArns[0]",
                reason: "is not an SSM parameter ARN",
            },
            {
                name: "workspace alias",
                args: {
                    kind: "amazon-managed-prometheus",
                    workspaceArns: ["arn:aws:aps:us-west-2:111122223333:rulegroupsnamespace/ws-1/x"],
                },
                path: "workspaceArns[0]",
                reason: "is not an Amazon Managed Service for Prometheus workspace ARN",
            },
            {
                name: "bad ipFamily",
                args: { kind: "vpc-cni", ipFamily: "dualstack" as IpFamily },
                path: "ipFamily",
                reason: 'ipFamily "dualstack" is not supported: use "ipv4" or "ipv6"',
            },
            {
                name: "bad clusterName",
                args: { kind: "cluster-autoscaler", clusterName: "prod cluster" },
                path: "clusterName",
                reason: "is not an EKS cluster name",
            },
            {
                name: "log group prefix with wildcard",
                args: { kind: "cloudwatch-observability", clusterName: "prod", logGroupPrefix: "/aws/*" },
                path: "logGroupPrefix",
                reason: "without '*'",
            },
        ];
        for (const c of cases) {
            it(c.name, () => {
                const problems = validateWellKnownPolicy(c.args);
                assert.strictEqual(problems.length, 1, JSON.stringify(problems));
                assert.strictEqual(problems[0].propertyPath, c.path);
                assert.ok(problems[0].reason.includes(c.reason), problems[0].reason);
            });
        }

        it("accepts every FULL and VARIANT scope", () => {
            for (const args of VARIANTS) {
                assert.deepStrictEqual(validateWellKnownPolicy(args), [], args.kind);
            }
        });

        it("reports every problem at once", () => {
            const problems = validateWellKnownPolicy({
                kind: "karpenter",
                nodeRoleArns: ["arn:aws:iam::1:role/x"],
                hostedZoneArns: [ZONE],
            });
            assert.deepStrictEqual(
                problems.map((p) => p.propertyPath),
                ["clusterName", "hostedZoneArns", "nodeRoleArns[0]"],
            );
        });

        it("does not inspect Outputs or Promises", () => {
            const problems = validateWellKnownPolicy({
                kind: "external-dns",
                hostedZoneArns: [pulumi.output("not-an-arn"), Promise.resolve("also-not"), ZONE],
            });
            assert.deepStrictEqual(problems, []);
            assert.deepStrictEqual(
                validateWellKnownPolicy({
                    kind: "aws-load-balancer-controller",
                    clusterName: pulumi.output("bad name"),
                }),
                [],
            );
        });
    });
});
