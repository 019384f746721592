// The human output of a plan: the resource tree, warnings, violations by policy, the summary line.
import * as assert from "assert";
import { PlanFile } from "../../plan/model";
import { formatPlan, summaryLine } from "../../plan/print";
import { planFile, planResource, urnOf as urn } from "./planFile";

const cluster = planResource("eks-identity:index:EksCluster", "dev");
const role = planResource("aws:iam/role:Role", "app-role", { parent: cluster.urn, protect: true });
const attachment = planResource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "app-s3", {
    parent: cluster.urn,
});
const bucket = planResource("aws:s3/bucket:Bucket", "logs");

function plan(extra: Partial<PlanFile> = {}): PlanFile {
    return planFile({
        resources: [cluster, role, attachment, bucket],
        summary: { resources: 4, mandatory: 0, advisory: 0, undetermined: 0 },
        timings: { programMs: 1000, policyMs: 234, totalMs: 1234 },
        ...extra,
    });
}

describe("plan/print", () => {
    it("a clean plan: the tree under the stack (components first-level, children below), no violations", () => {
        assert.strictEqual(
            formatPlan(plan()),
            [
                "Offline plan of stack dev (stacks/Pulumi.dev.yaml)",
                "",
                // The column allows 2 characters a tree level where the tree draws 3, so the
                // longest type one level down overflows it: its name follows after one space.
                "     Type                                                   Name",
                " +   pulumi:pulumi:Stack                                    platform-dev",
                " +   ├─ eks-identity:index:EksCluster                       dev",
                " +   │  ├─ aws:iam/role:Role                                app-role (protected)",
                " +   │  └─ aws:iam/rolePolicyAttachment:RolePolicyAttachment app-s3",
                " +   └─ aws:s3/bucket:Bucket                                logs",
                "",
                "Policies (eks-identity@v0.1.0, 37 policies):",
                "    ✅ no violations",
                "",
                "Plan: 4 to create. Policies: 0 mandatory, 0 advisory violation(s), 0 undetermined. PASSED in 1.2 s.",
            ].join("\n"),
        );
    });

    it("an imported resource: `=` instead of `+`, its import ID after the name, counted apart in the summary", () => {
        const adopted = planResource("aws:iam/role:Role", "app-role", {
            parent: cluster.urn,
            importId: "eksctl-dev-addon-iamserviceaccount-Role1",
        });
        const text = formatPlan(
            plan({
                resources: [cluster, adopted, attachment],
                summary: { resources: 3, mandatory: 0, advisory: 0, undetermined: 0 },
            }),
        );
        assert.deepStrictEqual(text.split("\n").slice(3, 7), [
            " +   pulumi:pulumi:Stack                                    platform-dev",
            " +   └─ eks-identity:index:EksCluster                       dev",
            " =      ├─ aws:iam/role:Role                                app-role (import eksctl-dev-addon-iamserviceaccount-Role1)",
            " +      └─ aws:iam/rolePolicyAttachment:RolePolicyAttachment app-s3",
        ]);
        assert.strictEqual(
            text.split("\n").pop(),
            "Plan: 2 to create, 1 to import. Policies: 0 mandatory, 0 advisory violation(s), 0 undetermined. PASSED in 1.2 s.",
        );
    });

    it("warnings, violations grouped by policy in name order, stack-level ones, undetermined policies", () => {
        const text = formatPlan(
            plan({
                resources: [bucket],
                warnings: [
                    { message: "the default service account", urn: bucket.urn },
                    { message: "no urn" },
                ],
                violations: [
                    {
                        policyName: "z-stack-policy",
                        policyPackName: "eks-identity",
                        enforcementLevel: "advisory",
                        message: "Stack-wide.",
                    },
                    {
                        policyName: "a-bucket-policy",
                        policyPackName: "eks-identity",
                        enforcementLevel: "mandatory",
                        message: "Buckets must be private.\nBucket 'logs' is public.",
                        urn: bucket.urn,
                    },
                    {
                        policyName: "a-bucket-policy",
                        policyPackName: "eks-identity",
                        enforcementLevel: "mandatory",
                        message: "Gone.",
                        urn: urn("aws:s3/bucket:Bucket", "elsewhere"),
                    },
                ],
                undetermined: [{ policyName: "trust-length", urn: bucket.urn, message: "unknown ARN" }],
                summary: { resources: 1, mandatory: 2, advisory: 1, undetermined: 1 },
            }),
        );
        assert.strictEqual(
            text.slice(text.indexOf("Warnings:")),
            [
                "Warnings:",
                "    aws:s3/bucket:Bucket: logs: the default service account",
                "    stack: no urn",
                "",
                "Policies (eks-identity@v0.1.0, 37 policies):",
                "    ❌ [mandatory] a-bucket-policy (2)",
                "        - aws:s3/bucket:Bucket: logs",
                "          Buckets must be private.",
                "          Bucket 'logs' is public.",
                `        - ${urn("aws:s3/bucket:Bucket", "elsewhere")}`,
                "          Gone.",
                "    ⚠️  [advisory] z-stack-policy (1)",
                "        - stack",
                "          Stack-wide.",
                "",
                "Not decided (a value was unknown), deferred to `pulumi up`:",
                "    - trust-length on aws:s3/bucket:Bucket: logs: unknown ARN",
                "",
                "Plan: 1 to create. Policies: 2 mandatory, 1 advisory violation(s), 1 undetermined, deferred to `pulumi up`. FAILED in 1.2 s.",
            ].join("\n"),
        );
    });

    it("a first preview: said in the header; a resource's undetermined checks on one line, with the policies below", () => {
        const cantRun = (policy: string, what: string) =>
            `can't run policy '${policy}' from policy pack 'eks-identity@v0.1.0' during preview: undetermined: ${what}, checked at pulumi up`;
        const text = formatPlan(
            plan({
                firstPreview: true,
                undetermined: [
                    {
                        policyName: "trust-length",
                        urn: role.urn,
                        message: cantRun("trust-length", "the trust"),
                    },
                    {
                        policyName: "trust-irsa-action",
                        urn: role.urn,
                        message: cantRun("trust-irsa-action", "the trust"),
                    },
                    {
                        policyName: "trust-length",
                        urn: bucket.urn,
                        message: cantRun("trust-length", "its ARN"),
                    },
                    {
                        policyName: "x-stack",
                        message: "can't run policy 'x-stack' from policy pack 'p@v1' during preview: y",
                    },
                ],
                summary: { resources: 4, mandatory: 0, advisory: 0, undetermined: 4 },
            }),
        );
        assert.strictEqual(
            text.split("\n")[0],
            "Offline plan of stack dev (stacks/Pulumi.dev.yaml), as its first `pulumi preview`: values AWS computes are unknown",
        );
        assert.strictEqual(
            text.slice(text.indexOf("Not decided")),
            [
                "Not decided (a value was unknown), deferred to `pulumi up`:",
                "    - aws:iam/role:Role: app-role: undetermined: the trust, checked at pulumi up",
                "      2 checks: trust-length, trust-irsa-action",
                "    - trust-length on aws:s3/bucket:Bucket: logs: undetermined: its ARN, checked at pulumi up",
                "    - x-stack on stack: y",
                "",
                "Plan: 4 to create. Policies: 0 mandatory, 0 advisory violation(s), 4 undetermined, deferred to `pulumi up`. PASSED in 1.2 s.",
            ].join("\n"),
        );
    });

    it("summaryLine: FAILED only for mandatory violations; seconds with one decimal", () => {
        const table: [PlanFile["summary"], number, string][] = [
            [
                { resources: 46, mandatory: 0, advisory: 3, undetermined: 0 },
                9940,
                "Plan: 46 to create. Policies: 0 mandatory, 3 advisory violation(s), 0 undetermined. PASSED in 9.9 s.",
            ],
            [
                { resources: 1, mandatory: 1, advisory: 0, undetermined: 2 },
                50,
                "Plan: 1 to create. Policies: 1 mandatory, 0 advisory violation(s), 2 undetermined, deferred to `pulumi up`. FAILED in 0.1 s.",
            ],
        ];
        for (const [summary, totalMs, line] of table) {
            assert.strictEqual(
                summaryLine(plan({ summary, timings: { programMs: 0, policyMs: 0, totalMs } })),
                line,
            );
        }
    });
});
