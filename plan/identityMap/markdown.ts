// The identity map in Markdown, for pull requests: a summary per cluster, one Mermaid graph per
// namespace, then the workloads, the platform roles and the findings no role owns, in tables.
// The cell texts are shared with the page (plan/report.ts), so both say the same.
import {
    AccessFinding,
    AccessSection,
    ClusterAccess,
    PlanFile,
    PlatformRole,
    WorkloadAccess,
} from "../model";
import { byNamespace, namespaceMermaid } from "./mermaid";
import { permissionLines } from "./permissions";

/** `pod-identity via association payments-api-association` lines. */
export function pathTexts(w: WorkloadAccess): string[] {
    return w.paths.map((p) => `${p.mechanism} via ${p.via}`);
}

/** `arn:aws:iam::1:role/developers (AmazonEKSEditPolicy, namespace scope)` lines. */
export function runAsTexts(w: WorkloadAccess): string[] {
    return w.runAs.map((r) => `${r.principalArn} (${r.accessPolicy}, ${r.scope} scope)`);
}

/** What a role can do, one line per service; administrator-equivalent first when it is. */
export function canDoTexts(p: WorkloadAccess["permissions"]): string[] {
    return [
        ...(p.administrator ? [`ADMINISTRATOR-EQUIVALENT: ${p.administrator}`] : []),
        ...permissionLines(p),
        ...p.unknown.map((d) => `unknown: ${d}`),
    ];
}

export function migrationText(w: WorkloadAccess): string {
    return [w.migration.reason, w.migration.sdk ? `SDK ${w.migration.sdk}` : undefined]
        .filter((t) => t !== undefined)
        .join("; ");
}

export function findingText(f: AccessFinding): string {
    const count = f.messages.length > 1 ? ` (${f.messages.length} statements)` : "";
    return `${f.enforcementLevel}: ${f.policyName}${count}`;
}

function cell(lines: string[], empty = "(none)"): string {
    return lines.length > 0 ? lines.map((l) => l.replace(/\|/g, "\\|")).join("<br>") : empty;
}

function findingsCell(findings: AccessFinding[]): string {
    return findings.length > 0
        ? findings
              .map((f) => `${f.enforcementLevel === "mandatory" ? "❌" : "⚠️"} ${findingText(f)}`)
              .join("<br>")
        : "✅";
}

export function modeCounts(c: ClusterAccess): string {
    const m = c.summary.modes;
    return `${m["pod-identity"]} pod-identity, ${m.both} both, ${m.irsa} irsa`;
}

/** How many workloads a cell names before it only counts them. */
export const WORKLOADS_SHOWN = 5;

/** `3: a/b, c/d, e/f` (the first WORKLOADS_SHOWN of them, then how many more). */
export function bothWorkloads(workloads: string[]): string {
    const shown = workloads.slice(0, WORKLOADS_SHOWN);
    const more = workloads.length - shown.length;
    return `${workloads.length}: ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

function summary(c: ClusterAccess): string[] {
    const s = c.summary;
    const out = [
        "### Summary",
        "",
        `${s.workloads} workload identit${s.workloads === 1 ? "y" : "ies"}: ${modeCounts(c)}. ` +
            `Findings, once per policy and resource: ${s.findings.mandatory} mandatory, ${s.findings.advisory} advisory.`,
        "",
    ];
    if (s.riskiest.length > 0) {
        out.push("| Riskiest roles | Why |", "|---|---|");
        out.push(...s.riskiest.map((r) => `| ${r.role} | ${cell(r.why)} |`), "");
    }
    if (s.bothSdks.length > 0) {
        out.push(
            "In `both`, these still read the web-identity token first (it comes before Pod Identity's container credentials in the SDKs' chains), so they use IRSA until the mode is `pod-identity`:",
            "",
            "| SDK | Workloads |",
            "|---|---|",
            ...s.bothSdks.map((b) => `| ${b.sdk} | ${bothWorkloads(b.workloads)} |`),
            "",
        );
    }
    return out;
}

function workloadRow(w: WorkloadAccess): string {
    return `| ${w.namespace} | ${w.serviceAccount} | ${w.mode} | ${cell(pathTexts(w))} | ${w.role.arn || w.role.name} | ${cell(canDoTexts(w.permissions))} | ${cell(runAsTexts(w))} | ${cell([migrationText(w)].filter(Boolean), "on Pod Identity")} | ${findingsCell(w.findings)} |`;
}

function platformRow(p: PlatformRole): string {
    return `| ${p.kind} | ${p.role.arn || p.role.name} | ${cell(p.usedBy)} | ${cell(canDoTexts(p.permissions))} | ${cell(p.podReach, "no")} | ${findingsCell(p.findings)} |`;
}

export function identityMapMarkdown(plan: PlanFile, access: AccessSection): string {
    const out = [
        `# Identity map of stack \`${plan.stack}\``,
        "",
        `Planned offline from \`${plan.configFile}\` (${plan.cloud.partition}, ${plan.cloud.region}, account ${plan.cloud.accountId}); ` +
            `policy pack ${plan.policyPack.name}@v${plan.policyPack.version}: ${plan.summary.mandatory} mandatory, ${plan.summary.advisory} advisory violation(s).`,
        "",
    ];
    for (const c of access.clusters) {
        out.push(`## Cluster \`${c.cluster}\``, "", ...summary(c));
        for (const [namespace, workloads] of byNamespace(c)) {
            out.push(`### Namespace \`${namespace}\``, "");
            for (const block of namespaceMermaid(workloads)) {
                out.push("```mermaid", block, "```", "");
            }
        }
        out.push(
            "### Workloads",
            "",
            "| Namespace | Service account | Mode | Path | Role ARN | Can do | Also run by | Migration | Findings |",
            "|---|---|---|---|---|---|---|---|---|",
            ...c.workloads.map(workloadRow),
            "",
        );
        if (c.platformRoles.length > 0) {
            out.push(
                "### Platform roles",
                "",
                "| Kind | Role ARN | Used by | Can do | Pods reach it through IMDS | Findings |",
                "|---|---|---|---|---|---|",
                ...c.platformRoles.map(platformRow),
                "",
            );
        }
    }
    if (access.clusters.length === 0) {
        out.push("No workload identities (IRSA or Pod Identity roles) in this plan.", "");
    }
    if (access.otherFindings.length > 0) {
        out.push(
            "## Other findings",
            "",
            "| Finding | Resource |",
            "|---|---|",
            ...access.otherFindings.map((f) => `| ${findingsCell([f])} | ${f.urn || "(the stack)"} |`),
            "",
        );
    }
    return out.join("\n");
}
