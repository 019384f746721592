import * as assert from "assert";
import { permissionsAdministrator } from "../../../../policy-pack/policies/permissions/permissions-administrator";
import { APP, attachment, aws, happyStack, inlineOn, resource, roleArn, T, U, urn } from "../../factories";
import { stackMessages } from "../../harness";

const FIX =
    "every pod that can use this role is an administrator of the account. Grant the actions and resources the workload needs, or list the role in allowedRoles if it is a reviewed exception.";

describe("permissions-administrator", () => {
    const policy = permissionsAdministrator;

    it("passes the compliant stack, and flags AdministratorAccess, PowerUserAccess and IAMFullAccess on a workload role from their AWS documents", async () => {
        assert.deepStrictEqual(await stackMessages(policy, happyStack()), []);
        const cases: [string, string][] = [
            ["AdministratorAccess", 'statement 0 allows every action ("*")'],
            [
                "PowerUserAccess",
                "statement 0 allows every action except iam:*, organizations:*, account:* (NotAction)",
            ],
            ["IAMFullAccess", 'statement 0 allows every iam action ("iam:*")'],
        ];
        for (const [managed, problem] of cases) {
            const stack = [...happyStack(), attachment("app-admin", "app-role", aws(managed), false)];
            assert.deepStrictEqual(
                await stackMessages(policy, stack),
                [`${APP}: AWS managed policy ${managed} ${problem} on every resource: ${FIX}`],
                managed,
            );
        }
    });

    it("flags an inline * or sts:* on every resource; passes * on one bucket and iam:* on one role (another policy's concern)", async () => {
        const flagged: [Record<string, unknown>, string][] = [
            [{ Action: "*", Resource: "*" }, 'allows every action ("*")'],
            [{ Action: ["s3:GetObject", "sts:*"], Resource: "*" }, 'allows every sts action ("sts:*")'],
            [{ NotAction: "s3:*", Resource: "*" }, "allows every action except s3:* (NotAction)"],
            [{ Action: "iam:*", NotResource: roleArn("x") }, 'allows every iam action ("iam:*")'],
        ];
        for (const [statement, problem] of flagged) {
            const stack = [...happyStack(), inlineOn("app-role", statement)];
            assert.deepStrictEqual(
                await stackMessages(policy, stack),
                [`${APP}: inline policy "extra" statement 0 ${problem} on every resource: ${FIX}`],
                JSON.stringify(statement),
            );
        }
        for (const statement of [
            { Action: "*", Resource: "arn:aws:s3:::payments-bucket/*" },
            { Action: "iam:*", Resource: roleArn("x") },
            { Action: "iam:Get*", Resource: "*" },
        ]) {
            assert.deepStrictEqual(
                await stackMessages(policy, [...happyStack(), inlineOn("app-role", statement)]),
                [],
                JSON.stringify(statement),
            );
        }
    });

    it("reads a customer-managed policy linked at preview by property dependency; an unknown document or ARN is undetermined, not passed", async () => {
        const stack = happyStack({ preview: true });
        stack.push(
            resource(T.policy, "wide", {
                name: "wide",
                arn: U,
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
                }),
            }),
            resource(
                T.attachment,
                "app-wide",
                { role: "app-role", policyArn: U },
                { policyArn: [urn(T.policy, "wide")] },
            ),
        );
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${APP}: customer-managed policy "wide" statement 0 allows every action ("*") on every resource: ${FIX}`,
        ]);
        const unknown = happyStack({ preview: true });
        unknown.push(
            resource(T.rolePolicy, "app-unknown", { role: "app-role", name: "later", policy: U }),
            resource(T.attachment, "app-later", { role: "app-role", policyArn: U }),
        );
        assert.deepStrictEqual(await stackMessages(policy, unknown), [
            'undetermined: what role "app-role" gets from inline policy "later" and the policy attached by "app-later" is unknown at preview, checked at pulumi up',
        ]);
    });

    it("node roles are other policies' concern; allowedRoles exempts a reviewed workload role", async () => {
        const node = [
            ...happyStack(),
            attachment("node-admin", "node-role", aws("AdministratorAccess"), false),
        ];
        assert.deepStrictEqual(await stackMessages(policy, node), []);
        const stack = [
            ...happyStack(),
            attachment("app-admin", "app-role", aws("AdministratorAccess"), false),
        ];
        assert.deepStrictEqual(await stackMessages(policy, stack, { allowedRoles: ["app-role"] }), []);
        assert.strictEqual((await stackMessages(policy, stack, { allowedRoles: ["other"] })).length, 1);
    });
});
