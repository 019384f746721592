// Construction-time checks of both node-group kinds (nodegroups/validate.ts and the
// validate*NodeGroupArgs functions beside each class), through the components.
import * as assert from "assert";
import {
    ManagedNodeGroup,
    ManagedNodeGroupArgs,
    SelfManagedNodeGroup,
    TaintEffect,
} from "../../../components";
import { errorPaths, runExpectingError } from "../../harness";
import { managed, selfManaged } from "./fixtures";

describe("ManagedNodeGroup", () => {
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
                title: "a Capacity Block, which needs a launch template this component does not make",
                args: { capacityType: "CAPACITY_BLOCK" },
                paths: ["capacityType"],
                reason: /^CAPACITY_BLOCK needs a launch template with a capacity-block market type/,
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
                title: "a tag in AWS's reserved namespace",
                args: { tags: { "aws:cost-center": "4711" } },
                paths: ["tags.aws:cost-center"],
                reason: /reserves for its own tags/,
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

describe("SelfManagedNodeGroup", () => {
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
