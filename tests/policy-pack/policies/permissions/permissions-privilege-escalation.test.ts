import * as assert from "assert";
import {
    ESCALATION_ACTIONS,
    permissionsPrivilegeEscalation,
} from "../../../../policy-pack/policies/permissions/permissions-privilege-escalation";
import { APP, attachment, aws, happyStack, inlineOn, resource, roleArn, T, U } from "../../factories";
import { stackMessages } from "../../harness";

const FIX =
    "a pod with this role can give itself more permissions than it was granted. Scope the resource to the exact ARNs the workload manages (and PassRole with iam:PassedToService), or remove the action.";
const at = (problem: string, statement = 0) =>
    `${APP}: inline policy "extra" statement ${statement} ${problem}: ${FIX}`;

describe("permissions-privilege-escalation", () => {
    const policy = permissionsPrivilegeEscalation;
    const run = (statement: Record<string, unknown>, config: Record<string, unknown> = {}) =>
        stackMessages(policy, [...happyStack(), inlineOn("app-role", statement)], config);

    it("passes the compliant stack and every AWS managed policy it attaches", async () => {
        assert.deepStrictEqual(await stackMessages(policy, happyStack()), []);
    });

    it("flags each published escalation action on every resource, by name or through a wildcard", async () => {
        for (const action of ESCALATION_ACTIONS.filter((a) => a !== "iam:PassRole")) {
            assert.deepStrictEqual(
                await run({ Action: action, Resource: "*" }),
                [at(`allows ${action} on every resource of its kind`)],
                action,
            );
        }
        assert.deepStrictEqual(
            await run({ Action: "iam:Put*Policy", Resource: "arn:aws:iam::111122223333:role/*" }),
            [
                at("allows iam:PutGroupPolicy on every resource of its kind"),
                at("allows iam:PutRolePolicy on every resource of its kind"),
                at("allows iam:PutUserPolicy on every resource of its kind"),
            ].sort(),
        );
    });

    it("PassRole: flagged on every role or without iam:PassedToService; passes one role passed to one service", async () => {
        assert.deepStrictEqual(await run({ Action: "iam:PassRole", Resource: "*" }), [
            at('allows iam:PassRole on every role ("*")'),
        ]);
        assert.deepStrictEqual(await run({ Action: "iam:PassRole", Resource: roleArn("node-role") }), [
            at("allows iam:PassRole without an iam:PassedToService condition"),
        ]);
        assert.deepStrictEqual(
            await run({
                Action: "iam:PassRole",
                Resource: roleArn("node-role"),
                Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
            }),
            [],
        );
    });

    it("flags self-escalation on the role's own ARN; the same action on another named role passes", async () => {
        assert.deepStrictEqual(
            await run({
                Action: ["iam:PutRolePolicy", "iam:AttachRolePolicy"],
                Resource: roleArn("app-role"),
            }),
            [
                at("allows iam:PutRolePolicy on the role itself (self-escalation)"),
                at("allows iam:AttachRolePolicy on the role itself (self-escalation)"),
            ],
        );
        assert.deepStrictEqual(
            await run({
                Action: "iam:UpdateAssumeRolePolicy",
                Resource: "arn:aws:iam::111122223333:role/app-*",
            }),
            [at("allows iam:UpdateAssumeRolePolicy on the role itself (self-escalation)")],
        );
        assert.deepStrictEqual(
            await run({ Action: "iam:PutRolePolicy", Resource: roleArn("deploy-target") }),
            [],
        );
        assert.deepStrictEqual(
            await run({ Action: "sts:AssumeRole", Resource: roleArn("deploy-target") }),
            [],
        );
    });

    it("an unknown document is undetermined, not passed; the actions list can be narrowed or extended", async () => {
        const unknown = [
            ...happyStack({ preview: true }),
            resource(T.rolePolicy, "app-later", { role: "app-role", name: "later", policy: U }),
        ];
        assert.deepStrictEqual(await stackMessages(policy, unknown), [
            'undetermined: what role "app-role" gets from inline policy "later" is unknown at preview, checked at pulumi up',
        ]);
        assert.deepStrictEqual(
            await run({ Action: "iam:CreateAccessKey", Resource: "*" }, { actions: ["iam:PassRole"] }),
            [],
        );
        assert.deepStrictEqual(
            await run({ Action: "ec2:RunInstances", Resource: "*" }, { actions: ["ec2:RunInstances"] }),
            [at("allows ec2:RunInstances on every resource of its kind")],
        );
        // IAMFullAccess is administrator-equivalent (iam:*): reported by permissions-administrator, not twice.
        assert.deepStrictEqual(
            await stackMessages(policy, [
                ...happyStack(),
                attachment("app-iam", "app-role", aws("IAMFullAccess"), false),
            ]),
            [],
        );
    });
});
