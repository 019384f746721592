import * as assert from "assert";
import * as path from "path";
import { IdentityMode } from "../../components";
import { loadStackConfigFile, repoRoot, StackConfig, stackConfigPath } from "../../stacks/config";
import { buildPlatform, PlatformOutputs } from "../../stacks/program";
import { CloudContext, physicalName } from "../../plan/cloud";
import { cloudOf, toAnalyzerResource, toPlanResource } from "../../plan/plan";
import { evaluate } from "../../policy-pack/lib/evaluate";
import { Registration, Run, run, valueOf } from "../harness";

const clouds: Record<string, CloudContext> = {
    dev: { partition: "aws", region: "us-west-2", accountId: "111122223333" },
    staging: { partition: "aws", region: "eu-west-1", accountId: "444455556666" },
    prod: { partition: "aws", region: "us-east-1", accountId: "777788889999" },
};

async function plan(env: string): Promise<Run<PlatformOutputs>> {
    const config = loadStackConfigFile(stackConfigPath(env));
    return run(() => buildPlatform(config), { cloud: clouds[env], stack: env });
}

interface Trust {
    Statement: { Principal: Record<string, string>; Condition: { StringEquals: Record<string, unknown> } }[];
}

/** Principal kinds of each workload role's trust statements, keyed by workload. */
function trustKinds(r: Run): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const w of r.ofType("eks-identity:index:WorkloadIdentity")) {
        const trust = r.trustPolicy(`${w.name}-role`) as Trust;
        out[w.name] = trust.Statement.map((s) => (s.Principal.Federated ? "irsa" : s.Principal.Service));
    }
    return out;
}

function annotations(r: Run): Record<string, string | undefined> {
    const out: Record<string, string | undefined> = {};
    for (const sa of r.ofType("kubernetes:core/v1:ServiceAccount")) {
        const meta = sa.inputs.metadata as { name: string; annotations: Record<string, string> };
        out[meta.name] = meta.annotations["eks.amazonaws.com/role-arn"];
    }
    return out;
}

const associations = (r: Run) =>
    r
        .ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation")
        .map((a) => `${String(a.inputs.namespace)}/${String(a.inputs.serviceAccount)}`)
        .sort();

