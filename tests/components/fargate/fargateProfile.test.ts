import * as assert from "assert";
import { FargateProfile, FargateProfileArgs } from "../../../components";
import { fargateTrustPolicy } from "../../../components/trust/service";
import { chinaCloud, run } from "../../harness";

const args: FargateProfileArgs = {
    clusterName: "prod",
    subnetIds: ["subnet-a", "subnet-b"],
    selectors: [{ namespace: "batch" }, { namespace: "jobs", labels: { fargate: "yes" } }],
};

describe("FargateProfile", () => {
    it("creates its own pod execution role, trusted only for this cluster's profiles", async () => {
        const r = await run(() => new FargateProfile("batch", args));
        assert.deepStrictEqual(r.inventory(), {
            "eks-identity:index:FargateProfile": 1,
            "aws:iam/role:Role": 1,
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 1,
            "aws:eks/fargateProfile:FargateProfile": 1,
        });
        assert.deepStrictEqual(r.trustPolicy("batch-pod-execution-role"), {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "eks-fargate-pods.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        ArnLike: {
                            "aws:SourceArn": "arn:aws:eks:us-west-2:111122223333:fargateprofile/prod/*",
                        },
                    },
                },
            ],
        });
        assert.deepStrictEqual(r.attachedPolicies("batch-pod-execution-role"), [
            "arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy",
        ]);
        const profile = r.one("aws:eks/fargateProfile:FargateProfile", "batch-profile");
        assert.deepStrictEqual(profile.inputs.selectors, [
            { namespace: "batch" },
            { namespace: "jobs", labels: { fargate: "yes" } },
        ]);
        assert.strictEqual(
            profile.inputs.podExecutionRoleArn,
            r.one("aws:iam/role:Role", "batch-pod-execution-role").outputs.arn,
        );
    });

    it("scopes the trust by partition, region and account", async () => {
        const r = await run(() => new FargateProfile("batch", args), { cloud: chinaCloud });
        assert.strictEqual(
            JSON.stringify(r.trustPolicy("batch-pod-execution-role")),
            JSON.stringify(fargateTrustPolicy("aws-cn", "cn-north-1", "444455556666", "prod")),
        );
        assert.match(
            JSON.stringify(fargateTrustPolicy("aws-cn", "cn-north-1", "444455556666", "prod")),
            /arn:aws-cn:eks:cn-north-1:444455556666:fargateprofile\/prod\/\*/,
        );
        assert.deepStrictEqual(r.attachedPolicies("batch-pod-execution-role"), [
            "arn:aws-cn:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy",
        ]);
    });
});
