import * as assert from "assert";
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
