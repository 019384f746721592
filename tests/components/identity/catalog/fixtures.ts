// What the catalog's tests share: the context, a value of every scope field, the largest and
// the other documents of each kind, and readers of statements.
import * as assert from "assert";
import { PolicyDocument, PolicyStatement } from "../../../../components/common/iamDocument";
import { CatalogContext, ResolvedWellKnownPolicy } from "../../../../components/identity/catalog";

export const CTX: CatalogContext = { partition: "aws", region: "us-west-2", accountId: "111122223333" };
export const ZONE = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ";
export const ZONE2 = "arn:aws:route53:::hostedzone/Z2FDTNDATAQYW2";
export const KEY = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
export const FS = "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0";
export const NODE_ROLE = "arn:aws:iam::111122223333:role/KarpenterNodeRole-prod";
export const QUEUE = "arn:aws:sqs:us-west-2:111122223333:Karpenter-prod";
export const SECRET = "arn:aws:secretsmanager:us-west-2:111122223333:secret:prod/app/db-*";
export const PARAM = "arn:aws:ssm:us-west-2:111122223333:parameter/prod/app/*";
export const BUCKET = "arn:aws:s3:::prod-velero-backups";
export const WORKSPACE =
    "arn:aws:aps:us-west-2:111122223333:workspace/ws-12345678-abcd-1234-abcd-123456789012";

/** Every kind with every scope it accepts set (the largest document each kind can produce). */
export const FULL: Record<string, ResolvedWellKnownPolicy> = {
    "aws-load-balancer-controller": { kind: "aws-load-balancer-controller", clusterName: "prod" },
    "external-dns": { kind: "external-dns", hostedZoneArns: [ZONE, ZONE2] },
    "cert-manager": { kind: "cert-manager", hostedZoneArns: [ZONE] },
    "ebs-csi": { kind: "ebs-csi", clusterName: "prod", kmsKeyArns: [KEY] },
    "efs-csi": { kind: "efs-csi", clusterName: "prod", fileSystemArns: [FS] },
    "cluster-autoscaler": { kind: "cluster-autoscaler", clusterName: "prod" },
    karpenter: {
        kind: "karpenter",
        clusterName: "prod",
        nodeRoleArns: [NODE_ROLE],
        interruptionQueueArn: QUEUE,
    },
    "vpc-cni": { kind: "vpc-cni", ipFamily: "ipv4" },
    "external-secrets": { kind: "external-secrets", secretArns: [SECRET], parameterArns: [PARAM] },
    velero: { kind: "velero", bucketArns: [BUCKET] },
    "cloudwatch-observability": {
        kind: "cloudwatch-observability",
        clusterName: "prod",
        logGroupPrefix: "/eks/prod/",
    },
    "amazon-managed-prometheus": { kind: "amazon-managed-prometheus", workspaceArns: [WORKSPACE] },
};

/** Variants that select other statements (defaults, the other IP family). */
export const VARIANTS: ResolvedWellKnownPolicy[] = [
    ...Object.values(FULL),
    { kind: "ebs-csi" },
    { kind: "efs-csi", fileSystemArns: [FS] },
    { kind: "karpenter", clusterName: "prod", nodeRoleArns: [NODE_ROLE] },
    { kind: "vpc-cni" },
    { kind: "vpc-cni", ipFamily: "ipv6" },
    { kind: "external-secrets", secretArns: [SECRET] },
    { kind: "external-secrets", parameterArns: [PARAM] },
    { kind: "cloudwatch-observability", clusterName: "prod" },
];
export const list = (value: string | string[] | undefined): string[] =>
    value === undefined ? [] : Array.isArray(value) ? value : [value];

export function statement(doc: PolicyDocument, sid: string): PolicyStatement {
    const found = doc.Statement.filter((s) => s.Sid === sid);
    assert.strictEqual(found.length, 1, `expected one statement ${sid}, got ${found.length}`);
    return found[0];
}

export function allActions(docs: PolicyDocument[]): string[] {
    return [...new Set(docs.flatMap((d) => d.Statement.flatMap((s) => list(s.Action))))].sort();
}

export function allResources(doc: PolicyDocument): string[] {
    return doc.Statement.flatMap((s) => list(s.Resource));
}
