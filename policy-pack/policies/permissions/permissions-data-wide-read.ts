import { stackPolicy } from "../../lib/define";
import {
    actionListSchema,
    grantedOf,
    reachesEveryResource,
    visitWorkloadStatements,
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
    return (await grantedOf(statement, actions)) ?? [];
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
        configSchema: actionListSchema("The data-read actions checked (service:Action).", DATA_READ_ACTIONS),
        validate: async (index, report, config) => {
            await visitWorkloadStatements(index, async (role, { statement, label, document }) => {
                const reads = await dataWideReads(statement, config.actions);
                if (reads.length > 0) {
                    report(
                        `Workload ${roleLabel(role, "workload")}: ${label} allows ${reads.join(", ")} on every resource: the pod can read every such object, secret or key in the account. ` +
                            `Name the buckets, secrets, keys or tables it reads.`,
                        document.urn,
                    );
                }
            });
        },
    }),
);
