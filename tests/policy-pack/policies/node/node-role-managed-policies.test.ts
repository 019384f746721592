import * as assert from "assert";
import { StackValidationPolicy } from "@pulumi/policy";
import { ManagedPolicies } from "../../../../components/common/iamDocument";
import { ResourceInput } from "../../../../policy-pack/lib/evaluate";
import {
    NODE_ROLE_ALLOWED_DEFAULT,
    nodeRoleManagedPolicies,
} from "../../../../policy-pack/policies/node/node-role-managed-policies";
import {
    MODES,
    NODE,
    T,
    U,
    attachment,
    aws,
    find,
    happyStack,
    resource,
    role,
    roleArn,
    urn,
} from "../../factories";
import { runStack, stackMessages } from "../../harness";

describe("node-role-managed-policies", () => {
    const policy = nodeRoleManagedPolicies;

    for (const { preview, label } of MODES) {
        it(`flags the CNI policy on the node role, as @pulumi/eks attaches it (${label})`, async () => {
            const stack = happyStack({ preview });
            stack.push(attachment("node-cni", "node-role", aws(ManagedPolicies.cniPolicy), preview));
            const outcome = await runStack(policy as StackValidationPolicy, stack);
            assert.deepStrictEqual(outcome.messages, [
                `${NODE} carries arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy, which is not on the node-role allow-list: every pod on the node can use it through IMDS. ` +
                    `Detach it and grant it to the workload's own role (IRSA or Pod Identity), or add it to allowedPolicies.`,
            ]);
            assert.deepStrictEqual(outcome.urns, [urn(T.attachment, "node-cni")]);
        });
    }

    it("honours a configured allow-list and the role's own managedPolicyArns", async () => {
        const stack = happyStack();
        find(stack, "node-role").props.managedPolicyArns = [aws("AmazonS3FullAccess")];
        assert.strictEqual((await stackMessages(policy, stack)).length, 1);
        const allowed = [...NODE_ROLE_ALLOWED_DEFAULT, "AmazonS3FullAccess"];
        assert.deepStrictEqual(await stackMessages(policy, stack, { allowedPolicies: allowed }), []);
    });

    it("finds node roles through instance profiles, launch templates and EC2 access entries", async () => {
        const stack: ResourceInput[] = [
            role("self-managed", U, true),
            attachment("s3", "self-managed", aws("AmazonS3FullAccess"), true),
            resource(T.instanceProfile, "profile", { role: "self-managed" }),
        ];
        assert.strictEqual((await stackMessages(policy, stack)).length, 1);
        const viaEntry: ResourceInput[] = [
            role("hybrid", U, false),
            attachment("s3", "hybrid", aws("AmazonS3FullAccess"), false),
            resource(T.accessEntry, "entry", { type: "EC2_LINUX", principalArn: roleArn("hybrid") }),
        ];
        assert.strictEqual((await stackMessages(policy, viaEntry)).length, 1);
    });

    it("does not judge an attachment whose policy ARN is unknown and unlinked", async () => {
        const stack = happyStack({ preview: true });
        stack.push(attachment("mystery", "node-role", U, true));
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
    });
});
