import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { SelfManagedNodeGroup, nodeadmUserData } from "../../../components";
import { physicalName } from "../../../plan/cloud";
import { run } from "../../harness";
import { EC2_TRUST, IMDS, LEAST, selfManaged } from "./fixtures";

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
});

describe("SelfManagedNodeGroup tags", () => {
    it("propagates the caller's tags to every instance, after its own, whether plain or an Output", async () => {
        const expected = [
            { key: "kubernetes.io/cluster/prod", value: "owned", propagateAtLaunch: true },
            { key: "Name", value: "legacy-node", propagateAtLaunch: true },
            { key: "team", value: "platform", propagateAtLaunch: true },
            { key: "cost-center", value: "4711", propagateAtLaunch: true },
        ];
        const tags = { team: "platform", "cost-center": "4711" };
        for (const given of [tags, pulumi.output(tags)]) {
            const r = await run(() => new SelfManagedNodeGroup("legacy", { ...selfManaged, tags: given }));
            assert.deepStrictEqual(r.one("aws:autoscaling/group:Group", "legacy-asg").inputs.tags, expected);
            assert.deepStrictEqual(
                r.one("aws:iam/instanceProfile:InstanceProfile", "legacy-profile").inputs.tags,
                tags,
            );
        }
    });
});

describe("nodeadmUserData", () => {
    const cluster = {
        clusterName: "prod",
        endpoint: "https://ABC.gr7.us-west-2.eks.amazonaws.com",
        certificateAuthority: "Q0E=",
        serviceCidr: "172.20.0.0/16",
    };
    const mime = (nodeConfig: string[]) =>
        [
            "MIME-Version: 1.0",
            'Content-Type: multipart/mixed; boundary="BOUNDARY"',
            "",
            "--BOUNDARY",
            "Content-Type: application/node.eks.aws",
            "",
            "apiVersion: node.eks.aws/v1alpha1",
            "kind: NodeConfig",
            "spec:",
            "  cluster:",
            "    name: prod",
            "    apiServerEndpoint: https://ABC.gr7.us-west-2.eks.amazonaws.com",
            "    certificateAuthority: Q0E=",
            "    cidr: 172.20.0.0/16",
            ...nodeConfig,
            "",
            "--BOUNDARY--",
            "",
        ].join("\n");

    it("without labels or taints: the cluster section only, no kubelet flags", () => {
        assert.strictEqual(nodeadmUserData({ ...cluster, labels: {}, taints: [] }), mime([]));
    });

    it("labels and taints as kubelet flags, effects in the kubelet's spelling, values only when set", () => {
        assert.strictEqual(
            nodeadmUserData({
                ...cluster,
                labels: { pool: "legacy", tier: "batch" },
                taints: [
                    { key: "legacy", effect: "NO_EXECUTE" },
                    { key: "gpu", value: "true", effect: "PREFER_NO_SCHEDULE" },
                    { key: "system", value: "only", effect: "NO_SCHEDULE" },
                ],
            }),
            mime([
                "  kubelet:",
                "    flags:",
                '      - "--node-labels=pool=legacy,tier=batch"',
                '      - "--register-with-taints=legacy:NoExecute,gpu=true:PreferNoSchedule,system=only:NoSchedule"',
            ]),
        );
    });

    it("taints alone: no empty label flag", () => {
        assert.strictEqual(
            nodeadmUserData({ ...cluster, labels: {}, taints: [{ key: "spot", effect: "NO_SCHEDULE" }] }),
            mime(["  kubelet:", "    flags:", '      - "--register-with-taints=spot:NoSchedule"']),
        );
    });
});
