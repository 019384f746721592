import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, SECRET, PARAM, FULL, statement, allActions } from "./fixtures";

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
                        Action: ["ssm:GetParameter", "ssm:GetParameters"],
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
