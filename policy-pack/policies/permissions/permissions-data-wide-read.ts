import { stackPolicy, Undetermined } from "../../lib/define";
import {
    allowStatements,
    expandAction,
    reachesEveryResource,
    undeterminedDocuments,
} from "../../lib/permissions";
import { roleLabel } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";
import { ParsedStatement } from "../../lib/iam/parser";

/** Reads of data itself (objects, secrets, keys, parameters, items), as opposed to metadata. */
export const DATA_READ_ACTIONS: readonly string[] = [
    "s3:GetObject",
    "s3:GetObjectVersion",
    "secretsmanager:GetSecretValue",
    "kms:Decrypt",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
];

/** The data-read actions an Allow statement grants on every resource. */
export async function dataWideReads(
    statement: ParsedStatement,
    actions: readonly string[],
): Promise<string[]> {
    if (statement.notAction || !reachesEveryResource(statement)) {
        return [];
    }
    const wanted = new Map(actions.map((a) => [a.toLowerCase(), a]));
    const found = new Set<string>();
    for (const pattern of statement.actions) {
        const expanded = await expandAction(pattern);
        if (expanded === "every action") {
            return []; // permissions-administrator reports it
        }
        for (const action of expanded) {
            const name = wanted.get(action.toLowerCase());
            if (name) {
                found.add(name);
            }
        }
    }
    return [...found];
}

interface Config {
    actions: string[];
}

/** Reading every bucket, secret or key of the account is rarely what one workload needs. */
export const permissionsDataWideRead = registerPolicy(
    stackPolicy<Config>({
        name: "permissions-data-wide-read",
        description:
            "A workload role should read data (S3 objects, secrets, KMS decrypt, SSM parameters, DynamoDB items) only from the resources it needs, not from every resource of the account.",
        enforcementLevel: "advisory",
        configSchema: {
            properties: {
                actions: {
                    type: "array",
                    items: { type: "string" },
                    default: [...DATA_READ_ACTIONS],
                    description: "The data-read actions checked (service:Action).",
                },
            },
        },
        validate: async (index, report, config) => {
            const undetermined: string[] = [];
            for (const role of index.rolesUsedAs("workload")) {
                const unknown = undeterminedDocuments(role);
                if (unknown) {
                    undetermined.push(unknown);
                }
                for (const { statement, label, document } of allowStatements(role)) {
                    const reads = await dataWideReads(statement, config.actions);
                    if (reads.length > 0) {
                        report(
                            `Workload ${roleLabel(role, "workload")}: ${label} allows ${reads.join(", ")} on every resource: the pod can read every such object, secret or key in the account. ` +
                                `Name the buckets, secrets, keys or tables it reads.`,
                            document.urn,
                        );
                    }
                }
            }
            if (undetermined.length > 0) {
                throw new Undetermined(`${undetermined.join("; ")} is unknown at preview`);
            }
        },
    }),
);
