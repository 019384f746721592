import * as assert from "assert";
import {
    ManagedNodeGroup,
    ManagedNodeGroupArgs,
    SelfManagedNodeGroup,
    SelfManagedNodeGroupArgs,
    TaintEffect,
    nodeadmUserData,
} from "../../components";
import { physicalName } from "../../plan/cloud";
import { errorPaths, govCloud, run, runExpectingError } from "../harness";

const EC2_TRUST = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
};
const IMDS = {
    httpEndpoint: "enabled",
    httpTokens: "required",
    httpPutResponseHopLimit: 1,
    instanceMetadataTags: "disabled",
};
const LEAST = [
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
];
const managed: ManagedNodeGroupArgs = { clusterName: "dev", subnetIds: ["subnet-a", "subnet-b"] };

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

    it("uses partition-aware policy ARNs (aws-us-gov)", async () => {
        const r = await run(() => new ManagedNodeGroup("gov", managed), { cloud: govCloud });
        assert.deepStrictEqual(r.attachedPolicies("gov-node-role"), [
            "arn:aws-us-gov:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
            "arn:aws-us-gov:iam::aws:policy/AmazonEKSWorkerNodePolicy",
        ]);
    });

    describe("validation", () => {
        const cases: {
            title: string;
            args: Partial<ManagedNodeGroupArgs>;
            paths: string[];
            reason: RegExp;
        }[] = [
            {
                title: "no subnets",
                args: { subnetIds: [] },
                paths: ["subnetIds"],
                reason: /at least one private subnet/,
            },
            {
                title: "desired above max",
                args: { minSize: 1, maxSize: 2, desiredSize: 3 },
                paths: ["desiredSize"],
                reason: /between minSize \(1\) and maxSize \(2\)/,
            },
            {
                title: "desired below min",
                args: { minSize: 2, maxSize: 4, desiredSize: 1 },
                paths: ["desiredSize"],
                reason: /between/,
            },
            {
                title: "min above max",
                args: { minSize: 5, maxSize: 2, desiredSize: 3 },
                paths: ["desiredSize", "minSize"],
                reason: /greater than maxSize/,
            },
            {
                title: "unknown AMI type",
                args: { amiType: "AL2_x86_64_GPU_NOPE" },
                paths: ["amiType"],
                reason: /AL2023_x86_64_STANDARD/,
            },
            {
                title: "unknown capacity type",
                args: { capacityType: "RESERVED" },
                paths: ["capacityType"],
                reason: /ON_DEMAND, SPOT/,
            },
            {
                title: "SSH without source security groups",
                args: {
                    remoteAccess: { sshKeyName: "ops", sourceSecurityGroupIds: [] },
                    vpcId: "vpc-1",
                    clusterSecurityGroupId: "sg-c",
                },
                paths: ["remoteAccess.sourceSecurityGroupIds"],
                reason: /open port 22 to the world/,
            },
            {
                title: "SSH without VPC",
                args: { remoteAccess: { sshKeyName: "ops", sourceSecurityGroupIds: ["sg-b"] } },
                paths: ["clusterSecurityGroupId", "vpcId"],
                reason: /vpcId/,
            },
            {
                title: "bad taint effect",
                args: { taints: [{ key: "a", effect: "NoSchedule" as TaintEffect }] },
                paths: ["taints[0].effect"],
                reason: /NO_SCHEDULE/,
            },
            {
                title: "malformed version",
                args: { kubernetesVersion: "latest" },
                paths: ["kubernetesVersion"],
                reason: /1\.33/,
            },
            { title: "tiny disk", args: { diskSizeGiB: 8 }, paths: ["diskSizeGiB"], reason: /at least 20/ },
            {
                title: "empty instance types",
                args: { instanceTypes: [] },
                paths: ["instanceTypes"],
                reason: /at least one instance type/,
            },
        ];
        for (const c of cases) {
            it(`rejects ${c.title} before registering anything`, async () => {
                const { error, registrations } = await runExpectingError(
                    () => new ManagedNodeGroup("bad", { ...managed, ...c.args }),
                );
                assert.deepStrictEqual(errorPaths(error), c.paths);
                assert.match(error.errors.map((e) => e.reason).join("\n"), c.reason);
                assert.deepStrictEqual(
                    registrations.map((x) => x.type),
                    ["eks-identity:index:ManagedNodeGroup"],
                );
            });
        }
    });
});

