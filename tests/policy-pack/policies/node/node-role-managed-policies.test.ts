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

    it("takes Auto Mode's node role (computeConfig.nodeRoleArn) with exactly the two policies AWS documents", async () => {
        for (const { preview } of MODES) {
            const ref = {
                value: preview ? U : roleArn("auto-node"),
                deps: { computeConfig: [urn(T.role, "auto-node")] },
            };
            const stack = [
                role("auto-node", JSON.stringify({ Statement: [] }), preview),
                attachment("auto-minimal", "auto-node", aws("AmazonEKSWorkerNodeMinimalPolicy"), preview),
                attachment("auto-ecr", "auto-node", aws("AmazonEC2ContainerRegistryPullOnly"), preview),
                resource(
                    T.cluster,
                    "auto",
                    { computeConfig: { enabled: true, nodeRoleArn: ref.value } },
                    preview ? ref.deps : undefined,
                ),
            ];
            assert.deepStrictEqual(await stackMessages(policy, stack), []);
            stack.push(attachment("auto-s3", "auto-node", aws("AmazonS3ReadOnlyAccess"), preview));
            assert.deepStrictEqual(await stackMessages(policy, stack), [
                `Node role "auto-node" (node role through computeConfig.nodeRoleArn of aws:eks/cluster:Cluster "auto") carries arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess, which is not on the node-role allow-list: every pod on the node can use it through IMDS. ` +
                    `Detach it and grant it to the workload's own role (IRSA or Pod Identity), or add it to allowedPolicies.`,
            ]);
        }
    });

    it("lets a hybrid nodes role carry AmazonSSMManagedInstanceCore and a policy of the documented hybrid actions only", async () => {
        const hybridPolicy = (actions: string[]) =>
            resource(T.policy, "hybrid-node", {
                name: "hybrid-node",
                arn: "arn:aws:iam::111122223333:policy/hybrid-node",
                policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] }),
            });
        const stack = (actions: string[], type = "HYBRID_LINUX") => [
            role("hybrid", JSON.stringify({ Statement: [] }), false),
            attachment("hybrid-ssm", "hybrid", aws("AmazonSSMManagedInstanceCore"), false),
            hybridPolicy(actions),
            attachment("hybrid-own", "hybrid", "arn:aws:iam::111122223333:policy/hybrid-node", false),
            resource(T.accessEntry, "hybrid-nodes", { type, principalArn: roleArn("hybrid") }),
        ];
        const label = `Node role "hybrid" (node role through principalArn of aws:eks/accessEntry:AccessEntry "hybrid-nodes")`;
        const notListed = (what: string) =>
            `${label} carries ${what}, which is not on the node-role allow-list: every pod on the node can use it through IMDS. ` +
            `Detach it and grant it to the workload's own role (IRSA or Pod Identity), or add it to allowedPolicies.`;
        assert.deepStrictEqual(
            await stackMessages(policy, stack(["eks:DescribeCluster", "ssm:DeregisterManagedInstance"])),
            [],
        );
        assert.deepStrictEqual(await stackMessages(policy, stack(["eks:DescribeCluster", "s3:GetObject"])), [
            notListed("arn:aws:iam::111122223333:policy/hybrid-node"),
        ]);
        assert.deepStrictEqual(
            await stackMessages(policy, stack(["eks:DescribeCluster"]), { hybridAllowedPolicies: [] }),
            [notListed("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore")],
        );
        // An EC2 node role is held to the EC2 allow-list.
        assert.deepStrictEqual(await stackMessages(policy, stack(["eks:DescribeCluster"], "EC2_LINUX")), [
            notListed("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"),
            notListed("arn:aws:iam::111122223333:policy/hybrid-node"),
        ]);
    });
});
