import * as assert from "assert";
import { sshNodeGroupRemoteAccess } from "../../../../policy-pack/policies/ssh/ssh-node-group-remote-access";
import { T, U, resource } from "../../factories";
import { messages } from "../../harness";

describe("ssh-node-group-remote-access", () => {
    const policy = sshNodeGroupRemoteAccess;
    const ng = (remoteAccess: unknown) => resource(T.nodeGroup, "ng", { remoteAccess });

    it("flags an SSH key without source security groups", async () => {
        assert.deepStrictEqual(await messages(policy, ng({ ec2SshKey: "ops" })), [
            `remoteAccess sets ec2SshKey without sourceSecurityGroupIds, so EKS opens port 22 on every node to 0.0.0.0/0. ` +
                `Set remoteAccess.sourceSecurityGroupIds to the bastion's security group, or drop remoteAccess and use SSM Session Manager.`,
        ]);
    });

    it("passes restricted or unknown access", async () => {
        assert.deepStrictEqual(
            await messages(policy, ng({ ec2SshKey: "ops", sourceSecurityGroupIds: ["sg-1"] })),
            [],
        );
        assert.deepStrictEqual(
            await messages(policy, ng({ ec2SshKey: "ops", sourceSecurityGroupIds: U })),
            [],
        );
        assert.deepStrictEqual(await messages(policy, ng(U)), []);
    });
});
