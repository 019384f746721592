import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ManagedNodeGroup } from "../../../components";
import { physicalName } from "../../../plan/cloud";
import { govCloud, run } from "../../harness";
import { EC2_TRUST, IMDS, LEAST, managed } from "./fixtures";

describe("ManagedNodeGroup", () => {
    it("creates role, attachments, launch template and node group, nothing else", async () => {
        const r = await run(() => new ManagedNodeGroup("general", managed));
        assert.deepStrictEqual(r.inventory(), {
            "eks-identity:index:ManagedNodeGroup": 1,
            "aws:iam/role:Role": 1,
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 2,
            "aws:ec2/launchTemplate:LaunchTemplate": 1,
            "aws:eks/nodeGroup:NodeGroup": 1,
        });
        assert.deepStrictEqual(r.trustPolicy("general-node-role"), EC2_TRUST);
        assert.deepStrictEqual(r.attachedPolicies("general-node-role"), LEAST);
    });

    it("never attaches CNI, SSM or admin policies by default", async () => {
        const r = await run(() => new ManagedNodeGroup("general", managed));
        const attached = r.attachedPolicies("general-node-role");
        for (const absent of [
            "AmazonEKS_CNI_Policy",
            "AmazonSSMManagedInstanceCore",
            "AmazonEC2ContainerRegistryReadOnly",
            "AdministratorAccess",
        ]) {
            assert.ok(!attached.some((arn) => arn.endsWith(`/${absent}`)), `${absent} must not be attached`);
        }
        assert.deepStrictEqual(r.warnings, []);
    });

    it("adds SSM on opt-in, and CNI only on explicit opt-in with a warning", async () => {
        const r = await run(
            () => new ManagedNodeGroup("general", { ...managed, ssm: true, cniPolicy: true }),
        );
        assert.deepStrictEqual(r.attachedPolicies("general-node-role"), [
            "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
            "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
            "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        ]);
        assert.strictEqual(r.warnings.length, 1);
        assert.match(r.warnings[0].message, /AmazonEKS_CNI_Policy is attached to the node role/);
    });

    it("requires IMDSv2 with hop limit 1 and an encrypted gp3 root volume", async () => {
        const r = await run(() => new ManagedNodeGroup("general", managed));
        const lt = r.one("aws:ec2/launchTemplate:LaunchTemplate", "general-lt");
        assert.deepStrictEqual(lt.inputs.metadataOptions, IMDS);
        assert.deepStrictEqual(lt.inputs.blockDeviceMappings, [
            {
                deviceName: "/dev/xvda",
                ebs: { volumeSize: 50, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
            },
        ]);
        const ng = r.one("aws:eks/nodeGroup:NodeGroup", "general-ng");
        assert.deepStrictEqual(ng.inputs.launchTemplate, { id: lt.id, version: "1" });
        assert.strictEqual(ng.inputs.remoteAccess, undefined);
        assert.strictEqual(ng.inputs.diskSize, undefined);
    });

    it("passes scaling, instance, AMI, capacity, labels, taints and update config", async () => {
        const r = await run(
            () =>
                new ManagedNodeGroup("spot", {
                    ...managed,
                    instanceTypes: ["m7g.large", "m6g.large"],
                    amiType: "AL2023_ARM_64_STANDARD",
                    capacityType: "SPOT",
                    minSize: 0,
                    maxSize: 10,
                    desiredSize: 4,
                    maxUnavailable: 2,
                    labels: { workload: "batch" },
                    taints: [{ key: "spot", value: "true", effect: "NO_SCHEDULE" }],
                    kubernetesVersion: "1.32",
                }),
        );
        const ng = r.one("aws:eks/nodeGroup:NodeGroup", "spot-ng");
        assert.deepStrictEqual(
            [
                ng.inputs.instanceTypes,
                ng.inputs.amiType,
                ng.inputs.capacityType,
                ng.inputs.scalingConfig,
                ng.inputs.updateConfig,
                ng.inputs.labels,
                ng.inputs.taints,
                ng.inputs.version,
            ],
            [
                ["m7g.large", "m6g.large"],
                "AL2023_ARM_64_STANDARD",
                "SPOT",
                { minSize: 0, maxSize: 10, desiredSize: 4 },
                { maxUnavailable: 2 },
                { workload: "batch" },
                [{ key: "spot", value: "true", effect: "NO_SCHEDULE" }],
                "1.32",
            ],
        );
        assert.strictEqual(
            ng.inputs.nodeRoleArn,
            `arn:aws:iam::111122223333:role/${physicalName("spot-node-role")}`,
        );
        assert.deepStrictEqual(
            [ng.inputs.amiType, ng.inputs.capacityType],
            ["AL2023_ARM_64_STANDARD", "SPOT"],
        );
    });

    it("encrypts Bottlerocket's data volume (/dev/xvdb), where its containers live", async () => {
        const r = await run(() => new ManagedNodeGroup("br", { ...managed, amiType: "BOTTLEROCKET_ARM_64" }));
        const lt = r.one("aws:ec2/launchTemplate:LaunchTemplate", "br-lt");
        assert.deepStrictEqual(lt.inputs.blockDeviceMappings, [
            {
                deviceName: "/dev/xvdb",
                ebs: { volumeSize: 50, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
            },
        ]);
        assert.deepStrictEqual(lt.inputs.metadataOptions, IMDS);
    });

    it("defaults to AL2023 x86_64 on-demand, 1/3/2", async () => {
        const r = await run(() => new ManagedNodeGroup("general", managed));
        const ng = r.one("aws:eks/nodeGroup:NodeGroup", "general-ng");
        assert.deepStrictEqual(
            [ng.inputs.amiType, ng.inputs.capacityType, ng.inputs.scalingConfig, ng.inputs.instanceTypes],
            [
                "AL2023_x86_64_STANDARD",
                "ON_DEMAND",
                { minSize: 1, maxSize: 3, desiredSize: 2 },
                ["m7i.large"],
            ],
        );
    });

    it("shares an existing node role without creating one", async () => {
        const shared = "arn:aws:iam::111122223333:role/shared-nodes";
        const r = await run(() => new ManagedNodeGroup("second", { ...managed, nodeRoleArn: shared }));
        assert.strictEqual(r.ofType("aws:iam/role:Role").length, 0);
        assert.strictEqual(r.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").length, 0);
        assert.strictEqual(r.one("aws:eks/nodeGroup:NodeGroup", "second-ng").inputs.nodeRoleArn, shared);
    });

    it("opens SSH only to the named security groups, keeping the cluster security group", async () => {
        const r = await run(
            () =>
                new ManagedNodeGroup("debug", {
                    ...managed,
                    remoteAccess: { sshKeyName: "ops", sourceSecurityGroupIds: ["sg-bastion"] },
                    vpcId: "vpc-1",
                    clusterSecurityGroupId: "sg-cluster",
                }),
        );
        const sg = r.one("aws:ec2/securityGroup:SecurityGroup", "debug-ssh");
        assert.deepStrictEqual(sg.inputs.ingress, [
            { protocol: "tcp", fromPort: 22, toPort: 22, securityGroups: ["sg-bastion"] },
        ]);
        const lt = r.one("aws:ec2/launchTemplate:LaunchTemplate", "debug-lt");
        assert.strictEqual(lt.inputs.keyName, "ops");
        assert.deepStrictEqual(lt.inputs.vpcSecurityGroupIds, ["sg-cluster", sg.id]);
    });

    it("takes the SSH key pair name from another resource", async () => {
        const r = await run(
            () =>
                new ManagedNodeGroup("debug", {
                    ...managed,
                    remoteAccess: {
                        sshKeyName: pulumi.output("ops"),
                        sourceSecurityGroupIds: ["sg-bastion"],
                    },
                    vpcId: "vpc-1",
                    clusterSecurityGroupId: "sg-cluster",
                }),
        );
        assert.strictEqual(r.one("aws:ec2/launchTemplate:LaunchTemplate", "debug-lt").inputs.keyName, "ops");
    });

    it("uses partition-aware policy ARNs (aws-us-gov)", async () => {
        const r = await run(() => new ManagedNodeGroup("gov", managed), { cloud: govCloud });
        assert.deepStrictEqual(r.attachedPolicies("gov-node-role"), [
            "arn:aws-us-gov:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
            "arn:aws-us-gov:iam::aws:policy/AmazonEKSWorkerNodePolicy",
        ]);
    });
});
