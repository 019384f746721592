import * as assert from "assert";
import { sshSecurityGroupOpen } from "../../../../policy-pack/policies/ssh/ssh-security-group-open";
import { U, resource } from "../../factories";
import { messages } from "../../harness";

describe("ssh-security-group-open", () => {
    const policy = sshSecurityGroupOpen;
    const ADVICE = (property: string) =>
        `so anyone on the internet can reach it. Name the bastion's security group in ${property} instead of the world CIDR, or use SSM Session Manager.`;
    const group = (ingress: unknown) =>
        resource("aws:ec2/securityGroup:SecurityGroup", "sg", { vpcId: "vpc-1", ingress });
    const ssh = { protocol: "tcp", fromPort: 22, toPort: 22 };

    it("passes the SSH group the node-group components create (source security groups only)", async () => {
        // components/nodegroups/nodeRole.ts createSshSecurityGroup, as the engine sends it.
        assert.deepStrictEqual(
            await messages(policy, group([{ ...ssh, securityGroups: ["sg-bastion"] }])),
            [],
        );
        assert.deepStrictEqual(await messages(policy, group([{ ...ssh, securityGroups: U }])), []);
    });

    it("flags inline ingress admitting 22 from the world (single port, range, all protocols)", async () => {
        assert.deepStrictEqual(await messages(policy, group([{ ...ssh, cidrBlocks: ["0.0.0.0/0"] }])), [
            `ingress[0] admits port 22 (SSH) from 0.0.0.0/0 (protocol tcp, ports 22-22), ${ADVICE("securityGroups")}`,
        ]);
        assert.deepStrictEqual(
            await messages(
                policy,
                group([
                    { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
                    { protocol: "tcp", fromPort: 0, toPort: 1024, ipv6CidrBlocks: ["::/0"] },
                    { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8", "0.0.0.0/0"] },
                ]),
            ),
            [
                `ingress[1] admits port 22 (SSH) from ::/0 (protocol tcp, ports 0-1024), ${ADVICE("securityGroups")}`,
                `ingress[2] admits port 22 (SSH) from 0.0.0.0/0 (protocol -1, all ports), ${ADVICE("securityGroups")}`,
            ],
        );
    });

    it("passes private CIDRs, other ports, udp and unknown values", async () => {
        assert.deepStrictEqual(
            await messages(
                policy,
                group([
                    { ...ssh, cidrBlocks: ["10.0.0.0/8"] },
                    { protocol: "tcp", fromPort: 23, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] },
                    { protocol: "udp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
                    { ...ssh, cidrBlocks: U },
                    { protocol: U, fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
                ]),
            ),
            [],
        );
        assert.deepStrictEqual(await messages(policy, group(U)), []);
    });

    it("flags an ec2.SecurityGroupRule of type ingress, not egress", async () => {
        const rule = (type: string) =>
            resource("aws:ec2/securityGroupRule:SecurityGroupRule", "r", {
                type,
                securityGroupId: "sg-1",
                protocol: "all",
                fromPort: 0,
                toPort: 0,
                cidrBlocks: ["0.0.0.0/0"],
            });
        assert.deepStrictEqual(await messages(policy, rule("ingress")), [
            `The ingress rule admits port 22 (SSH) from 0.0.0.0/0 (protocol all, all ports), ${ADVICE("sourceSecurityGroupId")}`,
        ]);
        assert.deepStrictEqual(await messages(policy, rule("egress")), []);
    });

    it("flags a vpc.SecurityGroupIngressRule from ::/0, passes one from a security group", async () => {
        const rule = (props: Record<string, unknown>) =>
            resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r", {
                securityGroupId: "sg-1",
                ipProtocol: "tcp",
                fromPort: 22,
                toPort: 22,
                ...props,
            });
        assert.deepStrictEqual(await messages(policy, rule({ cidrIpv6: "::/0" })), [
            `The ingress rule admits port 22 (SSH) from ::/0 (protocol tcp, ports 22-22), ${ADVICE("referencedSecurityGroupId")}`,
        ]);
        assert.deepStrictEqual(await messages(policy, rule({ referencedSecurityGroupId: "sg-bastion" })), []);
        assert.deepStrictEqual(await messages(policy, rule({ cidrIpv4: U })), []);
    });
});