describe("shipped stacks under mocks", () => {
    it("dev: every workload on Pod Identity, no OIDC provider, least-privilege node role", async () => {
        const r = await plan("dev");
        assert.strictEqual(r.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").length, 0);
        assert.deepStrictEqual(
            r
                .ofType("aws:eks/addon:Addon")
                .map((a) => a.inputs.addonName)
                .sort(),
            ["coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"],
        );
        assert.deepStrictEqual(trustKinds(r), {
            "aws-load-balancer-controller": ["pods.eks.amazonaws.com"],
            "external-dns": ["pods.eks.amazonaws.com"],
            "ebs-csi": ["pods.eks.amazonaws.com"],
            "payments-api": ["pods.eks.amazonaws.com"],
        });
        assert.deepStrictEqual(associations(r), [
            "external-dns/external-dns",
            "kube-system/aws-load-balancer-controller",
            "kube-system/ebs-csi-controller-sa",
            "payments/payments-api",
        ]);
        assert.deepStrictEqual(Object.values(annotations(r)), [undefined, undefined, undefined, undefined]);
        assert.deepStrictEqual(r.attachedPolicies("general-node-role"), [
            "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
            "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
        ]);
        const trust = r.trustPolicy("payments-api-role") as Trust;
        assert.deepStrictEqual(trust.Statement[0].Condition.StringEquals["aws:RequestTag/eks-cluster-arn"], [
            "arn:aws:eks:us-west-2:111122223333:cluster/dev",
        ]);
        const modes = await Promise.all(Object.values(r.value.workloads).map((w) => valueOf(w.mode)));
        assert.deepStrictEqual(modes, ["pod-identity", "pod-identity", "pod-identity", "pod-identity"]);
        assert.strictEqual(r.value.oidcProviderArn, undefined, "no oidcProviderArn output without IRSA");
        // Namespaces the ServiceAccounts need, created through the cluster's provider, before them.
        const namespaces = r.ofType("kubernetes:core/v1:Namespace");
        assert.deepStrictEqual(namespaces.map((n) => n.name).sort(), ["ns-external-dns", "ns-payments"]);
        const provider = r.one("pulumi:providers:kubernetes", "cluster-k8s");
        assert.ok(namespaces.every((n) => String(n.provider).startsWith(provider.urn)));
        assert.ok(r.one("kubernetes:core/v1:ServiceAccount", "payments-api-sa").dependencies.length > 0);
        assert.ok(
            r
                .one("eks-identity:index:WorkloadIdentity", "payments-api")
                .dependencies.includes(r.one("kubernetes:core/v1:Namespace", "ns-payments").urn),
        );
        assert.deepStrictEqual(r.warnings, []);
        // CoreDNS waits for the compute that runs it.
        const coredns = r.one("eks-identity:index:CoreDnsAddon", "coredns");
        // dependsOn a component waits for its children: the SDK sends their URNs.
        assert.ok(
            coredns.dependencies.includes(r.one("aws:eks/nodeGroup:NodeGroup", "general-ng").urn),
            coredns.dependencies.join("\n"),
        );
        // The VPC is made for the stack: one awsx component, its private subnets under everything.
        const vpc = r.one("awsx:ec2:Vpc", "network");
        assert.deepStrictEqual(
            {
                cidrBlock: vpc.inputs.cidrBlock,
                numberOfAvailabilityZones: vpc.inputs.numberOfAvailabilityZones,
                natGateways: vpc.inputs.natGateways,
                subnetStrategy: vpc.inputs.subnetStrategy,
                enableDnsHostnames: vpc.inputs.enableDnsHostnames,
                enableDnsSupport: vpc.inputs.enableDnsSupport,
            },
            {
                cidrBlock: "10.20.0.0/16",
                numberOfAvailabilityZones: 3,
                natGateways: { strategy: "Single" },
                subnetStrategy: "Auto",
                enableDnsHostnames: true,
                enableDnsSupport: true,
            },
        );
        const stackTags = { environment: "dev", "managed-by": "pulumi" };
        assert.deepStrictEqual(vpc.inputs.tags, stackTags);
        assert.deepStrictEqual(vpc.inputs.subnetSpecs, [
            { type: "Private", tags: { ...stackTags, "kubernetes.io/role/internal-elb": "1" } },
            { type: "Public", tags: { ...stackTags, "kubernetes.io/role/elb": "1" } },
        ]);
        const privateSubnetIds = vpc.outputs.privateSubnetIds as string[];
        assert.strictEqual(privateSubnetIds.length, 3);
        assert.ok(privateSubnetIds.every((id) => /^subnet-[0-9a-f]{17}$/.test(id)));
        assert.notDeepStrictEqual(privateSubnetIds, vpc.outputs.publicSubnetIds);
        const eks = r.one("aws:eks/cluster:Cluster", "cluster-cluster");
        assert.deepStrictEqual((eks.inputs.vpcConfig as { subnetIds: string[] }).subnetIds, privateSubnetIds);
        assert.ok(eks.dependencies.includes(vpc.urn), "the cluster waits for the VPC");
        const nodeGroup = r.one("aws:eks/nodeGroup:NodeGroup", "general-ng");
        assert.deepStrictEqual(nodeGroup.inputs.subnetIds, privateSubnetIds);
        assert.ok(r.one("eks-identity:index:ManagedNodeGroup", "general").dependencies.includes(vpc.urn));
        assert.strictEqual(await valueOf(r.value.vpcId), vpc.outputs.vpcId);
        assert.match(String(vpc.outputs.vpcId), /^vpc-[0-9a-f]{17}$/);
        assert.deepStrictEqual(await valueOf(r.value.privateSubnetIds), privateSubnetIds);
        // The workload's S3 and Secrets Manager access is exactly its inline policy.
        const inline = r.one("aws:iam/rolePolicy:RolePolicy", "payments-api-read-invoices");
        assert.deepStrictEqual(
            JSON.parse(String(inline.inputs.policy)).Statement.map((s: { Action: string[] }) => s.Action[0]),
            ["s3:GetObject", "s3:ListBucket", "secretsmanager:GetSecretValue"],
        );
    });

    it("staging: mid-migration, migrated workloads carry both trusts and both bindings", async () => {
        const r = await plan("staging");
        assert.strictEqual(r.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").length, 1);
        assert.deepStrictEqual(trustKinds(r), {
            "aws-load-balancer-controller": ["irsa", "pods.eks.amazonaws.com"],
            "external-dns": ["irsa", "pods.eks.amazonaws.com"],
            "ebs-csi": ["pods.eks.amazonaws.com"],
            "payments-api": ["irsa"],
        });
        assert.deepStrictEqual(associations(r), [
            "external-dns/external-dns",
            "kube-system/aws-load-balancer-controller",
            "kube-system/ebs-csi-controller-sa",
        ]);
        const annotated = annotations(r);
        assert.deepStrictEqual(
            Object.entries(annotated)
                .map(([sa, arn]) => [sa, arn !== undefined])
                .sort(),
            [
                ["aws-load-balancer-controller", true],
                ["ebs-csi-controller-sa", false],
                ["external-dns", true],
                ["payments-api", true],
            ],
        );
        // The spot group shares the general group's node role: one node role for two groups.
        const nodeGroups = r.ofType("aws:eks/nodeGroup:NodeGroup");
        assert.deepStrictEqual(new Set(nodeGroups.map((n) => n.inputs.nodeRoleArn)).size, 1);
        assert.strictEqual(
            r.ofType("aws:iam/role:Role").filter((x) => x.name.endsWith("-node-role")).length,
            1,
        );
        assert.ok(await valueOf(r.value.oidcProviderArn!));
    });

    it("prod: IRSA on the Fargate namespace, Pod Identity elsewhere, self-managed group, protected cluster and OIDC provider", async () => {
        const r = await plan("prod");
        assert.deepStrictEqual(trustKinds(r), {
            "aws-load-balancer-controller": ["pods.eks.amazonaws.com"],
            "external-dns": ["pods.eks.amazonaws.com"],
            "ebs-csi": ["pods.eks.amazonaws.com"],
            "payments-api": ["pods.eks.amazonaws.com"],
            "invoice-batch": ["irsa"],
        });
        assert.ok(
            !associations(r).includes("batch/invoice-batch"),
            "no Pod Identity association on the Fargate namespace",
        );
        const profile = r.one("aws:eks/fargateProfile:FargateProfile", "batch-profile");
        assert.deepStrictEqual(profile.inputs.selectors, [{ namespace: "batch" }]);
        // Exactly the state a replacement would lose: access entries, their policy associations
        // (replace-only), add-ons, roles and the Kubernetes provider stay changeable.
        const protectedOnes = (regs: Registration[]) =>
            regs.filter((x) => x.protect).map((x) => `${x.type}::${x.name}`);
        assert.deepStrictEqual(protectedOnes(r.registrations), [
            "aws:kms/key:Key::cluster-secrets",
            "aws:eks/cluster:Cluster::cluster-cluster",
            "aws:iam/openIdConnectProvider:OpenIdConnectProvider::cluster-oidc",
        ]);
        const legacy = r.one("aws:eks/accessEntry:AccessEntry", "legacy-access");
        assert.strictEqual(legacy.inputs.type, "EC2_LINUX");
        assert.strictEqual(r.ofType("aws:autoscaling/group:Group").length, 1);
        const batchTrust = r.trustPolicy("invoice-batch-role") as Trust;
        const issuer = (await valueOf(r.value.oidcIssuer)) as string;
        assert.deepStrictEqual(batchTrust.Statement[0].Condition.StringEquals, {
            [`${issuer}:sub`]: "system:serviceaccount:batch:invoice-batch",
            [`${issuer}:aud`]: "sts.amazonaws.com",
        });
        // The deployer reaches the private API through the admin role its access entry names.
        const kubeconfig = JSON.parse(await valueOf(r.value.kubeconfig));
        assert.deepStrictEqual(kubeconfig.users[0].user.exec.args.slice(-4), [
            "--role-arn",
            "arn:aws:iam::777788889999:role/platform-admins",
            "--output",
            "json",
        ]);
        for (const lt of r.ofType("aws:ec2/launchTemplate:LaunchTemplate")) {
            assert.deepStrictEqual(
                (lt.inputs.metadataOptions as Record<string, unknown>).httpPutResponseHopLimit,
                1,
            );
        }
    });

    it("exports what application stacks read by StackReference", async () => {
        const r = await plan("staging");
        const o = r.value;
        assert.deepStrictEqual(Object.keys(o).sort(), [
            "clusterArn",
            "clusterName",
            "endpoint",
            "kubeconfig",
            "oidcIssuer",
            "oidcProviderArn",
            "privateSubnetIds",
            "vpcId",
            "workloads",
        ]);
        assert.strictEqual(await valueOf(o.clusterName), "staging");
        // An existing VPC: no VPC registered, its ids passed through from config.
        assert.deepStrictEqual(r.ofType("awsx:ec2:Vpc"), []);
        assert.strictEqual(await valueOf(o.vpcId), "vpc-0b1c2d3e4f5a60002");
        assert.deepStrictEqual(await valueOf(o.privateSubnetIds), [
            "subnet-0b1c2d3e4f5a60021",
            "subnet-0b1c2d3e4f5a60022",
            "subnet-0b1c2d3e4f5a60023",
        ]);
        assert.deepStrictEqual(
            (r.one("aws:eks/cluster:Cluster", "cluster-cluster").inputs.vpcConfig as { subnetIds: string[] })
                .subnetIds,
            await valueOf(o.privateSubnetIds),
        );
        assert.deepStrictEqual(Object.keys(o.workloads), [
            "aws-load-balancer-controller",
            "external-dns",
            "ebs-csi",
            "payments-api",
        ]);
        const lbc = o.workloads["aws-load-balancer-controller"];
        assert.deepStrictEqual(
            [await valueOf(lbc.mode), await valueOf(lbc.namespace), await valueOf(lbc.serviceAccount)],
            ["both", "kube-system", "aws-load-balancer-controller"],
        );
        assert.match(
            await valueOf(lbc.roleArn),
            /^arn:aws:iam::444455556666:role\/aws-load-balancer-controller-role-[0-9a-f]{7}$/,
        );
    });

    it("a created VPC reaches every user of the network: Fargate profiles and the SSH security group", async () => {
        const config = loadStackConfigFile(stackConfigPath("dev"));
        config.platform.nodeGroups[0].remoteAccess = {
            sshKeyName: "dev-ops",
            sourceSecurityGroupIds: ["sg-0a1b2c3d4e5f60001"],
        };
        config.platform.fargateProfiles = [{ name: "batch", selectors: [{ namespace: "batch" }] }];
        const r = await run(() => buildPlatform(config), { cloud: clouds.dev, stack: "dev" });
        const vpc = r.one("awsx:ec2:Vpc", "network");
        const profile = r.one("aws:eks/fargateProfile:FargateProfile", "batch-profile");
        assert.deepStrictEqual(profile.inputs.subnetIds, vpc.outputs.privateSubnetIds);
        assert.ok(r.one("eks-identity:index:FargateProfile", "batch").dependencies.includes(vpc.urn));
        const [ssh] = r.ofType("aws:ec2/securityGroup:SecurityGroup");
        assert.strictEqual(ssh.inputs.vpcId, vpc.outputs.vpcId);
    });

    it("a renamed workload carries an alias to its previous name", async () => {
        const config = loadStackConfigFile(stackConfigPath("dev"));
        config.platform.workloads[3] = {
            ...config.platform.workloads[3],
            name: "payments",
            previousNames: ["payments-api"],
        };
        const r = await run(() => buildPlatform(config), { cloud: clouds.dev, stack: "dev" });
        assert.deepStrictEqual(r.one("eks-identity:index:WorkloadIdentity", "payments").aliases, [
            { name: "payments-api" },
        ]);
    });

    it("switching a workload's mode in config keeps its role and service account URNs", async () => {
        const base = loadStackConfigFile(stackConfigPath("staging"));
        const urns = async (mode: IdentityMode) => {
            const config = structuredClone(base);
            config.platform.workloads[1].mode = mode;
            const r = await run(() => buildPlatform(config), { cloud: clouds.staging, stack: "staging" });
            return [
                r.one("aws:iam/role:Role", "external-dns-role"),
                r.one("kubernetes:core/v1:ServiceAccount", "external-dns-sa"),
            ].map((x) => [x.urn, x.outputs.arn]);
        };
        const irsa = await urns("irsa");
        assert.deepStrictEqual(await urns("both"), irsa);
        assert.deepStrictEqual(await urns("pod-identity"), irsa);
    });

    it("an adopted role on a ServiceAccount eksctl owns: imported, its trust migrated in place, the annotation given up at pod-identity", async () => {
        const base = loadStackConfigFile(stackConfigPath("staging"));
        const roleName = "eksctl-staging-addon-iamserviceaccount-Role1-1A2B3C4D5E6F";
        const plan = async (mode: IdentityMode) => {
            const config = structuredClone(base);
            Object.assign(config.platform.workloads[1], {
                mode,
                createServiceAccount: false,
                adopt: { roleName, ...(mode === "irsa" ? {} : { associationId: "a-0k2j4h6g8f0d2s4a6" }) },
            });
            return run(() => buildPlatform(config), { cloud: clouds.staging, stack: "staging" });
        };
        const runs = {
            irsa: await plan("irsa"),
            both: await plan("both"),
            podIdentity: await plan("pod-identity"),
        };
        const roleArn = `arn:aws:iam::444455556666:role/${roleName}`;
        for (const r of Object.values(runs)) {
            const role = r.one("aws:iam/role:Role", "external-dns-role");
            assert.deepStrictEqual(
                [role.importId, role.inputs.name, role.outputs.arn],
                [roleName, roleName, roleArn],
            );
            assert.strictEqual(
                r.ofType("kubernetes:core/v1:ServiceAccount").some((x) => x.name === "external-dns-sa"),
                false,
            );
        }
        assert.deepStrictEqual(trustKinds(runs.irsa)["external-dns"], ["irsa"]);
        assert.deepStrictEqual(trustKinds(runs.both)["external-dns"], ["irsa", "pods.eks.amazonaws.com"]);
        assert.deepStrictEqual(trustKinds(runs.podIdentity)["external-dns"], ["pods.eks.amazonaws.com"]);
        const association = (r: Run) =>
            r
                .ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation")
                .filter((a) => a.name === "external-dns-association")
                .map((a) => [a.importId, a.inputs.roleArn]);
        assert.deepStrictEqual(association(runs.irsa), []);
        assert.deepStrictEqual(association(runs.both), [["staging,a-0k2j4h6g8f0d2s4a6", roleArn]]);
        assert.deepStrictEqual(association(runs.podIdentity), association(runs.both));
        const patches = (r: Run) =>
            r.ofType("kubernetes:core/v1:ServiceAccountPatch").map((x) => x.inputs.metadata);
        const annotated = {
            name: "external-dns",
            namespace: "external-dns",
            annotations: { "eks.amazonaws.com/role-arn": roleArn, "pulumi.com/patchForce": "true" },
        };
        assert.deepStrictEqual(patches(runs.irsa), [annotated]);
        assert.deepStrictEqual(patches(runs.both), [annotated]);
        assert.deepStrictEqual(patches(runs.podIdentity), []);
    });
});

const fixture6 = () =>
    loadStackConfigFile(path.join(repoRoot(), "tests", "stacks", "fixtures", "ipv6", "Pulumi.ipv6.yaml"));

describe("a stack on an existing cluster under mocks", () => {
    const file = path.join(repoRoot(), "tests", "stacks", "fixtures", "existing", "Pulumi.legacy.yaml");
    const legacy = () => loadStackConfigFile(file);
    const planOn = (config: StackConfig) =>
        run(() => buildPlatform(config), { cloud: cloudOf(config), stack: "legacy" });
    /** plan/fixtures/existing-clusters.json's "legacy". */
    const issuer = "oidc.eks.us-west-2.amazonaws.com/id/9A8B7C6D5E4F30211A2B3C4D5E6F7081";

    it("looks the cluster up and creates none: the agent, the provider, the workloads", async () => {
        const r = await planOn(legacy());
        assert.deepStrictEqual(r.inventory(), {
            "aws:eks/addon:Addon": 1,
            "pulumi:providers:kubernetes": 1,
            "kubernetes:core/v1:Namespace": 2,
            "eks-identity:index:WorkloadIdentity": 2,
            "aws:iam/role:Role": 2,
            "aws:iam/rolePolicy:RolePolicy": 2,
            "kubernetes:core/v1:ServiceAccount": 2,
            "aws:eks/podIdentityAssociation:PodIdentityAssociation": 1,
        });
        assert.deepStrictEqual([...new Set(r.invokes)].sort(), [
            "aws:eks/getCluster:getCluster",
            "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider",
            "aws:index/getCallerIdentity:getCallerIdentity",
            "aws:index/getPartition:getPartition",
            "aws:index/getRegion:getRegion",
        ]);
        const agent = r.one("aws:eks/addon:Addon", "cluster-eks-pod-identity-agent");
        assert.deepStrictEqual(agent.inputs, {
            addonName: "eks-pod-identity-agent",
            clusterName: "legacy",
            resolveConflictsOnUpdate: "OVERWRITE",
            tags: { environment: "legacy", "managed-by": "pulumi" },
        });
        const provider = r.one("pulumi:providers:kubernetes", "cluster-k8s");
        const kubeconfig = JSON.parse((provider.inputs.kubeconfig as { value: string }).value) as {
            clusters: { name: string; cluster: Record<string, string> }[];
        };
        assert.deepStrictEqual(kubeconfig.clusters, [
            {
                name: "legacy",
                cluster: {
                    server: "https://9A8B7C6D5E4F30211A2B3C4D5E6F7081.gr7.us-west-2.eks.amazonaws.com",
                    "certificate-authority-data": "TEVHQUNZIENBIERBVEE=",
                },
            },
        ]);
        const association = r.one(
            "aws:eks/podIdentityAssociation:PodIdentityAssociation",
            "reports-association",
        );
        assert.strictEqual(association.inputs.clusterName, "legacy");
        // The association waits for the agent the stack installs.
        const reports = r.one("eks-identity:index:WorkloadIdentity", "reports");
        assert.ok(reports.dependencies.includes(agent.urn), reports.dependencies.join(", "));
        assert.deepStrictEqual(
            (r.trustPolicy("reports-role") as Trust).Statement[0].Condition.StringEquals[
                "aws:RequestTag/eks-cluster-arn"
            ],
            ["arn:aws:eks:us-west-2:111122223333:cluster/legacy"],
        );
        assert.strictEqual(
            (r.trustPolicy("billing-role") as Trust).Statement[0].Principal.Federated,
            `arn:aws:iam::111122223333:oidc-provider/${issuer}`,
        );
        assert.deepStrictEqual(annotations(r), {
            reporter: undefined,
            billing: "arn:aws:iam::111122223333:role/billing-role-ceefba8",
        });
    });

    it("an agent already present and a named OIDC provider: no add-on, no provider lookup", async () => {
        const config = legacy();
        const named =
            "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/NAMEDBYCONFIG";
        config.platform.cluster.existing = {
            name: "legacy",
            podIdentityAgent: "present",
            oidcProviderArn: named,
        };
        const r = await planOn(config);
        assert.deepStrictEqual(r.ofType("aws:eks/addon:Addon").length, 0);
        assert.strictEqual(
            r.invokes.includes("aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider"),
            false,
        );
        assert.strictEqual((r.trustPolicy("billing-role") as Trust).Statement[0].Principal.Federated, named);
    });

    it("an ipv6 existing cluster: self-managed nodes bootstrap with its IPv6 service range", async () => {
        const config = legacy();
        config.platform.nodeGroups = fixture6().platform.nodeGroups.filter((g) => g.kind === "self-managed");
        const cloud = cloudOf(config);
        cloud.existingClusters = cloud.existingClusters!.map((c) => ({
            ...c,
            kubernetesNetworkConfig: { ipFamily: "ipv6", serviceIpv6Cidr: "fd7a:1b2c:3d4e::/108" },
        }));
        const r = await run(() => buildPlatform(config), { cloud, stack: "legacy" });
        const userData = Buffer.from(
            String(r.one("aws:ec2/launchTemplate:LaunchTemplate", "batch-lt").inputs.userData),
            "base64",
        ).toString();
        assert.match(userData, /cidr: fd7a:1b2c:3d4e::\/108\n/);
    });

    it("without IRSA the OIDC provider is not looked up", async () => {
        const config = legacy();
        config.platform.cluster.irsa = false;
        config.platform.workloads = config.platform.workloads.filter((w) => w.mode !== "irsa");
        const r = await planOn(config);
        assert.deepStrictEqual([...new Set(r.invokes)].sort(), [
            "aws:eks/getCluster:getCluster",
            "aws:index/getCallerIdentity:getCallerIdentity",
            "aws:index/getPartition:getPartition",
            "aws:index/getRegion:getRegion",
        ]);
    });
});

describe("an Auto Mode stack and an ipv6 stack under mocks, with the policy pack", () => {
    const fixture = (name: string) =>
        loadStackConfigFile(
            path.join(repoRoot(), "tests", "stacks", "fixtures", name, `Pulumi.${name}.yaml`),
        );
    const planOn = async (config: StackConfig, stack: string) => {
        const r = await run(() => buildPlatform(config), { cloud: cloudOf(config), stack });
        const found = await evaluate(
            r.registrations
                .filter((x) => !x.type.startsWith("pulumi:providers:"))
                .map((x) => toAnalyzerResource(toPlanResource(x))),
        );
        return { r, found };
    };
    const addons = (r: Run) =>
        r
            .ofType("aws:eks/addon:Addon")
            .map((a) => a.inputs.addonName)
            .sort();

    it("auto: the cluster, its two roles and the workloads; no node group, no add-on, no vpc-cni identity", async () => {
        const { r, found } = await planOn(fixture("auto"), "auto");
        assert.deepStrictEqual(r.inventory(), {
            "awsx:ec2:Vpc": 1,
            "eks-identity:index:EksCluster": 1,
            "aws:iam/role:Role": 4,
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 7,
            "aws:kms/key:Key": 1,
            "aws:eks/cluster:Cluster": 1,
            "aws:eks/accessEntry:AccessEntry": 2,
            "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": 2,
            "pulumi-nodejs:dynamic:Resource": 1,
            "pulumi:providers:kubernetes": 1,
            "kubernetes:core/v1:Namespace": 2,
            "eks-identity:index:WorkloadIdentity": 2,
            "aws:iam/rolePolicy:RolePolicy": 2,
            "kubernetes:core/v1:ServiceAccount": 2,
            "aws:eks/podIdentityAssociation:PodIdentityAssociation": 2,
        });
        assert.deepStrictEqual(addons(r), []);
        assert.deepStrictEqual(
            r.ofType("aws:iam/role:Role").map((x) => x.name),
            ["cluster-cluster-role", "cluster-auto-node-role", "external-dns-role", "payments-api-role"],
        );
        assert.deepStrictEqual(r.one("aws:eks/cluster:Cluster", "cluster-cluster").inputs.computeConfig, {
            enabled: true,
            nodePools: ["general-purpose", "system"],
            nodeRoleArn: `arn:aws:iam::111122223333:role/${physicalName("cluster-auto-node-role")}`,
        });
        // The guards take the agent as there: the workloads are on Pod Identity.
        assert.deepStrictEqual(associations(r), ["external-dns/external-dns", "payments/payments-api"]);
        // The pack knows Auto Mode's cluster and node roles: no violation at all.
        assert.deepStrictEqual(
            found.map((v) => `${v.policyName}: ${v.message}`),
            [],
        );
    });

    it("auto with a node group beside it: the group's add-ons, its vpc-cni identity and CoreDNS come back", async () => {
        const config = fixture("auto");
        config.platform.nodeGroups = fixture("ipv6").platform.nodeGroups.slice(0, 1);
        const { r, found } = await planOn(config, "auto");
        assert.deepStrictEqual(addons(r), ["coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
        assert.deepStrictEqual(r.attachedPolicies("cluster-vpc-cni-role"), [
            "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
        ]);
        assert.deepStrictEqual(r.attachedPolicies("general-node-role"), [
            "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
            "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
        ]);
        assert.strictEqual(found.filter((v) => v.enforcementLevel === "mandatory").length, 0);
    });

    it("ipv6: an ipv6 cluster, vpc-cni on the IPv6 policy, launch templates with hop limit 1 and no IPv6 IMDS", async () => {
        const { r, found } = await planOn(fixture("ipv6"), "ipv6");
        assert.deepStrictEqual(
            r.one("aws:eks/cluster:Cluster", "cluster-cluster").inputs.kubernetesNetworkConfig,
            { ipFamily: "ipv6" },
        );
        assert.deepStrictEqual(addons(r), ["coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
        assert.deepStrictEqual(r.attachedPolicies("cluster-vpc-cni-role"), []);
        assert.strictEqual(
            r.one("aws:iam/rolePolicy:RolePolicy", "cluster-vpc-cni-role-ipv6").inputs.name,
            "vpc-cni-ipv6",
        );
        const templates = r.ofType("aws:ec2/launchTemplate:LaunchTemplate");
        assert.deepStrictEqual(
            templates.map((t) => [t.name, t.inputs.metadataOptions]),
            templates.map((t) => [
                t.name,
                {
                    httpEndpoint: "enabled",
                    httpTokens: "required",
                    httpPutResponseHopLimit: 1,
                    instanceMetadataTags: "disabled",
                },
            ]),
        );
        assert.strictEqual(templates.length, 2);
        // The self-managed nodes bootstrap with the cluster's IPv6 service range.
        const userData = Buffer.from(
            String(r.one("aws:ec2/launchTemplate:LaunchTemplate", "batch-lt").inputs.userData),
            "base64",
        ).toString();
        assert.match(userData, /cidr: fd[0-9a-f]{2}:[0-9a-f]{4}:[0-9a-f]{4}::\/108/);
        assert.strictEqual(found.filter((v) => v.enforcementLevel === "mandatory").length, 0);
    });

    it("ipv6 in a created VPC: awsx asks for an Amazon IPv6 range and gives every subnet one", async () => {
        const config = fixture("ipv6");
        config.platform.network = {
            create: { cidrBlock: "10.40.0.0/16", availabilityZones: 3, natGateways: "single" },
        };
        const { r } = await planOn(config, "ipv6");
        const vpc = r.one("awsx:ec2:Vpc", "network");
        assert.strictEqual(vpc.inputs.assignGeneratedIpv6CidrBlock, true);
        assert.deepStrictEqual(
            (vpc.inputs.subnetSpecs as { type: string; assignIpv6AddressOnCreation?: boolean }[]).map((s) => [
                s.type,
                s.assignIpv6AddressOnCreation,
            ]),
            [
                ["Private", true],
                ["Public", true],
            ],
        );
        const v4 = await planOn(fixture("auto"), "auto");
        const plain = v4.r.one("awsx:ec2:Vpc", "network");
        assert.strictEqual(plain.inputs.assignGeneratedIpv6CidrBlock, undefined);
    });
});
