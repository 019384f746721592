import { stackPolicy } from "../../lib/define";
import { PolicyRead, statementLabel } from "../../lib/read";
import { RoleInfo, roleLabel } from "../../lib/stack";
import { customerManagedDocument, inlineDocuments } from "../../lib/permissions";
import { ParsedStatement, hasWildcard, statementCoversAction } from "../../lib/iam/parser";
import { registerPolicy } from "../../lib/registry";

const ESCALATING_ACTIONS = ["iam:PassRole", "sts:AssumeRole"];

/**
 * What a node-role policy statement must never allow (any one is mandatory): every action
 * (`*`, `*:*`, NotAction), every action of a service (`s3:*`, `ec2:*`, on any resource), any other
 * wildcard action (`s3:Get*`) on every resource, and iam:PassRole / sts:AssumeRole on every
 * resource.
 */
export function wildcardProblems(statement: ParsedStatement): string[] {
    if (statement.effect !== "Allow") {
        return [];
    }
    const found: string[] = [];
    if (statement.notAction || statement.actions.some((a) => a === "*" || a === "*:*")) {
        found.push(statement.notAction ? "allows through NotAction" : `allows every action ("*")`);
        return found;
    }
    const anyResource = statement.notResource || statement.resources.includes("*");
    for (const action of statement.actions) {
        if (/^[^:*?]+:\*$/.test(action)) {
            found.push(`allows every ${action.split(":")[0]} action ("${action}")`);
        } else if (hasWildcard(action) && anyResource) {
            found.push(`allows "${action}" on every resource ("*")`);
        }
    }
    if (anyResource && !found.length) {
        for (const action of ESCALATING_ACTIONS) {
            if (statementCoversAction(statement, action)) {
                found.push(`allows ${action} on every resource ("*")`);
            }
        }
    }
    return found;
}

export interface NodeRoleDocument {
    /** `inline policy "x"` or `customer-managed policy "y"`, for messages. */
    name: string;
    inline: boolean;
    read: PolicyRead;
    urn: string;
}

/** A node role's inline policies and the documents of its customer-managed policies of the stack. */
export function nodeRoleDocuments(role: RoleInfo): NodeRoleDocument[] {
    return [
        ...inlineDocuments(role).map((d) => ({ ...d, inline: true })),
        ...role.managedPolicies.flatMap((p) =>
            p.customerManaged ? [{ ...customerManagedDocument(p.customerManaged), inline: false }] : [],
        ),
    ];
}

/** Wildcard actions or PassRole/AssumeRole on `*` on the node role are account takeover from any pod. */
export const nodeRoleWildcardPermissions = registerPolicy(
    stackPolicy({
        name: "node-role-wildcard-permissions",
        description:
            "A node role's inline and customer-managed policies must not allow `*` actions, every action of a service (`s3:*`), wildcard actions on every resource, or iam:PassRole / sts:AssumeRole on every resource.",
        enforcementLevel: "mandatory",
        validate: (index, report) => {
            for (const role of index.rolesUsedAs("node")) {
                for (const doc of nodeRoleDocuments(role)) {
                    if (!("policy" in doc.read)) {
                        continue;
                    }
                    for (const statement of doc.read.policy.statements) {
                        for (const problem of wildcardProblems(statement)) {
                            report(
                                `Node ${roleLabel(role, "node")}: ${doc.name} ${statementLabel(statement)} ${problem}, which every pod on the node can use through IMDS. ` +
                                    `Name the actions and resources, and move workload permissions to the workload's own role.`,
                                doc.urn,
                            );
                        }
                    }
                }
            }
        },
    }),
);
