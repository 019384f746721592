// Writes the identity map of a plan: identity-map.md (tables and Mermaid graphs, for pull
// requests) and identity-map.html (self-contained: the same graph rendered to inline SVG by
// Graphviz compiled to WebAssembly, @viz-js/viz, so it needs no network and no script at view time).
import * as fs from "fs";
import * as path from "path";
import { instance } from "@viz-js/viz";
import { ClusterIdentities, identityMap, identityMapMarkdown } from "./identityMap";
import { PlanFile } from "./model";

function escapeHtml(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function dotString(text: string): string {
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** The DOT graph of one cluster: service accounts -> roles (edge label: mode) -> permissions. */
export function clusterDot(c: ClusterIdentities): string {
    const lines = [
        "digraph identities {",
        '  rankdir=LR; bgcolor="transparent";',
        '  node [fontname="Helvetica", fontsize=11]; edge [fontname="Helvetica", fontsize=10];',
    ];
    for (const e of c.identities) {
        const sa = `sa:${e.namespace}/${e.serviceAccount}`;
        const role = `role:${e.roleName}`;
        lines.push(
            `  ${dotString(sa)} [label=${dotString(`${e.namespace}/${e.serviceAccount}`)}, shape=ellipse, style=filled, fillcolor="#e8f0fe"];`,
        );
        const bad = e.violations.length > 0;
        lines.push(
            `  ${dotString(role)} [label=${dotString(`${e.roleName}${bad ? `\n⚠ ${e.violations.map((v) => v.policyName).join("\n⚠ ")}` : ""}`)}, shape=box, style="filled,rounded", fillcolor=${bad ? '"#fdd"' : '"#e6f4ea"'}, color=${bad ? '"#c00"' : '"#188038"'}];`,
        );
        lines.push(`  ${dotString(sa)} -> ${dotString(role)} [label=${dotString(e.mode)}];`);
        for (const p of e.permissions) {
            const perm = `perm:${e.roleName}/${p}`;
            lines.push(
                `  ${dotString(perm)} [label=${dotString(p)}, shape=note, style=filled, fillcolor="#fef7e0"];`,
            );
            lines.push(`  ${dotString(role)} -> ${dotString(perm)};`);
        }
    }
    lines.push("}");
    return lines.join("\n");
}

export async function identityMapHtml(plan: PlanFile, map: ClusterIdentities[]): Promise<string> {
    const viz = await instance();
    const sections: string[] = [];
    for (const c of map) {
        const svg = viz.renderString(clusterDot(c), { format: "svg", engine: "dot" });
        const rows = c.identities
            .map((e) => {
                const marks = e.violations.length
                    ? e.violations
                          .map(
                              (v) =>
                                  `<span class="${v.enforcementLevel}">${escapeHtml(v.enforcementLevel)}: ${escapeHtml(v.policyName)}</span>`,
                          )
                          .join("<br>")
                    : '<span class="ok">none</span>';
                return (
                    `<tr data-workload="${escapeHtml(`${e.namespace}/${e.serviceAccount}`)}"><td>${escapeHtml(e.namespace)}</td><td>${escapeHtml(e.serviceAccount)}</td>` +
                    `<td>${escapeHtml(e.roleName)}</td><td>${escapeHtml(e.mode)}</td><td>${escapeHtml(e.permissions.join(", ") || "(none)")}</td><td>${marks}</td></tr>`
                );
            })
            .join("\n");
        sections.push(
            `<section data-cluster="${escapeHtml(c.cluster)}"><h2>Cluster ${escapeHtml(c.cluster)}</h2>\n<figure>${svg.replace(/^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>)?\s*/, "")}</figure>\n` +
                `<table><thead><tr><th>Namespace</th><th>Service account</th><th>Role</th><th>Mode</th><th>Permissions</th><th>Violations</th></tr></thead>\n<tbody>\n${rows}\n</tbody></table></section>`,
        );
    }
    const s = plan.summary;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Identity map: ${escapeHtml(plan.stack)}</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; margin: 2rem; color: #202124; }
table { border-collapse: collapse; margin: 1rem 0 2rem; }
th, td { border: 1px solid #dadce0; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; font-size: 0.9rem; }
th { background: #f1f3f4; }
figure { margin: 0; overflow-x: auto; }
.mandatory { color: #c00; font-weight: bold; }
.advisory { color: #b06000; }
.ok { color: #188038; }
</style>
</head>
<body>
<h1>Identity map of stack <code>${escapeHtml(plan.stack)}</code></h1>
<p>Planned offline from <code>${escapeHtml(plan.configFile)}</code> (${escapeHtml(plan.cloud.partition)}, ${escapeHtml(plan.cloud.region)}, account ${escapeHtml(plan.cloud.accountId)}).
Policy pack ${escapeHtml(plan.policyPack.name)}@v${escapeHtml(plan.policyPack.version)}: <span id="summary">${s.mandatory} mandatory, ${s.advisory} advisory violation(s)</span>.</p>
${sections.join("\n") || "<p>No workload identities (IRSA or Pod Identity roles) in this plan.</p>"}
</body>
</html>
`;
}

/** Writes identity-map.md and identity-map.html into `dir`; returns their paths. */
export async function writeIdentityMap(plan: PlanFile, dir: string): Promise<string[]> {
    fs.mkdirSync(dir, { recursive: true });
    const map = identityMap(plan);
    const md = path.join(dir, "identity-map.md");
    const html = path.join(dir, "identity-map.html");
    fs.writeFileSync(md, identityMapMarkdown(plan, map));
    fs.writeFileSync(html, await identityMapHtml(plan, map));
    return [md, html];
}
