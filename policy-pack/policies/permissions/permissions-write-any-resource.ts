import { stackPolicy } from "../../lib/define";
import {
    actionFacts,
    expandAction,
    reachesEveryResource,
    visitWorkloadStatements,
} from "../../lib/permissions";
import { roleLabel } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";
import { ParsedStatement, isRestrictingCondition } from "../../lib/iam/parser";

/** Access levels that change resources (IAM action catalog, Service Authorization Reference). */
const WRITE_LEVELS = new Set(["Write", "Permissions management"]);

/**
 * A tag condition scopes a statement to resources by tag, the way upstream controller policies
 * scope writes (`aws:ResourceTag/...`, `aws:RequestTag/...`, `ec2:ResourceTag/...`); so does
 * `ec2:CreateAction`, which limits tagging to the call that creates the resource (EC2 User Guide,
 * "Grant permission to tag Amazon EC2 resources during creation").
 */
function scopedByTag(statement: ParsedStatement): boolean {
    return statement.conditions.some(
        (c) =>
            (/^[a-z0-9-]+:(resource|request)tag\//.test(c.keyLower) || c.keyLower === "ec2:createaction") &&
            isRestrictingCondition(c),
    );
}

/**
 * Actions whose only resource type is optional and which in practice are authorized against `*`:
 * cloudwatch:PutMetricData lists `dataset`, but a metric write without a dataset has no resource
 * (Service Authorization Reference, Amazon CloudWatch).
 */
const STAR_IN_PRACTICE = new Set(["cloudwatch:putmetricdata"]);

/**
 * The write actions an Allow statement grants on every resource although the action can be
 * scoped to one (it has a resource type in the catalog), without a tag condition that scopes it.
 */
export async function unscopedWrites(statement: ParsedStatement): Promise<string[]> {
    if (statement.notAction || !reachesEveryResource(statement) || scopedByTag(statement)) {
        return [];
    }
    const found = new Set<string>();
    for (const pattern of statement.actions) {
        const expanded = await expandAction(pattern);
        if (expanded === "every action") {
            return []; // permissions-administrator reports it
        }
        for (const action of expanded) {
            const facts = await actionFacts(action);
            const levels = facts?.accessLevel.split(/,\s*/) ?? [];
            if (
                facts?.hasResourceType &&
                levels.some((l) => WRITE_LEVELS.has(l)) &&
                !STAR_IN_PRACTICE.has(action.toLowerCase())
            ) {
                found.add(action);
            }
        }
    }
    return [...found].sort();
}

const SHOWN = 5;

/**
 * AWS managed policies the EKS User Guide prescribes for an add-on's own role (vpc-cni, the EBS
 * and EFS CSI drivers): AWS scopes them as the add-on needs, and the team cannot edit them.
 */
export const PRESCRIBED_ADDON_POLICIES: readonly string[] = [
    "AmazonEKS_CNI_Policy",
    "AmazonEKS_CNI_IPv6_Policy",
    "AmazonEBSCSIDriverPolicy",
    "AmazonEFSCSIDriverPolicy",
];

interface Config {
    /** AWS managed policy names not judged by this policy. */
    exemptManagedPolicies: string[];
}

/** A write on `*` that could name its resources changes every resource of the kind. */
export const permissionsWriteAnyResource = registerPolicy(
    stackPolicy<Config>({
        name: "permissions-write-any-resource",
        description:
            "A workload role should not allow write or permissions-management actions on every resource when the action can be scoped to resources (it has a resource type) and no tag condition scopes it.",
        enforcementLevel: "advisory",
        configSchema: {
            properties: {
                exemptManagedPolicies: {
                    type: "array",
                    items: { type: "string" },
                    default: [...PRESCRIBED_ADDON_POLICIES],
                    description:
                        "AWS managed policy names not judged: by default those the EKS User Guide prescribes for an add-on's role.",
                },
            },
        },
        validate: async (index, report, config) => {
            await visitWorkloadStatements(index, async (role, { statement, label, document }) => {
                if (
                    document.managedName !== undefined &&
                    config.exemptManagedPolicies.includes(document.managedName)
                ) {
                    return;
                }
                const writes = await unscopedWrites(statement);
                if (writes.length > 0) {
                    const shown = writes.slice(0, SHOWN).join(", ");
                    const more = writes.length > SHOWN ? ` and ${writes.length - SHOWN} more` : "";
                    report(
                        `Workload ${roleLabel(role, "workload")}: ${label} allows ${shown}${more} on every resource, though each can be scoped. ` +
                            `Name the resources, or scope the statement with an aws:ResourceTag / aws:RequestTag condition.`,
                        document.urn,
                    );
                }
            });
        },
    }),
);
