import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, FULL, statement } from "./fixtures";

describe("identity/catalog/cloudwatch-observability", () => {
    describe("key statements", () => {
        const cases: {
            kind: string;
            args: ResolvedWellKnownPolicy;
            check: (doc: PolicyDocument) => void;
        }[] = [
            {
                kind: "cloudwatch-observability (default prefix)",
                args: { kind: "cloudwatch-observability", clusterName: "prod" },
                check: (doc) => {
                    assert.strictEqual(
                        statement(doc, "ManageLogGroups").Resource,
                        "arn:aws:logs:us-west-2:111122223333:log-group:/aws/containerinsights/prod/*",
                    );
                    assert.strictEqual(
                        statement(doc, "WriteLogStreams").Resource,
                        "arn:aws:logs:us-west-2:111122223333:log-group:/aws/containerinsights/prod/*:log-stream:*",
                    );
                },
            },
            {
                kind: "cloudwatch-observability (custom prefix)",
                args: FULL["cloudwatch-observability"],
                check: (doc) => {
                    assert.strictEqual(
                        statement(doc, "ManageLogGroups").Resource,
                        "arn:aws:logs:us-west-2:111122223333:log-group:/eks/prod/*",
                    );
                },
            },
        ];
        for (const c of cases) {
            it(c.kind, () => c.check(wellKnownPolicyDocument(c.args, CTX)));
        }
    });
});
