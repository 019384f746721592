// Human output of the offline plan, shaped like `pulumi preview`: the resource tree grouped by
// component, then policy violations grouped by policy, then one summary line.
import { PlanFile, PlanResource } from "./model";

function tree(resources: PlanResource[], stack: string): string[] {
    const children = new Map<string | undefined, PlanResource[]>();
    const known = new Set(resources.map((r) => r.urn));
    for (const r of resources) {
        const parent = r.parent && known.has(r.parent) ? r.parent : undefined;
        children.set(parent, [...(children.get(parent) ?? []), r]);
    }
    const typeWidth = Math.max(24, ...resources.map((r) => r.type.length + 2 * depthOf(r, resources) + 3));
    const lines = [
        `     ${"Type".padEnd(typeWidth)} Name`,
        ` +   ${"pulumi:pulumi:Stack".padEnd(typeWidth)} platform-${stack}`,
    ];
    const walk = (parent: string | undefined, prefix: string) => {
        const list = children.get(parent) ?? [];
        list.forEach((r, i) => {
            const last = i === list.length - 1;
            const branch = `${prefix}${last ? "└─ " : "├─ "}`;
            // `pulumi preview` marks a resource to import `=` and says so after its name.
            lines.push(
                ` ${r.importId ? "=" : "+"}   ${`${branch}${r.type}`.padEnd(typeWidth)} ${r.name}` +
                    `${r.importId ? ` (import ${r.importId})` : ""}${r.protect ? " (protected)" : ""}`,
            );
            walk(r.urn, `${prefix}${last ? "   " : "│  "}`);
        });
    };
    walk(undefined, "");
    return lines;
}

function depthOf(r: PlanResource, all: PlanResource[]): number {
    let depth = 0;
    let parent = r.parent;
    while (parent) {
        depth++;
        parent = all.find((x) => x.urn === parent)?.parent;
    }
    return depth;
}

function label(urn: string | undefined, resources: PlanResource[]): string {
    const r = resources.find((x) => x.urn === urn);
    return r ? `${r.type}: ${r.name}` : (urn ?? "stack");
}

export function formatPlan(plan: PlanFile): string {
    const out: string[] = [
        `Offline plan of stack ${plan.stack} (${plan.configFile})` +
            (plan.firstPreview ? ", as its first `pulumi preview`: values AWS computes are unknown" : ""),
        "",
        ...tree(plan.resources, plan.stack),
        "",
    ];
    if (plan.warnings.length > 0) {
        out.push("Warnings:");
        for (const w of plan.warnings) {
            out.push(`    ${label(w.urn, plan.resources)}: ${w.message}`);
        }
        out.push("");
    }
    const byPolicy = new Map<string, PlanFile["violations"]>();
    for (const v of plan.violations) {
        byPolicy.set(v.policyName, [...(byPolicy.get(v.policyName) ?? []), v]);
    }
    out.push(
        `Policies (${plan.policyPack.name}@v${plan.policyPack.version}, ${plan.policyPack.policies} policies):`,
    );
    if (byPolicy.size === 0) {
        out.push("    ✅ no violations");
    }
    for (const [policy, list] of [...byPolicy.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        out.push(
            `    ${list[0].enforcementLevel === "mandatory" ? "❌" : "⚠️ "} [${list[0].enforcementLevel}] ${policy} (${list.length})`,
        );
        for (const v of list) {
            out.push(`        - ${label(v.urn, plan.resources)}`);
            out.push(...v.message.split("\n").map((line) => `          ${line}`));
        }
    }
    if (plan.undetermined.length > 0) {
        out.push("", `Not decided (a value was unknown), deferred to \`pulumi up\`:`);
        for (const group of undeterminedGroups(plan.undetermined)) {
            if (group.policies.length === 1) {
                out.push(
                    `    - ${group.policies[0]} on ${label(group.urn, plan.resources)}: ${group.reason}`,
                );
            } else {
                out.push(`    - ${label(group.urn, plan.resources)}: ${group.reason}`);
                out.push(`      ${group.policies.length} checks: ${group.policies.join(", ")}`);
            }
        }
    }
    out.push("", summaryLine(plan));
    return out.join("\n");
}

/** The runtime's prefix of an undetermined diagnostic, `can't run policy '<p>' from policy pack '<pack>' during preview: `. */
const CANT_RUN_PREFIX = /^can't run policy '[^']+' from policy pack '.+?' during preview: /;

/**
 * Undetermined checks grouped by resource and reason, in first-seen order: a role whose trust
 * policy is unknown is one line naming the policies that could not check it, not one per policy.
 */
export function undeterminedGroups(
    undetermined: PlanFile["undetermined"],
): { urn?: string; reason: string; policies: string[] }[] {
    const groups = new Map<string, { urn?: string; reason: string; policies: string[] }>();
    for (const u of undetermined) {
        const reason = u.message.replace(CANT_RUN_PREFIX, "");
        const key = `${u.urn ?? ""}\n${reason}`;
        const group = groups.get(key) ?? { urn: u.urn, reason, policies: [] };
        group.policies.push(u.policyName);
        groups.set(key, group);
    }
    return [...groups.values()];
}

export function summaryLine(plan: PlanFile): string {
    const s = plan.summary;
    const deferred = s.undetermined > 0 ? ", deferred to `pulumi up`" : "";
    const imports = plan.resources.filter((r) => r.importId).length;
    const changes =
        imports > 0 ? `${s.resources - imports} to create, ${imports} to import` : `${s.resources} to create`;
    return (
        `Plan: ${changes}. Policies: ${s.mandatory} mandatory, ${s.advisory} advisory violation(s), ` +
        `${s.undetermined} undetermined${deferred}. ${s.mandatory > 0 ? "FAILED" : "PASSED"} in ${(plan.timings.totalMs / 1000).toFixed(1)} s.`
    );
}
