// Checks the trust policy components/trust/service.ts (clusterTrustPolicy) builds;
// tests: tests/policy-pack/policies/cluster/cluster-role-trust.test.ts.
import { principalsOtherThan } from "../../lib/iam/trustStatements";
import { stackPolicy } from "../../lib/define";
import { statementLabel } from "../../lib/read";
import { roleLabel } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

const ALLOWED_ACTIONS = ["sts:assumerole", "sts:tagsession"];

/**
 * EKS User Guide, cluster-iam-role: the cluster role trusts eks.amazonaws.com (Auto Mode adds
 * sts:TagSession). A local cluster on AWS Outposts runs its control plane on EC2 instances in the
 * account, so its cluster role trusts ec2.amazonaws.com instead (EKS User Guide,
 * eks-outposts-local-cluster-create: "Principal": {"Service": "ec2.amazonaws.com"}).
 */
export const clusterRoleTrust = registerPolicy(
    stackPolicy({
        name: "cluster-role-trust",
        description:
            "A cluster role must trust only eks.amazonaws.com (ec2.amazonaws.com for a local cluster on Outposts), with sts:AssumeRole (and sts:TagSession for Auto Mode).",
        enforcementLevel: "mandatory",
        validate: (index, report) => {
            for (const role of index.rolesUsedAs("cluster")) {
                const service = index.isLocalClusterRole(role) ? "ec2.amazonaws.com" : "eks.amazonaws.com";
                if (!("policy" in role.trust)) {
                    continue;
                }
                for (const statement of role.trust.policy.statements) {
                    if (statement.effect !== "Allow") {
                        continue;
                    }
                    const others = principalsOtherThan(statement, [service]);
                    if (others.length > 0) {
                        report(
                            `Cluster ${roleLabel(role, "cluster")} trust ${statementLabel(statement)} also trusts ${others.map((o) => `"${o}"`).join(", ")}. Trust only "${service}"${service === "ec2.amazonaws.com" ? " (a local cluster on Outposts)" : ""}.`,
                            role.role.urn,
                        );
                    }
                    const actions = statement.notAction
                        ? ["NotAction"]
                        : statement.actions.filter((a) => !ALLOWED_ACTIONS.includes(a.toLowerCase()));
                    if (actions.length > 0) {
                        report(
                            `Cluster ${roleLabel(role, "cluster")} trust ${statementLabel(statement)} allows ${actions.map((a) => `"${a}"`).join(", ")}. Allow only "sts:AssumeRole" (and "sts:TagSession" for Auto Mode).`,
                            role.role.urn,
                        );
                    }
                }
            }
        },
    }),
);
