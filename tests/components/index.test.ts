// components/index.ts as the multi-language package `pulumi package add <repo>/components` builds
// (PulumiPlugin.yaml: the Node.js host serves every ComponentResource index.ts exports): the
// schema the plugin host infers from the TypeScript sources, compared with a committed snapshot so
// every public API change is a visible diff, and construct() for each component with inputs shaped
// the way the engine delivers them from Python, Go, .NET or YAML.
//
// After an intended API change, rewrite the snapshot and review its diff:
//   npx tsc -p . && UPDATE_SNAPSHOTS=1 npx mocha --no-config --timeout 120000 bin/tests/components/index.test.js
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import * as server from "@pulumi/pulumi/provider/server";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as prettier from "prettier";
import * as components from "../../components";
import { physicalName } from "../../plan/cloud";
import { errorPaths, Registration, run, Run, valueOf } from "../harness";
import { selfManaged } from "./nodegroups/fixtures";

const REPO = path.resolve(__dirname, "../../..");
const PLUGIN_DIR = path.join(REPO, "components");
const SNAPSHOT = path.join(REPO, "tests/components/__snapshots__/schema.json");
const PKG = "eks-identity";
const COMPONENTS = [
    "EksCluster",
    "CoreDnsAddon",
    "ManagedNodeGroup",
    "SelfManagedNodeGroup",
    "FargateProfile",
    "WorkloadIdentity",
];

// The construct RPC's own deserializer (provider/server.ts, internal, so not in the typings): plain
// values stay plain, a property with dependencies becomes an Output carrying them, secrets too.
type DependencyList = { getUrnsList(): string[] };
const { deserializeInputs } = server as unknown as {
    deserializeInputs(inputs: Struct, dependencies: Map<string, DependencyList>): Promise<pulumi.Inputs>;
};

/** Package name as cmd/run-plugin/run.js derives it from package.json `name`. */
function providerName(packageName: string): string {
    const matches = packageName.match(/(@.*?\/)?(.+)/)!;
    return matches[2].replace(/[^-a-zA-Z0-9_]/g, "-");
}

/** What the host does: exported ComponentResource subclasses of the package's `main`. */
function hostedProvider(): ComponentProvider {
    const manifest = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, "package.json"), "utf8"));
    return new ComponentProvider({
        name: providerName(manifest.name),
        dirname: PLUGIN_DIR,
        components: getPulumiComponents(components),
    });
}

interface PropertySpec {
    description?: string;
    $ref?: string;
    items?: PropertySpec;
    additionalProperties?: PropertySpec;
    [key: string]: unknown;
}
interface ResourceSpec {
    description?: string;
    inputProperties: Record<string, PropertySpec>;
    requiredInputs: string[];
    properties: Record<string, PropertySpec>;
    required: string[];
}
interface TypeSpec {
    type: string;
    /** Object types. */
    properties?: Record<string, PropertySpec>;
    required?: string[];
    /** Enum types. */
    enum?: { name: string; value: string; description?: string }[];
}
interface Schema {
    name: string;
    resources: Record<string, ResourceSpec>;
    types: Record<string, TypeSpec>;
    dependencies: unknown[];
}

function sortKeys(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(sortKeys);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(
            Object.keys(value)
                .sort()
                .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
        );
    }
    return value;
}

/** Every property spec of the schema with a readable path, nested items included. */
function allProperties(schema: Schema): [string, PropertySpec][] {
    const out: [string, PropertySpec][] = [];
    const walk = (where: string, spec: PropertySpec) => {
        out.push([where, spec]);
        if (spec.items) {
            walk(`${where}[]`, spec.items);
        }
        if (spec.additionalProperties) {
            walk(`${where}{}`, spec.additionalProperties);
        }
    };
    for (const [token, r] of Object.entries(schema.resources)) {
        Object.entries(r.inputProperties).forEach(([k, p]) => walk(`${token} input ${k}`, p));
        Object.entries(r.properties).forEach(([k, p]) => walk(`${token} output ${k}`, p));
    }
    for (const [token, t] of Object.entries(schema.types)) {
        Object.entries(t.properties ?? {}).forEach(([k, p]) => walk(`${token}.${k}`, p));
    }
    return out;
}

const provider = hostedProvider();
let schema: Schema;

