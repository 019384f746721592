import { resourcePolicy } from "../../lib/define";
import { UNKNOWN, get, list, str } from "../../lib/props";
import { readPolicy, statementLabel } from "../../lib/read";
import { ROLE_ARN_ANNOTATION, Types } from "../../lib/stack";
import { conditionsOnKey, isRestrictingCondition } from "../../lib/iam/parser";
import {
    parseServiceAccountSubject,
    podIdentityStatements,
    webIdentityStatements,
} from "../../lib/iam/trustStatements";
import { registerPolicy } from "../../lib/registry";

const ADVICE = "Create a dedicated service account for the workload and bind the role to it.";

/**
 * Every pod of a namespace that names no service account runs as `default`: binding a role to it
 * hands the role to all of them (EKS Best Practices, "Identity and access").
 */
export const serviceAccountDedicated = registerPolicy(
    resourcePolicy({
        name: "service-account-dedicated",
        description:
            "A role must be bound to a dedicated service account, never to a namespace's `default` service account (Pod Identity associations, add-on associations, role-arn annotations and IRSA/Pod Identity trust).",
        enforcementLevel: "mandatory",
        resourceType: [Types.podIdentityAssociation, Types.addon, Types.serviceAccount, Types.role],
        validate: (props, report, _config, args) => {
            switch (args.type) {
                case Types.podIdentityAssociation:
                    if (str(props, "serviceAccount") === "default") {
                        report(
                            `The Pod Identity association binds its role to the "default" service account of "${String(str(props, "namespace"))}". ${ADVICE}`,
                        );
                    }
                    break;
                case Types.addon: {
                    const associations = list(props, "podIdentityAssociations");
                    if (
                        associations !== UNKNOWN &&
                        associations.some((a) => str(a, "serviceAccount") === "default")
                    ) {
                        report(
                            `A podIdentityAssociations entry of the add-on binds a role to the "default" service account. ${ADVICE}`,
                        );
                    }
                    break;
                }
                case Types.serviceAccount:
                    if (
                        str(props, "metadata", "name") === "default" &&
                        get(props, "metadata", "annotations", ROLE_ARN_ANNOTATION) !== undefined
                    ) {
                        report(
                            `The "default" service account carries the ${ROLE_ARN_ANNOTATION} annotation. ${ADVICE}`,
                        );
                    }
                    break;
                case Types.role: {
                    const read = readPolicy(get(props, "assumeRolePolicy"));
                    if (!("policy" in read)) {
                        break;
                    }
                    for (const { statement } of webIdentityStatements(read.policy)) {
                        for (const c of statement.conditions.filter(
                            (c) => c.keyLower.endsWith(":sub") && isRestrictingCondition(c),
                        )) {
                            for (const value of c.values) {
                                const subject = parseServiceAccountSubject(value);
                                if (subject?.serviceAccount === "default") {
                                    report(
                                        `Trust ${statementLabel(statement)} lets "${value}" assume the role. ${ADVICE}`,
                                    );
                                }
                            }
                        }
                    }
                    for (const statement of podIdentityStatements(read.policy)) {
                        for (const c of conditionsOnKey(
                            statement,
                            "aws:RequestTag/kubernetes-service-account",
                        )) {
                            if (isRestrictingCondition(c) && c.values.includes("default")) {
                                report(
                                    `Trust ${statementLabel(statement)} lets the "default" service account assume the role through Pod Identity. ${ADVICE}`,
                                );
                            }
                        }
                    }
                    break;
                }
            }
        },
    }),
);
