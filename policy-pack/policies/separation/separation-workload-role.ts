import { stackPolicy } from "../../lib/define";
import { RoleUseKind } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

const PLATFORM_KINDS: RoleUseKind[] = ["node", "cluster", "fargate"];

/** A role shared by a workload and the platform gives the workload the platform's permissions, or the reverse. */
export const separationWorkloadRole = registerPolicy(
    stackPolicy({
        name: "separation-workload-role",
        description:
            "A workload role (IRSA or Pod Identity) must never also be a node, cluster or Fargate pod execution role.",
        enforcementLevel: "mandatory",
        validate: (index, report) => {
            for (const role of index.rolesUsedAs("workload")) {
                const workload = role.uses.find((u) => u.kind === "workload");
                for (const kind of PLATFORM_KINDS) {
                    const use = role.uses.find((u) => u.kind === kind);
                    if (use && workload) {
                        report(
                            `Role "${role.role.name}" is a workload role (through ${workload.how}) and also the ${kind} role (through ${use.how}). ` +
                                `Give the workload its own role.`,
                            role.role.urn,
                        );
                    }
                }
            }
        },
    }),
);
