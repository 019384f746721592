// The Mermaid graphs of the identity map, one or more blocks per namespace, each within Mermaid's
// default limits so GitHub renders it: maxTextSize 50,000 characters and maxEdges 500 (Mermaid
// Config Schema, https://mermaid.js.org/config/schema-docs/config-properties-maxtextsize.html
// and config-properties-maxedges.html). A namespace too big for one block is split between
// workloads, never inside one.
import { ClusterAccess, WorkloadAccess } from "../model";

export const MERMAID_MAX_CHARS = 50_000;
export const MERMAID_MAX_EDGES = 500;

export function mermaidId(prefix: string, value: string): string {
    return `${prefix}_${value.replace(/[^A-Za-z0-9]/g, "_")}`;
}

/** A label inside `["..."]`: Mermaid takes `#quot;` for a double quote. */
function label(text: string): string {
    return `"${text.replace(/"/g, "#quot;")}"`;
}

/** The namespaces of a cluster's workloads, sorted, each with its workloads. */
export function byNamespace(c: ClusterAccess): [string, WorkloadAccess[]][] {
    const groups = new Map<string, WorkloadAccess[]>();
    for (const w of c.workloads) {
        groups.set(w.namespace, [...(groups.get(w.namespace) ?? []), w]);
    }
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** The lines of one workload: who runs pods as its ServiceAccount, its paths, what its role can do. */
function workloadLines(w: WorkloadAccess): string[] {
    const sa = mermaidId("sa", `${w.namespace}/${w.serviceAccount}`);
    const role = mermaidId("role", w.role.name);
    const bad = w.findings.length > 0 || w.permissions.administrator !== undefined;
    const lines = [
        `    ${sa}[${label(`${w.namespace}/${w.serviceAccount}`)}]`,
        `    ${role}[${label(`${(w.role.arn || w.role.name).replace(/:role\//, ":role/<br>")}${bad ? " ⚠" : ""}`)}]`,
    ];
    for (const p of w.paths) {
        lines.push(`    ${sa} -->|${label(`${p.mechanism} via ${p.via}`)}| ${role}`);
    }
    const can = w.permissions.administrator
        ? "administrator-equivalent"
        : w.permissions.services.map((s) => `${s.service}: ${s.levels.join(", ")}`).join("<br>") ||
          "no permissions";
    lines.push(`    ${role} --> ${mermaidId("can", w.role.name)}[${label(can)}]`);
    if (bad) {
        lines.push(`    class ${role} risk`);
    }
    return lines;
}

function edges(lines: string[]): number {
    return lines.filter((l) => l.includes("-->")).length;
}

/**
 * The Mermaid blocks of one namespace (without the fences), each within the limits. The
 * principals that can run pods in the namespace point at its subgraph once: they can run pods as
 * every ServiceAccount in it.
 */
export function namespaceMermaid(workloads: WorkloadAccess[]): string[] {
    const namespace = workloads[0]?.namespace ?? "";
    const group = mermaidId("ns", namespace);
    const head = ["flowchart LR", `    subgraph ${group}[${label(`namespace ${namespace}`)}]`];
    const runners = (workloads[0]?.runAs ?? []).map(
        (r) =>
            `    ${mermaidId("principal", r.principalArn)}[${label(r.principalArn)}] -->|${label(`${r.accessPolicy}: runs pods`)}| ${group}`,
    );
    const tail = ["    end", ...runners, "    classDef risk fill:#fdd,stroke:#c00"];
    const size = (lines: string[]) => lines.join("\n").length + 1;
    const blocks: string[][] = [];
    let current: string[] = [];
    for (const w of workloads) {
        const unit = workloadLines(w);
        const candidate = [...current, ...unit];
        if (
            current.length > 0 &&
            (size([...head, ...candidate, ...tail]) > MERMAID_MAX_CHARS ||
                edges(candidate) > MERMAID_MAX_EDGES)
        ) {
            blocks.push(current);
            current = unit;
        } else {
            current = candidate;
        }
    }
    if (current.length > 0) {
        blocks.push(current);
    }
    return blocks.map((lines) => [...head, ...lines, ...tail].join("\n"));
}
