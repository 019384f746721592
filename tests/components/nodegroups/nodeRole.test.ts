import * as assert from "assert";
import {
    dataDeviceFor,
    IMDS_METADATA_OPTIONS,
    latestVersionOf,
    NodeGroupBaseArgs,
    nodeManagedPolicies,
    NodeRoleOptions,
    openNodeGroup,
    sshGroupFor,
    createLaunchTemplate,
} from "../../../components/nodegroups/nodeRole";
import { physicalName } from "../../../plan/cloud";
import { valueOf } from "../../harness";
import { underParent } from "../parent";

const SHARED_ROLE = "arn:aws:iam::111122223333:role/platform/shared-nodes";

describe("nodegroups/nodeRole", () => {
    it("nodeManagedPolicies: worker and ECR pull-only always, SSM and CNI only on request", () => {
        const cases: [NodeRoleOptions, string[]][] = [
            [{}, ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly"]],
            [
                { ssm: true },
                [
                    "AmazonEKSWorkerNodePolicy",
                    "AmazonEC2ContainerRegistryPullOnly",
                    "AmazonSSMManagedInstanceCore",
                ],
            ],
            [
                { cniPolicy: true },
                ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly", "AmazonEKS_CNI_Policy"],
            ],
            [
                { ssm: true, cniPolicy: true },
                [
                    "AmazonEKSWorkerNodePolicy",
                    "AmazonEC2ContainerRegistryPullOnly",
                    "AmazonSSMManagedInstanceCore",
                    "AmazonEKS_CNI_Policy",
                ],
            ],
            [
                { ssm: false, cniPolicy: false },
                ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly"],
            ],
        ];
        for (const [options, expected] of cases) {
            assert.deepStrictEqual(nodeManagedPolicies(options), expected, JSON.stringify(options));
        }
    });

    it("dataDeviceFor: Bottlerocket's data volume, the root volume otherwise", () => {
        const cases: [string, string][] = [
            ["AL2023_x86_64_STANDARD", "/dev/xvda"],
            ["AL2023_ARM_64_NVIDIA", "/dev/xvda"],
            ["BOTTLEROCKET_x86_64", "/dev/xvdb"],
            ["BOTTLEROCKET_ARM_64_NVIDIA", "/dev/xvdb"],
        ];
        for (const [amiType, device] of cases) {
            assert.strictEqual(dataDeviceFor(amiType), device, amiType);
        }
    });

    it("IMDS_METADATA_OPTIONS: IMDSv2 only, one hop, no instance tags", () => {
        assert.deepStrictEqual(IMDS_METADATA_OPTIONS, {
            httpEndpoint: "enabled",
            httpTokens: "required",
            httpPutResponseHopLimit: 1,
            instanceMetadataTags: "disabled",
        });
    });

    it("openNodeGroup: a new role named after the group, tagged, its attachments as dependencies", async () => {
        const r = await underParent((parent) =>
            openNodeGroup("general", { tags: { team: "platform" } }, parent),
        );
        assert.deepStrictEqual(r.value.tags, { team: "platform" });
        assert.deepStrictEqual(r.names(), [
            "test:index:Parent::parent",
            "aws:iam/role:Role::general-node-role",
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment::general-node-role-AmazonEKSWorkerNodePolicy",
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment::general-node-role-AmazonEC2ContainerRegistryPullOnly",
        ]);
        assert.deepStrictEqual(r.one("aws:iam/role:Role", "general-node-role").inputs.tags, {
            team: "platform",
        });
        assert.deepStrictEqual(
            await Promise.all(r.value.nodeRole.dependencies.map((d) => valueOf(d.urn))),
            r.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => a.urn),
        );
        assert.strictEqual(
            await valueOf(r.value.nodeRole.arn),
            `arn:aws:iam::111122223333:role/${physicalName("general-node-role")}`,
        );
    });

    it("openNodeGroup: a shared role creates nothing, its name is the ARN's last segment, tags default to {}", async () => {
        const args: NodeGroupBaseArgs = { nodeRoleArn: SHARED_ROLE, ssm: true };
        const r = await underParent((parent) => openNodeGroup("general", args, parent));
        assert.deepStrictEqual(r.value.tags, {});
        assert.deepStrictEqual(r.names(), ["test:index:Parent::parent"]);
        assert.deepStrictEqual(r.value.nodeRole.dependencies, []);
        assert.strictEqual(await valueOf(r.value.nodeRole.arn), SHARED_ROLE);
        assert.strictEqual(await valueOf(r.value.nodeRole.name), "shared-nodes");
        assert.deepStrictEqual(
            r.warnings.map((w) => w.message),
            ["ssm and cniPolicy are ignored with a shared nodeRoleArn: set them where the role is created"],
        );
    });

    it("sshGroupFor: nothing without remote access; port 22 from the named groups only with it", async () => {
        const none = await underParent((parent) => sshGroupFor("general", { vpcId: "vpc-1" }, parent, {}));
        assert.strictEqual(none.value, undefined);
        assert.deepStrictEqual(none.names(), ["test:index:Parent::parent"]);

        const args: NodeGroupBaseArgs = {
            vpcId: "vpc-1",
            remoteAccess: { sshKeyName: "ops", sourceSecurityGroupIds: ["sg-bastion"] },
        };
        const r = await underParent((parent) => sshGroupFor("general", args, parent, { team: "platform" }));
        assert.deepStrictEqual(r.one("aws:ec2/securityGroup:SecurityGroup", "general-ssh").inputs, {
            vpcId: "vpc-1",
            description: "SSH to EKS nodes from named security groups only",
            ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, securityGroups: ["sg-bastion"] }],
            tags: { team: "platform" },
        });
    });

    it("createLaunchTemplate and latestVersionOf: IMDSv2, encrypted gp3 volume, the latest version as a string", async () => {
        const r = await underParent((parent) => {
            const lt = createLaunchTemplate(
                { name: "general", diskSizeGiB: 80, deviceName: "/dev/xvdb", tags: { team: "platform" } },
                parent,
            );
            return latestVersionOf(lt);
        });
        const lt = r.one("aws:ec2/launchTemplate:LaunchTemplate", "general-lt");
        assert.deepStrictEqual(lt.inputs, {
            description: "EKS nodes: IMDSv2 required with hop limit 1, encrypted root volume",
            metadataOptions: IMDS_METADATA_OPTIONS,
            blockDeviceMappings: [
                {
                    deviceName: "/dev/xvdb",
                    ebs: {
                        volumeSize: 80,
                        volumeType: "gp3",
                        encrypted: "true",
                        deleteOnTermination: "true",
                    },
                },
            ],
            tagSpecifications: [
                { resourceType: "instance", tags: { team: "platform" } },
                { resourceType: "volume", tags: { team: "platform" } },
            ],
            updateDefaultVersion: true,
            tags: { team: "platform" },
        });
        assert.strictEqual(await valueOf(r.value.id), lt.id);
        assert.strictEqual(await valueOf(r.value.version), String(lt.outputs.latestVersion));
    });
});
