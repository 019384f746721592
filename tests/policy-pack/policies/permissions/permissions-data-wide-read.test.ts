import * as assert from "assert";
import { permissionsDataWideRead } from "../../../../policy-pack/policies/permissions/permissions-data-wide-read";
import { APP, attachment, aws, happyStack, inlineOn, resource, T, U } from "../../factories";
import { stackMessages } from "../../harness";

const FIX =
    "the pod can read every such object, secret or key in the account. Name the buckets, secrets, keys or tables it reads.";

describe("permissions-data-wide-read", () => {
    const policy = permissionsDataWideRead;
    const run = (statement: Record<string, unknown>, config: Record<string, unknown> = {}) =>
        stackMessages(policy, [...happyStack(), inlineOn("app-role", statement)], config);

    it("is advisory, passes the compliant stack and reads of named resources", async () => {
        assert.strictEqual(policy.enforcementLevel, "advisory");
        assert.deepStrictEqual(await stackMessages(policy, happyStack()), []);
        assert.deepStrictEqual(
            await run({ Action: "s3:GetObject", Resource: "arn:aws:s3:::invoices/*" }),
            [],
        );
        assert.deepStrictEqual(
            await run({
                Action: "secretsmanager:GetSecretValue",
                Resource: "arn:aws:secretsmanager:us-west-2:111122223333:secret:dev/payments/*",
            }),
            [],
        );
    });

    it("flags data reads on every resource, through wildcards and every-bucket ARNs too", async () => {
        assert.deepStrictEqual(await run({ Action: ["s3:GetObject", "kms:Decrypt"], Resource: "*" }), [
            `${APP}: inline policy "extra" statement 0 allows s3:GetObject, kms:Decrypt on every resource: ${FIX}`,
        ]);
        assert.deepStrictEqual(
            await run({ Action: "secretsmanager:Get*", Resource: "arn:aws:secretsmanager:*:*:secret:*" }),
            [
                `${APP}: inline policy "extra" statement 0 allows secretsmanager:GetSecretValue on every resource: ${FIX}`,
            ],
        );
        assert.deepStrictEqual(await run({ Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" }), [
            `${APP}: inline policy "extra" statement 0 allows s3:GetObject on every resource: ${FIX}`,
        ]);
        // AmazonS3ReadOnlyAccess (s3:Get*, s3:List* on *), from its AWS document.
        assert.deepStrictEqual(
            await stackMessages(policy, [
                ...happyStack(),
                attachment("app-s3", "app-role", aws("AmazonS3ReadOnlyAccess"), false),
            ]),
            [
                `${APP}: AWS managed policy AmazonS3ReadOnlyAccess statement 0 allows s3:GetObject, s3:GetObjectVersion on every resource: ${FIX}`,
            ],
        );
    });

    it("an unknown document is undetermined, not passed; the actions list is configurable", async () => {
        const unknown = [
            ...happyStack({ preview: true }),
            resource(T.rolePolicy, "app-later", { role: "app-role", name: "later", policy: U }),
        ];
        assert.deepStrictEqual(await stackMessages(policy, unknown), [
            'undetermined: what role "app-role" gets from inline policy "later" is unknown at preview, checked at pulumi up',
        ]);
        assert.deepStrictEqual(
            await run({ Action: "s3:GetObject", Resource: "*" }, { actions: ["kms:Decrypt"] }),
            [],
        );
        assert.deepStrictEqual(
            await run({ Action: "sqs:ReceiveMessage", Resource: "*" }, { actions: ["sqs:ReceiveMessage"] }),
            [`${APP}: inline policy "extra" statement 0 allows sqs:ReceiveMessage on every resource: ${FIX}`],
        );
    });
});
