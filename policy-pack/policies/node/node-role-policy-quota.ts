import { stackPolicy } from "../../lib/define";
import { roleLabel } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

export interface NodeRolePolicyQuotaConfig {
    maxManagedPolicies: number;
}

/** IAM: 10 managed policies per role by default (raisable to 20; REFERENCE.md says *verify*). */
export const nodeRolePolicyQuota = registerPolicy(
    stackPolicy<NodeRolePolicyQuotaConfig>({
        name: "node-role-policy-quota",
        description: "A node role must not carry more managed policies than the account's per-role quota.",
        enforcementLevel: "advisory",
        configSchema: {
            properties: {
                maxManagedPolicies: {
                    type: "integer",
                    minimum: 1,
                    default: 10,
                    description: "The account's 'Managed policies per role' quota (IAM default 10).",
                },
            },
        },
        validate: (index, report, config) => {
            for (const role of index.rolesUsedAs("node")) {
                const arns = new Set(
                    role.managedPolicies.map((p, i) => (typeof p.arn === "string" ? p.arn : `#${i}`)),
                );
                if (arns.size > config.maxManagedPolicies) {
                    report(
                        `Node ${roleLabel(role, "node")} carries ${arns.size} managed policies, over the quota of ${config.maxManagedPolicies}. ` +
                            `Keep the node role to the allow-listed policies and move the rest to workload roles.`,
                        role.role.urn,
                    );
                }
            }
        },
    }),
);
