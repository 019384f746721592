// The identity map in Markdown: the summary, a Mermaid graph per namespace, then the tables.
import * as assert from "assert";
import { accessSection, identityMapMarkdown } from "../../../plan/identityMap";
import { accessPolicies, elsewhere, onRole, onSibling, plan, resources } from "./fixtures";

describe("plan/identityMap/markdown", () => {
    it("a small plan: summary, one namespace graph, the workload's row, the finding no role owns", async () => {
        const small = plan(
            [...resources.slice(0, 5), ...accessPolicies.slice(0, 2)],
            [onRole, onSibling, elsewhere],
        );
        assert.strictEqual(
            identityMapMarkdown(small, await accessSection(small)),
            [
                "# Identity map of stack `dev`",
                "",
                "Planned offline from `stacks/Pulumi.dev.yaml` (aws, us-west-2, account 111122223333); policy pack eks-identity@v0.1.0: 2 mandatory, 1 advisory violation(s).",
                "",
                "## Cluster `dev`",
                "",
                "### Summary",
                "",
                "1 workload identity: 0 pod-identity, 0 both, 1 irsa. Findings, once per policy and resource: 1 mandatory, 1 advisory.",
                "",
                "| Riskiest roles | Why |",
                "|---|---|",
                "| payments-api-role-1a2b3c4 | mandatory: trust-irsa-audience<br>advisory: service-account-dedicated |",
                "",
                "### Namespace `payments`",
                "",
                "```mermaid",
                "flowchart LR",
                '    subgraph ns_payments["namespace payments"]',
                '    sa_payments_payments_api["payments/payments-api"]',
                '    role_payments_api_role_1a2b3c4["arn:aws:iam::111122223333:role/<br>payments-api-role-1a2b3c4 ⚠"]',
                '    sa_payments_payments_api -->|"irsa via issuer oidc.eks.us-west-2.amazonaws.com/id/ABC"| role_payments_api_role_1a2b3c4',
                '    role_payments_api_role_1a2b3c4 --> can_payments_api_role_1a2b3c4["s3: List, Read<br>s3-object-lambda: List, Read"]',
                "    class role_payments_api_role_1a2b3c4 risk",
                "    end",
                '    principal_arn_aws_iam__111122223333_role_platform_admins["arn:aws:iam::111122223333:role/platform-admins"] -->|"AmazonEKSClusterAdminPolicy: runs pods"| ns_payments',
                "    classDef risk fill:#fdd,stroke:#c00",
                "```",
                "",
                "### Workloads",
                "",
                "| Namespace | Service account | Mode | Path | Role ARN | Can do | Also run by | Migration | Findings |",
                "|---|---|---|---|---|---|---|---|---|",
                "| payments | payments-api | irsa | irsa via issuer oidc.eks.us-west-2.amazonaws.com/id/ABC | arn:aws:iam::111122223333:role/payments-api-role-1a2b3c4 | s3: List, Read on *<br>s3-object-lambda: List, Read on * | arn:aws:iam::111122223333:role/platform-admins (AmazonEKSClusterAdminPolicy, cluster scope) | irsa (no stack config evidence in this plan) | ❌ mandatory: trust-irsa-audience<br>⚠️ advisory: service-account-dedicated |",
                "",
                "## Other findings",
                "",
                "| Finding | Resource |",
                "|---|---|",
                "| ❌ mandatory: node-role-managed-policies | urn:pulumi:dev::platform::aws:iam/role:Role::node-role |",
                "",
            ].join("\n"),
        );
    });

    it("says so when the plan has no workload identity", () => {
        assert.ok(
            identityMapMarkdown(plan([]), { clusters: [], otherFindings: [] }).endsWith(
                "No workload identities (IRSA or Pod Identity roles) in this plan.\n",
            ),
        );
    });
});
