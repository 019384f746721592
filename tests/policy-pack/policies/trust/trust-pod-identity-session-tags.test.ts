import * as assert from "assert";
import { StackValidationPolicy } from "@pulumi/policy";
import { trustPodIdentitySessionTags } from "../../../../policy-pack/policies/trust/trust-pod-identity-session-tags";
import { ACCOUNT, T, U, editTrust, find, happyStack, urn } from "../../factories";
import { runStack } from "../../harness";

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

    it("with disableSessionTags, a role whose trust is unknown at preview is undetermined, not passed", async () => {
        const stack = happyStack({ preview: true });
        find(stack, "app", T.pia).props.disableSessionTags = true;
        find(stack, "app-role", T.role).props.assumeRolePolicy = U;
        const outcome = await runStack(policy, stack);
        assert.deepStrictEqual(outcome.messages, []);
        assert.strictEqual(
            outcome.undetermined,
            'undetermined: the trust policy of role "app-role", used by Pod Identity association "app" with disableSessionTags, is unknown at preview, checked at pulumi up',
        );
    });

    it("passes the happy stack and an unknown disableSessionTags", async () => {
        assert.deepStrictEqual((await runStack(policy, happyStack())).messages, []);
        const stack = happyStack({ preview: true });
        find(stack, "app", T.pia).props.disableSessionTags = U;
        assert.deepStrictEqual((await runStack(policy, stack)).messages, []);
    });
});
