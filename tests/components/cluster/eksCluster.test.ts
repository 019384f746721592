import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EksCluster, EksClusterArgs, validateEksClusterArgs } from "../../../components";
import { physicalName, UNKNOWN } from "../../../plan/cloud";
import { chinaCloud, errorPaths, run, runExpectingError, valueOf } from "../../harness";

const subnets = ["subnet-aaaa1111", "subnet-bbbb2222"];
const base: EksClusterArgs = { subnetIds: subnets, clusterName: "dev" };
const ROLE = "aws:iam/role:Role";
const ADDON = "aws:eks/addon:Addon";

describe("EksCluster", () => {
    it("registers exactly the least-privilege inventory by default (Pod Identity on, IRSA off)", async () => {
        const r = await run(() => new EksCluster("dev", base));
        assert.deepStrictEqual(r.inventory(), {
            "eks-identity:index:EksCluster": 1,
            "aws:iam/role:Role": 2,
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 2,
            "aws:kms/key:Key": 1,
            "aws:eks/cluster:Cluster": 1,
            "aws:eks/addon:Addon": 3,
            // The access gate (components/cluster/accessGate.ts), a dynamic resource.
            "pulumi-nodejs:dynamic:Resource": 1,
        });
        assert.deepStrictEqual(
            r
                .ofType(ADDON)
                .map((a) => a.inputs.addonName)
                .sort(),
            ["eks-pod-identity-agent", "kube-proxy", "vpc-cni"],
        );
        assert.strictEqual(r.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").length, 0);
        assert.deepStrictEqual(r.invokes.sort(), [
            "aws:index/getCallerIdentity:getCallerIdentity",
            "aws:index/getPartition:getPartition",
            "aws:index/getRegion:getRegion",
        ]);
        const component = r.one("eks-identity:index:EksCluster", "dev");
        for (const child of r.registrations.filter((x) => x !== component)) {
            assert.strictEqual(
                child.parent,
                component.urn,
                `${child.type} ${child.name} must be parented to the component`,
            );
        }
    });

    it("gives the cluster role eks.amazonaws.com trust and AmazonEKSClusterPolicy only", async () => {
        const r = await run(() => new EksCluster("dev", base));
        assert.deepStrictEqual(r.trustPolicy("dev-cluster-role"), {
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" },
            ],
        });
        assert.deepStrictEqual(r.attachedPolicies("dev-cluster-role"), [
            "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
        ]);
        const withController = await run(
            () => new EksCluster("dev", { ...base, vpcResourceController: true }),
        );
        assert.deepStrictEqual(withController.attachedPolicies("dev-cluster-role"), [
            "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
            "arn:aws:iam::aws:policy/AmazonEKSVPCResourceController",
        ]);
    });

    it("configures the control plane: API auth, private endpoint, KMS secrets, logs, no self-managed add-ons", async () => {
        const r = await run(() => new EksCluster("dev", base));
        const cluster = r.one("aws:eks/cluster:Cluster", "dev-cluster");
        const key = r.one("aws:kms/key:Key", "dev-secrets");
        assert.strictEqual(key.inputs.enableKeyRotation, true);
        assert.deepStrictEqual(cluster.inputs.accessConfig, {
            authenticationMode: "API",
            bootstrapClusterCreatorAdminPermissions: false,
        });
        assert.deepStrictEqual(cluster.inputs.vpcConfig, {
            subnetIds: subnets,
            endpointPrivateAccess: true,
            endpointPublicAccess: false,
        });
        assert.deepStrictEqual(cluster.inputs.encryptionConfig, {
            resources: ["secrets"],
            provider: { keyArn: key.outputs.arn },
        });
        assert.deepStrictEqual(cluster.inputs.enabledClusterLogTypes, ["api", "audit", "authenticator"]);
        assert.strictEqual(cluster.inputs.bootstrapSelfManagedAddons, false);
        assert.strictEqual(cluster.inputs.version, "1.33");
        assert.strictEqual(
            cluster.inputs.roleArn,
            `arn:aws:iam::111122223333:role/${physicalName("dev-cluster-role")}`,
        );
        const roleAttachments = r
            .ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
            .filter((a) => a.name.startsWith("dev-cluster-role"));
        // Explicit dependsOn (attachments first, or the cluster may start without its policy) plus the inputs' own dependencies.
        assert.deepStrictEqual(
            cluster.dependencies.sort(),
            [...roleAttachments.map((a) => a.urn), r.one(ROLE, "dev-cluster-role").urn, key.urn].sort(),
        );
    });

    it("uses a caller's KMS key, or none when secrets encryption is off", async () => {
        const byo = await run(
            () => new EksCluster("dev", { ...base, kmsKeyArn: "arn:aws:kms:us-west-2:111122223333:key/byo" }),
        );
        assert.strictEqual(byo.ofType("aws:kms/key:Key").length, 0);
        assert.deepStrictEqual(byo.one("aws:eks/cluster:Cluster", "dev-cluster").inputs.encryptionConfig, {
            resources: ["secrets"],
            provider: { keyArn: "arn:aws:kms:us-west-2:111122223333:key/byo" },
        });
        const off = await run(() => new EksCluster("dev", { ...base, secretsEncryption: false }));
        assert.strictEqual(off.ofType("aws:kms/key:Key").length, 0);
        assert.strictEqual(
            off.one("aws:eks/cluster:Cluster", "dev-cluster").inputs.encryptionConfig,
            undefined,
        );
    });

    it("gives vpc-cni a Pod Identity role with AmazonEKS_CNI_Policy when Pod Identity is on", async () => {
        const r = await run(() => new EksCluster("dev", base));
        const clusterArn = "arn:aws:eks:us-west-2:111122223333:cluster/dev";
        assert.deepStrictEqual(r.trustPolicy("dev-vpc-cni-role"), {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "pods.eks.amazonaws.com" },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                    Condition: {
                        StringEquals: {
                            "aws:SourceAccount": "111122223333",
                            "aws:RequestTag/eks-cluster-arn": [clusterArn],
                            "aws:RequestTag/kubernetes-namespace": "kube-system",
                            "aws:RequestTag/kubernetes-service-account": "aws-node",
                        },
                    },
                },
            ],
        });
        assert.deepStrictEqual(r.attachedPolicies("dev-vpc-cni-role"), [
            "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
        ]);
        const cni = r.one(ADDON, "dev-vpc-cni");
        const cniRoleArn = `arn:aws:iam::111122223333:role/${physicalName("dev-vpc-cni-role")}`;
        assert.deepStrictEqual(cni.inputs.podIdentityAssociations, [
            { roleArn: cniRoleArn, serviceAccount: "aws-node" },
        ]);
        assert.strictEqual(cni.inputs.serviceAccountRoleArn, undefined);
        assert.ok(
            cni.dependencies.includes(r.one(ADDON, "dev-eks-pod-identity-agent").urn),
            "vpc-cni waits for the agent",
        );
    });

    it("creates the OIDC provider with client ids exactly [sts.amazonaws.com] and an IRSA vpc-cni role when only IRSA is on", async () => {
        const r = await run(() => new EksCluster("dev", { ...base, irsa: true, podIdentity: false }));
        const provider = r.one("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "dev-oidc");
        const cluster = r.one("aws:eks/cluster:Cluster", "dev-cluster");
        const issuerUrl = (cluster.outputs.identities as { oidcs: { issuer: string }[] }[])[0].oidcs[0]
            .issuer;
        assert.match(issuerUrl, /^https:\/\/oidc\.eks\.us-west-2\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
        assert.deepStrictEqual(provider.inputs.clientIdLists, ["sts.amazonaws.com"]);
        assert.strictEqual(provider.inputs.url, issuerUrl);
        assert.strictEqual(provider.inputs.thumbprintLists, undefined);
        assert.deepStrictEqual(
            r
                .ofType(ADDON)
                .map((a) => a.inputs.addonName)
                .sort(),
            ["kube-proxy", "vpc-cni"],
        );
        const issuer = issuerUrl.replace("https://", "");
        assert.deepStrictEqual(r.trustPolicy("dev-vpc-cni-role"), {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${issuer}` },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: {
                            [`${issuer}:sub`]: "system:serviceaccount:kube-system:aws-node",
                            [`${issuer}:aud`]: "sts.amazonaws.com",
                        },
                    },
                },
            ],
        });
        const cni = r.one(ADDON, "dev-vpc-cni");
        assert.strictEqual(
            cni.inputs.serviceAccountRoleArn,
            `arn:aws:iam::111122223333:role/${physicalName("dev-vpc-cni-role")}`,
        );
        assert.strictEqual(cni.inputs.podIdentityAssociations, undefined);
        const component = r.value;
        assert.strictEqual(await valueOf(component.oidcIssuer), issuer);
        assert.strictEqual(
            await valueOf(component.oidcProviderArn),
            `arn:aws:iam::111122223333:oidc-provider/${issuer}`,
        );
    });

    it("has both the OIDC provider and the agent when both switches are on; vpc-cni prefers Pod Identity", async () => {
        const r = await run(() => new EksCluster("dev", { ...base, irsa: true, podIdentity: true }));
        assert.strictEqual(r.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").length, 1);
        assert.deepStrictEqual(
            r
                .ofType(ADDON)
                .map((a) => a.inputs.addonName)
                .sort(),
            ["eks-pod-identity-agent", "kube-proxy", "vpc-cni"],
        );
        assert.ok(r.one(ADDON, "dev-vpc-cni").inputs.podIdentityAssociations);
    });

    it("builds partition-aware ARNs (aws-cn)", async () => {
        const r = await run(() => new EksCluster("cn", { ...base, clusterName: "cn" }), {
            cloud: chinaCloud,
        });
        assert.deepStrictEqual(r.attachedPolicies("cn-cluster-role"), [
            "arn:aws-cn:iam::aws:policy/AmazonEKSClusterPolicy",
        ]);
        assert.deepStrictEqual(r.attachedPolicies("cn-vpc-cni-role"), [
            "arn:aws-cn:iam::aws:policy/AmazonEKS_CNI_Policy",
        ]);
        const trust = r.trustPolicy("cn-vpc-cni-role") as {
            Statement: { Condition: { StringEquals: Record<string, unknown> } }[];
        };
        assert.deepStrictEqual(trust.Statement[0].Condition.StringEquals["aws:RequestTag/eks-cluster-arn"], [
            "arn:aws-cn:eks:cn-north-1:444455556666:cluster/cn",
        ]);
    });

    it("creates access entries and access-policy associations keyed by principal", async () => {
        const r = await run(
            () =>
                new EksCluster("dev", {
                    ...base,
                    accessEntries: [
                        {
                            principalArn: "arn:aws:iam::111122223333:role/platform-admins",
                            accessPolicies: [{ policyName: "AmazonEKSClusterAdminPolicy" }],
                        },
                        {
                            principalArn: "arn:aws:iam::111122223333:role/team-a",
                            kubernetesGroups: ["team-a"],
                            accessPolicies: [
                                {
                                    policyName: "AmazonEKSEditPolicy",
                                    scope: "namespace",
                                    namespaces: ["team-a"],
                                },
                            ],
                        },
                    ],
                }),
        );
        const entries = r.ofType("aws:eks/accessEntry:AccessEntry");
        assert.deepStrictEqual(
            entries.map((e) => [e.name, e.inputs.type, e.inputs.principalArn]),
            [
                [
                    "dev-access-role-platform-admins",
                    "STANDARD",
                    "arn:aws:iam::111122223333:role/platform-admins",
                ],
                ["dev-access-role-team-a", "STANDARD", "arn:aws:iam::111122223333:role/team-a"],
            ],
        );
        const team = r.one(
            "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
            "dev-access-role-team-a-AmazonEKSEditPolicy",
        );
        assert.strictEqual(
            team.inputs.policyArn,
            "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
        );
        assert.deepStrictEqual(team.inputs.accessScope, { type: "namespace", namespaces: ["team-a"] });
        assert.deepStrictEqual(
            team.dependencies.sort(),
            [
                r.one("aws:eks/accessEntry:AccessEntry", "dev-access-role-team-a").urn,
                r.one("aws:eks/cluster:Cluster", "dev-cluster").urn,
            ].sort(),
        );
        const admin = r.one(
            "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
            "dev-access-role-platform-admins-AmazonEKSClusterAdminPolicy",
        );
        assert.deepStrictEqual(admin.inputs.accessScope, { type: "cluster" });
    });

    it("gates the Kubernetes provider on the kubeconfig identity's access, after every entry and association", async () => {
        const r = await run(() => {
            const cluster = new EksCluster("dev", {
                ...base,
                kubeconfigRoleArn: "arn:aws:iam::111122223333:role/platform-admins",
                accessEntries: [
                    {
                        principalArn: "arn:aws:iam::111122223333:role/platform-admins",
                        accessPolicies: [{ policyName: "AmazonEKSClusterAdminPolicy" }],
                    },
                ],
            });
            cluster.kubernetesProvider();
            return cluster;
        });
        const gate = r.one("pulumi-nodejs:dynamic:Resource", "dev-access-gate");
        const { __provider: provider, ...inputs } = gate.inputs;
        assert.strictEqual(typeof provider, "string", "the serialised provider the engine runs");
        const entry = r.one("aws:eks/accessEntry:AccessEntry", "dev-access-role-platform-admins");
        const association = r.one(
            "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
            "dev-access-role-platform-admins-AmazonEKSClusterAdminPolicy",
        );
        const cluster = r.one("aws:eks/cluster:Cluster", "dev-cluster");
        assert.deepStrictEqual(inputs, {
            endpoint: cluster.outputs.endpoint,
            certificateAuthority: (cluster.outputs.certificateAuthority as { data: string }).data,
            command: "aws",
            args: [
                "eks",
                "get-token",
                "--cluster-name",
                "dev",
                "--region",
                "us-west-2",
                "--role-arn",
                "arn:aws:iam::111122223333:role/platform-admins",
                "--output",
                "json",
            ],
            env: {},
            verb: "create",
            resource: "serviceaccounts",
            timeoutSeconds: 300,
            accessIds: [entry.id, association.id],
        });
        assert.deepStrictEqual(gate.dependencies.sort(), [entry.urn, association.urn, cluster.urn].sort());
        const provider8s = r.one("pulumi:providers:kubernetes", "dev-k8s");
        assert.deepStrictEqual(provider8s.dependencies.sort(), [gate.urn, cluster.urn].sort());
        const off = await run(() => {
            new EksCluster("dev", { ...base, accessGateTimeoutSeconds: 0 }).kubernetesProvider();
        });
        assert.strictEqual(off.ofType("pulumi-nodejs:dynamic:Resource").length, 0);
        assert.deepStrictEqual(off.one("pulumi:providers:kubernetes", "dev-k8s").dependencies, [
            off.one("aws:eks/cluster:Cluster", "dev-cluster").urn,
        ]);
    });

    it("protectStatefulResources protects the cluster, its KMS key and OIDC provider, and nothing else", async () => {
        const protectedOnes = async (args: Partial<EksClusterArgs>) =>
            (await run(() => new EksCluster("dev", { ...base, irsa: true, ...args }))).registrations
                .filter((x) => x.protect)
                .map((x) => x.name);
        assert.deepStrictEqual(await protectedOnes({ protectStatefulResources: true }), [
            "dev-secrets",
            "dev-cluster",
            "dev-oidc",
        ]);
        assert.deepStrictEqual(await protectedOnes({}), []);
    });

    it("takes a principal from another resource, its children named by the entry's key", async () => {
        const r = await run(() => {
            const ci = new aws.iam.Role("ci", { assumeRolePolicy: "{}" });
            return new EksCluster("dev", {
                ...base,
                kubeconfigRoleArn: "arn:aws:iam::111122223333:role/platform-admins",
                accessEntries: [
                    {
                        principalArn: ci.arn,
                        key: "ci",
                        accessPolicies: [{ policyName: "AmazonEKSAdminPolicy" }],
                    },
                ],
            });
        });
        const ciArn = `arn:aws:iam::111122223333:role/${physicalName("ci")}`;
        assert.deepStrictEqual(
            r.one("aws:eks/accessEntry:AccessEntry", "dev-access-ci").inputs.principalArn,
            ciArn,
        );
        assert.deepStrictEqual(
            r.one(
                "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
                "dev-access-ci-AmazonEKSAdminPolicy",
            ).inputs.principalArn,
            ciArn,
        );
    });

    it("exposes outputs: names, endpoint, CA, issuer without scheme, exec kubeconfig as a secret", async () => {
        const r = await run(
            () =>
                new EksCluster("dev", {
                    ...base,
                    endpointPublicAccess: true,
                    publicAccessCidrs: ["203.0.113.0/24"],
                }),
        );
        const c = r.value;
        assert.strictEqual(await valueOf(c.clusterName), "dev");
        assert.strictEqual(await valueOf(c.clusterArn), "arn:aws:eks:us-west-2:111122223333:cluster/dev");
        assert.match(
            await valueOf(c.endpoint),
            /^https:\/\/[0-9A-F]{32}\.gr7\.us-west-2\.eks\.amazonaws\.com$/,
        );
        assert.strictEqual(
            await valueOf(c.certificateAuthority),
            Buffer.from("CA for dev").toString("base64"),
        );
        assert.match(await valueOf(c.oidcIssuer), /^oidc\.eks\.us-west-2\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
        assert.strictEqual(await valueOf(c.oidcProviderArn), "");
        assert.strictEqual(await valueOf(c.serviceCidr), "172.20.0.0/16");
        assert.strictEqual(await (c.kubeconfig as unknown as { isSecret: Promise<boolean> }).isSecret, true);
        const kubeconfig = JSON.parse(await valueOf(c.kubeconfig));
        assert.deepStrictEqual(kubeconfig.users[0].user.exec.args, [
            "eks",
            "get-token",
            "--cluster-name",
            "dev",
            "--region",
            "us-west-2",
            "--output",
            "json",
        ]);
        assert.strictEqual(kubeconfig.clusters[0].cluster.server, await valueOf(c.endpoint));
        const cluster = r.one("aws:eks/cluster:Cluster", "dev-cluster");
        assert.deepStrictEqual((cluster.inputs.vpcConfig as Record<string, unknown>).publicAccessCidrs, [
            "203.0.113.0/24",
        ]);
    });

    it("pins add-on versions by name, a version from another resource included", async () => {
        const r = await run(
            () =>
                new EksCluster("dev", {
                    ...base,
                    addonVersions: {
                        "vpc-cni": pulumi.output("v1.19.2-eksbuild.1"),
                        "kube-proxy": "v1.33.0-eksbuild.2",
                    },
                }),
        );
        assert.deepStrictEqual(
            ["dev-vpc-cni", "dev-kube-proxy", "dev-eks-pod-identity-agent"].map(
                (name) => r.one(ADDON, name).inputs.addonVersion,
            ),
            ["v1.19.2-eksbuild.1", "v1.33.0-eksbuild.2", undefined],
        );
    });

    it("the kubeconfig assumes kubeconfigRoleArn, plain or from another resource", async () => {
        const deployer = "arn:aws:iam::111122223333:role/deployer";
        const entries = { accessEntries: [{ principalArn: deployer }] };
        for (const kubeconfigRoleArn of [deployer, pulumi.output(deployer)]) {
            const r = await run(() => new EksCluster("dev", { ...base, ...entries, kubeconfigRoleArn }));
            const kubeconfig = JSON.parse(await valueOf(r.value.kubeconfig));
            assert.deepStrictEqual(kubeconfig.users[0].user.exec.args, [
                "eks",
                "get-token",
                "--cluster-name",
                "dev",
                "--region",
                "us-west-2",
                "--role-arn",
                deployer,
                "--output",
                "json",
            ]);
        }
    });

    it("runs in preview: same inventory, trust documents still registered", async () => {
        const r = await run(() => new EksCluster("dev", { ...base, irsa: true }), { preview: true });
        assert.strictEqual(r.ofType(ROLE).length, 2);
        assert.strictEqual(r.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").length, 1);
        assert.strictEqual(r.ofType(ADDON).length, 3);
    });
});

describe("EksCluster at a stack's first preview (computed outputs unknown)", () => {
    it("the vpc-cni Pod Identity trust and clusterArn are known from the cluster name; the issuer is not", async () => {
        const r = await run(() => new EksCluster("dev", { ...base, irsa: true }), {
            preview: true,
            firstPreview: true,
        });
        const clusterArn = "arn:aws:eks:us-west-2:111122223333:cluster/dev";
        assert.strictEqual(r.one("aws:eks/cluster:Cluster", "dev-cluster").outputs.arn, UNKNOWN);
        assert.deepStrictEqual(JSON.parse(String(r.one(ROLE, "dev-vpc-cni-role").inputs.assumeRolePolicy)), {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "pods.eks.amazonaws.com" },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                    Condition: {
                        StringEquals: {
                            "aws:SourceAccount": "111122223333",
                            "aws:RequestTag/eks-cluster-arn": [clusterArn],
                            "aws:RequestTag/kubernetes-namespace": "kube-system",
                            "aws:RequestTag/kubernetes-service-account": "aws-node",
                        },
                    },
                },
            ],
        });
        assert.strictEqual(await valueOf(r.value.clusterArn), clusterArn);
        assert.strictEqual(
            r.one("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "dev-oidc").inputs.url,
            UNKNOWN,
        );
    });

    it("an IRSA-only vpc-cni trust waits for the issuer: unknown at the first preview", async () => {
        const r = await run(() => new EksCluster("dev", { ...base, irsa: true, podIdentity: false }), {
            preview: true,
            firstPreview: true,
        });
        assert.strictEqual(r.one(ROLE, "dev-vpc-cni-role").inputs.assumeRolePolicy, UNKNOWN);
    });
});

describe("EksCluster in EKS Auto Mode", () => {
    const auto: EksClusterArgs = { ...base, autoMode: true };
    const nodeRoleArn = `arn:aws:iam::111122223333:role/${physicalName("dev-auto-node-role")}`;
    const AUTO_CLUSTER_POLICIES = [
        "arn:aws:iam::aws:policy/AmazonEKSBlockStoragePolicy",
        "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
        "arn:aws:iam::aws:policy/AmazonEKSComputePolicy",
        "arn:aws:iam::aws:policy/AmazonEKSLoadBalancingPolicy",
        "arn:aws:iam::aws:policy/AmazonEKSNetworkingPolicy",
    ];

    it("registers no node add-on, no vpc-cni identity and no access entry with the built-in pools", async () => {
        const r = await run(() => new EksCluster("dev", auto));
        assert.deepStrictEqual(r.inventory(), {
            "eks-identity:index:EksCluster": 1,
            "aws:iam/role:Role": 2,
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 7,
            "aws:kms/key:Key": 1,
            "aws:eks/cluster:Cluster": 1,
            "pulumi-nodejs:dynamic:Resource": 1,
        });
        assert.deepStrictEqual(
            r.ofType(ROLE).map((role) => role.name),
            ["dev-cluster-role", "dev-auto-node-role"],
        );
        assert.strictEqual(await valueOf(r.value.cniRoleArn), "");
        assert.strictEqual(await valueOf(r.value.podIdentityAgent), true);
        assert.strictEqual(await valueOf(r.value.autoModeNodeRoleArn), nodeRoleArn);
        assert.strictEqual(await valueOf(r.value.autoModeNodeRoleName), physicalName("dev-auto-node-role"));
    });

    it("enables compute with both pools, block storage and load balancing, and no self-managed add-ons", async () => {
        const r = await run(() => new EksCluster("dev", auto));
        const cluster = r.one("aws:eks/cluster:Cluster", "dev-cluster");
        assert.deepStrictEqual(cluster.inputs.computeConfig, {
            enabled: true,
            nodePools: ["general-purpose", "system"],
            nodeRoleArn,
        });
        assert.deepStrictEqual(cluster.inputs.storageConfig, { blockStorage: { enabled: true } });
        assert.deepStrictEqual(cluster.inputs.kubernetesNetworkConfig, {
            elasticLoadBalancing: { enabled: true },
        });
        assert.strictEqual(cluster.inputs.bootstrapSelfManagedAddons, false);
        // Both roles' attachments exist before the cluster is created.
        const attachments = r
            .ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
            .map((a) => a.urn)
            .sort();
        assert.deepStrictEqual(
            cluster.dependencies.filter((urn) => attachments.includes(urn)).sort(),
            attachments,
        );
    });

    it("the cluster role trusts eks.amazonaws.com with AssumeRole and TagSession and carries exactly the Auto Mode policies", async () => {
        const r = await run(() => new EksCluster("dev", auto));
        assert.deepStrictEqual(r.trustPolicy("dev-cluster-role"), {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "eks.amazonaws.com" },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                },
            ],
        });
        assert.deepStrictEqual(r.attachedPolicies("dev-cluster-role"), AUTO_CLUSTER_POLICIES);
        assert.ok(
            !r.attachedPolicies("dev-cluster-role").some((arn) => arn.endsWith("VPCResourceController")),
        );
    });

    it("the node role trusts ec2.amazonaws.com only, with the minimal worker policy and ECR pull only", async () => {
        const r = await run(() => new EksCluster("dev", auto));
        assert.deepStrictEqual(r.trustPolicy("dev-auto-node-role"), {
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
            ],
        });
        const policies = r.attachedPolicies("dev-auto-node-role");
        assert.deepStrictEqual(policies, [
            "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
            "arn:aws:iam::aws:policy/AmazonEKSWorkerNodeMinimalPolicy",
        ]);
        for (const absent of [
            "AmazonEKSWorkerNodePolicy",
            "AmazonEKS_CNI_Policy",
            "AmazonSSMManagedInstanceCore",
        ]) {
            assert.ok(!policies.includes(`arn:aws:iam::aws:policy/${absent}`), absent);
        }
    });

    it("with no built-in pools: no nodeRoleArn, and the node role's EC2 access entry with AmazonEKSAutoNodePolicy", async () => {
        const r = await run(() => new EksCluster("dev", { ...auto, autoModeNodePools: [] }));
        const cluster = r.one("aws:eks/cluster:Cluster", "dev-cluster");
        assert.deepStrictEqual(cluster.inputs.computeConfig, { enabled: true, nodePools: [] });
        const entry = r.one("aws:eks/accessEntry:AccessEntry", "dev-access-auto-node-role");
        assert.deepStrictEqual(entry.inputs, { clusterName: "dev", principalArn: nodeRoleArn, type: "EC2" });
        const association = r.one(
            "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
            "dev-access-auto-node-role-AmazonEKSAutoNodePolicy",
        );
        assert.deepStrictEqual(association.inputs, {
            clusterName: "dev",
            principalArn: nodeRoleArn,
            policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAutoNodePolicy",
            accessScope: { type: "cluster" },
        });
        const one = await run(() => new EksCluster("dev", { ...auto, autoModeNodePools: ["system"] }));
        assert.deepStrictEqual(one.one("aws:eks/cluster:Cluster", "dev-cluster").inputs.computeConfig, {
            enabled: true,
            nodePools: ["system"],
            nodeRoleArn,
        });
        assert.strictEqual(one.ofType("aws:eks/accessEntry:AccessEntry").length, 0);
    });

    it("node groups beside Auto Mode get vpc-cni (own Pod Identity role), kube-proxy and the agent", async () => {
        const r = await run(() => new EksCluster("dev", { ...auto, ec2NodeGroups: true }));
        assert.deepStrictEqual(
            r
                .ofType(ADDON)
                .map((a) => a.inputs.addonName)
                .sort(),
            ["eks-pod-identity-agent", "kube-proxy", "vpc-cni"],
        );
        assert.deepStrictEqual(r.attachedPolicies("dev-vpc-cni-role"), [
            "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
        ]);
        assert.deepStrictEqual(r.one(ADDON, "dev-vpc-cni").inputs.podIdentityAssociations, [
            {
                roleArn: `arn:aws:iam::111122223333:role/${physicalName("dev-vpc-cni-role")}`,
                serviceAccount: "aws-node",
            },
        ]);
    });

    it("refuses Auto Mode switches that contradict it, all at once, before any child", async () => {
        const { error, registrations } = await runExpectingError(
            () =>
                new EksCluster("dev", {
                    ...auto,
                    podIdentity: false,
                    autoModeNodePools: ["General-Purpose", "system", "system"],
                }),
        );
        assert.deepStrictEqual(errorPaths(error), [
            "autoModeNodePools[0]",
            "autoModeNodePools[2]",
            "podIdentity",
        ]);
        assert.match(error.errors[0].reason, /runs the Pod Identity agent itself.*remove podIdentity/);
        assert.strictEqual(
            error.errors[1].reason,
            '"General-Purpose" is not a built-in Auto Mode node pool: use "general-purpose" or "system" (case-sensitive), or [] for none and your own NodePools',
        );
        assert.strictEqual(error.errors[2].reason, '"system" is listed twice: list each node pool once');
        assert.strictEqual(registrations.filter((x) => x.type !== "eks-identity:index:EksCluster").length, 0);
        const off = await runExpectingError(
            () => new EksCluster("dev", { ...base, autoModeNodePools: [], ec2NodeGroups: true }),
        );
        assert.deepStrictEqual(errorPaths(off.error), ["autoModeNodePools", "ec2NodeGroups"]);
        assert.strictEqual(
            off.error.errors[0].reason,
            "applies only to an EKS Auto Mode cluster: set autoMode to true, or remove autoModeNodePools",
        );
    });
});

describe("EksCluster with ipFamily ipv6", () => {
    const v6: EksClusterArgs = { ...base, ipFamily: "ipv6" };

    it("asks EKS for an ipv6 cluster and reports the service range EKS chose", async () => {
        const r = await run(() => new EksCluster("dev", v6));
        const cluster = r.one("aws:eks/cluster:Cluster", "dev-cluster");
        assert.deepStrictEqual(cluster.inputs.kubernetesNetworkConfig, { ipFamily: "ipv6" });
        assert.strictEqual(await valueOf(r.value.ipFamily), "ipv6");
        assert.match(await valueOf(r.value.serviceCidr), /^fd[0-9a-f]{2}:[0-9a-f]{4}:[0-9a-f]{4}::\/108$/);
        const v4 = await run(() => new EksCluster("dev", base));
        assert.strictEqual(
            v4.one("aws:eks/cluster:Cluster", "dev-cluster").inputs.kubernetesNetworkConfig,
            undefined,
        );
        assert.strictEqual(await valueOf(v4.value.ipFamily), "ipv4");
        assert.strictEqual(await valueOf(v4.value.serviceCidr), "172.20.0.0/16");
    });

    it("gives vpc-cni the catalog's IPv6 policy instead of AmazonEKS_CNI_Policy", async () => {
        const r = await run(() => new EksCluster("dev", v6));
        assert.deepStrictEqual(r.attachedPolicies("dev-vpc-cni-role"), []);
        const inline = r.one("aws:iam/rolePolicy:RolePolicy", "dev-vpc-cni-role-ipv6");
        assert.strictEqual(inline.inputs.name, "vpc-cni-ipv6");
        assert.strictEqual(inline.inputs.role, physicalName("dev-vpc-cni-role"));
        const doc = JSON.parse(String(inline.inputs.policy)) as {
            Statement: { Sid: string; Action: unknown }[];
        };
        assert.deepStrictEqual(
            doc.Statement.map((s) => [s.Sid, s.Action]),
            [
                ["AssignIpv6Addresses", "ec2:AssignIpv6Addresses"],
                [
                    "Describe",
                    [
                        "ec2:DescribeInstances",
                        "ec2:DescribeTags",
                        "ec2:DescribeNetworkInterfaces",
                        "ec2:DescribeInstanceTypes",
                        "ec2:DescribeSecurityGroups",
                        "ec2:DescribeSubnets",
                    ],
                ],
                ["TagNetworkInterfaces", "ec2:CreateTags"],
            ],
        );
        // The add-on waits for the policy as it waits for attachments.
        assert.ok(r.one(ADDON, "dev-vpc-cni").dependencies.includes(inline.urn));
    });

    it("refuses a service IPv4 range, an unknown family and the China Regions", async () => {
        const both = await runExpectingError(
            () => new EksCluster("dev", { ...v6, serviceIpv4Cidr: "10.100.0.0/16" }),
        );
        assert.deepStrictEqual(errorPaths(both.error), ["serviceIpv4Cidr"]);
        assert.strictEqual(
            both.error.errors[0].reason,
            "an ipv6 cluster takes its service range from EKS (fc00::/7, EKS API KubernetesNetworkConfigRequest): remove serviceIpv4Cidr, or use ipFamily ipv4",
        );
        const unknown = await runExpectingError(() => new EksCluster("dev", { ...base, ipFamily: "IPv6" }));
        assert.strictEqual(unknown.error.errors[0].reason, 'unknown IP family "IPv6": use "ipv4" or "ipv6"');
        // The region is known up front from aws:region; the validator is given it here.
        const china = validateEksClusterArgs(v6, { partition: "aws-cn", region: "cn-north-1" }, "2026-01-01");
        assert.deepStrictEqual(
            china.list.map((p) => [p.propertyPath, p.reason]),
            [
                [
                    "ipFamily",
                    "EKS creates no ipv6 cluster in the China Regions (EKS API, KubernetesNetworkConfigRequest ipFamily); got region cn-north-1: use ipFamily ipv4",
                ],
            ],
        );
    });
});
