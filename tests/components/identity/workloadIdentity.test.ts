import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { WorkloadIdentity } from "../../../components";
import { physicalName, UNKNOWN } from "../../../plan/cloud";
import { ConflictError } from "../../../plan/uniqueness";
import { errorPaths, Run, run, runExpectingError, valueOf } from "../../harness";
import {
    ASSOC,
    base,
    CLUSTER_ARN,
    identity,
    ISSUER,
    NO_PROVIDER,
    PROVIDER,
    ROLE,
    SA,
    SA_PATCH,
} from "./fixtures";

const irsaStatement = (issuer = ISSUER, provider = PROVIDER, ns = "payments", sa = "api") => ({
    Effect: "Allow",
    Principal: { Federated: provider },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: {
        StringEquals: {
            [`${issuer}:sub`]: `system:serviceaccount:${ns}:${sa}`,
            [`${issuer}:aud`]: "sts.amazonaws.com",
        },
    },
});

const podIdentityStatement = (clusterArns = [CLUSTER_ARN]) => ({
    Effect: "Allow",
    Principal: { Service: "pods.eks.amazonaws.com" },
    Action: ["sts:AssumeRole", "sts:TagSession"],
    Condition: {
        StringEquals: {
            "aws:SourceAccount": "111122223333",
            "aws:RequestTag/eks-cluster-arn": clusterArns,
            "aws:RequestTag/kubernetes-namespace": "payments",
            "aws:RequestTag/kubernetes-service-account": "api",
        },
    },
});

