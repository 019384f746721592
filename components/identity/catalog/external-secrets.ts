// External Secrets Operator (AWS Secrets Manager and Parameter Store providers), modelled on
// external-secrets.io's provider pages ("IAM Policy") and terraform-aws-modules/eks-pod-identity
// external_secrets.tf, read-only. `dataFrom.find` with a path or tags works: BatchGetSecretValue
// (on `*`, it has no resource type) returns only secrets GetSecretValue allows, and
// GetParametersByPath reads the listed parameter paths. Left out on purpose (see `drops`):
// ListSecrets (find by name without a path; it reveals every secret's name), write access
// (PushSecret) and kms:Decrypt (needed only for secrets under a customer managed key: grant it on
// that key).
import { PolicyStatement } from "../../common/iamDocument";
import { CatalogContext, ResolvedWellKnownPolicy } from "./args";
import { CatalogEntry, oneOrMany } from "./entry";

const KIND = "external-secrets";

function statements(args: ResolvedWellKnownPolicy, _ctx: CatalogContext): PolicyStatement[] {
    const result: PolicyStatement[] = [];
    if (args.secretArns && args.secretArns.length > 0) {
        result.push({
            Sid: "ReadSecrets",
            Effect: "Allow",
            Action: [
                "secretsmanager:GetResourcePolicy",
                "secretsmanager:GetSecretValue",
                "secretsmanager:DescribeSecret",
                "secretsmanager:ListSecretVersionIds",
            ],
            Resource: oneOrMany(args.secretArns),
        });
        result.push({
            // dataFrom.find with a path or tags (secretsmanager.go fetchWithBatch); each secret it
            // returns is authorized by GetSecretValue above.
            Sid: "BatchReadSecrets",
            Effect: "Allow",
            Action: "secretsmanager:BatchGetSecretValue",
            Resource: "*",
        });
    }
    if (args.parameterArns && args.parameterArns.length > 0) {
        result.push({
            Sid: "ReadParameters",
            Effect: "Allow",
            Action: ["ssm:GetParameter", "ssm:GetParametersByPath"],
            Resource: oneOrMany(args.parameterArns),
        });
    }
    if (result.length === 0) {
        throw new Error(
            `${KIND}: secretArns or parameterArns is required (validate with validateWellKnownPolicy first)`,
        );
    }
    return result;
}

export const externalSecrets: CatalogEntry = {
    kind: KIND,
    upstream: {
        repository: "external-secrets/external-secrets",
        path: "docs/provider/aws-secrets-manager.md",
        version: "v2.9.0",
        drops: [
            {
                action: "secretsmanager:ListSecrets",
                reason: "dataFrom.find by name without a path only; it lists the name and tags of every secret in the account. Use find.path or tags (BatchGetSecretValue), or grant it beside this policy",
            },
            {
                action: "ssm:GetParameters",
                reason: "never called by v2.9.0 (parameterstore.go interface); upstream's ssm:GetParameter* wildcard grants it",
            },
            {
                action: "ssm:GetParameterHistory",
                reason: "never called by v2.9.0 (parameterstore.go interface); upstream's ssm:GetParameter* wildcard grants it",
            },
        ],
    },
    required: [],
    optional: ["secretArns", "parameterArns"],
    crossFieldProblem: (present) =>
        present.has("secretArns") || present.has("parameterArns")
            ? undefined
            : {
                  propertyPath: "secretArns",
                  reason: `kind "${KIND}" needs secretArns or parameterArns: list the Secrets Manager secrets or SSM parameters it may read (there is no "all secrets" default)`,
              },
    statements,
};
