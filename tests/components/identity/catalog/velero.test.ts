import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, BUCKET, FULL, statement } from "./fixtures";

describe("identity/catalog/velero", () => {
    describe("key statements", () => {
        const cases: {
            kind: string;
            args: ResolvedWellKnownPolicy;
            check: (doc: PolicyDocument) => void;
        }[] = [
            {
                kind: "velero",
                args: FULL.velero,
                check: (doc) => {
                    assert.strictEqual(statement(doc, "ReadWriteBackups").Resource, `${BUCKET}/*`);
                    assert.strictEqual(statement(doc, "ListBackupBuckets").Resource, BUCKET);
                    assert.deepStrictEqual(statement(doc, "TagOnCreate").Condition, {
                        StringEquals: { "ec2:CreateAction": ["CreateSnapshot", "CreateVolume"] },
                    });
                },
            },
        ];
        for (const c of cases) {
            it(c.kind, () => c.check(wellKnownPolicyDocument(c.args, CTX)));
        }
    });
});
