import * as assert from "assert";
import { StackValidationPolicy } from "@pulumi/policy";
import { ResourceInput } from "../../policy-pack/lib/evaluate";
import { trustPodIdentityActions } from "../../policy-pack/policies/trust/trust-pod-identity-actions";
import { trustPodIdentityPrincipalMixing } from "../../policy-pack/policies/trust/trust-pod-identity-principal-mixing";
import { trustPodIdentityScope } from "../../policy-pack/policies/trust/trust-pod-identity-scope";
import { trustPodIdentitySessionTags } from "../../policy-pack/policies/trust/trust-pod-identity-session-tags";
import { trustPodIdentityTargetRole } from "../../policy-pack/policies/trust/trust-pod-identity-target-role";
import { policyDocument } from "../../components/common/iamDocument";
import { podIdentityTrustStatement } from "../../components/trust/podIdentity";
import {
    ACCOUNT,
    CLUSTER_ARN,
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
import { messages, runStack } from "./harness";

/** The components' both-mode trust; statement 1 is the Pod Identity one. */
function podRole(edit?: (statement: Record<string, unknown>) => void): ResourceInput {
    const r = role("app-role", workloadTrust(), false);
    if (edit) {
        editTrust(r, (doc) => edit(doc.Statement[1]));
    }
    return r;
}

describe("trust-pod-identity-actions", () => {
    const policy = trustPodIdentityActions;

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
    const policy = trustPodIdentityScope;
    const LOWER = `If the association sets disableSessionTags (EKS then sends no session tags), lower trust-pod-identity-scope to advisory or set its requireSessionTags to false in the policy config.`;
    const NS = "aws:RequestTag/kubernetes-namespace";
    const SA = "aws:RequestTag/kubernetes-service-account";
    const missingBoth =
        `Trust statement 1 trusts pods.eks.amazonaws.com without "${NS}" and "${SA}" conditions, so any Pod Identity association in the account can use the role. ` +
        `Add "StringEquals": {"${NS}": "<namespace>", "${SA}": "<service-account>"} (optionally "aws:RequestTag/eks-cluster-arn": "<cluster-arn>" to pin the cluster). ${LOWER}`;
    const unscoped =
        `Trust statement 1 trusts pods.eks.amazonaws.com without a scoping condition, so any Pod Identity association can use the role. ` +
        `Add "StringEquals": {"aws:SourceAccount": "<account-id>", "${NS}": "<namespace>", "${SA}": "<service-account>"}.`;
    const lenient = { requireSessionTags: false };

    it("passes the components' trust (source account + session tags), by default and with requireSessionTags false", async () => {
        assert.deepStrictEqual(await messages(policy, podRole()), []);
        assert.deepStrictEqual(await messages(policy, podRole(), lenient), []);
    });

    it("flags, by default, the SourceAccount-only trust WorkloadIdentity builds with disableSessionTags", async () => {
        const statement = podIdentityTrustStatement({
            accountId: ACCOUNT,
            clusterArns: [CLUSTER_ARN],
            namespace: "app",
            serviceAccount: "api",
            disableSessionTags: true,
        });
        assert.deepStrictEqual(statement.Condition, { StringEquals: { "aws:SourceAccount": ACCOUNT } });
        const r = role("app-role", JSON.stringify(policyDocument(statement)), false);
        assert.deepStrictEqual(await messages(policy, r), [
            missingBoth.replace("statement 1", "statement 0"),
        ]);
        assert.deepStrictEqual(await messages(policy, r, lenient), []);
    });

    it("names only the missing tag, and keeps recommending aws:SourceAccount when absent", async () => {
        const r = podRole(
            (s) => (s.Condition = { StringEquals: { [NS]: "app", "aws:SourceAccount": ACCOUNT } }),
        );
        assert.deepStrictEqual(await messages(policy, r), [
            `Trust statement 1 trusts pods.eks.amazonaws.com without "${SA}" conditions, so any Pod Identity association in the account can use the role. ` +
                `Add "StringEquals": {"${SA}": "<service-account>"} (optionally "aws:RequestTag/eks-cluster-arn": "<cluster-arn>" to pin the cluster). ${LOWER}`,
        ]);
        const noAccount = podRole((s) => delete s.Condition);
        assert.deepStrictEqual(await messages(policy, noAccount), [
            `Trust statement 1 trusts pods.eks.amazonaws.com without "${NS}" and "${SA}" conditions, so any Pod Identity association in the account can use the role. ` +
                `Add "StringEquals": {"${NS}": "<namespace>", "${SA}": "<service-account>"}, together with "aws:SourceAccount": "<account-id>" (optionally "aws:RequestTag/eks-cluster-arn": "<cluster-arn>" to pin the cluster). ${LOWER}`,
        ]);
    });

    it("does not count a wildcard-only or IfExists session-tag condition", async () => {
        const r = podRole(
            (s) =>
                (s.Condition = {
                    StringEquals: { "aws:SourceAccount": ACCOUNT },
                    StringLike: { [NS]: "*" },
                    StringEqualsIfExists: { [SA]: "api" },
                }),
        );
        assert.deepStrictEqual(await messages(policy, r), [
            `Trust statement 1 trusts pods.eks.amazonaws.com without "${NS}" and "${SA}" conditions (conditions that match any value, or that IfExists / ForAllValues / a negated operator let through, do not count), so any Pod Identity association in the account can use the role. ` +
                `Add "StringEquals": {"${NS}": "<namespace>", "${SA}": "<service-account>"} (optionally "aws:RequestTag/eks-cluster-arn": "<cluster-arn>" to pin the cluster). ${LOWER}`,
        ]);
    });

    it("with requireSessionTags false: flags no condition, a wildcard account or source ARN, and IfExists-only scoping", async () => {
        const flagged = async (condition?: Record<string, unknown>) =>
            messages(
                policy,
                podRole((s) => (condition ? (s.Condition = condition) : delete s.Condition)),
                lenient,
            );
        assert.deepStrictEqual(await flagged(), [unscoped]);
        assert.deepStrictEqual(await flagged({ StringLike: { "aws:SourceAccount": "*" } }), [unscoped]);
        assert.deepStrictEqual(await flagged({ StringLike: { "aws:SourceAccount": "1111*" } }), [unscoped]);
        assert.deepStrictEqual(await flagged({ StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } }), [
            unscoped,
        ]);
        assert.deepStrictEqual(await flagged({ ArnLike: { "aws:SourceArn": "arn:aws:eks:*:*:cluster/*" } }), [
            unscoped,
        ]);
        assert.deepStrictEqual(await flagged({ StringLike: { "aws:SourceOrgID": "o-*" } }), [unscoped]);
        assert.deepStrictEqual(await flagged({ ArnLike: { "aws:SourceArn": `${CLUSTER_ARN}` } }), []);
        assert.deepStrictEqual(await flagged({ StringEquals: { "aws:SourceOrgID": "o-a1b2c3d4e5" } }), []);
        assert.deepStrictEqual(await flagged({ StringEquals: { "aws:SourceAccount": ACCOUNT } }), []);
    });

    it("skips an unknown trust policy", async () => {
        assert.deepStrictEqual(await messages(policy, role("r", U, true)), []);
    });
});

describe("trust-pod-identity-principal-mixing", () => {
    const policy = trustPodIdentityPrincipalMixing;

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
    const policy = trustPodIdentitySessionTags as StackValidationPolicy;

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
    const policy = trustPodIdentityTargetRole as StackValidationPolicy;
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
