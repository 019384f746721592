// What each config item becomes: the same function serves the config check (stand-in facts) and
// the program (the cluster's outputs), so the two can never build different arguments.
import * as assert from "assert";
import * as fs from "fs";
import * as YAML from "yaml";
import {
    ClusterFacts,
    fargateProfileArgs,
    KNOWN_LATER,
    loadStackConfigFile,
    nodeGroupArgs,
    plannedClusterFacts,
    plannedSubnet,
    parseStackConfig,
    PlatformConfig,
    stackConfigPath,
    UNNAMED_CLUSTER,
    workloadArgs,
} from "../../../stacks/config";

/** The raw config bag of a stack config file. */
function readConfig(file: string): Record<string, unknown> {
    return (YAML.parse(fs.readFileSync(file, "utf8")) as { config: Record<string, unknown> }).config;
}

const dev = (): PlatformConfig => structuredClone(loadStackConfigFile(stackConfigPath("dev")).platform);
const prod = (): PlatformConfig => structuredClone(loadStackConfigFile(stackConfigPath("prod")).platform);

/** Facts the program would pass, as recognisable strings. */
const realFacts: ClusterFacts = {
    clusterName: "real-name",
    clusterArn: "arn:aws:eks:us-west-2:111122223333:cluster/real-name",
    oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/REAL",
    oidcIssuer: "oidc.eks.us-west-2.amazonaws.com/id/REAL",
    clusterEndpoint: "https://REAL.eks.amazonaws.com",
    certificateAuthority: "CA",
    serviceCidr: "172.20.0.0/16",
    clusterSecurityGroupId: "sg-0real",
    vpcId: "vpc-0real",
    subnetIds: ["subnet-0a", "subnet-0b"],
    tags: { "managed-by": "pulumi", environment: "dev" },
};

