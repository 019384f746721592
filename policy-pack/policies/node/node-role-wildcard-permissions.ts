import { stackPolicy } from "../../lib/policy";
import { get } from "../../lib/props";
import { PolicyRead, readPolicy, statementLabel } from "../../lib/read";
import { ParsedStatement, statementCoversAction } from "../../lib/trust";
import { roleLabel } from "../shared";

const ESCALATING_ACTIONS = ["iam:PassRole", "sts:AssumeRole"];

function problems(statement: ParsedStatement): string[] {
    if (statement.effect !== "Allow") {
        return [];
    }
    const found: string[] = [];
    if (statement.notAction || statement.actions.some((a) => a === "*" || a === "*:*")) {
        found.push(statement.notAction ? "allows through NotAction" : `allows every action ("*")`);
    }
    const anyResource = statement.notResource || statement.resources.includes("*");
    if (anyResource && !found.length) {
        for (const action of ESCALATING_ACTIONS) {
            if (statementCoversAction(statement, action)) {
                found.push(`allows ${action} on every resource ("*")`);
            }
        }
    }
    return found;
}

/** Wildcard actions or PassRole/AssumeRole on `*` on the node role are account takeover from any pod. */
export const nodeRoleWildcardPermissions = stackPolicy({
    name: "node-role-wildcard-permissions",
    description:
        "A node role's inline and customer-managed policies must not allow `*` actions, or iam:PassRole / sts:AssumeRole on every resource.",
    enforcementLevel: "mandatory",
    validate: (index, report) => {
        for (const role of index.rolesUsedAs("node")) {
            const documents: { name: string; read: PolicyRead; urn: string }[] = role.inlinePolicies.map(
                (p) => ({
                    name: `inline policy "${p.name}"`,
                    read: p.document,
                    urn: p.via,
                }),
            );
            for (const policy of role.managedPolicies) {
                if (policy.customerManaged) {
                    documents.push({
                        name: `customer-managed policy "${policy.customerManaged.name}"`,
                        read: readPolicy(get(policy.customerManaged.props, "policy")),
                        urn: policy.customerManaged.urn,
                    });
                }
            }
            for (const doc of documents) {
                if (!("policy" in doc.read)) {
                    continue;
                }
                for (const statement of doc.read.policy.statements) {
                    for (const problem of problems(statement)) {
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
});