describe("WorkloadIdentity", () => {
    it("irsa: web-identity trust naming the service account and audience, annotated ServiceAccount, no association", async () => {
        const r = await run(identity());
        assert.deepStrictEqual(r.trustPolicy("payments-api-role"), {
            Version: "2012-10-17",
            Statement: [irsaStatement()],
        });
        const roleArn = `arn:aws:iam::111122223333:role/${physicalName("payments-api-role")}`;
        const sa = r.one(SA, "payments-api-sa");
        assert.deepStrictEqual(sa.inputs.metadata, {
            name: "api",
            namespace: "payments",
            labels: { "app.kubernetes.io/managed-by": "pulumi" },
            annotations: { "eks.amazonaws.com/role-arn": roleArn },
        });
        assert.strictEqual(r.ofType(ASSOC).length, 0);
        assert.deepStrictEqual(r.attachedPolicies("payments-api-role"), [
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        ]);
        assert.strictEqual(await valueOf(r.value.roleArn), roleArn);
        assert.strictEqual(await valueOf(r.value.associationArn), "");
        assert.strictEqual(await valueOf(r.value.mode), "irsa");
    });

    it("pod-identity: pods.eks.amazonaws.com trust with account, cluster, namespace and service-account conditions, and an association", async () => {
        const r = await run(
            identity({ mode: "pod-identity", oidcProviderArn: undefined, oidcIssuer: undefined }),
        );
        assert.deepStrictEqual(r.trustPolicy("payments-api-role"), {
            Version: "2012-10-17",
            Statement: [podIdentityStatement()],
        });
        const roleArn = `arn:aws:iam::111122223333:role/${physicalName("payments-api-role")}`;
        const assoc = r.one(ASSOC, "payments-api-association");
        assert.deepStrictEqual(assoc.inputs, {
            clusterName: "dev",
            namespace: "payments",
            serviceAccount: "api",
            roleArn,
            tags: {},
        });
        assert.deepStrictEqual(
            (r.one(SA, "payments-api-sa").inputs.metadata as Record<string, unknown>).annotations,
            {},
        );
        const attachment = r.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")[0];
        assert.ok(
            assoc.dependencies.includes(attachment.urn),
            "permissions exist before the association hands out credentials",
        );
        assert.strictEqual(await valueOf(r.value.associationArn), assoc.outputs.associationArn);
    });

    it("both: one role carrying the IRSA and the Pod Identity statements", async () => {
        const r = await run(identity({ mode: "both" }));
        assert.deepStrictEqual(r.trustPolicy("payments-api-role"), {
            Version: "2012-10-17",
            Statement: [irsaStatement(), podIdentityStatement()],
        });
        assert.strictEqual(r.ofType(ASSOC).length, 1);
        assert.ok(
            (r.one(SA, "payments-api-sa").inputs.metadata as { annotations: Record<string, string> })
                .annotations["eks.amazonaws.com/role-arn"],
        );
    });

    it("switching irsa -> both -> pod-identity -> both -> irsa keeps the role, its ARN, the service account and the association", async () => {
        const runs: Record<string, Run> = {};
        for (const mode of ["irsa", "both", "pod-identity"] as const) {
            runs[mode] = await run(identity({ mode }));
        }
        const stable = (r: Run, type: string) =>
            r.ofType(type).map((x) => ({ urn: x.urn, id: x.id, arn: x.outputs.arn }));
        assert.deepStrictEqual(stable(runs.irsa, ROLE), stable(runs.both, ROLE));
        assert.deepStrictEqual(stable(runs.both, ROLE), stable(runs["pod-identity"], ROLE));
        assert.deepStrictEqual(stable(runs.irsa, SA), stable(runs["pod-identity"], SA));
        assert.deepStrictEqual(stable(runs.both, ASSOC), stable(runs["pod-identity"], ASSOC));
        assert.deepStrictEqual(
            runs.both.ofType(ASSOC).map((a) => a.inputs),
            runs["pod-identity"].ofType(ASSOC).map((a) => a.inputs),
        );
        // What changes: only the trust document and the annotation (and the association's existence at the irsa end).
        const changed = (a: Run, b: Run) =>
            a.registrations
                .filter((x) => {
                    const y = b.registrations.find((z) => z.urn === x.urn);
                    return !y || JSON.stringify(x.inputs) !== JSON.stringify(y.inputs);
                })
                .map((x) => x.urn.split("::").pop())
                .sort();
        assert.deepStrictEqual(changed(runs.irsa, runs.both), ["payments-api-role"]);
        assert.deepStrictEqual(changed(runs.both, runs["pod-identity"]), [
            "payments-api-role",
            "payments-api-sa",
        ]);
        assert.deepStrictEqual(changed(runs.both, runs.irsa), [
            "payments-api-association",
            "payments-api-role",
        ]);
    });

    it("permissions: managed ARNs keyed by name, inline policies by name, well-known policies by kind", async () => {
        const doc = JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::payments/*" }],
        });
        const r = await run(
            identity({
                managedPolicyArns: [
                    "arn:aws:iam::111122223333:policy/payments/read-secrets",
                    "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
                ],
                inlinePolicies: [{ name: "read-bucket", policy: doc }],
                wellKnownPolicies: [
                    { kind: "external-dns", hostedZoneArns: ["arn:aws:route53:::hostedzone/Z123"] },
                ],
            }),
        );
        assert.deepStrictEqual(
            r
                .ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
                .map((a) => [a.name, a.inputs.policyArn]),
            [
                ["payments-api-read-secrets", "arn:aws:iam::111122223333:policy/payments/read-secrets"],
                ["payments-api-AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
            ],
        );
        const inline = r.ofType("aws:iam/rolePolicy:RolePolicy");
        assert.deepStrictEqual(
            inline.map((p) => [p.name, p.inputs.name]),
            [
                ["payments-api-read-bucket", "read-bucket"],
                ["payments-api-external-dns", "external-dns"],
            ],
        );
        assert.strictEqual(inline[0].inputs.policy, doc);
        const externalDns = JSON.parse(String(inline[1].inputs.policy));
        assert.ok(JSON.stringify(externalDns).includes("arn:aws:route53:::hostedzone/Z123"));
        assert.strictEqual(inline[1].inputs.role, physicalName("payments-api-role"));
    });

    it("role settings: path, name, boundary, session duration, tags", async () => {
        const r = await run(
            identity({
                rolePath: "/workloads/",
                roleName: "payments-api",
                permissionsBoundary: "arn:aws:iam::111122223333:policy/boundary",
                maxSessionDurationSeconds: 7200,
                tags: { team: "payments" },
            }),
        );
        const role = r.one(ROLE, "payments-api-role");
        assert.deepStrictEqual(
            [
                role.inputs.path,
                role.inputs.name,
                role.inputs.permissionsBoundary,
                role.inputs.maxSessionDuration,
                role.inputs.tags,
                role.outputs.arn,
            ],
            [
                "/workloads/",
                "payments-api",
                "arn:aws:iam::111122223333:policy/boundary",
                7200,
                { team: "payments" },
                "arn:aws:iam::111122223333:role/workloads/payments-api",
            ],
        );
    });

    it("createServiceAccount false leaves the ServiceAccount to the chart that owns it and patches only its role annotation", async () => {
        const r = await run(identity({ createServiceAccount: false }));
        assert.strictEqual(r.ofType(SA).length, 0);
        assert.strictEqual(r.ofType(ROLE).length, 1);
        const [patch] = r.ofType(SA_PATCH);
        assert.strictEqual(patch.name, "payments-api-sa-role-arn");
        assert.deepStrictEqual(patch.inputs, {
            apiVersion: "v1",
            kind: "ServiceAccount",
            metadata: {
                name: "api",
                namespace: "payments",
                annotations: {
                    "eks.amazonaws.com/role-arn": r.ofType(ROLE)[0].outputs.arn,
                    "pulumi.com/patchForce": "true",
                },
            },
        });
    });

    it("a foreign ServiceAccount loses the role annotation when the mode reaches pod-identity", async () => {
        const annotations = async (mode: "irsa" | "both" | "pod-identity") =>
            (await run(identity({ mode, createServiceAccount: false }))).ofType(SA_PATCH).map((p) => ({
                urn: p.urn,
                annotations: (p.inputs.metadata as { annotations: Record<string, string> }).annotations,
            }));
        const irsa = await annotations("irsa");
        const both = await annotations("both");
        assert.strictEqual(irsa.length, 1);
        assert.deepStrictEqual(both, irsa);
        assert.match(
            irsa[0].annotations["eks.amazonaws.com/role-arn"],
            /^arn:aws:iam::111122223333:role\/payments-api-role-/,
        );
        // No Patch in pod-identity mode: the engine deletes it, which gives up the annotation.
        assert.deepStrictEqual(await annotations("pod-identity"), []);
    });

    it("the ServiceAccount takes the kubernetes provider of the component's providers option", async () => {
        const r = await run(() => {
            const kubernetes = new k8s.Provider("dev-k8s", { kubeconfig: "{}" });
            return new WorkloadIdentity("payments-api", base, { providers: { kubernetes } });
        });
        const provider = r.one("pulumi:providers:kubernetes", "dev-k8s");
        const sa = r.one(SA, "payments-api-sa");
        assert.ok(
            sa.provider?.startsWith(`${provider.urn}::`),
            `ServiceAccount provider ${sa.provider} is not ${provider.urn}`,
        );
    });

    it("cross-account target role: association carries it and the role may assume it", async () => {
        const target = "arn:aws:iam::999988887777:role/shared-data-reader";
        const r = await run(identity({ mode: "pod-identity", targetRoleArn: target }));
        assert.strictEqual(r.one(ASSOC, "payments-api-association").inputs.targetRoleArn, target);
        const policy = r.one("aws:iam/rolePolicy:RolePolicy", "payments-api-assume-target");
        assert.deepStrictEqual(JSON.parse(String(policy.inputs.policy)), {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: ["sts:AssumeRole", "sts:TagSession"], Resource: target }],
        });
    });

    it("disabled session tags: account-scoped trust, session policy passed, and a warning", async () => {
        const sessionPolicy = JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
        });
        const r = await run(identity({ mode: "pod-identity", disableSessionTags: true, sessionPolicy }));
        assert.deepStrictEqual((r.trustPolicy("payments-api-role") as { Statement: unknown[] }).Statement, [
            {
                Effect: "Allow",
                Principal: { Service: "pods.eks.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession"],
                Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
            },
        ]);
        const assoc = r.one(ASSOC, "payments-api-association");
        assert.deepStrictEqual([assoc.inputs.disableSessionTags, assoc.inputs.policy], [true, sessionPolicy]);
        const own = r.warnings.filter((w) => !w.message.startsWith(NO_PROVIDER));
        assert.strictEqual(own.length, 1);
        assert.match(own[0].message, /session tags are disabled/);
    });

    it("derives the cluster ARN from the provider's partition, region and account when not given", async () => {
        const r = await run(identity({ mode: "pod-identity" }), {
            cloud: { partition: "aws-us-gov", region: "us-gov-east-1", accountId: "123456789012" },
        });
        const statement = (
            r.trustPolicy("payments-api-role") as {
                Statement: { Condition: { StringEquals: Record<string, unknown> } }[];
            }
        ).Statement[0];
        assert.deepStrictEqual(statement.Condition.StringEquals["aws:RequestTag/eks-cluster-arn"], [
            "arn:aws-us-gov:eks:us-gov-east-1:123456789012:cluster/dev",
        ]);
        assert.strictEqual(statement.Condition.StringEquals["aws:SourceAccount"], "123456789012");
    });

    describe("one role for many clusters", () => {
        const other = (i: number) => {
            const issuer = `oidc.eks.eu-west-1.amazonaws.com/id/${String(i).padStart(32, "A")}`;
            return {
                clusterName: `green-${i}`,
                clusterArn: `arn:aws:eks:eu-west-1:111122223333:cluster/green-${i}`,
                oidcProviderArn: `arn:aws:iam::111122223333:oidc-provider/${issuer}`,
                issuer,
            };
        };

        it("irsa: one statement per provider; pod-identity: one statement listing every cluster", async () => {
            const extra = [other(1), other(2)];
            const irsa = await run(identity({ clusterArn: CLUSTER_ARN, additionalClusters: extra }));
            assert.deepStrictEqual(
                (irsa.trustPolicy("payments-api-role") as { Statement: unknown[] }).Statement,
                [
                    irsaStatement(),
                    irsaStatement(extra[0].issuer, extra[0].oidcProviderArn),
                    irsaStatement(extra[1].issuer, extra[1].oidcProviderArn),
                ],
            );
            const pi = await run(
                identity({ mode: "pod-identity", clusterArn: CLUSTER_ARN, additionalClusters: extra }),
            );
            assert.deepStrictEqual(
                (pi.trustPolicy("payments-api-role") as { Statement: unknown[] }).Statement,
                [podIdentityStatement([CLUSTER_ARN, extra[0].clusterArn, extra[1].clusterArn])],
            );
            assert.strictEqual(
                pi.ofType(ASSOC).length,
                1,
                "associations of other clusters belong to their stacks",
            );
        });

        it("fails before registering anything when IRSA trust would exceed the quota, saying how many fit", async () => {
            const extra = [1, 2, 3, 4, 5, 6, 7].map(other);
            const { error, registrations } = await runExpectingError(
                identity({ clusterArn: CLUSTER_ARN, additionalClusters: extra }),
            );
            assert.deepStrictEqual(errorPaths(error), ["additionalClusters"]);
            assert.match(
                error.errors[0].reason,
                /trust policy for 8 cluster\(s\) in mode "irsa" would be about \d+ characters, over the IAM quota of 2048: one role fits 4 cluster\(s\)/,
            );
            assert.match(
                error.errors[0].reason,
                /Use mode "pod-identity" \(one statement for all clusters; about \d+ fit\)/,
            );
            assert.strictEqual(registrations.length, 1);
            // REFERENCE.md: about 4 IRSA clusters per role at 2,048. Four fit, five do not.
            const four = await run(
                identity({ clusterArn: CLUSTER_ARN, additionalClusters: extra.slice(0, 3) }),
            );
            assert.strictEqual(
                (four.trustPolicy("payments-api-role") as { Statement: unknown[] }).Statement.length,
                4,
            );
            const five = await runExpectingError(
                identity({ clusterArn: CLUSTER_ARN, additionalClusters: extra.slice(0, 4) }),
            );
            assert.deepStrictEqual(errorPaths(five.error), ["additionalClusters"]);
            const raised = await run(
                identity({ clusterArn: CLUSTER_ARN, additionalClusters: extra, trustPolicyMaxLength: 4096 }),
            );
            assert.strictEqual(
                (raised.trustPolicy("payments-api-role") as { Statement: unknown[] }).Statement.length,
                8,
            );
            const pi = await run(
                identity({ mode: "pod-identity", clusterArn: CLUSTER_ARN, additionalClusters: extra }),
            );
            assert.strictEqual(pi.ofType(ROLE).length, 1);
        });
    });

    describe("guards", () => {
        it("rejects a second identity for the same cluster, namespace and service account", async () => {
            const { error } = await runExpectingError(() => {
                new WorkloadIdentity("first", base);
                new WorkloadIdentity("second", base);
            });
            assert.deepStrictEqual(errorPaths(error), ["serviceAccount"]);
            assert.match(error.message, /WorkloadIdentity "second"/);
        });
    });

    it("registers the same resources in preview", async () => {
        const r = await run(identity({ mode: "both" }), { preview: true });
        assert.deepStrictEqual(r.inventory(), {
            "eks-identity:index:WorkloadIdentity": 1,
            "aws:iam/role:Role": 1,
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 1,
            "kubernetes:core/v1:ServiceAccount": 1,
            "aws:eks/podIdentityAssociation:PodIdentityAssociation": 1,
        });
    });
});

describe("WorkloadIdentity adopting an existing role and association", () => {
    const adopt = {
        roleName: "eksctl-dev-addon-iamserviceaccount-payments-Role1-1A2B3C",
        associationId: "a-yrpsdroc4ei7k6xps",
    };

    it("imports the role by its name and keeps that name and ARN", async () => {
        const r = await run(identity({ adopt: { roleName: adopt.roleName } }));
        const [role] = r.ofType(ROLE);
        assert.strictEqual(role.importId, adopt.roleName);
        assert.strictEqual(role.inputs.name, adopt.roleName);
        assert.strictEqual(role.outputs.arn, `arn:aws:iam::111122223333:role/${adopt.roleName}`);
        assert.strictEqual(r.ofType(SA)[0].importId, undefined);
    });

    it("imports the association as <clusterName>,<associationId>", async () => {
        const r = await run(identity({ mode: "both", adopt }));
        const [association] = r.ofType(ASSOC);
        assert.strictEqual(association.importId, "dev,a-yrpsdroc4ei7k6xps");
        assert.strictEqual(association.outputs.associationId, "a-yrpsdroc4ei7k6xps");
        assert.strictEqual(association.inputs.roleArn, `arn:aws:iam::111122223333:role/${adopt.roleName}`);
    });

    it("irsa -> both -> pod-identity changes only the adopted role's trust (and the annotation, the association)", async () => {
        const runs: Record<string, Run> = {};
        for (const mode of ["irsa", "both", "pod-identity"] as const) {
            runs[mode] = await run(
                identity({ mode, adopt: mode === "irsa" ? { roleName: adopt.roleName } : adopt }),
            );
        }
        const roles = Object.values(runs).map((r) =>
            r
                .ofType(ROLE)
                .map((x) => ({ urn: x.urn, importId: x.importId, name: x.inputs.name, arn: x.outputs.arn })),
        );
        assert.deepStrictEqual(roles[1], roles[0]);
        assert.deepStrictEqual(roles[2], roles[0]);
        const withoutTrust = (r: Run) => {
            const { assumeRolePolicy, ...rest } = r.ofType(ROLE)[0].inputs;
            return { trust: JSON.parse(String(assumeRolePolicy)) as { Statement: unknown[] }, rest };
        };
        const [irsa, both, podIdentity] = Object.values(runs).map(withoutTrust);
        assert.deepStrictEqual(both.rest, irsa.rest);
        assert.deepStrictEqual(podIdentity.rest, irsa.rest);
        assert.deepStrictEqual(
            [irsa, both, podIdentity].map((x) => x.trust.Statement.length),
            [1, 2, 1],
        );
        const changed = (a: Run, b: Run) =>
            a.registrations
                .filter((x) => {
                    const y = b.registrations.find((z) => z.urn === x.urn);
                    return (
                        !y ||
                        JSON.stringify(x.inputs) !== JSON.stringify(y.inputs) ||
                        x.importId !== y.importId
                    );
                })
                .map((x) => x.urn.split("::").pop())
                .sort();
        assert.deepStrictEqual(changed(runs.irsa, runs.both), ["payments-api-role"]);
        assert.deepStrictEqual(changed(runs.both, runs["pod-identity"]), [
            "payments-api-role",
            "payments-api-sa",
        ]);
        assert.deepStrictEqual(stableAssociation(runs.both), stableAssociation(runs["pod-identity"]));
    });
});

const stableAssociation = (r: Run) =>
    r.ofType(ASSOC).map((x) => ({ urn: x.urn, importId: x.importId, id: x.id, inputs: x.inputs }));

describe("WorkloadIdentity with clusters made elsewhere", () => {
    it("an existing cluster looked up by name: values only, no EksCluster needed", async () => {
        const r = await run(() => {
            const existing = aws.eks.getClusterOutput({ name: "legacy" });
            const issuer = existing.identities.apply((ids) => ids[0].oidcs[0].issuer);
            return new WorkloadIdentity("reports", {
                clusterName: existing.name,
                clusterArn: existing.arn,
                oidcIssuer: issuer,
                oidcProviderArn: pulumi.interpolate`arn:aws:iam::111122223333:oidc-provider/${issuer.apply((i) => i.replace("https://", ""))}`,
                namespace: "reports",
                serviceAccount: "reporter",
                mode: "both",
            });
        });
        assert.ok(r.invokes.includes("aws:eks/getCluster:getCluster"));
        const trust = r.trustPolicy("reports-role") as {
            Statement: { Condition: { StringEquals: Record<string, unknown> } }[];
        };
        const issuerKey = Object.keys(trust.Statement[0].Condition.StringEquals).find((k) =>
            k.endsWith(":sub"),
        )!;
        assert.match(issuerKey, /^oidc\.eks\.us-west-2\.amazonaws\.com\/id\/[0-9A-F]{32}:sub$/);
        assert.deepStrictEqual(trust.Statement[1].Condition.StringEquals["aws:RequestTag/eks-cluster-arn"], [
            "arn:aws:eks:us-west-2:111122223333:cluster/legacy",
        ]);
        assert.strictEqual(r.one(ASSOC, "reports-association").inputs.clusterName, "legacy");
    });

    it("a cluster built from raw @pulumi/aws resources (what @pulumi/eks creates underneath)", async () => {
        const r = await run(() => {
            const cluster = new aws.eks.Cluster("eks-cluster", {
                roleArn: "arn:aws:iam::111122223333:role/eks",
                vpcConfig: { subnetIds: ["subnet-a", "subnet-b"] },
            });
            const issuerUrl = cluster.identities.apply((ids) => ids[0].oidcs![0].issuer!);
            const provider = new aws.iam.OpenIdConnectProvider("eks-oidc", {
                url: issuerUrl,
                clientIdLists: ["sts.amazonaws.com"],
            });
            return new WorkloadIdentity("app", {
                clusterName: cluster.name,
                clusterArn: cluster.arn,
                oidcProviderArn: provider.arn,
                namespace: "app",
                serviceAccount: "app",
                mode: "irsa",
            });
        });
        const provider = r.one("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "eks-oidc");
        const trust = r.trustPolicy("app-role") as { Statement: { Principal: { Federated: string } }[] };
        assert.strictEqual(trust.Statement[0].Principal.Federated, provider.outputs.arn);
        // The issuer comes from the provider ARN when not given.
        assert.ok(
            JSON.stringify(trust).includes(`${String(provider.inputs.url).replace("https://", "")}:sub`),
        );
    });
});

describe("WorkloadIdentity and the Kubernetes provider", () => {
    it("warns when the ServiceAccount would go to the ambient cluster, not when a provider is given", async () => {
        const bare = await run(identity());
        assert.deepStrictEqual(
            bare.warnings.map((w) => w.message.split(" (")[0]),
            [NO_PROVIDER],
        );
        const withProvider = await run(
            () =>
                new WorkloadIdentity("payments-api", base, {
                    providers: { kubernetes: new k8s.Provider("k8s", { kubeconfig: "{}" }) },
                }),
        );
        assert.deepStrictEqual(withProvider.warnings, []);
        const sa = withProvider.one(SA, "payments-api-sa");
        assert.match(
            String(sa.provider),
            /^urn:pulumi:test::eks-identity::pulumi:providers:kubernetes::k8s::/,
        );
        const noAccount = await run(identity({ createServiceAccount: false }));
        assert.deepStrictEqual(noAccount.warnings, []);
    });

    it("an IRSA ServiceAccount waits for the role's permissions", async () => {
        const r = await run(identity());
        const attachment = r.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")[0];
        assert.ok(r.one(SA, "payments-api-sa").dependencies.includes(attachment.urn));
    });
});

describe("WorkloadIdentity with names from other resources", () => {
    const wiredNames = { namespace: pulumi.output("payments"), serviceAccount: pulumi.output("api") };

    it("a namespace and service account given as Outputs build the same role, trust, ServiceAccount and association", async () => {
        const args = { mode: "both" as const, clusterArn: CLUSTER_ARN };
        const plain = await run(identity(args));
        const wired = await run(identity({ ...args, ...wiredNames }));
        for (const [type, name] of [
            [ROLE, "payments-api-role"],
            [SA, "payments-api-sa"],
            [ASSOC, "payments-api-association"],
        ]) {
            assert.deepStrictEqual(wired.one(type, name).inputs, plain.one(type, name).inputs, type);
        }
        assert.strictEqual(
            wired.one(ROLE, "payments-api-role").inputs.description,
            "Workload identity of payments/api",
        );
        assert.deepStrictEqual(
            (wired.trustPolicy("payments-api-role") as { Statement: unknown[] }).Statement,
            [irsaStatement(), podIdentityStatement()],
        );
        assert.deepStrictEqual(
            await Promise.all([wired.value.namespace, wired.value.serviceAccount].map(valueOf)),
            ["payments", "api"],
        );
    });

    it("names not known yet are not compared up front; the cloud refuses the second ServiceAccount once they are", async () => {
        await assert.rejects(
            run(() => {
                new WorkloadIdentity("first", { ...base, ...wiredNames });
                new WorkloadIdentity("second", { ...base, ...wiredNames });
            }),
            (error: unknown) =>
                error instanceof ConflictError &&
                error.urn.endsWith("$kubernetes:core/v1:ServiceAccount::second-sa") &&
                error.holder.endsWith("$kubernetes:core/v1:ServiceAccount::first-sa") &&
                error.what === "Kubernetes core/v1:ServiceAccount payments/api in one cluster",
        );
    });

    it("the trust-length estimate counts unknown names at a typical length; the exact check follows", async () => {
        const issuer = (i: number) => `oidc.eks.eu-west-1.amazonaws.com/id/${String(i).padStart(32, "A")}`;
        const additionalClusters = [1, 2, 3, 4, 5, 6, 7].map((i) => ({
            clusterName: `green-${i}`,
            clusterArn: `arn:aws:eks:eu-west-1:111122223333:cluster/green-${i}`,
            oidcProviderArn: `arn:aws:iam::111122223333:oidc-provider/${issuer(i)}`,
        }));
        const { error } = await runExpectingError(
            identity({ ...wiredNames, clusterArn: CLUSTER_ARN, additionalClusters }),
        );
        assert.deepStrictEqual(errorPaths(error), ["additionalClusters"]);
    });
});

describe("WorkloadIdentity at a stack's first preview (computed outputs unknown)", () => {
    const firstPreview = { preview: true, firstPreview: true };
    // A cluster being created with its name set: its `arn` and issuer are unknown at this preview.
    const cluster = () =>
        new aws.eks.Cluster("eks-cluster", {
            name: "dev",
            roleArn: "arn:aws:iam::111122223333:role/eks",
            vpcConfig: { subnetIds: ["subnet-a", "subnet-b"] },
        });

    it("a Pod Identity trust is built from the partition, region, account and cluster name: known, as on a normal run", async () => {
        const program = () => {
            const c = cluster();
            return new WorkloadIdentity("payments-api", {
                ...base,
                mode: "pod-identity",
                oidcProviderArn: undefined,
                oidcIssuer: undefined,
                clusterName: c.name,
                clusterArn: c.arn,
            });
        };
        const preview = await run(program, firstPreview);
        assert.strictEqual(preview.one("aws:eks/cluster:Cluster", "eks-cluster").outputs.arn, UNKNOWN);
        assert.strictEqual(
            preview.one(ROLE, "payments-api-role").inputs.assumeRolePolicy,
            JSON.stringify({ Version: "2012-10-17", Statement: [podIdentityStatement([CLUSTER_ARN])] }),
        );
        const update = await run(program);
        assert.strictEqual(
            update.one(ROLE, "payments-api-role").inputs.assumeRolePolicy,
            preview.one(ROLE, "payments-api-role").inputs.assumeRolePolicy,
        );
        // The role's ARN is AWS's to compute: the association's roleArn waits for it.
        assert.strictEqual(preview.one(ASSOC, "payments-api-association").inputs.roleArn, UNKNOWN);
    });

    it("an IRSA trust needs the cluster's issuer, which exists only after the cluster: unknown", async () => {
        const r = await run(() => {
            const c = cluster();
            const issuer = c.identities.apply((ids) => ids[0].oidcs![0].issuer!);
            const provider = new aws.iam.OpenIdConnectProvider("eks-oidc", {
                url: issuer,
                clientIdLists: ["sts.amazonaws.com"],
            });
            return new WorkloadIdentity("app", {
                clusterName: c.name,
                oidcProviderArn: provider.arn,
                oidcIssuer: issuer,
                namespace: "app",
                serviceAccount: "app",
                mode: "both",
            });
        }, firstPreview);
        assert.strictEqual(r.one(ROLE, "app-role").inputs.assumeRolePolicy, UNKNOWN);
        assert.strictEqual(
            r.one("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "eks-oidc").inputs.url,
            UNKNOWN,
        );
    });
});
