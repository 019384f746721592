// Writes the identity map of a plan: identity-map.md (tables and Mermaid graphs, for pull
// requests) and identity-map.html (self-contained: a summary, one small graph per namespace
// rendered to inline SVG by Graphviz compiled to WebAssembly, @viz-js/viz, then the tables, with
// a search box whose inline script filters rows; a Content-Security-Policy of `default-src
// 'none'` keeps the page off the network).
import * as fs from "fs";
import * as path from "path";
import { instance } from "@viz-js/viz";
import {
    accessSection,
    bothWorkloads,
    byNamespace,
    canDoTexts,
    findingText,
    identityMapMarkdown,
    migrationText,
    modeCounts,
    pathTexts,
    runAsTexts,
} from "./identityMap";
import { AccessFinding, AccessSection, ClusterAccess, PlanFile, PlatformRole, WorkloadAccess } from "./model";

function escapeHtml(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function dotString(text: string): string {
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** A role ARN on two lines (account, then the role's path and name), so the graphs stay narrow. */
export function arnLabel(arn: string): string {
    return arn.replace(/:role\//, ":role/\n");
}

/** What a role can do without the resources (the tables name them): the graphs stay narrow. */
function levelsOnly(p: WorkloadAccess["permissions"]): string[] {
    return [
        ...(p.administrator ? ["ADMINISTRATOR-EQUIVALENT"] : []),
        ...p.services.map((s) => `${s.service}: ${s.levels.join(", ")}`),
    ];
}

/**
 * The DOT graph of one namespace: the principals that run pods as each ServiceAccount -> the
 * ServiceAccount -> (edge: mechanism and what carries it) the role's ARN -> what it can do.
 */
export function namespaceDot(workloads: WorkloadAccess[]): string {
    const namespace = workloads[0]?.namespace ?? "";
    const lines = [
        "digraph identities {",
        '  rankdir=LR; bgcolor="transparent"; compound=true;',
        '  node [fontname="Helvetica", fontsize=11]; edge [fontname="Helvetica", fontsize=10];',
        `  subgraph cluster_namespace { label=${dotString(`namespace ${namespace}`)}; style=dashed; fontname="Helvetica";`,
    ];
    const declared = new Set<string>();
    const node = (id: string, attributes: string) => {
        if (!declared.has(id)) {
            declared.add(id);
            lines.push(`  ${dotString(id)} [${attributes}];`);
        }
    };
    for (const w of workloads) {
        const sa = `sa:${w.namespace}/${w.serviceAccount}`;
        const role = `role:${w.role.urn}`;
        const can = `can:${w.role.urn}`;
        const bad = w.findings.length > 0 || w.permissions.administrator !== undefined;
        node(
            sa,
            `label=${dotString(`${w.namespace}/${w.serviceAccount}`)}, shape=ellipse, style=filled, fillcolor="#e8f0fe"`,
        );
        node(
            role,
            `label=${dotString(`${arnLabel(w.role.arn || w.role.name)}${w.findings.map((f) => `\n⚠ ${f.policyName}`).join("")}`)}, shape=box, style="filled,rounded", fillcolor=${bad ? '"#fdd"' : '"#e6f4ea"'}, color=${bad ? '"#c00"' : '"#188038"'}`,
        );
        node(
            can,
            `label=${dotString(levelsOnly(w.permissions).join("\n") || "no permissions")}, shape=note, style=filled, fillcolor="#fef7e0"`,
        );
        for (const p of w.paths) {
            lines.push(
                `  ${dotString(sa)} -> ${dotString(role)} [label=${dotString(`${p.mechanism}\nvia ${p.via}`)}];`,
            );
        }
        lines.push(`  ${dotString(role)} -> ${dotString(can)};`);
    }
    // Who can run pods in the namespace runs them as every ServiceAccount in it: one edge each,
    // to the namespace's box (Graphviz `lhead`).
    lines.push("  }");
    const first = workloads[0] ? `sa:${workloads[0].namespace}/${workloads[0].serviceAccount}` : undefined;
    for (const r of first ? workloads[0].runAs : []) {
        const principal = `principal:${r.principalArn}`;
        lines.push(
            `  ${dotString(principal)} [label=${dotString(arnLabel(r.principalArn))}, shape=box, style=dashed];`,
        );
        lines.push(
            `  ${dotString(principal)} -> ${dotString(first!)} [label=${dotString(`${r.accessPolicy}: runs pods`)}, style=dashed, lhead=cluster_namespace];`,
        );
    }
    lines.push("}");
    return lines.join("\n");
}

function list(lines: string[], empty = "none"): string {
    return lines.length > 0
        ? lines.map(escapeHtml).join("<br>")
        : `<span class="none">${escapeHtml(empty)}</span>`;
}

function findingsHtml(findings: AccessFinding[]): string {
    return findings.length > 0
        ? findings
              .map(
                  (f) =>
                      `<span class="${escapeHtml(f.enforcementLevel)}" title="${escapeHtml(f.messages.join("\n"))}">${escapeHtml(findingText(f))}</span>`,
              )
              .join("<br>")
        : '<span class="ok">none</span>';
}

function workloadRow(cluster: string, w: WorkloadAccess): string {
    const admin = w.permissions.administrator !== undefined;
    const search =
        `${w.namespace} ${w.serviceAccount} ${w.namespace}/${w.serviceAccount} ${w.role.name} ${w.role.arn}`.toLowerCase();
    return (
        `<tr data-cluster="${escapeHtml(cluster)}" data-namespace="${escapeHtml(w.namespace)}" data-workload="${escapeHtml(`${w.namespace}/${w.serviceAccount}`)}" data-search="${escapeHtml(search)}"${admin ? ' class="admin"' : ""}>` +
        `<td>${escapeHtml(w.namespace)}</td><td>${escapeHtml(w.serviceAccount)}</td><td class="mode">${escapeHtml(w.mode)}</td>` +
        `<td class="path">${list(pathTexts(w))}</td><td class="role-arn">${escapeHtml(w.role.arn || w.role.name)}</td>` +
        `<td class="levels">${list(canDoTexts(w.permissions), "no permissions")}</td><td class="run-as">${list(runAsTexts(w))}</td>` +
        `<td class="migration">${list([migrationText(w)].filter(Boolean), "on Pod Identity")}</td><td class="findings">${findingsHtml(w.findings)}</td></tr>`
    );
}

function platformRow(cluster: string, p: PlatformRole): string {
    const search = `${p.kind} ${p.role.name} ${p.role.arn}`.toLowerCase();
    return (
        `<tr data-cluster="${escapeHtml(cluster)}" data-platform-role="${escapeHtml(p.kind)}" data-search="${escapeHtml(search)}"${p.permissions.administrator ? ' class="admin"' : ""}>` +
        `<td>${escapeHtml(p.kind)}</td><td class="role-arn">${escapeHtml(p.role.arn || p.role.name)}</td><td>${list(p.usedBy)}</td>` +
        `<td class="levels">${list(canDoTexts(p.permissions), "no permissions")}</td><td class="imds">${list(p.podReach, "no")}</td>` +
        `<td class="findings">${findingsHtml(p.findings)}</td></tr>`
    );
}

function summaryHtml(c: ClusterAccess): string {
    const s = c.summary;
    const risky = s.riskiest.length
        ? `<table class="riskiest"><thead><tr><th>Riskiest roles</th><th>Why</th></tr></thead><tbody>${s.riskiest
              .map((r) => `<tr><td>${escapeHtml(r.role)}</td><td>${list(r.why)}</td></tr>`)
              .join("")}</tbody></table>`
        : "";
    const both = s.bothSdks.length
        ? `<p>In <code>both</code>, these still read the web-identity token first (it comes before Pod Identity's container credentials in the SDKs' chains), so they use IRSA until the mode is <code>pod-identity</code>:</p>` +
          `<table class="both"><thead><tr><th>SDK</th><th>Workloads</th></tr></thead><tbody>${s.bothSdks
              .map(
                  (b) =>
                      `<tr><td>${escapeHtml(b.sdk)}</td><td>${escapeHtml(bothWorkloads(b.workloads))}</td></tr>`,
              )
              .join("")}</tbody></table>`
        : "";
    return (
        `<p class="counts">${s.workloads} workload identit${s.workloads === 1 ? "y" : "ies"}: <span class="modes">${escapeHtml(modeCounts(c))}</span>. ` +
        `Findings, once per policy and resource: <span class="mandatory">${s.findings.mandatory} mandatory</span>, <span class="advisory">${s.findings.advisory} advisory</span>.</p>\n${risky}\n${both}`
    );
}

// Filters every row with a data-search attribute, and hides a namespace's graph when none of its
// rows is left. Inline, so the page needs nothing from the network.
const SEARCH_SCRIPT = `
const box = document.getElementById("search");
const shown = document.getElementById("shown");
function filter() {
  const q = box.value.trim().toLowerCase();
  let count = 0;
  const namespaces = new Set();
  for (const row of document.querySelectorAll("tr[data-search]")) {
    const match = q === "" || row.dataset.search.includes(q);
    row.hidden = !match;
    if (match && row.dataset.workload) {
      count++;
      namespaces.add(row.dataset.cluster + "/" + row.dataset.namespace);
    }
  }
  for (const section of document.querySelectorAll("section[data-namespace]")) {
    section.hidden = !namespaces.has(section.dataset.cluster + "/" + section.dataset.namespace);
  }
  shown.textContent = String(count);
}
box.addEventListener("input", filter);
filter();
`;

export async function identityMapHtml(plan: PlanFile, access: AccessSection): Promise<string> {
    const viz = await instance();
    const svg = (dot: string) =>
        viz
            .renderString(dot, { format: "svg", engine: "dot" })
            .replace(/^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>)?\s*/, "");
    const clusters: string[] = [];
    for (const c of access.clusters) {
        const namespaces = byNamespace(c).map(
            ([namespace, workloads]) =>
                `<section data-cluster="${escapeHtml(c.cluster)}" data-namespace="${escapeHtml(namespace)}"><h3>Namespace ${escapeHtml(namespace)}</h3>\n<figure>${svg(namespaceDot(workloads))}</figure></section>`,
        );
        const platform = c.platformRoles.length
            ? `<h3>Platform roles</h3>\n<table class="platform"><thead><tr><th>Kind</th><th>Role ARN</th><th>Used by</th><th>Can do</th><th>Pods reach it through IMDS</th><th>Findings</th></tr></thead>\n<tbody>\n${c.platformRoles.map((p) => platformRow(c.cluster, p)).join("\n")}\n</tbody></table>`
            : "";
        clusters.push(
            `<section data-cluster="${escapeHtml(c.cluster)}" class="cluster"><h2>Cluster ${escapeHtml(c.cluster)}</h2>\n${summaryHtml(c)}\n${namespaces.join("\n")}\n` +
                `<h3>Workloads</h3>\n<table class="workloads"><thead><tr><th>Namespace</th><th>Service account</th><th>Mode</th><th>Path</th><th>Role ARN</th><th>Can do</th><th>Also run by</th><th>Migration</th><th>Findings</th></tr></thead>\n<tbody>\n${c.workloads.map((w) => workloadRow(c.cluster, w)).join("\n")}\n</tbody></table>\n${platform}</section>`,
        );
    }
    const other = access.otherFindings.length
        ? `<h2>Other findings</h2>\n<table class="other"><thead><tr><th>Finding</th><th>Resource</th></tr></thead><tbody>${access.otherFindings
              .map(
                  (f) =>
                      `<tr><td>${findingsHtml([f])}</td><td>${escapeHtml(f.urn || "(the stack)")}</td></tr>`,
              )
              .join("")}</tbody></table>`
        : "";
    const s = plan.summary;
    const total = access.clusters.reduce((n, c) => n + c.workloads.length, 0);
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Identity map: ${escapeHtml(plan.stack)}</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; margin: 2rem; color: #202124; }
table { border-collapse: collapse; margin: 1rem 0 2rem; }
th, td { border: 1px solid #dadce0; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; font-size: 0.85rem; }
th { background: #f1f3f4; }
td.role-arn { font-family: monospace; }
tr.admin td { background: #fdd; }
figure { margin: 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
.mandatory { color: #c00; font-weight: bold; }
.advisory { color: #b06000; }
.ok { color: #188038; }
.none { color: #5f6368; }
#filter { position: sticky; top: 0; background: #fff; padding: 0.5rem 0; z-index: 1; }
#search { width: 30rem; max-width: 100%; font-size: 1rem; padding: 0.3rem; }
</style>
</head>
<body>
<h1>Identity map of stack <code>${escapeHtml(plan.stack)}</code></h1>
<p>Planned offline from <code>${escapeHtml(plan.configFile)}</code> (${escapeHtml(plan.cloud.partition)}, ${escapeHtml(plan.cloud.region)}, account ${escapeHtml(plan.cloud.accountId)}).
Policy pack ${escapeHtml(plan.policyPack.name)}@v${escapeHtml(plan.policyPack.version)}: <span id="summary">${s.mandatory} mandatory, ${s.advisory} advisory violation(s)</span>.</p>
<div id="filter"><input id="search" type="search" placeholder="Filter by namespace, service account or role" aria-label="Filter by namespace, service account or role"> <span id="shown">${total}</span> of ${total} workload(s)</div>
${clusters.join("\n") || "<p>No workload identities (IRSA or Pod Identity roles) in this plan.</p>"}
${other}
<script>${SEARCH_SCRIPT}</script>
</body>
</html>
`;
}

/** The plan's access section: the one it carries, else read from its resources now. */
export async function accessOf(plan: PlanFile): Promise<AccessSection> {
    return plan.access ?? (await accessSection(plan));
}

/** Writes identity-map.md and identity-map.html into `dir`; returns their paths. */
export async function writeIdentityMap(plan: PlanFile, dir: string): Promise<string[]> {
    fs.mkdirSync(dir, { recursive: true });
    const access = await accessOf(plan);
    const md = path.join(dir, "identity-map.md");
    const html = path.join(dir, "identity-map.html");
    fs.writeFileSync(md, identityMapMarkdown(plan, access));
    fs.writeFileSync(html, await identityMapHtml(plan, access));
    return [md, html];
}
