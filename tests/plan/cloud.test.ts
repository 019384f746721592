// The fake cloud behind the mock monitor: what it computes, and what it refuses.
import * as assert from "assert";
import * as crypto from "crypto";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NAME_RULES } from "../../components/common/names";
import {
    checkName,
    CloudContext,
    computeState,
    defaultCloud,
    firstPreviewState,
    invokesFor,
    mocksFor,
    NameRuleError,
    physicalName,
    readExistingClusters,
    UnexpectedInvokeError,
    UNKNOWN,
    withUnknownSentinels,
} from "../../plan/cloud";
import { repoRoot } from "../../stacks/config";
import { run } from "../harness";

const usWest: CloudContext = defaultCloud;
const china: CloudContext = { partition: "aws-cn", accountId: "444455556666", region: "cn-north-1" };

describe("plan/cloud", () => {
    it("fails the run on an invoke the fake cloud does not model", async () => {
        await assert.rejects(
            run(() => aws.getAvailabilityZonesOutput({ state: "available" }).names.apply((n) => n)),
            (error: Error) =>
                error instanceof UnexpectedInvokeError ||
                /unexpected invoke aws:index\/getAvailabilityZones:getAvailabilityZones/.test(error.message),
        );
    });

    it("auto-names like Pulumi, with a suffix derived from the logical name", () => {
        assert.strictEqual(physicalName("r"), "r-454349e");
        assert.strictEqual(physicalName("r"), physicalName("r"));
        assert.notStrictEqual(physicalName("r"), physicalName("s"));
        assert.strictEqual(defaultCloud.accountId, "111122223333");
    });

    describe("computeState: what a provider would compute, per type", () => {
        const table: [string, CloudContext, string, string, Record<string, unknown>, unknown][] = [
            [
                "an IAM role: auto-named, path /, ARN without region, default session duration",
                usWest,
                "aws:iam/role:Role",
                "r",
                { assumeRolePolicy: "{}" },
                {
                    id: "r-454349e",
                    state: {
                        assumeRolePolicy: "{}",
                        name: "r-454349e",
                        path: "/",
                        arn: "arn:aws:iam::111122223333:role/r-454349e",
                        uniqueId: "AROA454349E422F052971",
                        maxSessionDuration: 3600,
                    },
                },
            ],
            [
                "an IAM role in China with a name and a path",
                china,
                "aws:iam/role:Role",
                "r",
                { name: "named", path: "/eks/" },
                {
                    id: "named",
                    state: {
                        name: "named",
                        path: "/eks/",
                        arn: "arn:aws-cn:iam::444455556666:role/eks/named",
                        uniqueId: "AROA454349E422F052971",
                        maxSessionDuration: 3600,
                    },
                },
            ],
            [
                "an IAM policy: its id is its ARN",
                usWest,
                "aws:iam/policy:Policy",
                "p",
                { policy: "{}" },
                {
                    id: "arn:aws:iam::111122223333:policy/p-148de9c",
                    state: {
                        policy: "{}",
                        name: "p-148de9c",
                        path: "/",
                        arn: "arn:aws:iam::111122223333:policy/p-148de9c",
                    },
                },
            ],
            [
                "an instance profile",
                usWest,
                "aws:iam/instanceProfile:InstanceProfile",
                "ip",
                { role: "x" },
                {
                    id: "ip-bb9af5d",
                    state: {
                        role: "x",
                        name: "ip-bb9af5d",
                        arn: "arn:aws:iam::111122223333:instance-profile/ip-bb9af5d",
                    },
                },
            ],
            [
                "an OIDC provider: ARN from the issuer host and path",
                usWest,
                "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
                "o",
                { url: "https://oidc.eks.us-west-2.amazonaws.com/id/ABC" },
                {
                    id: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC",
                    state: {
                        url: "https://oidc.eks.us-west-2.amazonaws.com/id/ABC",
                        arn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC",
                        thumbprintLists: ["2e2a6f25e7b5b88b633adf226e99871d7ad51df3"],
                    },
                },
            ],
            [
                "a role policy attachment: id from the role",
                usWest,
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                "a",
                { role: "r-1", policyArn: "x" },
                { id: "r-1-ca978112", state: { role: "r-1", policyArn: "x" } },
            ],
            [
                "a KMS key",
                usWest,
                "aws:kms/key:Key",
                "k",
                {},
                {
                    id: "8254c329-a928-50f6-d539-dd376f4816ee",
                    state: {
                        keyId: "8254c329-a928-50f6-d539-dd376f4816ee",
                        arn: "arn:aws:kms:us-west-2:111122223333:key/8254c329-a928-50f6-d539-dd376f4816ee",
                    },
                },
            ],
            [
                "a KMS alias",
                usWest,
                "aws:kms/alias:Alias",
                "al",
                { name: "alias/x" },
                {
                    id: "alias/x",
                    state: { name: "alias/x", arn: "arn:aws:kms:us-west-2:111122223333:alias/x" },
                },
            ],
            [
                "an EKS cluster in China: endpoint, issuer and CA of its partition",
                china,
                "aws:eks/cluster:Cluster",
                "c",
                { name: "dev", vpcConfig: { subnetIds: ["s"] } },
                {
                    id: "dev",
                    state: {
                        name: "dev",
                        vpcConfig: { subnetIds: ["s"], clusterSecurityGroupId: "sg-2e7d2c03a9507ae26" },
                        arn: "arn:aws-cn:eks:cn-north-1:444455556666:cluster/dev",
                        endpoint:
                            "https://5DF2D397B480F3E0241E417E1D67B8B0.gr7.cn-north-1.eks.amazonaws.com.cn",
                        certificateAuthority: { data: "Q0EgZm9yIGRldg==" },
                        identities: [
                            {
                                oidcs: [
                                    {
                                        issuer: "https://oidc.eks.cn-north-1.amazonaws.com.cn/id/5DF2D397B480F3E0241E417E1D67B8B0",
                                    },
                                ],
                            },
                        ],
                        platformVersion: "eks.1",
                        status: "ACTIVE",
                        clusterId: "ef260e9a-a3c6-73af-240d-17a266048036",
                        kubernetesNetworkConfig: { ipFamily: "ipv4", serviceIpv4Cidr: "172.20.0.0/16" },
                    },
                },
            ],
            [
                "a managed node group",
                usWest,
                "aws:eks/nodeGroup:NodeGroup",
                "ng",
                { clusterName: "dev" },
                {
                    id: "dev:ng-d59ce33",
                    state: {
                        clusterName: "dev",
                        nodeGroupName: "ng-d59ce33",
                        arn: "arn:aws:eks:us-west-2:111122223333:nodegroup/dev/ng-d59ce33/d59ce33d-91a8-7db7-62aa-0cf1f47321b5",
                        status: "ACTIVE",
                    },
                },
            ],
            [
                "a Fargate profile with its own name",
                usWest,
                "aws:eks/fargateProfile:FargateProfile",
                "fp",
                { clusterName: "dev", fargateProfileName: "system" },
                {
                    id: "dev:system",
                    state: {
                        clusterName: "dev",
                        fargateProfileName: "system",
                        arn: "arn:aws:eks:us-west-2:111122223333:fargateprofile/dev/system/5aef9624-0bca-5582-e6fd-0468879a2686",
                    },
                },
            ],
            [
                "an add-on: a default version",
                usWest,
                "aws:eks/addon:Addon",
                "ad",
                { clusterName: "dev", addonName: "vpc-cni" },
                {
                    id: "dev:vpc-cni",
                    state: {
                        clusterName: "dev",
                        addonName: "vpc-cni",
                        arn: "arn:aws:eks:us-west-2:111122223333:addon/dev/vpc-cni/70ba3370-8cbf-b103-f1a8-e34afef333ba",
                        addonVersion: "v1.0.0-eksbuild.1",
                    },
                },
            ],
            [
                "a Pod Identity association with a target role: an external id",
                usWest,
                "aws:eks/podIdentityAssociation:PodIdentityAssociation",
                "pia",
                { clusterName: "dev", targetRoleArn: "t" },
                {
                    id: "dev,a-cce6630a4894a1489",
                    state: {
                        clusterName: "dev",
                        targetRoleArn: "t",
                        associationId: "a-cce6630a4894a1489",
                        associationArn:
                            "arn:aws:eks:us-west-2:111122223333:podidentityassociation/dev/a-cce6630a4894a1489",
                        externalId: "0d97a150-dad5-a190-cd55-c9589f08103b",
                    },
                },
            ],
            [
                "an access entry: type STANDARD by default",
                usWest,
                "aws:eks/accessEntry:AccessEntry",
                "ae",
                { clusterName: "dev", principalArn: "arn:p" },
                {
                    id: "dev:arn:p",
                    state: {
                        clusterName: "dev",
                        principalArn: "arn:p",
                        type: "STANDARD",
                        accessEntryArn:
                            "arn:aws:eks:us-west-2:111122223333:access-entry/dev/f9a00f43-e97e-3966-bb84-6e76b6795e11",
                    },
                },
            ],
            [
                "an access policy association",
                usWest,
                "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
                "apa",
                { clusterName: "dev", principalArn: "arn:p", policyArn: "arn:q" },
                {
                    id: "dev#arn:p#arn:q",
                    state: {
                        clusterName: "dev",
                        principalArn: "arn:p",
                        policyArn: "arn:q",
                        associatedAt: "2026-01-01T00:00:00Z",
                    },
                },
            ],
            [
                "a launch template",
                usWest,
                "aws:ec2/launchTemplate:LaunchTemplate",
                "lt",
                {},
                {
                    id: "lt-67d4143062b55c25f",
                    state: {
                        name: "lt-67d4143",
                        arn: "arn:aws:ec2:us-west-2:111122223333:launch-template/lt-67d4143062b55c25f",
                        latestVersion: 1,
                        defaultVersion: 1,
                    },
                },
            ],
            [
                "a security group",
                usWest,
                "aws:ec2/securityGroup:SecurityGroup",
                "sg",
                {},
                {
                    id: "sg-88195283220112932",
                    state: { arn: "arn:aws:ec2:us-west-2:111122223333:security-group/sg-88195283220112932" },
                },
            ],
            [
                "an auto scaling group",
                usWest,
                "aws:autoscaling/group:Group",
                "asg",
                {},
                {
                    id: "asg-102b69e",
                    state: {
                        name: "asg-102b69e",
                        arn: "arn:aws:autoscaling:us-west-2:111122223333:autoScalingGroup:102b69ea-c137-d9ca-89f8-7071b3b28416:autoScalingGroupName/asg-102b69e",
                    },
                },
            ],
            [
                "awsx VPC, 3 zones x (private, public): /16 + 2 + 1 = /19",
                usWest,
                "awsx:ec2:Vpc",
                "vpc",
                { cidrBlock: "10.20.0.0/16", numberOfAvailabilityZones: 3 },
                {
                    id: "vpc-id",
                    state: {
                        vpcId: "vpc-dc3dc0374d0021352",
                        privateSubnetIds: [
                            "subnet-364111c0cacd6fbae",
                            "subnet-f650a62337f70aa48",
                            "subnet-f9a155bf94fa134c0",
                        ],
                        publicSubnetIds: [
                            "subnet-352f1559d0823862d",
                            "subnet-8403ed72b21ae91a0",
                            "subnet-3acda037bd8466f6c",
                        ],
                        isolatedSubnetIds: [],
                        subnetLayout: [
                            { type: "Private", cidrMask: 19 },
                            { type: "Public", cidrMask: 19 },
                        ],
                    },
                },
            ],
            [
                "awsx VPC, 2 zones x 3 specs on the default 10.0.0.0/16: /16 + 1 + 2 = /19",
                usWest,
                "awsx:ec2:Vpc",
                "vpc2",
                {
                    numberOfAvailabilityZones: 2,
                    subnetSpecs: [{ type: "Private" }, { type: "Public" }, { type: "Isolated" }],
                },
                {
                    id: "vpc2-id",
                    state: {
                        vpcId: "vpc-30427b8279d0a8874",
                        privateSubnetIds: ["subnet-c4651907aeae36b48", "subnet-38b1736903bea9d21"],
                        publicSubnetIds: ["subnet-fed642d75793d5a49", "subnet-cc9f4b62392ea01fa"],
                        isolatedSubnetIds: ["subnet-8afac4a939ba4bc32", "subnet-4fbdf2e8ceb3708c6"],
                        subnetLayout: [
                            { type: "Private", cidrMask: 19 },
                            { type: "Public", cidrMask: 19 },
                            { type: "Isolated", cidrMask: 19 },
                        ],
                    },
                },
            ],
            [
                "a provider: inputs echoed",
                usWest,
                "pulumi:providers:aws",
                "default",
                { region: "us-west-2" },
                { id: "default-provider-id", state: { region: "us-west-2" } },
            ],
            [
                "a Kubernetes object: namespace/name, a uid",
                usWest,
                "kubernetes:core/v1:ServiceAccount",
                "sa",
                { metadata: { name: "x", namespace: "ns" } },
                {
                    id: "ns/x",
                    state: {
                        metadata: { name: "x", namespace: "ns", uid: "4cf6829a-a937-28e8-f3c9-7df913fb1bfa" },
                    },
                },
            ],
            [
                "a Kubernetes object without metadata: the default namespace",
                usWest,
                "kubernetes:core/v1:Namespace",
                "n",
                {},
                { id: "default/n", state: { metadata: { uid: "1b16b1df-538b-a12d-c3f9-7edbb85caa70" } } },
            ],
            [
                "any other type: inputs echoed",
                usWest,
                "random:index:RandomId",
                "rid",
                { a: 1 },
                { id: "rid-id", state: { a: 1 } },
            ],
        ];
        for (const [label, ctx, type, name, inputs, want] of table) {
            it(label, () => {
                assert.deepStrictEqual(computeState(ctx, type, name, inputs), want);
            });
        }
    });

    describe("firstPreviewState: a provider's answer at a stack's first preview, nothing created yet", () => {
        const U = UNKNOWN;
        const table: [string, string, string, Record<string, unknown>, unknown][] = [
            [
                "an IAM role: inputs echoed, the autonamed name known (the provider's Check), ARN and id unknown",
                "aws:iam/role:Role",
                "r",
                { assumeRolePolicy: "{}", tags: { team: "a" } },
                {
                    id: "",
                    state: {
                        assumeRolePolicy: "{}",
                        tags: { team: "a" },
                        name: "r-454349e",
                        path: U,
                        arn: U,
                        uniqueId: U,
                        maxSessionDuration: U,
                    },
                },
            ],
            [
                "an EKS cluster named in config: the name known; ARN, endpoint, issuer and nested computed values unknown",
                "aws:eks/cluster:Cluster",
                "c",
                { name: "dev", roleArn: U, vpcConfig: { subnetIds: ["subnet-a"] } },
                {
                    id: "",
                    state: {
                        name: "dev",
                        roleArn: U,
                        vpcConfig: { subnetIds: ["subnet-a"], clusterSecurityGroupId: U },
                        arn: U,
                        endpoint: U,
                        certificateAuthority: U,
                        identities: U,
                        platformVersion: U,
                        status: U,
                        clusterId: U,
                        kubernetesNetworkConfig: U,
                    },
                },
            ],
            [
                "a ServiceAccount: metadata echoed, the uid Kubernetes assigns unknown",
                "kubernetes:core/v1:ServiceAccount",
                "sa",
                { metadata: { name: "api", namespace: "payments" } },
                { id: "", state: { metadata: { name: "api", namespace: "payments", uid: U } } },
            ],
            [
                "a remote component (awsx Vpc): every output unknown",
                "awsx:ec2:Vpc",
                "network",
                { cidrBlock: "10.0.0.0/16" },
                {
                    id: "",
                    state: {
                        vpcId: U,
                        privateSubnetIds: U,
                        publicSubnetIds: U,
                        isolatedSubnetIds: U,
                        subnetLayout: U,
                    },
                },
            ],
        ];
        for (const [label, type, name, inputs, want] of table) {
            it(label, () => {
                assert.deepStrictEqual(firstPreviewState(usWest, type, name, inputs), want);
            });
        }
    });

    it("withUnknownSentinels: the SDK's unknowns as the engine's sentinel, at any depth; secrets kept", () => {
        const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s" };
        assert.deepStrictEqual(
            withUnknownSentinels({
                a: pulumi.unknown,
                b: [1, pulumi.unknown, { c: pulumi.unknown }],
                d: secret,
            }),
            { a: UNKNOWN, b: [1, UNKNOWN, { c: UNKNOWN }], d: secret },
        );
    });

    it("mocksFor with firstPreview: unknown inputs recorded as sentinels, the first-preview state returned", async () => {
        const seen: unknown[] = [];
        const mocks = mocksFor(usWest, (args) => seen.push(args.inputs), { firstPreview: true });
        const inputs = { assumeRolePolicy: pulumi.unknown };
        const answer = await mocks.newResource({
            type: "aws:iam/role:Role",
            name: "r",
            inputs,
            custom: true,
        } as pulumi.runtime.MockResourceArgs);
        assert.deepStrictEqual(seen, [{ assumeRolePolicy: UNKNOWN }]);
        assert.deepStrictEqual(
            answer,
            firstPreviewState(usWest, "aws:iam/role:Role", "r", { assumeRolePolicy: UNKNOWN }),
        );
    });

    it("answers the invokes the components make, in the context's partition", () => {
        const invokes = invokesFor(china);
        assert.deepStrictEqual(
            Object.fromEntries(Object.entries(invokes).map(([token, f]) => [token, f({ name: "existing" })])),
            {
                "aws:index/getPartition:getPartition": {
                    id: "aws-cn",
                    partition: "aws-cn",
                    dnsSuffix: "amazonaws.com.cn",
                    reverseDnsPrefix: "com.amazonaws",
                },
                "aws:index/getCallerIdentity:getCallerIdentity": {
                    id: "444455556666",
                    accountId: "444455556666",
                    arn: "arn:aws-cn:iam::444455556666:user/planner",
                    userId: "AIDAPLANNER",
                },
                "aws:eks/getCluster:getCluster": {
                    name: "existing",
                    version: "1.31",
                    arn: "arn:aws-cn:eks:cn-north-1:444455556666:cluster/existing",
                    endpoint: "https://933583E6157E114487B978991995C512.gr7.cn-north-1.eks.amazonaws.com.cn",
                    certificateAuthority: { data: "Q0EgZm9yIGV4aXN0aW5n" },
                    identities: [
                        {
                            oidcs: [
                                {
                                    issuer: "https://oidc.eks.cn-north-1.amazonaws.com.cn/id/933583E6157E114487B978991995C512",
                                },
                            ],
                        },
                    ],
                    platformVersion: "eks.1",
                    status: "ACTIVE",
                    clusterId: "afafb16a-c47b-9b3d-a982-5787ce354896",
                    vpcConfig: { clusterSecurityGroupId: "sg-afafb16ac47b9b3da" },
                    kubernetesNetworkConfig: { ipFamily: "ipv4", serviceIpv4Cidr: "172.20.0.0/16" },
                    id: "existing",
                },
                "aws:index/getRegion:getRegion": {
                    id: "cn-north-1",
                    name: "cn-north-1",
                    region: "cn-north-1",
                    endpoint: "ec2.cn-north-1.amazonaws.com.cn",
                    description: "cn-north-1",
                },
            },
        );
    });

    describe("existing clusters, as aws eks describe-cluster prints them", () => {
        const legacy = readExistingClusters(
            path.join(repoRoot(), "plan", "fixtures", "existing-clusters.json"),
        );
        const cloud: CloudContext = { ...usWest, existingClusters: legacy };
        const issuer = "oidc.eks.us-west-2.amazonaws.com/id/9A8B7C6D5E4F30211A2B3C4D5E6F7081";
        const providerArn = `arn:aws:iam::111122223333:oidc-provider/${issuer}`;
        const getCluster = (ctx: CloudContext, name: string) =>
            invokesFor(ctx)["aws:eks/getCluster:getCluster"]({ name });
        const getProvider = (ctx: CloudContext, inputs: Record<string, unknown>) =>
            invokesFor(ctx)["aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider"](inputs);

        it("getCluster answers in the provider's shape, from the described cluster", () => {
            assert.deepStrictEqual(getCluster(cloud, "legacy"), {
                id: "legacy",
                name: "legacy",
                arn: "arn:aws:eks:us-west-2:111122223333:cluster/legacy",
                version: "1.31",
                endpoint: "https://9A8B7C6D5E4F30211A2B3C4D5E6F7081.gr7.us-west-2.eks.amazonaws.com",
                roleArn: "arn:aws:iam::111122223333:role/eksctl-legacy-cluster-ServiceRole-1A2B3C4D5E6F",
                status: "ACTIVE",
                platformVersion: "eks.12",
                createdAt: "2024-03-04T09:12:45.123000+00:00",
                clusterId: "",
                certificateAuthorities: [{ data: "TEVHQUNZIENBIERBVEE=" }],
                identities: [{ oidcs: [{ issuer: `https://${issuer}` }] }],
                vpcConfig: {
                    subnetIds: ["subnet-0a1b2c3d4e5f60011", "subnet-0a1b2c3d4e5f60012"],
                    securityGroupIds: ["sg-0a1b2c3d4e5f60021"],
                    clusterSecurityGroupId: "sg-0a1b2c3d4e5f60022",
                    vpcId: "vpc-0a1b2c3d4e5f60001",
                    endpointPublicAccess: true,
                    endpointPrivateAccess: true,
                    publicAccessCidrs: ["203.0.113.0/24"],
                },
                kubernetesNetworkConfigs: [
                    { serviceIpv4Cidr: "10.100.0.0/16", serviceIpv6Cidr: "", ipFamily: "ipv4" },
                ],
                enabledClusterLogTypes: ["api", "audit"],
                accessConfigs: [{ authenticationMode: "API_AND_CONFIG_MAP" }],
                tags: {
                    "alpha.eksctl.io/cluster-name": "legacy",
                    "eksctl.cluster.k8s.io/v1alpha1/cluster-name": "legacy",
                },
            });
        });

        it("getCluster refuses a name not described, and a cluster of another account or region", () => {
            assert.throws(
                () => getCluster(cloud, "other"),
                (e: Error) =>
                    e.message ===
                    'reading EKS Cluster (other): couldn\'t find resource: the existing-cluster fixture describes "legacy"; add the output of aws eks describe-cluster --name other, or fix platform:cluster.existing.name',
            );
            for (const ctx of [
                { ...cloud, accountId: "444455556666" },
                { ...cloud, region: "eu-west-1" },
            ]) {
                assert.throws(
                    () => getCluster(ctx, "legacy"),
                    (e: Error) =>
                        e.message ===
                        `existing cluster "legacy" is arn:aws:eks:us-west-2:111122223333:cluster/legacy, not a cluster of the stack's partition, region and account (aws/${ctx.region}/${ctx.accountId}): the AWS provider sees only clusters there; set aws:region and platform:accountId to the cluster's, or describe a cluster of the stack's account`,
                );
            }
        });

        it("getOpenIdConnectProvider finds the described cluster's provider by issuer URL or by ARN", () => {
            const provider = {
                id: providerArn,
                arn: providerArn,
                url: issuer,
                clientIdLists: ["sts.amazonaws.com"],
                thumbprintLists: [crypto.createHash("sha256").update(issuer).digest("hex").slice(0, 40)],
                tags: {},
            };
            assert.deepStrictEqual(getProvider(cloud, { url: `https://${issuer}` }), provider);
            assert.deepStrictEqual(getProvider(cloud, { arn: providerArn }), provider);
            for (const inputs of [
                { url: "https://oidc.eks.us-west-2.amazonaws.com/id/GONE" },
                { arn: providerArn.replace("111122223333", "444455556666") },
            ]) {
                assert.throws(
                    () => getProvider(cloud, inputs),
                    (e: Error) =>
                        e.message ===
                        `reading IAM OIDC Provider (${Object.values(inputs)[0]}): couldn't find resource: the existing-cluster fixture has providers for ${providerArn}; create the cluster's provider (eksctl utils associate-iam-oidc-provider) or set platform:cluster.existing.oidcProviderArn`,
                );
            }
        });

        it("without described clusters there is no OIDC provider lookup", () => {
            assert.strictEqual(
                invokesFor(usWest)["aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider"],
                undefined,
            );
        });
    });

    it("an ipv6 cluster: a /108 service range from fd00::/8 and no IPv4 one; an ipv4 cluster: 172.20.0.0/16", () => {
        const network = (config?: Record<string, unknown>) =>
            computeState(usWest, "aws:eks/cluster:Cluster", "c", {
                name: "v6",
                ...(config ? { kubernetesNetworkConfig: config } : {}),
            }).state.kubernetesNetworkConfig;
        const v6 = network({ ipFamily: "ipv6", elasticLoadBalancing: { enabled: true } }) as Record<
            string,
            unknown
        >;
        assert.deepStrictEqual(Object.keys(v6).sort(), [
            "elasticLoadBalancing",
            "ipFamily",
            "serviceIpv6Cidr",
        ]);
        assert.match(String(v6.serviceIpv6Cidr), /^fd[0-9a-f]{2}:[0-9a-f]{4}:[0-9a-f]{4}::\/108$/);
        assert.deepStrictEqual(network(), { ipFamily: "ipv4", serviceIpv4Cidr: "172.20.0.0/16" });
    });

    it("mocksFor: every resource reported, computed state returned, unknown invokes refused", async () => {
        const seen: string[] = [];
        const mocks = mocksFor(usWest, (args) => seen.push(`${args.type}::${args.name}`));
        const args = (type: string, name: string, inputs: Record<string, unknown>) =>
            ({ type, name, inputs, custom: true }) as pulumi.runtime.MockResourceArgs;
        assert.deepStrictEqual(
            await mocks.newResource(args("aws:iam/role:Role", "r", { assumeRolePolicy: "{}" })),
            computeState(usWest, "aws:iam/role:Role", "r", { assumeRolePolicy: "{}" }),
        );
        assert.deepStrictEqual(seen, ["aws:iam/role:Role::r"]);
        assert.deepStrictEqual(
            await mocks.call({
                token: "aws:index/getRegion:getRegion",
                inputs: {},
            } as pulumi.runtime.MockCallArgs),
            invokesFor(usWest)["aws:index/getRegion:getRegion"]({}),
        );
        assert.throws(
            () => mocks.call({ token: "aws:ec2/getVpc:getVpc", inputs: {} } as pulumi.runtime.MockCallArgs),
            (e: Error) =>
                e instanceof UnexpectedInvokeError &&
                e.message ===
                    "unexpected invoke aws:ec2/getVpc:getVpc: add it to plan/cloud.ts if the code under test really needs it",
        );
    });

    it("checkName refuses a physical name over its rule, given or autonamed, and passes one at the limit", () => {
        const role = NAME_RULES["aws:iam/role:Role"].source;
        const at = `${"a".repeat(37)}-pod-execution-role`;
        const over = `${"a".repeat(38)}-pod-execution-role`;
        assert.strictEqual(checkName("aws:iam/role:Role", at, {}), undefined);
        assert.strictEqual(checkName("aws:iam/role:Role", over, { name: "short" }), undefined);
        // The preview's unknown value is no name yet.
        assert.strictEqual(
            checkName("aws:iam/role:Role", "r", { name: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }),
            undefined,
        );
        assert.throws(
            () => checkName("aws:iam/role:Role", over, {}),
            (error: unknown) =>
                error instanceof NameRuleError &&
                error.type === "aws:iam/role:Role" &&
                error.logicalName === over &&
                error.physical.name === `${over}-0000000` &&
                error.physical.autonamed &&
                error.message ===
                    `aws:iam/role:Role "${over}": the autonamed name "${over}-" + 7 random characters (65 characters) is longer than the 64 characters allowed (${role})`,
        );
    });

    it("a registration whose name breaks its rule fails the run, naming the URN and the rule", async () => {
        const over = `${"a".repeat(38)}-pod-execution-role`;
        await assert.rejects(
            run(() => new aws.iam.Role(over, { assumeRolePolicy: "{}" })),
            (error: unknown) =>
                error instanceof NameRuleError &&
                error.urn === `urn:pulumi:test::eks-identity::aws:iam/role:Role::${over}` &&
                error.message.startsWith(
                    `urn:pulumi:test::eks-identity::aws:iam/role:Role::${over}: the autonamed name "${over}-" + 7 random characters (65 characters) is longer than the 64 characters allowed`,
                ),
        );
    });
});
