// The argument shapes of the catalog. `WellKnownPolicy` is what a component exposes, so it
// stays one flat interface of plain strings, enums and Inputs: a cross-language component provider
// rejects other union types. The kind-specific rules (which field is required, which does not apply)
// live beside each add-on's statements and are checked at runtime by `validateWellKnownPolicy`.
import * as pulumi from "@pulumi/pulumi";

/** The add-ons the catalog has a least-privilege policy for. */
export const WellKnownKind = {
    AwsLoadBalancerController: "aws-load-balancer-controller",
    ExternalDns: "external-dns",
    CertManager: "cert-manager",
    EbsCsi: "ebs-csi",
    EfsCsi: "efs-csi",
    ClusterAutoscaler: "cluster-autoscaler",
    Karpenter: "karpenter",
    VpcCni: "vpc-cni",
    ExternalSecrets: "external-secrets",
    Velero: "velero",
    CloudwatchObservability: "cloudwatch-observability",
    AmazonManagedPrometheus: "amazon-managed-prometheus",
} as const;
export type WellKnownKind = (typeof WellKnownKind)[keyof typeof WellKnownKind];

/** IP family of a cluster (vpc-cni's policy differs). */
export const IpFamily = {
    Ipv4: "ipv4",
    Ipv6: "ipv6",
} as const;
export type IpFamily = (typeof IpFamily)[keyof typeof IpFamily];