const selfManaged: SelfManagedNodeGroupArgs = {
    clusterName: "prod",
    clusterEndpoint: "https://ABC.gr7.us-west-2.eks.amazonaws.com",
    certificateAuthority: "Q0E=",
    serviceCidr: "172.20.0.0/16",
    clusterSecurityGroupId: "sg-cluster",
    subnetIds: ["subnet-a", "subnet-b"],
};

describe("SelfManagedNodeGroup", () => {
    it("creates role, instance profile, EC2_LINUX access entry, launch template and ASG", async () => {
        const r = await run(
            () =>
                new SelfManagedNodeGroup("legacy", {
                    ...selfManaged,
                    labels: { pool: "legacy" },
                    taints: [{ key: "legacy", effect: "NO_EXECUTE" }],
                }),
        );
        assert.deepStrictEqual(r.inventory(), {
            "eks-identity:index:SelfManagedNodeGroup": 1,
            "aws:iam/role:Role": 1,
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 2,
            "aws:iam/instanceProfile:InstanceProfile": 1,
            "aws:eks/accessEntry:AccessEntry": 1,
            "aws:ec2/launchTemplate:LaunchTemplate": 1,
            "aws:autoscaling/group:Group": 1,
        });
        const roleArn = `arn:aws:iam::111122223333:role/${physicalName("legacy-node-role")}`;
        assert.deepStrictEqual(r.trustPolicy("legacy-node-role"), EC2_TRUST);
        assert.deepStrictEqual(r.attachedPolicies("legacy-node-role"), LEAST);
        const entry = r.one("aws:eks/accessEntry:AccessEntry", "legacy-access");
        assert.deepStrictEqual(entry.inputs, {
            clusterName: "prod",
            principalArn: roleArn,
            type: "EC2_LINUX",
        });
        const profile = r.one("aws:iam/instanceProfile:InstanceProfile", "legacy-profile");
        assert.strictEqual(profile.inputs.role, physicalName("legacy-node-role"));
        const lt = r.one("aws:ec2/launchTemplate:LaunchTemplate", "legacy-lt");
        assert.deepStrictEqual(lt.inputs.metadataOptions, IMDS);
        assert.strictEqual(
            lt.inputs.imageId,
            "resolve:ssm:/aws/service/eks/optimized-ami/1.33/amazon-linux-2023/x86_64/standard/recommended/image_id",
        );
        assert.deepStrictEqual(lt.inputs.iamInstanceProfile, { arn: profile.outputs.arn });
        assert.deepStrictEqual(lt.inputs.vpcSecurityGroupIds, ["sg-cluster"]);
        const userData = Buffer.from(String(lt.inputs.userData), "base64").toString();
        assert.strictEqual(
            userData,
            nodeadmUserData({
                clusterName: "prod",
                endpoint: selfManaged.clusterEndpoint as string,
                certificateAuthority: "Q0E=",
                serviceCidr: "172.20.0.0/16",
                labels: { pool: "legacy" },
                taints: [{ key: "legacy", effect: "NO_EXECUTE" }],
            }),
        );
        assert.match(userData, /--node-labels=pool=legacy/);
        assert.match(userData, /--register-with-taints=legacy:NoExecute/);
        const asg = r.one("aws:autoscaling/group:Group", "legacy-asg");
        assert.deepStrictEqual(
            [asg.inputs.minSize, asg.inputs.maxSize, asg.inputs.desiredCapacity],
            [1, 3, 2],
        );
        assert.deepStrictEqual(asg.inputs.launchTemplate, { id: lt.id, version: "1" });
        assert.deepStrictEqual((asg.inputs.tags as { key: string }[])[0], {
            key: "kubernetes.io/cluster/prod",
            value: "owned",
            propagateAtLaunch: true,
        });
        assert.ok(asg.dependencies.includes(entry.urn), "nodes launch only after their access entry exists");
    });

    it("rejects a Bottlerocket AMI (no nodeadm), bad scaling and open SSH, all at once", async () => {
        const { error, registrations } = await runExpectingError(
            () =>
                new SelfManagedNodeGroup("bad", {
                    ...selfManaged,
                    amiType: "BOTTLEROCKET_x86_64",
                    minSize: 3,
                    maxSize: 1,
                    desiredSize: 1,
                    remoteAccess: { sshKeyName: "k", sourceSecurityGroupIds: [] },
                }),
        );
        assert.deepStrictEqual(errorPaths(error), [
            "amiType",
            "desiredSize",
            "minSize",
            "remoteAccess.sourceSecurityGroupIds",
            "vpcId",
        ]);
        assert.strictEqual(registrations.length, 1);
    });
});
