import * as assert from "assert";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { ResourceInput } from "../../policy-pack/lib/evaluate";
import * as lib from "../../policy-pack/lib";
import {
    ACCOUNT,
    T,
    U,
    clone,
    editTrust,
    find,
    happyStack,
    resource,
    role,
    roleArn,
    urn,
    workloadTrust,
} from "./factories";
import { runResource, runStack } from "./harness";

async function messages(policy: unknown, r: ResourceInput, config: Record<string, unknown> = {}) {
    return (await runResource(policy as ResourceValidationPolicy, r, config)).messages;
}

/** The components' both-mode trust; statement 1 is the Pod Identity one. */
function podRole(edit?: (statement: Record<string, unknown>) => void): ResourceInput {
    const r = role("app-role", workloadTrust(), false);
    if (edit) {
        editTrust(r, (doc) => edit(doc.Statement[1]));
    }
    return r;
}

describe("trust-pod-identity-actions", () => {
    const policy = lib.trustPodIdentityActions;

    it("passes sts:AssumeRole + sts:TagSession, or sts:*", async () => {
        assert.deepStrictEqual(await messages(policy, podRole()), []);
        assert.deepStrictEqual(
            await messages(
                policy,
                podRole((s) => (s.Action = "sts:*")),
            ),
            [],
        );
    });

    it("flags a trust without sts:TagSession", async () => {
        assert.deepStrictEqual(
            await messages(
                policy,
                podRole((s) => (s.Action = "sts:AssumeRole")),
            ),
            [
                `Trust statement 1 trusts pods.eks.amazonaws.com without sts:TagSession, so EKS Pod Identity cannot use the role. Set "Action": ["sts:AssumeRole", "sts:TagSession"].`,
            ],
        );
    });

    it("skips an unknown trust policy", async () => {
        assert.deepStrictEqual(await messages(policy, role("r", U, true)), []);
    });
});

describe("trust-pod-identity-scope", () => {
    const policy = lib.trustPodIdentityScope;
    const unscoped =
        `Trust statement 1 trusts pods.eks.amazonaws.com without a scoping condition, so any Pod Identity association can use the role. ` +
        `Add "StringEquals": {"aws:SourceAccount": "<account-id>", "aws:RequestTag/kubernetes-namespace": "<namespace>", "aws:RequestTag/kubernetes-service-account": "<service-account>"}.`;

    it("passes the components' trust (source account + session tags)", async () => {
        assert.deepStrictEqual(await messages(policy, podRole()), []);
        assert.deepStrictEqual(await messages(policy, podRole(), { requireSessionTags: true }), []);
    });

    it("flags no condition, a wildcard account, and IfExists-only scoping", async () => {
        assert.deepStrictEqual(
            await messages(
                policy,
                podRole((s) => delete s.Condition),
            ),
            [unscoped],
        );
        assert.deepStrictEqual(
            await messages(
                policy,
                podRole((s) => (s.Condition = { StringLike: { "aws:SourceAccount": "*" } })),
            ),
            [unscoped],
        );
        assert.deepStrictEqual(
            await messages(
                policy,
                podRole((s) => (s.Condition = { StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } })),
            ),
            [unscoped],
        );
    });

    it("accepts source-account-only scope unless requireSessionTags is set", async () => {
        const r = podRole((s) => (s.Condition = { StringEquals: { "aws:SourceAccount": ACCOUNT } }));
        assert.deepStrictEqual(await messages(policy, r), []);
        assert.deepStrictEqual(await messages(policy, r, { requireSessionTags: true }), [
            `Trust statement 1 trusts pods.eks.amazonaws.com without "aws:RequestTag/kubernetes-namespace" and "aws:RequestTag/kubernetes-service-account" conditions. ` +
                `Add them with StringEquals so only the intended service account can use the role.`,
        ]);
    });

    it("skips an unknown trust policy", async () => {
        assert.deepStrictEqual(await messages(policy, role("r", U, true)), []);
    });
});

describe("trust-pod-identity-principal-mixing", () => {
    const policy = lib.trustPodIdentityPrincipalMixing;

    it("passes a statement naming only pods.eks.amazonaws.com", async () => {
        assert.deepStrictEqual(await messages(policy, podRole()), []);
    });

    it("flags another service in the same statement", async () => {
        const r = podRole(
            (s) => (s.Principal = { Service: ["pods.eks.amazonaws.com", "ec2.amazonaws.com"] }),
        );
        assert.deepStrictEqual(await messages(policy, r), [
            `Trust statement 1 trusts pods.eks.amazonaws.com together with "ec2.amazonaws.com". Give each principal its own statement with its own conditions.`,
        ]);
    });

    it("skips an unknown trust policy", async () => {
        assert.deepStrictEqual(await messages(policy, role("r", U, true)), []);
    });
});

