// Construction-time checks of EksClusterArgs (cluster/validate.ts), through the component: every
// problem with its property path before any child exists, and the warnings for risky choices.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { EksCluster, EksClusterArgs } from "../../../components";
import { errorPaths, run, runExpectingError } from "../../harness";

const subnets = ["subnet-aaaa1111", "subnet-bbbb2222"];
const base: EksClusterArgs = { subnetIds: subnets, clusterName: "dev" };

describe("EksCluster", () => {
    describe("validation", () => {
        const cases: { title: string; args: Partial<EksClusterArgs>; paths: string[]; reason: RegExp }[] = [
            {
                title: "no subnets",
                args: { subnetIds: [] },
                paths: ["subnetIds"],
                reason: /at least two Availability Zones/,
            },
            { title: "one subnet", args: { subnetIds: ["subnet-1"] }, paths: ["subnetIds"], reason: /got 1/ },
            {
                title: "malformed version",
                args: { kubernetesVersion: "v1.30" },
                paths: ["kubernetesVersion"],
                reason: /form "1.33"/,
            },
            {
                title: "Pod Identity below 1.24",
                args: { kubernetesVersion: "1.23" },
                paths: ["kubernetesVersion"],
                reason: /1\.24 or later/,
            },
            {
                title: "no identity for vpc-cni",
                args: { podIdentity: false, irsa: false },
                paths: ["podIdentity"],
                reason: /AmazonEKS_CNI_Policy/,
            },
            {
                title: "unreachable endpoint",
                args: { endpointPrivateAccess: false },
                paths: ["endpointPrivateAccess"],
                reason: /unreachable/,
            },
            {
                title: "public endpoint without CIDRs",
                args: { endpointPublicAccess: true },
                paths: ["publicAccessCidrs"],
                reason: /set publicAccessCidrs/,
            },
            {
                title: "CIDRs with a private endpoint",
                args: { publicAccessCidrs: ["10.0.0.0/8"] },
                paths: ["publicAccessCidrs"],
                reason: /only applies/,
            },
            {
                title: "bad CIDR",
                args: { endpointPublicAccess: true, publicAccessCidrs: ["10.0.0.0/33"] },
                paths: ["publicAccessCidrs[0]"],
                reason: /CIDR/,
            },
            {
                title: "unknown log type",
                args: { enabledLogTypes: ["api", "kubelet"] },
                paths: ["enabledLogTypes[1]"],
                reason: /controllerManager/,
            },
            {
                title: "key without encryption",
                args: { secretsEncryption: false, kmsKeyArn: "arn:aws:kms:us-west-2:1:key/x" },
                paths: ["kmsKeyArn"],
                reason: /secrets encryption/,
            },
            {
                title: "invalid principal",
                args: { accessEntries: [{ principalArn: "arn:aws:iam::123:role/x" }] },
                paths: ["accessEntries[0].principalArn"],
                reason: /12-digit/,
            },
            {
                title: "duplicate principal",
                args: {
                    accessEntries: [
                        { principalArn: "arn:aws:iam::111122223333:role/a" },
                        { principalArn: "arn:aws:iam::111122223333:role/a" },
                    ],
                },
                paths: ["accessEntries[1].principalArn"],
                reason: /two access entries/,
            },
            {
                title: "two principals whose child names would collide",
                args: {
                    accessEntries: [
                        { principalArn: "arn:aws:iam::111122223333:role/admins" },
                        { principalArn: "arn:aws:iam::444455556666:role/admins" },
                    ],
                },
                paths: ["accessEntries[1].principalArn"],
                reason: /same name and path/,
            },
            {
                title: "a principal from another resource without a key",
                args: {
                    accessEntries: [{ principalArn: pulumi.output("arn:aws:iam::111122223333:role/ci") }],
                },
                paths: ["accessEntries[0].key"],
                reason: /is required when principalArn comes from another resource/,
            },
            {
                title: "a key that cannot be part of a resource name",
                args: {
                    accessEntries: [{ principalArn: "arn:aws:iam::111122223333:role/a", key: "ci role" }],
                },
                paths: ["accessEntries[0].key"],
                reason: /"ci role" is not a resource key/,
            },
            {
                title: "two entries with one key",
                args: {
                    accessEntries: [
                        { principalArn: "arn:aws:iam::111122223333:role/admins" },
                        {
                            principalArn: pulumi.output("arn:aws:iam::111122223333:role/ci"),
                            key: "role-admins",
                        },
                    ],
                },
                paths: ["accessEntries[1].key"],
                reason: /"role-admins" is the key of accessEntries\[0\] too/,
            },
            {
                title: "namespace scope without namespaces",
                args: {
                    accessEntries: [
                        {
                            principalArn: "arn:aws:iam::111122223333:role/a",
                            accessPolicies: [{ policyName: "AmazonEKSViewPolicy", scope: "namespace" }],
                        },
                    ],
                },
                paths: ["accessEntries[0].accessPolicies[0].namespaces"],
                reason: /at least one namespace/,
            },
            {
                title: "one access policy twice in an entry (one association per principal and policy)",
                args: {
                    accessEntries: [
                        {
                            principalArn: "arn:aws:iam::111122223333:role/a",
                            accessPolicies: [
                                { policyName: "AmazonEKSEditPolicy", scope: "namespace", namespaces: ["a"] },
                                { policyName: "AmazonEKSEditPolicy", scope: "namespace", namespaces: ["b"] },
                            ],
                        },
                    ],
                },
                paths: ["accessEntries[0].accessPolicies[1].policyName"],
                reason: /AmazonEKSEditPolicy is already accessPolicies\[0\] of this entry: EKS keeps one association per principal and policy; merge their namespaces into one/,
            },
            {
                title: "policies on an EC2 entry and a bad policy name",
                args: {
                    accessEntries: [
                        {
                            principalArn: "arn:aws:iam::111122223333:role/a",
                            type: "EC2_LINUX",
                            accessPolicies: [{ policyName: "Admin" }],
                        },
                    ],
                },
                paths: [
                    "accessEntries[0].accessPolicies[0]",
                    "accessEntries[0].accessPolicies[0].policyName",
                ],
                reason: /STANDARD/,
            },
        ];
        for (const c of cases) {
            it(`rejects ${c.title} before registering anything`, async () => {
                const { error, registrations } = await runExpectingError(
                    () => new EksCluster("bad", { ...base, ...c.args } as EksClusterArgs),
                );
                assert.deepStrictEqual(errorPaths(error), c.paths);
                assert.match(error.errors.map((e) => e.reason).join("\n"), c.reason);
                assert.deepStrictEqual(
                    registrations.map((x) => x.type),
                    ["eks-identity:index:EksCluster"],
                    "only the component itself is registered",
                );
            });
        }

        it("reports every problem at once, naming each path", async () => {
            const { error } = await runExpectingError(
                () =>
                    new EksCluster("bad", {
                        subnetIds: [],
                        kubernetesVersion: "1.2x",
                        enabledLogTypes: ["nope"],
                        endpointPrivateAccess: false,
                    }),
            );
            assert.deepStrictEqual(errorPaths(error), [
                "enabledLogTypes[0]",
                "endpointPrivateAccess",
                "kubernetesVersion",
                "subnetIds",
            ]);
            assert.match(error.message, /EksCluster "bad" has 4 invalid input\(s\)/);
        });
    });
});

describe("EksCluster warnings", () => {
    it("warns when nobody could reach the API and when the public endpoint is open to the world", async () => {
        const quiet = await run(
            () =>
                new EksCluster("dev", {
                    ...base,
                    accessEntries: [{ principalArn: "arn:aws:iam::111122223333:role/admins" }],
                }),
        );
        assert.deepStrictEqual(quiet.warnings, []);
        const r = await run(
            () =>
                new EksCluster("dev", {
                    ...base,
                    endpointPublicAccess: true,
                    publicAccessCidrs: ["0.0.0.0/0"],
                }),
        );
        const component = r.one("eks-identity:index:EksCluster", "dev");
        assert.deepStrictEqual(
            r.warnings.map((w) => [w.urn, w.message.split(":")[0]]),
            [
                [component.urn, "the cluster API endpoint is public to the whole internet (0.0.0.0/0)"],
                [component.urn, "no access entries and no creator admin"],
            ],
        );
    });
});
