import * as assert from "assert";
import { wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, WORKSPACE, FULL } from "./fixtures";
import { describeConformance } from "./conformance";

describe("identity/catalog/amazon-managed-prometheus", () => {
    describe("full documents", () => {
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
});

describe("identity/catalog/amazon-managed-prometheus conformance", () => {
    describeConformance({
        kind: "amazon-managed-prometheus",
        reference: [
            "AmazonPrometheusRemoteWriteAccess v1 (arn:aws:iam::aws:policy/AmazonPrometheusRemoteWriteAccess, last updated 2020-12-19T01:04:32.000Z; default for ingest)",
            "AmazonPrometheusQueryAccess v1 (arn:aws:iam::aws:policy/AmazonPrometheusQueryAccess, last updated 2020-12-19T01:02:58.000Z; default for query)",
        ],
        variants: [
            {
                name: "one workspace",
                args: {
                    kind: "amazon-managed-prometheus",
                    workspaceArns: [
                        "arn:aws:aps:us-west-2:111122223333:workspace/ws-0123abcd-0123-4567-89ab-0123456789ab",
                    ],
                },
                requests: [
                    {
                        action: "aps:RemoteWrite",
                        resource:
                            "arn:aws:aps:us-west-2:111122223333:workspace/ws-0123abcd-0123-4567-89ab-0123456789ab",
                        note: "Prometheus remote_write (sigv4) / Grafana and KEDA queries",
                    },
                    {
                        action: "aps:QueryMetrics",
                        resource:
                            "arn:aws:aps:us-west-2:111122223333:workspace/ws-0123abcd-0123-4567-89ab-0123456789ab",
                        note: "Prometheus remote_write (sigv4) / Grafana and KEDA queries",
                    },
                    {
                        action: "aps:GetLabels",
                        resource:
                            "arn:aws:aps:us-west-2:111122223333:workspace/ws-0123abcd-0123-4567-89ab-0123456789ab",
                        note: "Prometheus remote_write (sigv4) / Grafana and KEDA queries",
                    },
                    {
                        action: "aps:GetSeries",
                        resource:
                            "arn:aws:aps:us-west-2:111122223333:workspace/ws-0123abcd-0123-4567-89ab-0123456789ab",
                        note: "Prometheus-compatible query API (series, metadata)",
                    },
                    {
                        action: "aps:GetMetricMetadata",
                        resource:
                            "arn:aws:aps:us-west-2:111122223333:workspace/ws-0123abcd-0123-4567-89ab-0123456789ab",
                        note: "Prometheus-compatible query API (series, metadata)",
                    },
                ],
                denied: [
                    {
                        action: "aps:RemoteWrite",
                        resource:
                            "arn:aws:aps:us-west-2:111122223333:workspace/ws-ffffffff-0123-4567-89ab-0123456789ab",
                        note: "a workspace not listed",
                    },
                    {
                        action: "aps:DeleteWorkspace",
                        resource:
                            "arn:aws:aps:us-west-2:111122223333:workspace/ws-0123abcd-0123-4567-89ab-0123456789ab",
                        note: "not a client call",
                    },
                ],
            },
        ],
    });
});
