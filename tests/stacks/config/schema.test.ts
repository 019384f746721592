import * as assert from "assert";
import { PlatformConfigSchema } from "../../../stacks/config";

const minimal = {
    accountId: "111122223333",
    cluster: {},
    network: { vpcId: "vpc-0abc", subnetIds: ["subnet-0a", "subnet-0b"] },
};

describe("stacks/config/schema", () => {
    it("fills the security-tight defaults of a minimal config", () => {
        const parsed = PlatformConfigSchema.parse(minimal);
        assert.deepStrictEqual(parsed, {
            accountId: "111122223333",
            identityDefault: "pod-identity",
            cluster: { kubernetesVersion: "1.33", accessEntries: [], irsa: false, podIdentity: true },
            network: { vpcId: "vpc-0abc", subnetIds: ["subnet-0a", "subnet-0b"] },
            nodeGroups: [],
            fargateProfiles: [],
            workloads: [],
            protect: false,
            tags: {},
        });
    });

    it("a created VPC defaults to 10.0.0.0/16 over three zones, one NAT gateway per zone", () => {
        const parsed = PlatformConfigSchema.parse({ ...minimal, network: { create: {} } });
        assert.deepStrictEqual(parsed.network, {
            create: { cidrBlock: "10.0.0.0/16", availabilityZones: 3, natGateways: "one-per-az" },
        });
    });

    it("an existing cluster: no created-cluster defaults apply but the version's, Pod Identity by its agent", () => {
        const parse = (existing: object) =>
            PlatformConfigSchema.parse({ ...minimal, cluster: { existing } }).cluster;
        assert.deepStrictEqual(parse({ name: "legacy", podIdentityAgent: "present" }), {
            existing: { name: "legacy", podIdentityAgent: "present" },
            irsa: false,
            kubernetesVersion: "1.33",
            accessEntries: [],
            podIdentity: true,
        });
        assert.strictEqual(parse({ name: "legacy" }).podIdentity, false);
    });

    it("an existing cluster beside a created cluster's keys: each key told, with the fix", () => {
        const bad = PlatformConfigSchema.safeParse({
            ...minimal,
            cluster: { clusterName: "dev", podIdentity: true, irsa: true, existing: { name: "legacy" } },
        });
        assert.deepStrictEqual(
            bad.error?.issues.map((i) => [i.path.join("."), i.message]),
            ["clusterName", "podIdentity"].map((key) => [
                `cluster.${key}`,
                `applies to a cluster the stack creates, and cluster.existing names one it does not: remove ${key}, or remove existing to create the cluster`,
            ]),
        );
    });

    it("types a workload's mode as one of the identity modes", () => {
        const bad = PlatformConfigSchema.safeParse({
            ...minimal,
            workloads: [{ name: "a", namespace: "n", serviceAccount: "s", mode: "IRSA" }],
        });
        assert.strictEqual(bad.success, false);
        assert.deepStrictEqual(
            bad.error?.issues.map((i) => [i.path.join("."), i.code]),
            [["workloads.0.mode", "invalid_value"]],
        );
    });
});
