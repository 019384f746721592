// Checks the trust policy components/trust/service.ts (nodeTrustPolicy) builds;
// tests: tests/policy-pack/policies/node/node-role-trust.test.ts.
import { principalsOtherThan } from "../../lib/iam/trustStatements";
import { stackPolicy } from "../../lib/define";
import { statementLabel } from "../../lib/read";
import { roleLabel } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

export interface NodeRoleTrustConfig {
    allowedServices: string[];
}

/** EKS User Guide, create-node-role: the node role trusts ec2.amazonaws.com and nothing else. */
export const nodeRoleTrust = registerPolicy(
    stackPolicy<NodeRoleTrustConfig>({
        name: "node-role-trust",
        description: "A node role's trust policy must trust only the EC2 service principal.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                allowedServices: {
                    type: "array",
                    items: { type: "string" },
                    default: ["ec2.amazonaws.com"],
                    description:
                        "Service principals a node role may trust (add ec2.amazonaws.com.cn for the China partitions).",
                },
            },
        },
        validate: (index, report, config) => {
            const allowed = config.allowedServices.map((s) => s.toLowerCase());
            for (const role of index.rolesUsedAs("node")) {
                if (!("policy" in role.trust)) {
                    continue;
                }
                for (const statement of role.trust.policy.statements) {
                    if (statement.effect !== "Allow") {
                        continue;
                    }
                    const others = principalsOtherThan(statement, allowed);
                    if (others.length > 0) {
                        report(
                            `Node ${roleLabel(role, "node")} trust ${statementLabel(statement)} also trusts ${others.map((o) => `"${o}"`).join(", ")}. ` +
                                `A node role must trust only ${config.allowedServices.join(", ")}: give other principals their own role.`,
                            role.role.urn,
                        );
                    }
                }
            }
        },
    }),
);
