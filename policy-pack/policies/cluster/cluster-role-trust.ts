// Checks the trust policy components/trust/service.ts (clusterTrustPolicy) builds;
// tests: tests/policy-pack/policies/cluster/cluster-role-trust.test.ts.
import { principalsOtherThan } from "../../lib/iam/trustStatements";
import { stackPolicy } from "../../lib/define";
import { statementLabel } from "../../lib/read";
import { roleLabel } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

const ALLOWED_ACTIONS = ["sts:assumerole", "sts:tagsession"];

/** EKS User Guide, cluster-iam-role: the cluster role trusts eks.amazonaws.com (Auto Mode adds sts:TagSession). */
export const clusterRoleTrust = registerPolicy(
    stackPolicy({
        name: "cluster-role-trust",
        description:
            "A cluster role must trust only eks.amazonaws.com, with sts:AssumeRole (and sts:TagSession for Auto Mode).",
        enforcementLevel: "mandatory",
        validate: (index, report) => {
            for (const role of index.rolesUsedAs("cluster")) {
                if (!("policy" in role.trust)) {
                    continue;
                }
                for (const statement of role.trust.policy.statements) {
                    if (statement.effect !== "Allow") {
                        continue;
                    }
                    const others = principalsOtherThan(statement, ["eks.amazonaws.com"]);
                    if (others.length > 0) {
                        report(
                            `Cluster ${roleLabel(role, "cluster")} trust ${statementLabel(statement)} also trusts ${others.map((o) => `"${o}"`).join(", ")}. Trust only "eks.amazonaws.com".`,
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
