// Checks the trust policy components/trust/service.ts (nodeTrustPolicy) builds;
// tests: tests/policy-pack/policies/node/node-role-trust.test.ts.
import { principalsOtherThan } from "../../lib/iam/trustStatements";
import { stackPolicy } from "../../lib/define";
import { statementLabel } from "../../lib/read";
import { roleLabel } from "../../lib/stack";
import { rolesAnywhereIntermediates } from "../hybrid/hybrid-node-role-trust";
import { registerPolicy } from "../../lib/registry";

export interface NodeRoleTrustConfig {
    allowedServices: string[];
    hybridAllowedServices: string[];
}

/**
 * EKS User Guide, hybrid-nodes-creds ("Hybrid Nodes IAM Role"): a hybrid nodes role trusts
 * ssm.amazonaws.com (SSM hybrid activations) or rolesanywhere.amazonaws.com (IAM Roles Anywhere).
 * How the Roles Anywhere trust must be scoped is hybrid-node-role-trust's business.
 */
export const HYBRID_NODE_SERVICES_DEFAULT = ["ssm.amazonaws.com", "rolesanywhere.amazonaws.com"];

/**
 * EKS User Guide, create-node-role: the node role trusts ec2.amazonaws.com and nothing else.
 * A hybrid nodes role (only HYBRID_LINUX access entries use it) trusts the services its
 * credentials come from instead.
 */
export const nodeRoleTrust = registerPolicy(
    stackPolicy<NodeRoleTrustConfig>({
        name: "node-role-trust",
        description:
            "A node role's trust policy must trust only the EC2 service principal (a hybrid nodes role: only SSM or IAM Roles Anywhere).",
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
                hybridAllowedServices: {
                    type: "array",
                    items: { type: "string" },
                    default: HYBRID_NODE_SERVICES_DEFAULT,
                    description:
                        "Service principals a hybrid nodes role (used only by HYBRID_LINUX access entries) may trust.",
                },
            },
        },
        validate: (index, report, config) => {
            for (const role of index.rolesUsedAs("node")) {
                const hybrid = index.isHybridNodeRole(role);
                const services = hybrid ? config.hybridAllowedServices : config.allowedServices;
                if (!("policy" in role.trust)) {
                    continue;
                }
                for (const statement of role.trust.policy.statements) {
                    if (statement.effect !== "Allow") {
                        continue;
                    }
                    // terraform-aws-eks's Roles Anywhere shape: the hybrid role trusts an intermediate
                    // role that trusts only Roles Anywhere (hybrid-node-role-trust checks that one).
                    const intermediates = hybrid ? rolesAnywhereIntermediates(index, role) : [];
                    const others = principalsOtherThan(statement, services).filter((p) => {
                        const principalRole = index.roleWithArn(p);
                        return !(principalRole && intermediates.includes(principalRole));
                    });
                    if (others.length > 0) {
                        report(
                            `Node ${roleLabel(role, "node")} trust ${statementLabel(statement)} also trusts ${others.map((o) => `"${o}"`).join(", ")}. ` +
                                `A ${hybrid ? "hybrid nodes" : "node"} role must trust only ${services.join(hybrid ? " or " : ", ")}: give other principals their own role.`,
                            role.role.urn,
                        );
                    }
                }
            }
        },
    }),
);