describe("trust-pod-identity-session-tags", () => {
    const policy = lib.trustPodIdentitySessionTags as StackValidationPolicy;

    for (const preview of [false, true]) {
        it(`flags disableSessionTags with aws:RequestTag trust conditions (${preview ? "preview" : "update"})`, async () => {
            const stack = happyStack({ preview });
            find(stack, "app", T.pia).props.disableSessionTags = true;
            const outcome = await runStack(policy, stack);
            assert.deepStrictEqual(outcome.messages, [
                `Pod Identity association "app" disables session tags, but trust statement 1 of role "app-role" requires "aws:RequestTag/eks-cluster-arn", "aws:RequestTag/kubernetes-namespace", "aws:RequestTag/kubernetes-service-account", which EKS then never sends: the role cannot be assumed. ` +
                    `Remove the aws:RequestTag conditions (keep aws:SourceAccount) or enable session tags.`,
            ]);
            assert.deepStrictEqual(outcome.urns, [urn(T.pia, "app")]);
        });
    }

    it("flags a session policy without disableSessionTags, and passes it with", async () => {
        const stack = happyStack();
        const pia = find(stack, "app", T.pia);
        pia.props.policy = JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
        });
        assert.deepStrictEqual((await runStack(policy, stack)).messages, [
            `Pod Identity association "app" sets a session policy without disableSessionTags, which EKS rejects. Set disableSessionTags: true (and drop aws:RequestTag conditions from the role's trust).`,
        ]);
        pia.props.disableSessionTags = true;
        editTrust(
            find(stack, "app-role"),
            (doc) => (doc.Statement[1].Condition = { StringEquals: { "aws:SourceAccount": ACCOUNT } }),
        );
        assert.deepStrictEqual((await runStack(policy, stack)).messages, []);
    });

    it("passes the happy stack and an unknown disableSessionTags", async () => {
        assert.deepStrictEqual((await runStack(policy, happyStack())).messages, []);
        const stack = happyStack({ preview: true });
        find(stack, "app", T.pia).props.disableSessionTags = U;
        assert.deepStrictEqual((await runStack(policy, stack)).messages, []);
    });
});

describe("trust-pod-identity-target-role", () => {
    const policy = lib.trustPodIdentityTargetRole as StackValidationPolicy;
    const targetTrust = (condition?: Record<string, unknown>, principal = roleArn("app-role")) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { AWS: principal },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                    ...(condition ? { Condition: condition } : {}),
                },
            ],
        });
    const withTarget = (trust: string) => {
        const stack = happyStack();
        stack.push(role("target-role", trust, false));
        find(stack, "app", T.pia).props.targetRoleArn = roleArn("target-role");
        return stack;
    };

    it("passes a target trusting the association role with sts:ExternalId", async () => {
        const stack = withTarget(targetTrust({ StringEquals: { "sts:ExternalId": "ext-123" } }));
        assert.deepStrictEqual((await runStack(policy, stack)).messages, []);
    });

    it("flags a target trust without sts:ExternalId", async () => {
        const outcome = await runStack(policy, withTarget(targetTrust()));
        assert.deepStrictEqual(outcome.messages, [
            `Target role "target-role" of Pod Identity association "app": trust statement 0 lets "${roleArn("app-role")}" assume it without checking sts:ExternalId. ` +
                `Add "StringEquals": {"sts:ExternalId": "<the association's externalId>"}.`,
        ]);
        assert.deepStrictEqual(outcome.urns, [urn(T.role, "target-role")]);
    });

    it("flags a target that does not trust the association role", async () => {
        const stack = withTarget(
            targetTrust({ StringEquals: { "sts:ExternalId": "e" } }, roleArn("someone-else")),
        );
        assert.deepStrictEqual((await runStack(policy, stack)).messages, [
            `Target role "target-role" of Pod Identity association "app" does not trust the association's role "${roleArn("app-role")}", so the association cannot assume it. ` +
                `Add a statement with "Principal": {"AWS": "${roleArn("app-role")}"}, "Action": ["sts:AssumeRole", "sts:TagSession"] and an sts:ExternalId condition.`,
        ]);
    });

    it("checks what is known at preview: linked through propertyDependencies, unknown trust skipped", async () => {
        const stack = happyStack({ preview: true });
        stack.push(role("target-role", targetTrust(undefined, U), true));
        const pia = find(stack, "app", T.pia);
        pia.props.targetRoleArn = U;
        pia.propertyDependencies = {
            ...pia.propertyDependencies,
            targetRoleArn: [urn(T.role, "target-role")],
        };
        assert.deepStrictEqual((await runStack(policy, clone(stack))).messages, []);
        find(stack, "target-role").props.assumeRolePolicy = targetTrust(
            undefined,
            "arn:aws:iam::999999999999:role/x",
        );
        assert.strictEqual((await runStack(policy, stack)).messages.length, 1);
    });

    it("ignores associations without a target role", async () => {
        assert.deepStrictEqual((await runStack(policy, happyStack())).messages, []);
        assert.deepStrictEqual((await runStack(policy, [resource(T.pia, "x", { roleArn: U })])).messages, []);
    });
});
