// `npm run policy-table`: writes the policy table of policy-pack/README.md from the pack's own
// policies (name, level, kind, description, config schema), so the README says exactly what each
// policy's description says. `npm run policy-table -- --check` only reports a stale table (exit 1);
// tests/scripts/policy-table.test.ts fails on one too.
import { readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { Policies, PolicyConfigSchema } from "@pulumi/policy";
import { policies } from "../policy-pack/lib/policies";

export const TABLE_START =
    "<!-- policy-table: generated from the policies by `npm run policy-table`; edit the policies, not this table -->";
export const TABLE_END = "<!-- /policy-table -->";

/** A Markdown table cell: pipes escaped, so a description may contain one. */
function cell(text: string): string {
    return text.replace(/\|/g, "\\|");
}

function configCell(schema: PolicyConfigSchema | undefined): string {
    const properties = Object.entries(schema?.properties ?? {});
    if (properties.length === 0) {
        return "—";
    }
    return properties
        .map(
            ([key, property]) =>
                `\`${key}\` (${JSON.stringify(property.default)}): ${property.description ?? ""}`,
        )
        .join("<br>");
}

/** The README's policy table: one row per policy, in the order the pack serves them. */
export function policyTable(list: Policies): string {
    const rows = list.map((p) => {
        const kind = "validateStack" in p ? "stack" : "resource";
        return `| \`${p.name}\` | ${p.enforcementLevel ?? "advisory"} | ${kind} | ${cell(p.description)} | ${cell(configCell(p.configSchema))} |`;
    });
    return [
        "| Policy | Default | Kind | Checks | Config (default): meaning |",
        "|---|---|---|---|---|",
        ...rows,
    ].join("\n");
}

/** `readme` with the text between the table markers replaced by `table`; throws without both markers. */
export function withPolicyTable(readme: string, table: string): string {
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    if (start < 0 || end < start) {
        throw new Error(`the README has no ${TABLE_START} ... ${TABLE_END} section`);
    }
    return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}

/** policy-pack/README.md, from the compiled script (bin/scripts) or the source one. */
export const README = path.join(__dirname, "..", "..", "policy-pack", "README.md");

if (require.main === module) {
    const readme = readFileSync(README, "utf8");
    const updated = withPolicyTable(readme, policyTable(policies));
    if (process.argv.includes("--check")) {
        if (updated !== readme) {
            process.stderr.write(`${README}: the policy table is stale; run npm run policy-table\n`);
            process.exitCode = 1;
        }
    } else if (updated !== readme) {
        writeFileSync(README, updated);
        process.stdout.write(`${README}: policy table updated\n`);
    }
}
