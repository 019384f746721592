// Checks the trust policy components/trust/podIdentity.ts (podIdentityTrustStatement) builds;
// tests: tests/policy-pack/policies/trust/trust-pod-identity-target-role.test.ts.
import { stackPolicy, Undetermined } from "../../lib/define";
import { get, UNKNOWN } from "../../lib/props";
import { statementLabel } from "../../lib/read";
import { Types } from "../../lib/stack";
import { conditionsOnKey, isRestrictingCondition, statementCoversAction } from "../../lib/iam/parser";
import { registerPolicy } from "../../lib/registry";

/**
 * EKS User Guide (pod-id-assign-target-role): the association role assumes the target role with
 * the ExternalId EKS generates; a target trust without `sts:ExternalId` lets any holder of the
 * source role (or any trusted principal) assume it outside the association.
 */
export const trustPodIdentityTargetRole = registerPolicy(
    stackPolicy({
        name: "trust-pod-identity-target-role",
        description:
            "The target role of a cross-account Pod Identity association must trust the association's role and require sts:ExternalId in every statement that trusts an AWS principal.",
        enforcementLevel: "mandatory",
        validate: (index, report) => {
            const undetermined: string[] = [];
            for (const association of index.ofType(Types.podIdentityAssociation)) {
                const targets = index.rolesReferencedBy(
                    association,
                    "targetRoleArn",
                    get(association.props, "targetRoleArn"),
                );
                if (targets.length === 0) {
                    continue;
                }
                const sources = index.rolesReferencedBy(
                    association,
                    "roleArn",
                    get(association.props, "roleArn"),
                );
                for (const target of targets) {
                    if ("unknown" in target.trust) {
                        undetermined.push(
                            `the trust policy of target role "${target.role.name}" of Pod Identity association "${association.name}" is unknown at preview`,
                        );
                        continue;
                    }
                    if (!("policy" in target.trust)) {
                        continue;
                    }
                    const awsStatements = target.trust.policy.statements.filter(
                        (s) =>
                            s.effect === "Allow" &&
                            s.principals.aws.length > 0 &&
                            statementCoversAction(s, "sts:AssumeRole"),
                    );
                    for (const statement of awsStatements) {
                        if (!conditionsOnKey(statement, "sts:ExternalId").some(isRestrictingCondition)) {
                            report(
                                `Target role "${target.role.name}" of Pod Identity association "${association.name}": trust ${statementLabel(statement)} lets ${statement.principals.aws.map((p) => `"${p}"`).join(", ")} assume it without checking sts:ExternalId. ` +
                                    `Add "StringEquals": {"sts:ExternalId": "<the association's externalId>"}.`,
                                target.role.urn,
                            );
                        }
                    }
                    for (const source of sources) {
                        const arn = source.arn;
                        if (arn === UNKNOWN) {
                            undetermined.push(
                                `the ARN of role "${source.role.name}", which target role "${target.role.name}" must trust, is unknown at preview`,
                            );
                        }
                        if (typeof arn !== "string") {
                            continue;
                        }
                        if (!awsStatements.some((s) => s.principals.aws.includes(arn))) {
                            report(
                                `Target role "${target.role.name}" of Pod Identity association "${association.name}" does not trust the association's role "${arn}", so the association cannot assume it. ` +
                                    `Add a statement with "Principal": {"AWS": "${arn}"}, "Action": ["sts:AssumeRole", "sts:TagSession"] and an sts:ExternalId condition.`,
                                target.role.urn,
                            );
                        }
                    }
                }
            }
            if (undetermined.length > 0) {
                throw new Undetermined(undetermined.join("; "));
            }
        },
    }),
);