export interface WellKnownPolicy {
    /**
     * The add-on whose controller the policy is for. One of `WELL_KNOWN_KINDS`:
     * `aws-load-balancer-controller`, `external-dns`, `cert-manager`, `ebs-csi`, `efs-csi`,
     * `cluster-autoscaler`, `karpenter`, `vpc-cni`, `external-secrets`, `velero`,
     * `cloudwatch-observability`, `amazon-managed-prometheus`. Required.
     */
    kind: WellKnownKind;
    /**
     * Name of the EKS cluster, used to scope tag conditions to the resources this cluster's
     * controller owns. Required for `aws-load-balancer-controller` (`elbv2.k8s.aws/cluster` tag),
     * `cluster-autoscaler` (`k8s.io/cluster-autoscaler/<name>` ASG tag), `karpenter`
     * (`kubernetes.io/cluster/<name>` and `eks:eks-cluster-name` tags) and
     * `cloudwatch-observability` (default log group prefix). Optional for `ebs-csi` and `efs-csi`,
     * where it changes nothing unless `requireClusterTag` is set.
     * https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html#API_CreateCluster_RequestSyntax
     */
    clusterName?: pulumi.Input<string>;
    /**
     * Opt-in, `ebs-csi` and `efs-csi` only (needs `clusterName`): create and delete only volumes,
     * snapshots and access points tagged `kubernetes.io/cluster/<clusterName>: owned`, so one
     * cluster's driver cannot delete another's. The driver writes that tag only when told to:
     * EBS CSI with `--k8s-tag-cluster-id=<clusterName>` (Helm `controller.k8sTagClusterId`),
     * EFS CSI with `controller.tags` including `kubernetes.io/cluster/<clusterName>: owned`;
     * both are empty by default, and then every volume or access point is denied. Volumes created
     * before the setting cannot be deleted. Default: false (scoped by the tags the drivers always
     * send, `ebs.csi.aws.com/cluster`, `CSIVolumeName`, `efs.csi.aws.com/cluster`, ...).
     * https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/tagging.md
     */
    requireClusterTag?: boolean;
    /**
     * Route 53 hosted zones the controller may change, as `arn:<partition>:route53:::hostedzone/<id>`.
     * Required and non-empty for `external-dns` and `cert-manager`; there is no "all zones" default.
     * Run ExternalDNS with `--zone-id-filter` set to the same zones.
     * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53.html#amazonroute53-resources-for-iam-policies
     */
    hostedZoneArns?: pulumi.Input<string>[];
    /**
     * Customer managed KMS keys that encrypt EBS volumes, as `arn:<partition>:kms:<region>:<account>:key/<id>`.
     * Optional, `ebs-csi` only: adds grant and data-key permissions on exactly these keys.
     * Default: no KMS permissions (volumes use the AWS managed `aws/ebs` key).
     * https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/install.md
     */
    kmsKeyArns?: pulumi.Input<string>[];
    /**
     * EFS file systems the driver may create access points on, as
     * `arn:<partition>:elasticfilesystem:<region>:<account>:file-system/fs-<id>`.
     * Required and non-empty for `efs-csi`.
     * https://github.com/kubernetes-sigs/aws-efs-csi-driver/blob/master/docs/iam-policy-example.json
     */
    fileSystemArns?: pulumi.Input<string>[];
    /**
     * IAM roles Karpenter may pass to the EC2 instances it launches (the node roles of its
     * EC2NodeClasses), as `arn:<partition>:iam::<account>:role/<name>`. Required and non-empty
     * for `karpenter`: `iam:PassRole` is granted on these roles only.
     * https://karpenter.sh/docs/reference/cloudformation/#allowpassinginstancerole
     */
    nodeRoleArns?: pulumi.Input<string>[];
    /**
     * SQS queue that receives EC2 interruption events for Karpenter, as
     * `arn:<partition>:sqs:<region>:<account>:<name>`. Optional, `karpenter` only.
     * Default: no SQS permissions (interruption handling disabled).
     * https://karpenter.sh/docs/concepts/disruption/#interruption
     */
    interruptionQueueArn?: pulumi.Input<string>;
    /**
     * IP family of the cluster, `ipv4` or `ipv6`. Optional, `vpc-cni` only: `ipv6` selects the
     * documented IPv6 policy (no secondary private IPv4 addresses, no ENI creation).
     * Default: "ipv4".
     * https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html#cni-iam-role-create-ipv6-policy
     */
    ipFamily?: IpFamily;
    /**
     * Secrets Manager secrets External Secrets may read, as
     * `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>` (a trailing `*` or `-??????`
     * matches the random suffix). `external-secrets` only; it needs at least one of `secretArns`
     * and `parameterArns`.
     * https://external-secrets.io/latest/provider/aws-secrets-manager/#iam-policy
     */
    secretArns?: pulumi.Input<string>[];
    /**
     * SSM parameters External Secrets may read, as `arn:<partition>:ssm:<region>:<account>:parameter/<name>`
     * (the name without its leading `/`; `*` allowed). `external-secrets` only; it needs at least
     * one of `secretArns` and `parameterArns`.
     * https://external-secrets.io/latest/provider/aws-parameter-store/#iam-policy
     */
    parameterArns?: pulumi.Input<string>[];
    /**
     * S3 buckets Velero stores backups in, as `arn:<partition>:s3:::<bucket>` (no object path).
     * Required and non-empty for `velero`.
     * https://github.com/vmware-tanzu/velero-plugin-for-aws#set-permissions-for-velero
     */
    bucketArns?: pulumi.Input<string>[];
    /**
     * Amazon Managed Service for Prometheus workspaces to write to and query, as
     * `arn:<partition>:aps:<region>:<account>:workspace/ws-<id>`. Required and non-empty for
     * `amazon-managed-prometheus`.
     * https://docs.aws.amazon.com/prometheus/latest/userguide/AMP-and-IAM.html
     */
    workspaceArns?: pulumi.Input<string>[];
    /**
     * Prefix of the CloudWatch log groups the CloudWatch agent and Fluent Bit may write, without
     * a trailing `*`. Optional, `cloudwatch-observability` only (which also needs `clusterName`).
     * Default: "/aws/containerinsights/<clusterName>/".
     * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-setup-EKS-addon.html
     */
    logGroupPrefix?: pulumi.Input<string>;
}

/** Where the policy is used: ARNs are built from these, never from a hard-coded `arn:aws`. */
export interface CatalogContext {
    /** `aws`, `aws-cn`, `aws-us-gov`, ... as `aws.getPartition()` reports it. */
    partition: string;
    region: string;
    /** 12-digit account id. */
    accountId: string;
}

/** `WellKnownPolicy` after every Input resolved: the same fields as plain strings. */
export type ResolvedWellKnownPolicy = {
    kind: WellKnownKind;
    clusterName?: string;
    requireClusterTag?: boolean;
    hostedZoneArns?: string[];
    kmsKeyArns?: string[];
    fileSystemArns?: string[];
    nodeRoleArns?: string[];
    interruptionQueueArn?: string;
    ipFamily?: IpFamily;
    secretArns?: string[];
    parameterArns?: string[];
    bucketArns?: string[];
    workspaceArns?: string[];
    logGroupPrefix?: string;
};

/** Every scope field (everything but `kind`). */
export type ScopeField = Exclude<keyof WellKnownPolicy, "kind">;
