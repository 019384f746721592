import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, SECRET, PARAM, FULL, statement, allActions } from "./fixtures";
import { describeConformance } from "./conformance";

describe("identity/catalog/external-secrets", () => {
    describe("key statements", () => {
        const cases: {
            kind: string;
            args: ResolvedWellKnownPolicy;
            check: (doc: PolicyDocument) => void;
        }[] = [
            {
                kind: "external-secrets",
                args: FULL["external-secrets"],
                check: (doc) => {
                    assert.deepStrictEqual(statement(doc, "ReadSecrets").Resource, SECRET);
                    assert.deepStrictEqual(statement(doc, "ReadParameters"), {
                        Sid: "ReadParameters",
                        Effect: "Allow",
                        Action: ["ssm:GetParameter", "ssm:GetParametersByPath"],
                        Resource: PARAM,
                    });
                    assert.ok(!allActions([doc]).includes("secretsmanager:ListSecrets"));
                },
            },
        ];
        for (const c of cases) {
            it(c.kind, () => c.check(wellKnownPolicyDocument(c.args, CTX)));
        }
    });
});

describe("identity/catalog/external-secrets conformance", () => {
    describeConformance({
        kind: "external-secrets",
        reference: [
            "Secrets Manager: IAM Policy (fetching, default)",
            "Parameter Store: Fetching Parameters (default)",
        ],
        rewrites: { "us-east-2:1234567889911": "us-west-2:111122223333" },
        variants: [
            {
                name: "secretArns dev-*, parameterArns dev-*",
                args: {
                    kind: "external-secrets",
                    secretArns: ["arn:aws:secretsmanager:us-west-2:111122223333:secret:dev-*"],
                    parameterArns: ["arn:aws:ssm:us-west-2:111122223333:parameter/dev-*"],
                },
                requests: [
                    {
                        action: "secretsmanager:GetSecretValue",
                        resource: "arn:aws:secretsmanager:us-west-2:111122223333:secret:dev-db-AbCdEf",
                        note: "secretsmanager.go constructSecretValue: every data[].remoteRef",
                    },
                    {
                        action: "secretsmanager:DescribeSecret",
                        resource: "arn:aws:secretsmanager:us-west-2:111122223333:secret:dev-db-AbCdEf",
                        note: "secretsmanager.go: metadataPolicy: Fetch",
                    },
                    {
                        action: "secretsmanager:BatchGetSecretValue",
                        resource: "*",
                        note: "secretsmanager.go fetchWithBatch: dataFrom.find with a path or tags",
                    },
                    {
                        action: "ssm:GetParameter",
                        resource: "arn:aws:ssm:us-west-2:111122223333:parameter/dev-db",
                        note: "parameterstore.go: every data[].remoteRef (WithDecryption)",
                    },
                    {
                        action: "ssm:GetParametersByPath",
                        resource: "arn:aws:ssm:us-west-2:111122223333:parameter/dev-app",
                        note: "parameterstore.go: dataFrom.find.path",
                    },
                    {
                        action: "secretsmanager:GetResourcePolicy",
                        resource: "arn:aws:secretsmanager:us-west-2:111122223333:secret:dev-db-AbCdEf",
                        note: "granted by upstream's fetch policy; the v2.9.0 fetch path does not call it (PushSecret does)",
                    },
                    {
                        action: "secretsmanager:ListSecretVersionIds",
                        resource: "arn:aws:secretsmanager:us-west-2:111122223333:secret:dev-db-AbCdEf",
                        note: "granted by upstream's fetch policy; remoteRef.version names a version the provider resolves",
                    },
                ],
                denied: [
                    {
                        action: "secretsmanager:GetSecretValue",
                        resource: "arn:aws:secretsmanager:us-west-2:111122223333:secret:prod-db-AbCdEf",
                        note: "a secret not listed",
                    },
                    { action: "secretsmanager:ListSecrets", resource: "*", note: "a deliberate drop" },
                    {
                        action: "ssm:PutParameter",
                        resource: "arn:aws:ssm:us-west-2:111122223333:parameter/dev-db",
                        note: "PushSecret is not granted",
                    },
                ],
            },
        ],
    });
});
