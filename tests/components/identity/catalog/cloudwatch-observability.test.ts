import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, FULL, statement } from "./fixtures";
import { describeConformance } from "./conformance";

describe("identity/catalog/cloudwatch-observability", () => {
    describe("key statements", () => {
        const cases: {
            kind: string;
            args: ResolvedWellKnownPolicy;
            check: (doc: PolicyDocument) => void;
        }[] = [
            {
                kind: "cloudwatch-observability (default prefix)",
                args: { kind: "cloudwatch-observability", clusterName: "prod" },
                check: (doc) => {
                    assert.deepStrictEqual(statement(doc, "ManageLogGroups").Resource, [
                        "arn:aws:logs:us-west-2:111122223333:log-group:/aws/containerinsights/prod/*",
                        "arn:aws:logs:us-west-2:111122223333:log-group:/aws/application-signals/data",
                    ]);
                    assert.deepStrictEqual(statement(doc, "WriteLogStreams").Resource, [
                        "arn:aws:logs:us-west-2:111122223333:log-group:/aws/containerinsights/prod/*:log-stream:*",
                        "arn:aws:logs:us-west-2:111122223333:log-group:/aws/application-signals/data:log-stream:*",
                    ]);
                },
            },
            {
                kind: "cloudwatch-observability (custom prefix)",
                args: FULL["cloudwatch-observability"],
                check: (doc) => {
                    assert.deepStrictEqual(statement(doc, "ManageLogGroups").Resource, [
                        "arn:aws:logs:us-west-2:111122223333:log-group:/eks/prod/*",
                        "arn:aws:logs:us-west-2:111122223333:log-group:/aws/application-signals/data",
                    ]);
                },
            },
        ];
        for (const c of cases) {
            it(c.kind, () => c.check(wellKnownPolicyDocument(c.args, CTX)));
        }
    });
});

describe("identity/catalog/cloudwatch-observability conformance", () => {
    describeConformance({
        kind: "cloudwatch-observability",
        reference: [
            "CloudWatchAgentServerPolicy v3 (arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy, last updated 2024-02-06T16:37:37.000Z; default: both attached)",
            "AWSXrayWriteOnlyAccess v2 (arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess, last updated 2018-08-28T23:03:04.000Z; default: both attached)",
        ],
        variants: [
            {
                name: "clusterName=demo, default prefix, Application Signals on (default)",
                args: { kind: "cloudwatch-observability", clusterName: "demo" },
                requests: [
                    {
                        action: "logs:CreateLogGroup",
                        resource:
                            "arn:aws:logs:us-west-2:111122223333:log-group:/aws/containerinsights/demo/performance",
                        note: "CloudWatch agent / Fluent Bit (amazon-cloudwatch-observability 6.4.0): Container Insights",
                    },
                    {
                        action: "logs:CreateLogStream",
                        resource:
                            "arn:aws:logs:us-west-2:111122223333:log-group:/aws/containerinsights/demo/performance:log-stream:ip-10-0-0-1",
                        note: "CloudWatch agent / Fluent Bit (amazon-cloudwatch-observability 6.4.0): Container Insights",
                    },
                    {
                        action: "logs:PutLogEvents",
                        resource:
                            "arn:aws:logs:us-west-2:111122223333:log-group:/aws/containerinsights/demo/application:log-stream:ip-10-0-0-1-application.var.log",
                        note: "CloudWatch agent / Fluent Bit (amazon-cloudwatch-observability 6.4.0): Container Insights",
                    },
                    {
                        action: "logs:CreateLogGroup",
                        resource:
                            "arn:aws:logs:us-west-2:111122223333:log-group:/aws/application-signals/data",
                        note: "Application Signals (default on in add-on/Helm chart)",
                    },
                    {
                        action: "logs:PutLogEvents",
                        resource:
                            "arn:aws:logs:us-west-2:111122223333:log-group:/aws/application-signals/data:log-stream:default",
                        note: "Application Signals EMF",
                    },
                    {
                        action: "logs:DescribeLogGroups",
                        resource: "*",
                        note: "CloudWatch agent / Fluent Bit (amazon-cloudwatch-observability 6.4.0): Container Insights",
                    },
                    {
                        action: "cloudwatch:PutMetricData",
                        resource: "*",
                        note: "CloudWatch agent / Fluent Bit (amazon-cloudwatch-observability 6.4.0): Container Insights",
                    },
                    {
                        action: "xray:PutTraceSegments",
                        resource: "*",
                        note: "CloudWatch agent / Fluent Bit (amazon-cloudwatch-observability 6.4.0): Container Insights",
                    },
                    {
                        action: "logs:PutRetentionPolicy",
                        resource:
                            "arn:aws:logs:us-west-2:111122223333:log-group:/aws/containerinsights/demo/performance",
                        note: "agent logs.metrics_collected retention_in_days",
                    },
                    {
                        action: "logs:DescribeLogStreams",
                        resource:
                            "arn:aws:logs:us-west-2:111122223333:log-group:/aws/containerinsights/demo/performance",
                        note: "Fluent Bit cloudwatch_logs output: existing streams",
                    },
                    {
                        action: "ec2:DescribeTags",
                        resource: "*",
                        note: "agent ec2tagger: node tags as metric dimensions",
                    },
                    { action: "ec2:DescribeVolumes", resource: "*", note: "agent ec2tagger: EBS volume ids" },
                    { action: "xray:PutTelemetryRecords", resource: "*", note: "agent X-Ray / OTLP traces" },
                    { action: "xray:GetSamplingRules", resource: "*", note: "agent X-Ray sampling proxy" },
                    { action: "xray:GetSamplingTargets", resource: "*", note: "agent X-Ray sampling proxy" },
                    {
                        action: "xray:GetSamplingStatisticSummaries",
                        resource: "*",
                        note: "agent X-Ray sampling proxy",
                    },
                ],
                denied: [
                    {
                        action: "logs:PutLogEvents",
                        resource:
                            "arn:aws:logs:us-west-2:111122223333:log-group:/aws/lambda/payments:log-stream:x",
                        note: "another workload's log group",
                    },
                    {
                        action: "logs:DeleteLogGroup",
                        resource:
                            "arn:aws:logs:us-west-2:111122223333:log-group:/aws/containerinsights/demo/performance",
                        note: "not an agent call",
                    },
                ],
            },
        ],
    });
});
