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
                title: "more nodes than EKS's default quota of 450 per managed group",
                args: { minSize: 1, maxSize: 500, desiredSize: 10 },
                paths: ["maxSize"],
                reason: /^maxSize \(500\) is over EKS's quota of 450 nodes per managed node group .*raise the quota and set nodesPerGroupQuota$/,
            },
            {
                title: "a quota set to nothing",
                args: { nodesPerGroupQuota: 0 },
                paths: ["nodesPerGroupQuota"],
                reason: /a whole number >= 1; got 0/,
            },
            {
                title: "a label key with a space, a label value with a colon",
                args: { labels: { "team name": "payments", tier: "gold:1" } },
                paths: ["labels.team name", "labels.tier"],
                reason: /"team name" is not a Kubernetes label key: use \[prefix\/\]name/,
            },
            {
                title: "a prefixed label key over EKS's 63 characters",
                args: { labels: { [`${"platform.".repeat(6)}example.com/pool`]: "general" } },
                paths: [`labels.${"platform.".repeat(6)}example.com/pool`],
                reason: /is 70 characters; EKS managed node groups take label keys of at most 63 \(EKS API CreateNodegroup, labels\), prefix included/,
            },
            {
                title: "an empty label value, which EKS refuses",
                args: { labels: { spot: "" } },
                paths: ["labels.spot"],
                reason: /is empty, which EKS managed node groups refuse .*give it a value/,
            },
            {
                title: "a node-role.kubernetes.io label the kubelet may not set",
                args: { labels: { "node-role.kubernetes.io/worker": "true" } },
                paths: ["labels.node-role.kubernetes.io/worker"],
                reason: /which the kubelet refuses to set on its own node .*use a prefix of your own/,
            },
            {
                title: "a taint key with a space and a value over 63",
                args: {
                    taints: [
                        { key: "dedicated team", value: "p".repeat(64), effect: TaintEffect.NoSchedule },
                    ],
                },
                paths: ["taints[0].key", "taints[0].value"],
                reason: /"dedicated team" is not a Kubernetes taint key/,
            },
            {
                title: "the same taint key and effect twice",
                args: {
                    taints: [
                        { key: "dedicated", value: "a", effect: TaintEffect.NoSchedule },
                        { key: "dedicated", value: "b", effect: TaintEffect.NoSchedule },
                    ],
                },
                paths: ["taints[1]"],
                reason: /repeats the key "dedicated" and effect NO_SCHEDULE of taints\[0\], which Kubernetes refuses/,
            },
            {
                title: "51 taints",
                args: {
                    taints: Array.from({ length: 51 }, (_, i) => ({
                        key: `t${i}`,
                        effect: TaintEffect.NoSchedule,
                    })),
                },
                paths: ["taints"],
                reason: /^51 taints; a node group takes at most 50 .*remove 1$/,
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

    it("takes Kubernetes' label rules, not EKS's managed-group API limits, and no node quota", async () => {
        const { error } = await runExpectingError(
            () =>
                new SelfManagedNodeGroup("legacy", {
                    ...selfManaged,
                    minSize: 1,
                    maxSize: 600,
                    desiredSize: 1,
                    labels: {
                        [`${"platform.".repeat(6)}example.com/pool`]: "legacy",
                        spot: "",
                        "kubernetes.io/role": "worker",
                    },
                }),
        );
        assert.deepStrictEqual(errorPaths(error), ["labels.kubernetes.io/role"]);
    });
});