describe("eks-identity as a component provider", function () {
    // The analyzer type-checks the whole components program once (several seconds); cached after.
    this.timeout(120_000);

    before(async () => {
        schema = JSON.parse(await provider.getSchema()) as Schema;
    });

    describe("schema", () => {
        it("matches the committed snapshot (UPDATE_SNAPSHOTS=1 rewrites it)", async () => {
            const actual = sortKeys(schema);
            if (process.env.UPDATE_SNAPSHOTS === "1") {
                const options = { ...(await prettier.resolveConfig(SNAPSHOT)), parser: "json" };
                fs.mkdirSync(path.dirname(SNAPSHOT), { recursive: true });
                fs.writeFileSync(SNAPSHOT, await prettier.format(JSON.stringify(actual), options));
            }
            assert.ok(fs.existsSync(SNAPSHOT), `no snapshot at ${SNAPSHOT}: run with UPDATE_SNAPSHOTS=1`);
            const committed = JSON.parse(fs.readFileSync(SNAPSHOT, "utf8"));
            assert.deepStrictEqual(
                actual,
                committed,
                "the inferred schema changed: if intended, rerun with UPDATE_SNAPSHOTS=1 and commit the diff",
            );
        });

        it("hosts exactly the six components under package eks-identity, named as the classes register", async () => {
            assert.strictEqual(schema.name, PKG);
            assert.deepStrictEqual(
                getPulumiComponents(components).map((c) => c.name),
                COMPONENTS,
            );
            assert.deepStrictEqual(
                Object.keys(schema.resources).sort(),
                COMPONENTS.map((c) => `${PKG}:index:${c}`).sort(),
            );
            assert.deepStrictEqual(
                Object.keys(schema.types).sort(),
                [
                    "AccessEntry",
                    "AccessEntryType",
                    "AccessPolicy",
                    "AccessScope",
                    "AdditionalCluster",
                    "AdoptedIdentity",
                    "AwsSdk",
                    "FargateSelector",
                    "IdentityMode",
                    "InlinePolicy",
                    "IpFamily",
                    "RemoteAccess",
                    "SdkLanguage",
                    "Taint",
                    "TaintEffect",
                    "WellKnownKind",
                    "WellKnownPolicy",
                ].map((t) => `${PKG}:index:${t}`),
            );
        });

        it("has only shapes every language can bind: local type references, no resource references", () => {
            assert.deepStrictEqual(schema.dependencies, []);
            for (const [where, spec] of allProperties(schema)) {
                if (spec.$ref !== undefined) {
                    assert.ok(spec.$ref.startsWith(`#/types/${PKG}:index:`), `${where}: ${spec.$ref}`);
                }
            }
            // Generated SDKs suffix input types with Args themselves (Python, Go, .NET).
            for (const token of Object.keys(schema.types)) {
                assert.ok(!token.endsWith("Args"), `${token} would become ${token.split(":")[2]}Args`);
            }
        });

        it("takes values that come from other resources as Inputs, and list items too", () => {
            const cluster = schema.resources[`${PKG}:index:EksCluster`];
            assert.deepStrictEqual(cluster.requiredInputs, ["subnetIds"]);
            assert.deepStrictEqual(
                { ...cluster.inputProperties.subnetIds, description: undefined },
                { type: "array", items: { type: "string" }, description: undefined },
            );
            const identity = schema.resources[`${PKG}:index:WorkloadIdentity`];
            assert.deepStrictEqual(identity.requiredInputs, [
                "clusterName",
                "mode",
                "namespace",
                "serviceAccount",
            ]);
            assert.strictEqual(identity.inputProperties.clusterName.plain, undefined);
            // Versions from aws.eks.getAddonVersion, key pair names from aws.ec2.KeyPair.
            const coreDns = schema.resources[`${PKG}:index:CoreDnsAddon`];
            assert.strictEqual(coreDns.inputProperties.addonVersion.plain, undefined);
            assert.deepStrictEqual(cluster.inputProperties.addonVersions.additionalProperties, {
                type: "string",
            });
            assert.strictEqual(
                schema.types[`${PKG}:index:RemoteAccess`].properties?.sshKeyName.plain,
                undefined,
            );
            // Names and ARNs that another resource may output (a Namespace's name, a Role's ARN).
            for (const key of ["namespace", "serviceAccount"]) {
                assert.strictEqual(identity.inputProperties[key].plain, undefined, key);
            }
            assert.strictEqual(cluster.inputProperties.kubeconfigRoleArn.plain, undefined);
            // Tags may come from another resource (a stack output, a tagging module) in every component.
            for (const component of COMPONENTS) {
                assert.deepStrictEqual(
                    {
                        ...schema.resources[`${PKG}:index:${component}`].inputProperties.tags,
                        description: undefined,
                    },
                    {
                        type: "object",
                        additionalProperties: { type: "string" },
                        optional: true,
                        description: undefined,
                    },
                    component,
                );
            }
            // A switch that decides which children exist is plain, and so is a value that names them
            // (an access entry's key); the principal itself may come from another resource.
            assert.strictEqual(identity.inputProperties.mode.plain, true);
            assert.strictEqual(schema.types[`${PKG}:index:AccessEntry`].properties?.key.plain, true);
            assert.strictEqual(
                schema.types[`${PKG}:index:AccessEntry`].properties?.principalArn.plain,
                undefined,
            );
            assert.strictEqual(identity.inputProperties.kubernetesProvider, undefined);
            assert.strictEqual(cluster.properties.provider, undefined);
        });

        it("types every closed set of values as an enum, so generated SDKs offer its members", () => {
            const enumOf = (name: string) => {
                const t = schema.types[`${PKG}:index:${name}`];
                assert.strictEqual(t.type, "string", name);
                return t.enum?.map((m) => [m.name, m.value]);
            };
            assert.deepStrictEqual(enumOf("IdentityMode"), [
                ["Irsa", "irsa"],
                ["PodIdentity", "pod-identity"],
                ["Both", "both"],
            ]);
            assert.deepStrictEqual(enumOf("WellKnownKind"), [
                ["AwsLoadBalancerController", "aws-load-balancer-controller"],
                ["ExternalDns", "external-dns"],
                ["CertManager", "cert-manager"],
                ["EbsCsi", "ebs-csi"],
                ["EfsCsi", "efs-csi"],
                ["ClusterAutoscaler", "cluster-autoscaler"],
                ["Karpenter", "karpenter"],
                ["VpcCni", "vpc-cni"],
                ["ExternalSecrets", "external-secrets"],
                ["Velero", "velero"],
                ["CloudwatchObservability", "cloudwatch-observability"],
                ["AmazonManagedPrometheus", "amazon-managed-prometheus"],
            ]);
            assert.deepStrictEqual(
                enumOf("WellKnownKind")?.map(([, value]) => value),
                [...components.WELL_KNOWN_KINDS],
            );
            assert.deepStrictEqual(enumOf("AccessScope"), [
                ["Cluster", "cluster"],
                ["Namespace", "namespace"],
            ]);
            assert.deepStrictEqual(enumOf("AccessEntryType"), [
                ["Standard", "STANDARD"],
                ["Ec2Linux", "EC2_LINUX"],
                ["Ec2Windows", "EC2_WINDOWS"],
            ]);
            assert.deepStrictEqual(enumOf("TaintEffect"), [
                ["NoSchedule", "NO_SCHEDULE"],
                ["NoExecute", "NO_EXECUTE"],
                ["PreferNoSchedule", "PREFER_NO_SCHEDULE"],
            ]);
            assert.deepStrictEqual(
                enumOf("SdkLanguage")?.map(([, value]) => value),
                Object.keys(components.POD_IDENTITY_MIN_SDK),
            );
            assert.deepStrictEqual(enumOf("IpFamily"), [
                ["Ipv4", "ipv4"],
                ["Ipv6", "ipv6"],
            ]);
            const ref = (name: string) => `#/types/${PKG}:index:${name}`;
            const uses = allProperties(schema)
                .filter(([, spec]) => spec.$ref?.startsWith(ref("")) && schema.types[spec.$ref.slice(8)].enum)
                .map(([where, spec]) => [where, spec.$ref, spec.plain]);
            assert.deepStrictEqual(uses, [
                [`${PKG}:index:WorkloadIdentity input mode`, ref("IdentityMode"), true],
                [`${PKG}:index:WorkloadIdentity output mode`, ref("IdentityMode"), undefined],
                [`${PKG}:index:AccessEntry.type`, ref("AccessEntryType"), true],
                [`${PKG}:index:AccessPolicy.scope`, ref("AccessScope"), true],
                [`${PKG}:index:Taint.effect`, ref("TaintEffect"), true],
                [`${PKG}:index:WellKnownPolicy.kind`, ref("WellKnownKind"), true],
                [`${PKG}:index:WellKnownPolicy.ipFamily`, ref("IpFamily"), true],
                [`${PKG}:index:AwsSdk.language`, ref("SdkLanguage"), true],
            ]);
        });

        it("carries the JSDoc as descriptions, defaults included, on every property", () => {
            const resource = (name: string) => schema.resources[`${PKG}:index:${name}`];
            assert.strictEqual(
                resource("WorkloadIdentity").inputProperties.mode.description,
                "`irsa`, `pod-identity` or `both` (migration: both trusts on one role, nothing replaced).",
            );
            assert.strictEqual(
                resource("EksCluster").inputProperties.podIdentity.description,
                "Install the eks-pod-identity-agent add-on for EKS Pod Identity. Default: true.",
            );
            assert.strictEqual(
                resource("EksCluster").properties.oidcIssuer.description,
                "Issuer host/path without `https://`, the prefix of IRSA condition keys.",
            );
            assert.strictEqual(
                schema.types[`${PKG}:index:AccessPolicy`].properties?.scope.description,
                '`cluster` or `namespace`. Default: "cluster".',
            );
            // A default on its own line used to swallow the doc link after it.
            assert.strictEqual(
                schema.types[`${PKG}:index:WellKnownPolicy`].properties?.kmsKeyArns.description,
                [
                    "Customer managed KMS keys that encrypt EBS volumes, as `arn:<partition>:kms:<region>:<account>:key/<id>`.",
                    "Optional, `ebs-csi` only: adds grant and data-key permissions on exactly these keys.",
                    "Default: no KMS permissions (volumes use the AWS managed `aws/ebs` key).",
                    "https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/install.md",
                ].join("\n"),
            );
            assert.match(
                resource("WorkloadIdentity").description ?? "",
                /^An IAM role for one Kubernetes service account/,
            );
            const undescribed = allProperties(schema)
                .filter(
                    ([where, spec]) => !where.endsWith("[]") && !where.endsWith("{}") && !spec.description,
                )
                .map(([where]) => where);
            assert.deepStrictEqual(undescribed, []);
        });
    });

    describe("construct() with inputs as another language sends them", () => {
        const VPC_URN = "urn:pulumi:dev::platform::aws:ec2/vpc:Vpc::network";
        const CLUSTER_URN = "urn:pulumi:dev::platform::eks-identity:index:EksCluster::cluster";

        /** The wire struct through the provider's deserializer; `dependencies` as the engine sends them. */
        function wire(values: Record<string, unknown>, dependencies: Record<string, string[]> = {}) {
            const deps = new Map(
                Object.entries(dependencies).map(([key, urns]): [string, DependencyList] => [
                    key,
                    { getUrnsList: () => urns },
                ]),
            );
            return deserializeInputs(Struct.fromJavaScript(values as never), deps);
        }

        interface Constructed {
            urn: string;
            /** The state as serialized back to the calling language. */
            state: Record<string, unknown>;
        }

        async function construct(
            type: string,
            name: string,
            values: Record<string, unknown>,
            dependencies: Record<string, string[]> = {},
            options: () => pulumi.ComponentResourceOptions = () => ({}),
        ): Promise<Run<Constructed>> {
            // run() awaits the program, so the value is the resolved object, not the Promise.
            const r = await run(async (): Promise<Constructed> => {
                const inputs = await wire(values, dependencies);
                const result = await provider.construct(name, `${PKG}:index:${type}`, inputs, options());
                const [state] = await rpc.serializeResourceProperties(
                    `construct(${type}, ${name})`,
                    result.state,
                );
                return { urn: await valueOf(pulumi.output(result.urn)), state };
            });
            return r as unknown as Run<Constructed>;
        }

        /** The component registered under the requested token, its state keys exactly the schema's outputs. */
        function assertComponent(r: Run<Constructed>, type: string, name: string): Registration {
            const component = r.one(`${PKG}:index:${type}`, name);
            assert.strictEqual(r.value.urn, component.urn);
            assert.deepStrictEqual(
                Object.keys(r.value.state).sort(),
                Object.keys(schema.resources[`${PKG}:index:${type}`].properties).sort(),
            );
            for (const child of r.registrations.filter(
                (x) => x !== component && x.type !== "pulumi:providers:kubernetes",
            )) {
                assert.strictEqual(child.parent, component.urn, `${child.type} ${child.name} parent`);
            }
            return component;
        }

        const isSecret = (value: unknown) =>
            typeof value === "object" &&
            value !== null &&
            (value as Record<string, unknown>)[rpc.specialSigKey] === rpc.specialSecretSig;

        const LEAST_NODE_POLICIES = [
            "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
            "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
        ];

        it("EksCluster: subnet ids wired from a VPC, access entries as dicts, state with a secret kubeconfig", async () => {
            const r = await construct(
                "EksCluster",
                "cluster",
                {
                    subnetIds: ["subnet-a", "subnet-b"],
                    clusterName: "dev",
                    podIdentity: true,
                    endpointPublicAccess: true,
                    publicAccessCidrs: ["203.0.113.0/24"],
                    accessEntries: [
                        {
                            principalArn: "arn:aws:iam::111122223333:role/platform-admins",
                            accessPolicies: [{ policyName: "AmazonEKSClusterAdminPolicy" }],
                        },
                    ],
                    tags: { environment: "dev" },
                },
                { subnetIds: [VPC_URN] },
            );
            assertComponent(r, "EksCluster", "cluster");
            assert.deepStrictEqual(r.inventory(), {
                "eks-identity:index:EksCluster": 1,
                "pulumi-nodejs:dynamic:Resource": 1,
                "aws:iam/role:Role": 2,
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 2,
                "aws:kms/key:Key": 1,
                "aws:eks/cluster:Cluster": 1,
                "aws:eks/addon:Addon": 3,
                "aws:eks/accessEntry:AccessEntry": 1,
                "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": 1,
            });
            const cluster = r.one("aws:eks/cluster:Cluster", "cluster-cluster");
            const vpcConfig = cluster.inputs.vpcConfig as Record<string, unknown>;
            assert.deepStrictEqual(vpcConfig.subnetIds, ["subnet-a", "subnet-b"]);
            assert.deepStrictEqual(vpcConfig.publicAccessCidrs, ["203.0.113.0/24"]);
            assert.ok(cluster.propertyDependencies.vpcConfig.includes(VPC_URN), "the VPC dependency is kept");
            assert.deepStrictEqual(cluster.inputs.tags, { environment: "dev" });
            const association = r.one(
                "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
                "cluster-access-role-platform-admins-AmazonEKSClusterAdminPolicy",
            );
            assert.strictEqual(
                association.inputs.policyArn,
                "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
            );
            assert.deepStrictEqual(r.trustPolicy("cluster-vpc-cni-role"), {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "pods.eks.amazonaws.com" },
                        Action: ["sts:AssumeRole", "sts:TagSession"],
                        Condition: {
                            StringEquals: {
                                "aws:SourceAccount": "111122223333",
                                "aws:RequestTag/eks-cluster-arn": [cluster.outputs.arn],
                                "aws:RequestTag/kubernetes-namespace": "kube-system",
                                "aws:RequestTag/kubernetes-service-account": "aws-node",
                            },
                        },
                    },
                ],
            });
            const { state } = r.value;
            assert.strictEqual(state.clusterName, "dev");
            assert.strictEqual(state.clusterArn, cluster.outputs.arn);
            assert.strictEqual(state.podIdentityAgent, true);
            assert.strictEqual(state.oidcProviderArn, "");
            assert.ok(isSecret(state.kubeconfig), "kubeconfig goes back to the caller as a secret");
            assert.strictEqual(
                state.cniRoleArn,
                `arn:aws:iam::111122223333:role/${physicalName("cluster-vpc-cni-role")}`,
            );
        });

        it("CoreDnsAddon: the cluster name wired from the cluster keeps its dependency", async () => {
            const r = await construct(
                "CoreDnsAddon",
                "coredns",
                {
                    clusterName: "dev",
                    addonVersion: "v1.11.4-eksbuild.2",
                    configurationValues: '{"replicaCount":3}',
                    tags: { environment: "dev" },
                },
                { clusterName: [CLUSTER_URN] },
            );
            assertComponent(r, "CoreDnsAddon", "coredns");
            assert.deepStrictEqual(r.inventory(), {
                "eks-identity:index:CoreDnsAddon": 1,
                "aws:eks/addon:Addon": 1,
            });
            const addon = r.one("aws:eks/addon:Addon", "coredns-coredns");
            assert.deepStrictEqual(addon.inputs, {
                clusterName: "dev",
                addonName: "coredns",
                addonVersion: "v1.11.4-eksbuild.2",
                configurationValues: '{"replicaCount":3}',
                resolveConflictsOnUpdate: "OVERWRITE",
                tags: { environment: "dev" },
            });
            assert.deepStrictEqual(addon.propertyDependencies.clusterName, [CLUSTER_URN]);
            assert.deepStrictEqual(r.value.state, { addonArn: addon.outputs.arn });
        });

        it("ManagedNodeGroup: numbers, labels and taints as plain JSON build the least-privilege group", async () => {
            const r = await construct(
                "ManagedNodeGroup",
                "general",
                {
                    clusterName: "dev",
                    subnetIds: ["subnet-a", "subnet-b"],
                    instanceTypes: ["m7i.large"],
                    minSize: 1,
                    maxSize: 4,
                    desiredSize: 2,
                    labels: { pool: "general" },
                    taints: [{ key: "dedicated", value: "system", effect: "NO_SCHEDULE" }],
                },
                { clusterName: [CLUSTER_URN] },
            );
            assertComponent(r, "ManagedNodeGroup", "general");
            assert.deepStrictEqual(r.inventory(), {
                "eks-identity:index:ManagedNodeGroup": 1,
                "aws:iam/role:Role": 1,
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 2,
                "aws:ec2/launchTemplate:LaunchTemplate": 1,
                "aws:eks/nodeGroup:NodeGroup": 1,
            });
            assert.deepStrictEqual(r.attachedPolicies("general-node-role"), LEAST_NODE_POLICIES);
            const group = r.one("aws:eks/nodeGroup:NodeGroup", "general-ng");
            assert.deepStrictEqual(group.inputs.scalingConfig, { minSize: 1, maxSize: 4, desiredSize: 2 });
            assert.deepStrictEqual(group.inputs.instanceTypes, ["m7i.large"]);
            assert.deepStrictEqual(group.inputs.labels, { pool: "general" });
            assert.deepStrictEqual(group.inputs.taints, [
                { key: "dedicated", value: "system", effect: "NO_SCHEDULE" },
            ]);
            assert.ok(group.propertyDependencies.clusterName.includes(CLUSTER_URN));
            assert.strictEqual(r.value.state.nodeGroupArn, group.outputs.arn);
            assert.strictEqual(
                r.value.state.nodeRoleArn,
                `arn:aws:iam::111122223333:role/${physicalName("general-node-role")}`,
            );
        });

        it("SelfManagedNodeGroup: cluster facts wired from the cluster bootstrap nodes with an EC2_LINUX entry", async () => {
            const r = await construct(
                "SelfManagedNodeGroup",
                "legacy",
                {
                    ...selfManaged,
                    instanceType: "m7i.xlarge",
                    labels: { pool: "legacy" },
                },
                {
                    clusterName: [CLUSTER_URN],
                    clusterEndpoint: [CLUSTER_URN],
                    certificateAuthority: [CLUSTER_URN],
                    serviceCidr: [CLUSTER_URN],
                    clusterSecurityGroupId: [CLUSTER_URN],
                },
            );
            assertComponent(r, "SelfManagedNodeGroup", "legacy");
            assert.deepStrictEqual(r.inventory(), {
                "eks-identity:index:SelfManagedNodeGroup": 1,
                "aws:iam/role:Role": 1,
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 2,
                "aws:iam/instanceProfile:InstanceProfile": 1,
                "aws:eks/accessEntry:AccessEntry": 1,
                "aws:ec2/launchTemplate:LaunchTemplate": 1,
                "aws:autoscaling/group:Group": 1,
            });
            assert.deepStrictEqual(r.attachedPolicies("legacy-node-role"), LEAST_NODE_POLICIES);
            const roleArn = `arn:aws:iam::111122223333:role/${physicalName("legacy-node-role")}`;
            assert.deepStrictEqual(r.one("aws:eks/accessEntry:AccessEntry", "legacy-access").inputs, {
                clusterName: "prod",
                principalArn: roleArn,
                type: "EC2_LINUX",
            });
            const lt = r.one("aws:ec2/launchTemplate:LaunchTemplate", "legacy-lt");
            assert.strictEqual(lt.inputs.instanceType, "m7i.xlarge");
            assert.deepStrictEqual(lt.inputs.vpcSecurityGroupIds, ["sg-cluster"]);
            const userData = Buffer.from(String(lt.inputs.userData), "base64").toString();
            assert.ok(userData.includes("apiServerEndpoint: https://ABC.gr7.us-west-2.eks.amazonaws.com"));
            assert.ok(userData.includes("cidr: 172.20.0.0/16"));
            assert.strictEqual(r.value.state.nodeRoleArn, roleArn);
            assert.strictEqual(r.value.state.launchTemplateId, lt.id);
        });

        it("SelfManagedNodeGroup: tags wired from another resource still reach every instance", async () => {
            const TAGS_URN = "urn:pulumi:dev::platform::pulumi:pulumi:StackReference::tags";
            const r = await construct(
                "SelfManagedNodeGroup",
                "legacy",
                {
                    ...selfManaged,
                    tags: { "cost-center": "4711" },
                },
                { tags: [TAGS_URN] },
            );
            assertComponent(r, "SelfManagedNodeGroup", "legacy");
            const group = r.one("aws:autoscaling/group:Group", "legacy-asg");
            assert.deepStrictEqual(group.inputs.tags, [
                { key: "kubernetes.io/cluster/prod", value: "owned", propagateAtLaunch: true },
                { key: "Name", value: "legacy-node", propagateAtLaunch: true },
                { key: "cost-center", value: "4711", propagateAtLaunch: true },
            ]);
            assert.deepStrictEqual(group.propertyDependencies.tags, [TAGS_URN]);
            assert.deepStrictEqual(r.one("aws:iam/role:Role", "legacy-node-role").inputs.tags, {
                "cost-center": "4711",
            });
        });

        it("FargateProfile: selectors as a list of dicts, namespaces back in the state", async () => {
            const r = await construct(
                "FargateProfile",
                "batch",
                {
                    clusterName: "prod",
                    subnetIds: ["subnet-a", "subnet-b"],
                    selectors: [{ namespace: "batch" }, { namespace: "jobs", labels: { fargate: "yes" } }],
                },
                { clusterName: [CLUSTER_URN] },
            );
            assertComponent(r, "FargateProfile", "batch");
            assert.deepStrictEqual(r.inventory(), {
                "eks-identity:index:FargateProfile": 1,
                "aws:iam/role:Role": 1,
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 1,
                "aws:eks/fargateProfile:FargateProfile": 1,
            });
            const profile = r.one("aws:eks/fargateProfile:FargateProfile", "batch-profile");
            assert.deepStrictEqual(profile.inputs.selectors, [
                { namespace: "batch" },
                { namespace: "jobs", labels: { fargate: "yes" } },
            ]);
            assert.deepStrictEqual(r.value.state.namespaces, ["batch", "jobs"]);
            assert.deepStrictEqual(r.attachedPolicies("batch-pod-execution-role"), [
                "arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy",
            ]);
        });

        const CLUSTER_ARN = "arn:aws:eks:us-west-2:111122223333:cluster/dev";
        const INVOICES = JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: ["s3:GetObject"],
                    Resource: "arn:aws:s3:::dev-payments-invoices/*",
                },
                {
                    Effect: "Allow",
                    Action: ["secretsmanager:GetSecretValue"],
                    Resource: "arn:aws:secretsmanager:us-west-2:111122223333:secret:dev/payments/*",
                },
            ],
        });

        it("WorkloadIdentity: pod-identity trust, inline policy, association, ServiceAccount on the providers option", async () => {
            const r = await construct(
                "WorkloadIdentity",
                "payments-api",
                {
                    clusterName: "dev",
                    clusterArn: CLUSTER_ARN,
                    namespace: "payments",
                    serviceAccount: "payments-api",
                    mode: "pod-identity",
                    inlinePolicies: [{ name: "read-invoices", policy: INVOICES }],
                    sdk: { language: "python", version: "1.35.10" },
                    tags: { environment: "dev" },
                },
                { clusterName: [CLUSTER_URN], clusterArn: [CLUSTER_URN] },
                () => ({ providers: { kubernetes: new k8s.Provider("cluster-k8s", { kubeconfig: "{}" }) } }),
            );
            assertComponent(r, "WorkloadIdentity", "payments-api");
            assert.deepStrictEqual(r.inventory(), {
                "pulumi:providers:kubernetes": 1,
                "eks-identity:index:WorkloadIdentity": 1,
                "aws:iam/role:Role": 1,
                "aws:iam/rolePolicy:RolePolicy": 1,
                "kubernetes:core/v1:ServiceAccount": 1,
                "aws:eks/podIdentityAssociation:PodIdentityAssociation": 1,
            });
            const trust = {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "pods.eks.amazonaws.com" },
                        Action: ["sts:AssumeRole", "sts:TagSession"],
                        Condition: {
                            StringEquals: {
                                "aws:SourceAccount": "111122223333",
                                "aws:RequestTag/eks-cluster-arn": [CLUSTER_ARN],
                                "aws:RequestTag/kubernetes-namespace": "payments",
                                "aws:RequestTag/kubernetes-service-account": "payments-api",
                            },
                        },
                    },
                ],
            };
            assert.deepStrictEqual(r.trustPolicy("payments-api-role"), trust);
            const policy = r.one("aws:iam/rolePolicy:RolePolicy", "payments-api-read-invoices");
            assert.strictEqual(policy.inputs.policy, INVOICES);
            const association = r.one(
                "aws:eks/podIdentityAssociation:PodIdentityAssociation",
                "payments-api-association",
            );
            assert.deepStrictEqual(
                [
                    association.inputs.clusterName,
                    association.inputs.namespace,
                    association.inputs.serviceAccount,
                ],
                ["dev", "payments", "payments-api"],
            );
            assert.ok(association.propertyDependencies.clusterName.includes(CLUSTER_URN));
            assert.ok(association.dependencies.includes(policy.urn), "permissions before the association");
            const kubernetes = r.one("pulumi:providers:kubernetes", "cluster-k8s");
            const sa = r.one("kubernetes:core/v1:ServiceAccount", "payments-api-sa");
            assert.ok(
                sa.provider?.startsWith(`${kubernetes.urn}::`),
                `ServiceAccount provider ${sa.provider}`,
            );
            assert.deepStrictEqual((sa.inputs.metadata as Record<string, unknown>).annotations, {});
            const { state } = r.value;
            assert.deepStrictEqual(JSON.parse(String(state.trustPolicy)), trust);
            assert.strictEqual(state.mode, "pod-identity");
            assert.strictEqual(state.clusterName, "dev");
            assert.strictEqual(state.associationArn, association.outputs.associationArn);
            assert.strictEqual(
                state.roleArn,
                `arn:aws:iam::111122223333:role/${physicalName("payments-api-role")}`,
            );
        });

        it("WorkloadIdentity: a namespace wired from a Namespace resource reaches the trust and the association", async () => {
            const NAMESPACE_URN = "urn:pulumi:dev::platform::kubernetes:core/v1:Namespace::payments";
            const r = await construct(
                "WorkloadIdentity",
                "payments-api",
                {
                    clusterName: "dev",
                    clusterArn: CLUSTER_ARN,
                    namespace: "payments",
                    serviceAccount: "payments-api",
                    mode: "pod-identity",
                },
                { namespace: [NAMESPACE_URN] },
            );
            assertComponent(r, "WorkloadIdentity", "payments-api");
            const association = r.one(
                "aws:eks/podIdentityAssociation:PodIdentityAssociation",
                "payments-api-association",
            );
            assert.strictEqual(association.inputs.namespace, "payments");
            assert.deepStrictEqual(association.propertyDependencies.namespace, [NAMESPACE_URN]);
            const trust = r.trustPolicy("payments-api-role") as {
                Statement: { Condition: { StringEquals: Record<string, unknown> } }[];
            };
            assert.strictEqual(
                trust.Statement[0].Condition.StringEquals["aws:RequestTag/kubernetes-namespace"],
                "payments",
            );
            const sa = r.one("kubernetes:core/v1:ServiceAccount", "payments-api-sa");
            assert.strictEqual((sa.inputs.metadata as Record<string, unknown>).namespace, "payments");
            assert.strictEqual(r.value.state.namespace, "payments");
        });

        it("WorkloadIdentity: a well-known policy given as a dict is scoped to its hosted zone", async () => {
            const zone = "arn:aws:route53:::hostedzone/Z0DEVEXAMPLE1";
            const r = await construct("WorkloadIdentity", "external-dns", {
                clusterName: "dev",
                namespace: "external-dns",
                serviceAccount: "external-dns",
                mode: "pod-identity",
                wellKnownPolicies: [{ kind: "external-dns", hostedZoneArns: [zone] }],
            });
            assertComponent(r, "WorkloadIdentity", "external-dns");
            const policy = JSON.parse(
                String(r.one("aws:iam/rolePolicy:RolePolicy", "external-dns-external-dns").inputs.policy),
            ) as { Statement: { Action: string | string[]; Resource: string | string[] }[] };
            const changes = policy.Statement.find((s) =>
                ([] as string[]).concat(s.Action).includes("route53:ChangeResourceRecordSets"),
            );
            assert.deepStrictEqual(([] as string[]).concat(changes?.Resource ?? []), [zone]);
        });

        it("WorkloadIdentity: invalid inputs fail as an InputPropertiesError before any child exists", async () => {
            const r = await run(async () => {
                const inputs = await wire({
                    clusterName: "dev",
                    namespace: "payments",
                    serviceAccount: "payments-api",
                    mode: "pod_identity",
                });
                try {
                    await provider.construct("bad", `${PKG}:index:WorkloadIdentity`, inputs, {});
                } catch (error) {
                    return error;
                }
                return undefined;
            });
            assert.ok(pulumi.InputPropertiesError.isInstance(r.value), `got ${String(r.value)}`);
            assert.deepStrictEqual(errorPaths(r.value as pulumi.InputPropertiesError), ["mode"]);
            assert.deepStrictEqual(r.names(), ["eks-identity:index:WorkloadIdentity::bad"]);
        });

        it("rejects a token outside the package", async () => {
            await assert.rejects(
                provider.construct("x", "eks:index:Cluster", {}, {}),
                /Invalid package name eks, expected 'eks-identity'/,
            );
        });
    });
});
