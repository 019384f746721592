import * as assert from "assert";
import { nodeRoleTrust } from "../../../../policy-pack/policies/node/node-role-trust";
import { NODE, T, editTrust, find, happyStack, resource, role, roleArn } from "../../factories";
import { stackMessages } from "../../harness";

describe("node-role-trust", () => {
    const policy = nodeRoleTrust;

    it("flags a node role that also trusts pods.eks.amazonaws.com", async () => {
        const stack = happyStack();
        editTrust(
            find(stack, "node-role"),
            (doc) =>
                (doc.Statement[0].Principal = { Service: ["ec2.amazonaws.com", "pods.eks.amazonaws.com"] }),
        );
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${NODE} trust statement 0 also trusts "pods.eks.amazonaws.com". A node role must trust only ec2.amazonaws.com: give other principals their own role.`,
        ]);
        assert.deepStrictEqual(
            await stackMessages(policy, stack, {
                allowedServices: ["ec2.amazonaws.com", "pods.eks.amazonaws.com"],
            }),
            [],
        );
    });

    it("passes the happy stack at preview", async () => {
        assert.deepStrictEqual(await stackMessages(policy, happyStack({ preview: true })), []);
    });

    it("lets a hybrid nodes role (HYBRID_LINUX access entries only) trust SSM or IAM Roles Anywhere, configurably", async () => {
        const ssm = JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Principal: { Service: "ssm.amazonaws.com" }, Action: "sts:AssumeRole" },
            ],
        });
        const stack = [
            ...happyStack(),
            role("hybrid", ssm, false),
            resource(T.accessEntry, "hybrid-nodes", {
                type: "HYBRID_LINUX",
                principalArn: roleArn("hybrid"),
            }),
        ];
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
        const HYBRID = `Node role "hybrid" (node role through principalArn of aws:eks/accessEntry:AccessEntry "hybrid-nodes")`;
        assert.deepStrictEqual(
            await stackMessages(policy, stack, { hybridAllowedServices: ["rolesanywhere.amazonaws.com"] }),
            [
                `${HYBRID} trust statement 0 also trusts "ssm.amazonaws.com". A hybrid nodes role must trust only rolesanywhere.amazonaws.com: give other principals their own role.`,
            ],
        );
        // Also an EC2 node role: EC2's rule applies.
        stack.push(resource(T.instanceProfile, "hybrid-profile", { name: "hybrid-profile", role: "hybrid" }));
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `Node role "hybrid" (node role through role of aws:iam/instanceProfile:InstanceProfile "hybrid-profile") trust statement 0 also trusts "ssm.amazonaws.com". A node role must trust only ec2.amazonaws.com: give other principals their own role.`,
        ]);
    });

    it("accepts a hybrid nodes role trusting an intermediate role that trusts only IAM Roles Anywhere (terraform-aws-eks enable_ira)", async () => {
        const trust = (principal: Record<string, unknown>) =>
            JSON.stringify({
                Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }],
            });
        const stack = (intermediateService: string) => [
            role("hybrid", trust({ AWS: roleArn("hybrid-inter") }), false),
            role("hybrid-inter", trust({ Service: intermediateService }), false),
            resource(T.accessEntry, "hybrid-nodes", {
                type: "HYBRID_LINUX",
                principalArn: roleArn("hybrid"),
            }),
        ];
        assert.deepStrictEqual(await stackMessages(policy, stack("rolesanywhere.amazonaws.com")), []);
        assert.deepStrictEqual(await stackMessages(policy, stack("ec2.amazonaws.com")), [
            `Node role "hybrid" (node role through principalArn of aws:eks/accessEntry:AccessEntry "hybrid-nodes") trust statement 0 also trusts "${roleArn("hybrid-inter")}". A hybrid nodes role must trust only ssm.amazonaws.com or rolesanywhere.amazonaws.com: give other principals their own role.`,
        ]);
    });
});
