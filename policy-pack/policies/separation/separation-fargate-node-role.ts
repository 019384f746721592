import { stackPolicy } from "../../lib/define";
import { registerPolicy } from "../../lib/registry";

/** EKS User Guide, create-node-role: the node role must differ from the Fargate pod execution role. */
export const separationFargateNodeRole = registerPolicy(
    stackPolicy({
        name: "separation-fargate-node-role",
        description: "A Fargate pod execution role must not also be a node role (or a cluster role).",
        enforcementLevel: "advisory",
        validate: (index, report) => {
            for (const role of index.rolesUsedAs("fargate")) {
                const fargate = role.uses.find((u) => u.kind === "fargate");
                for (const kind of ["node", "cluster"] as const) {
                    const use = role.uses.find((u) => u.kind === kind);
                    if (use && fargate) {
                        report(
                            `Role "${role.role.name}" is the Fargate pod execution role (through ${fargate.how}) and also the ${kind} role (through ${use.how}). Create a separate ${kind} role.`,
                            role.role.urn,
                        );
                    }
                }
            }
        },
    }),
);
