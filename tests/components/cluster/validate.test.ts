// Construction-time checks of EksClusterArgs (cluster/validate.ts), through the component: every
// problem with its property path before any child exists, and the warnings for risky choices.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { EksCluster, EksClusterArgs } from "../../../components";
import {
    DEFAULT_KUBERNETES_VERSION,
    kubernetesVersionProblem,
    offeredKubernetesVersions,
    validateEksClusterArgs,
} from "../../../components/cluster/validate";
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

        it("refuses a subnet listed twice and an empty public CIDR list (EKS would open the endpoint to 0.0.0.0/0)", async () => {
            const { error } = await runExpectingError(
                () =>
                    new EksCluster("bad", {
                        ...base,
                        subnetIds: ["subnet-aaaa1111", "subnet-bbbb2222", "subnet-aaaa1111"],
                        endpointPublicAccess: true,
                        publicAccessCidrs: [],
                    }),
            );
            assert.deepStrictEqual(
                error.errors.map((e) => [e.propertyPath, e.reason]),
                [
                    [
                        "subnetIds[2]",
                        '"subnet-aaaa1111" is subnetIds[0] too: list each subnet once (a repeat is dropped, and the cluster gets fewer subnets than listed)',
                    ],
                    [
                        "publicAccessCidrs",
                        "is empty, and EKS then opens the public endpoint to 0.0.0.0/0 (the whole internet): list the CIDR blocks allowed to reach it (for example your VPN egress), or set endpointPublicAccess to false",
                    ],
                ],
            );
        });

        it("refuses ARNs of another partition, and a KMS key of another region, when the default provider's region is known", async () => {
            const previous = process.env.AWS_REGION;
            process.env.AWS_REGION = "cn-north-1";
            try {
                const { error, registrations } = await runExpectingError(
                    () =>
                        new EksCluster("bad", {
                            ...base,
                            kmsKeyArn:
                                "arn:aws-cn:kms:cn-northwest-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                            kubeconfigRoleArn: "arn:aws:iam::111122223333:role/admins",
                            accessEntries: [
                                { principalArn: "arn:aws:iam::111122223333:role/admins" },
                                { principalArn: "arn:aws-cn:iam::111122223333:role/ci" },
                            ],
                        }),
                );
                assert.deepStrictEqual(errorPaths(error), [
                    "accessEntries[0].principalArn",
                    "kmsKeyArn",
                    "kubeconfigRoleArn",
                ]);
                assert.match(
                    error.errors.find((e) => e.propertyPath === "kmsKeyArn")!.reason,
                    /is in region cn-northwest-1, but the cluster is in cn-north-1: EKS needs the secrets encryption key in the cluster's region/,
                );
                assert.match(
                    error.errors.find((e) => e.propertyPath === "kubeconfigRoleArn")!.reason,
                    /use the aws-cn ARN \(arn:aws-cn:iam::111122223333:role\/admins\)/,
                );
                assert.strictEqual(registrations.length, 1, "only the component itself");
            } finally {
                if (previous === undefined) {
                    delete process.env.AWS_REGION;
                } else {
                    process.env.AWS_REGION = previous;
                }
            }
        });

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

describe("cluster/validate: the Kubernetes versions EKS offers", () => {
    it("a version of the table until its extended support ends; never one outside the table", () => {
        assert.deepStrictEqual(offeredKubernetesVersions("2026-12-01"), ["1.32", "1.33", "1.34", "1.35"]);
        assert.deepStrictEqual(offeredKubernetesVersions("2026-03-22"), [
            "1.29",
            "1.30",
            "1.31",
            "1.32",
            "1.33",
            "1.34",
            "1.35",
        ]);
        assert.strictEqual(kubernetesVersionProblem("1.31", "2026-11-25"), undefined);
        assert.strictEqual(
            kubernetesVersionProblem("1.31", "2026-11-26"),
            "EKS ended extended support for 1.31 on 2026-11-26: it creates no cluster on it and upgrades those that run it; use one of 1.32, 1.33, 1.34, 1.35 (a version EKS released after this project's table, EKS_KUBERNETES_VERSIONS in components/cluster/validate.ts, must be added there)",
        );
        assert.match(
            kubernetesVersionProblem("1.28", "2024-01-01") ?? "",
            /^EKS does not offer Kubernetes 1\.28; use one of 1\.29,/,
        );
        assert.match(
            kubernetesVersionProblem("1.36", "2026-12-01") ?? "",
            /^EKS does not offer Kubernetes 1\.36;/,
        );
    });

    it("the validator reads the table for the day it is given; below 1.24 it also says Pod Identity needs 1.24", () => {
        const reasons = (version: string, day: string) =>
            validateEksClusterArgs({ ...base, kubernetesVersion: version }, undefined, day).list.map((p) => [
                p.propertyPath,
                p.reason,
            ]);
        assert.deepStrictEqual(reasons("1.30", "2026-07-22"), []);
        assert.deepStrictEqual(
            reasons("1.30", "2026-07-23").map(([path]) => path),
            ["kubernetesVersion"],
        );
        assert.match(
            reasons("1.23", "2026-12-01")[0][1],
            /^EKS does not offer Kubernetes 1\.23;.*; EKS Pod Identity also needs Kubernetes 1\.24 or later$/,
        );
        assert.deepStrictEqual(reasons(DEFAULT_KUBERNETES_VERSION, "2026-12-01"), []);
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
