// The discovery as Markdown (the default output) and as the JSON the issue specifies (--json).
import { Discovery } from "./inventory";
import { WorkloadWithSdk } from "./sdk";

/** `--json`: exactly `{ workloads, roles, oidcProviders, findings }`. */
export function toJson(d: Discovery): string {
    return JSON.stringify(
        { workloads: d.workloads, roles: d.roles, oidcProviders: d.oidcProviders, findings: d.findings },
        null,
        2,
    );
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function toMarkdown(d: Discovery): string {
    const migratable = d.workloads.filter((w) => w.migratable).length;
    const mandatory = d.findings.filter((f) => f.level === "mandatory").length;
    const lines: string[] = [
        "# Workload identity discovery",
        "",
        `${d.workloads.length} workloads, ${migratable} can start the migration to EKS Pod Identity; ` +
            `${d.findings.length} findings (${mandatory} mandatory).`,
        "",
        "## Workloads",
        "",
        "| Cluster | Namespace | Service account | Role | Mechanism | Findings | Migratable | Reason |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ...d.workloads.map(
            (w) =>
                `| ${w.cluster} | ${w.namespace} | ${w.serviceAccount} | ${w.roleArn} | ${w.mechanism} | ` +
                `${w.findings.map((f) => f.id).join(", ") || "none"} | ${w.migratable ? "yes" : "no"} | ${cell(w.reason)} |`,
        ),
        "",
        "## Workload roles",
        "",
        "| Role | Trusted by clusters | Pod Identity trust | Used by |",
        "| --- | --- | --- | --- |",
        ...d.roles.map(
            (r) =>
                `| ${r.name} | ${r.clusters.join(", ") || "none"} | ${r.podIdentityTrust ? "yes" : "no"} | ` +
                `${r.usedBy.join(", ") || "unused (not adopted)"} |`,
        ),
        "",
        "## OIDC providers",
        "",
        `${d.oidcProviders[0]?.quota.used ?? 0} of the quota of ${d.oidcProviders[0]?.quota.limit ?? 100} per account.`,
        "",
        "| Issuer | Cluster | Roles |",
        "| --- | --- | --- |",
        ...d.oidcProviders.map(
            (p) =>
                `| ${p.issuer} | ${p.cluster ?? "none (no such cluster)"} | ${p.roles.join(", ") || "none"} |`,
        ),
        "",
        ...sdkSection(d),
        "## Findings",
        "",
        "| Level | Id | Subject | Message |",
        "| --- | --- | --- | --- |",
        ...d.findings.map((f) => `| ${f.level} | ${f.id} | ${f.subject} | ${cell(f.message)} |`),
        "",
    ];
    return lines.join("\n");
}

/** The workloads given an SBOM or lockfile (`--sbom`): their SDKs against Pod Identity's minimums. */
function sdkSection(d: Discovery): string[] {
    const given = (d.workloads as WorkloadWithSdk[]).filter((w) => w.sdk !== undefined);
    if (given.length === 0) {
        return [];
    }
    return [
        "## Pod Identity SDK readiness",
        "",
        "| Cluster | Namespace | Service account | Readiness | Evidence | SDKs | Why |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        ...given.map(
            (w) =>
                `| ${w.cluster} | ${w.namespace} | ${w.serviceAccount} | ${w.sdk!.verdict} | ${cell(w.sdk!.evidence)} | ` +
                `${w.sdk!.sdks.map((s) => `${s.package} ${s.version ?? "(not listed)"} (needs ${s.minimum})`).join(", ") || "none"} | ` +
                `${cell(w.sdk!.reasons.join("; ")) || "none"} |`,
        ),
        "",
    ];
}