describe("stacks/config/args", () => {
    it("plans with config values where config decides them and stand-ins elsewhere", () => {
        const p = dev();
        assert.deepStrictEqual(plannedClusterFacts(p, "us-west-2"), {
            clusterName: "dev",
            clusterArn: "arn:aws:eks:us-west-2:111122223333:cluster/dev",
            oidcProviderArn:
                "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/(known-after-the-cluster-is-created)",
            oidcIssuer: KNOWN_LATER,
            clusterEndpoint: KNOWN_LATER,
            certificateAuthority: KNOWN_LATER,
            serviceCidr: KNOWN_LATER,
            clusterSecurityGroupId: KNOWN_LATER,
            vpcId: KNOWN_LATER,
            subnetIds: [plannedSubnet(0), plannedSubnet(1), plannedSubnet(2)],
            tags: { "managed-by": "pulumi", environment: "dev" },
        });
        const existing = prod();
        const facts = plannedClusterFacts(existing, "us-east-1");
        assert.ok("vpcId" in existing.network);
        assert.strictEqual(facts.vpcId, existing.network.vpcId);
        assert.deepStrictEqual(facts.subnetIds, existing.network.subnetIds);
        delete existing.cluster.clusterName;
        assert.strictEqual(plannedClusterFacts(existing, "us-east-1").clusterName, UNNAMED_CLUSTER);
        assert.strictEqual(plannedClusterFacts(existing, "us-east-1").clusterArn, undefined);
    });

    it("stand-in ARNs are of the region's partition, and a created VPC's subnet stand-ins are distinct", () => {
        const facts = plannedClusterFacts(dev(), "cn-north-1");
        assert.strictEqual(facts.clusterArn, "arn:aws-cn:eks:cn-north-1:111122223333:cluster/dev");
        assert.strictEqual(
            facts.oidcProviderArn,
            "arn:aws-cn:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/(known-after-the-cluster-is-created)",
        );
        assert.strictEqual(new Set(facts.subnetIds as string[]).size, 3);
        assert.strictEqual(plannedSubnet(0), "(private subnet 1 of the VPC, known after it is created)");
    });

    it("a real additional cluster named like any stand-in is accepted when the stack's cluster has no name", () => {
        const file = stackConfigPath("dev");
        const raw = readConfig(file);
        const cluster = { ...(raw["platform:cluster"] as Record<string, unknown>) };
        delete cluster.clusterName;
        const workloads = structuredClone(raw["platform:workloads"]) as Record<string, unknown>[];
        // The names the stand-ins ever had ("c", "autonamed-cluster") and the stand-in texts of today.
        workloads[3].additionalClusters = ["c", "autonamed-cluster", "c0xxxxxxxxxxxxxxxxxxxxxx"].map(
            (clusterName) => ({ clusterName }),
        );
        const config = parseStackConfig(
            { ...raw, "platform:cluster": cluster, "platform:workloads": workloads },
            file,
        );
        assert.deepStrictEqual(
            config.platform.workloads[3].additionalClusters?.map((c) => c.clusterName),
            ["c", "autonamed-cluster", "c0xxxxxxxxxxxxxxxxxxxxxx"],
        );
        assert.ok(UNNAMED_CLUSTER instanceof Promise, "the stand-in must not be a string a name could equal");
    });

    it("a workload's args: effective mode, the cluster's facts, its scoped well-known policies, merged tags", () => {
        const p = dev();
        p.workloads[0].tags = { team: "edge" };
        assert.deepStrictEqual(workloadArgs(p, p.workloads[0], realFacts), {
            namespace: "kube-system",
            serviceAccount: "aws-load-balancer-controller",
            wellKnownPolicies: [{ kind: "aws-load-balancer-controller", clusterName: "real-name" }],
            tags: { environment: "dev", team: "edge" },
            mode: "pod-identity",
            clusterName: "real-name",
            clusterArn: realFacts.clusterArn,
            oidcProviderArn: undefined,
            oidcIssuer: undefined,
            kubernetesVersion: "1.33",
            podIdentityAgent: true,
            fargateNamespaces: [],
        });
    });

    it("an adopted association is imported on the cluster's configured name: an existing cluster's, or a created one's", () => {
        const legacy = loadStackConfigFile("tests/stacks/fixtures/existing/Pulumi.legacy.yaml").platform;
        const created = dev();
        for (const [platform, name] of [
            [legacy, legacy.cluster.existing!.name],
            [created, "dev"],
        ] as const) {
            const w = {
                ...platform.workloads[0],
                adopt: { roleName: "old-role", associationId: "a-abcdefghij0123456" },
            };
            assert.strictEqual(workloadArgs(platform, w, realFacts).clusterName, name);
            // Without an association to import, the cluster's own output.
            assert.strictEqual(
                workloadArgs(platform, { ...w, adopt: { roleName: "old-role" } }, realFacts).clusterName,
                "real-name",
            );
        }
    });

    it("passes the OIDC provider and issuer only when the stack uses IRSA, and keeps a workload's own mode", () => {
        const p = dev();
        p.cluster.irsa = true;
        p.workloads[3].mode = "both";
        const args = workloadArgs(p, p.workloads[3], realFacts);
        assert.deepStrictEqual(
            [args.mode, args.oidcProviderArn, args.oidcIssuer, args.wellKnownPolicies],
            ["both", realFacts.oidcProviderArn, realFacts.oidcIssuer, undefined],
        );
        const { name: _n, ...argsKeys } = { name: 0, ...args };
        assert.ok(!("previousNames" in argsKeys));
    });

    it("a managed group's args; the cluster security group only with remote access", () => {
        const p = dev();
        const g = p.nodeGroups[0];
        const built = nodeGroupArgs(p, g, realFacts, "arn:aws:iam::111122223333:role/owner");
        assert.strictEqual(built.kind, "managed");
        assert.deepStrictEqual(built.args, {
            clusterName: "real-name",
            subnetIds: ["subnet-0a", "subnet-0b"],
            nodeRoleArn: "arn:aws:iam::111122223333:role/owner",
            amiType: g.amiType,
            minSize: g.minSize,
            maxSize: g.maxSize,
            desiredSize: g.desiredSize,
            labels: g.labels,
            taints: g.taints,
            diskSizeGiB: g.diskSizeGiB,
            ssm: g.ssm,
            remoteAccess: g.remoteAccess,
            vpcId: "vpc-0real",
            kubernetesVersion: "1.33",
            tags: realFacts.tags,
            instanceTypes: g.instanceTypes,
            capacityType: g.capacityType,
            maxUnavailable: g.maxUnavailable,
            nodesPerGroupQuota: g.nodesPerGroupQuota,
            clusterSecurityGroupId: g.remoteAccess ? "sg-0real" : undefined,
        });
        const withSsh = nodeGroupArgs(
            p,
            { ...g, remoteAccess: { sshKeyName: "k", sourceSecurityGroupIds: ["sg-0bastion"] } },
            realFacts,
        );
        assert.strictEqual(withSsh.args.clusterSecurityGroupId, "sg-0real");
    });

    it("a self-managed group's args carry what its bootstrap needs from the cluster", () => {
        const p = dev();
        const built = nodeGroupArgs(
            p,
            { name: "sm", kind: "self-managed", instanceType: "m7i.large" },
            realFacts,
        );
        assert.strictEqual(built.kind, "self-managed");
        assert.deepStrictEqual(
            {
                instanceType: built.args.instanceType,
                clusterEndpoint: built.args.clusterEndpoint,
                certificateAuthority: built.args.certificateAuthority,
                serviceCidr: built.args.serviceCidr,
                clusterSecurityGroupId: built.args.clusterSecurityGroupId,
                nodeRoleArn: built.args.nodeRoleArn,
            },
            {
                instanceType: "m7i.large",
                clusterEndpoint: "https://REAL.eks.amazonaws.com",
                certificateAuthority: "CA",
                serviceCidr: "172.20.0.0/16",
                clusterSecurityGroupId: "sg-0real",
                nodeRoleArn: undefined,
            },
        );
    });

    it("a Fargate profile's args", () => {
        const selectors = [{ namespace: "batch" }];
        assert.deepStrictEqual(fargateProfileArgs({ name: "batch", selectors }, realFacts), {
            clusterName: "real-name",
            subnetIds: ["subnet-0a", "subnet-0b"],
            selectors,
            tags: realFacts.tags,
        });
    });
});
