import { stackPolicy } from "../../lib/define";
import { roleLabel } from "../../lib/stack";
import { nodeRoleDocuments, wildcardProblems } from "./node-role-wildcard-permissions";
import { allowsOnlyHybridNodeActions } from "./node-role-managed-policies";
import { registerPolicy } from "../../lib/registry";

/**
 * A node role should carry no workload permissions at all (REFERENCE.md: "Node role carrying
 * workload permissions (S3, ...)"): every pod on the node reaches them through IMDS. Inline
 * policies that node-role-wildcard-permissions already reports are left to it; customer-managed
 * policies are node-role-managed-policies' (allow-list) business.
 */
export const nodeRoleInlinePolicies = registerPolicy(
    stackPolicy({
        name: "node-role-inline-policies",
        description:
            "A node role should carry no inline policy granting permissions: workloads get theirs through IRSA or EKS Pod Identity.",
        enforcementLevel: "advisory",
        validate: (index, report) => {
            for (const role of index.rolesUsedAs("node")) {
                for (const doc of nodeRoleDocuments(role)) {
                    if (!doc.inline || !("policy" in doc.read)) {
                        continue;
                    }
                    const statements = doc.read.policy.statements;
                    const allows = statements.filter((s) => s.effect === "Allow");
                    if (
                        allows.length === 0 ||
                        statements.some((s) => wildcardProblems(s).length > 0) ||
                        (index.isHybridNodeRole(role) && allowsOnlyHybridNodeActions(doc.read))
                    ) {
                        continue;
                    }
                    const actions = [...new Set(allows.flatMap((s) => s.actions))];
                    report(
                        `Node ${roleLabel(role, "node")}: ${doc.name} allows ${actions.join(", ")}, which every pod on the node can use through IMDS. ` +
                            `Node roles should carry no workload permissions: grant them to the workload's own role (IRSA or Pod Identity) and remove the inline policy.`,
                        doc.urn,
                    );
                }
            }
        },
    }),
);
