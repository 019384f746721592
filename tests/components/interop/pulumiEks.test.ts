// An @pulumi/eks cluster as the source of WorkloadIdentity's cluster inputs: the identities trust
// exactly that cluster's issuer and association, and their ServiceAccounts go to its provider.
import * as assert from "assert";
import * as eks from "@pulumi/eks";
import { pulumiEksIdentityCluster, WorkloadIdentity } from "../../../components";
import { awsCloud, errorPaths, run, runExpectingError } from "../../harness";

const ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/471ED3AFE939331190D27A2D1D337C83";
const CLUSTER = "legacy-eksCluster-1d6ea85";

describe("components/interop/pulumiEks", () => {
    it("gives name, OIDC provider and issuer of the eks.Cluster, and a provider of its kubeconfig; installs the agent on request", async () => {
        const result = await run(
            () => {
                const cluster = new eks.Cluster("legacy", {
                    createOidcProvider: true,
                    skipDefaultNodeGroup: true,
                });
                const identity = pulumiEksIdentityCluster("legacy", cluster, {
                    podIdentityAgent: "install",
                    tags: { team: "platform" },
                });
                new WorkloadIdentity(
                    "orders",
                    { ...identity.inputs, namespace: "orders", serviceAccount: "orders-api", mode: "both" },
                    { providers: [identity.kubernetes], dependsOn: identity.dependsOn },
                );
                return identity;
            },
            { cloud: awsCloud, preview: true },
        );
        const cluster = result.one("eks:index:Cluster", "legacy");
        assert.deepStrictEqual(result.one("pulumi:providers:kubernetes", "legacy-k8s").inputs, {
            kubeconfig: cluster.outputs.kubeconfigJson,
            enableServerSideApply: "true",
        });
        assert.deepStrictEqual(result.one("aws:eks/addon:Addon", "legacy-eks-pod-identity-agent").inputs, {
            clusterName: CLUSTER,
            addonName: "eks-pod-identity-agent",
            resolveConflictsOnUpdate: "OVERWRITE",
            tags: { team: "platform" },
        });
        assert.deepStrictEqual(result.trustPolicy("orders-role"), {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${ISSUER}` },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: {
                            [`${ISSUER}:sub`]: "system:serviceaccount:orders:orders-api",
                            [`${ISSUER}:aud`]: "sts.amazonaws.com",
                        },
                    },
                },
                {
                    Effect: "Allow",
                    Principal: { Service: "pods.eks.amazonaws.com" },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                    Condition: {
                        StringEquals: {
                            "aws:SourceAccount": "111122223333",
                            "aws:RequestTag/eks-cluster-arn": [
                                `arn:aws:eks:us-west-2:111122223333:cluster/${CLUSTER}`,
                            ],
                            "aws:RequestTag/kubernetes-namespace": "orders",
                            "aws:RequestTag/kubernetes-service-account": "orders-api",
                        },
                    },
                },
            ],
        });
        const sa = result.one("kubernetes:core/v1:ServiceAccount", "orders-sa");
        assert.ok(sa.provider?.startsWith(result.one("pulumi:providers:kubernetes", "legacy-k8s").urn));
        const association = result.one(
            "aws:eks/podIdentityAssociation:PodIdentityAssociation",
            "orders-association",
        );
        assert.strictEqual(association.inputs.clusterName, CLUSTER);
        assert.deepStrictEqual(result.one("eks-identity:index:WorkloadIdentity", "orders").dependencies, [
            result.one("aws:eks/addon:Addon", "legacy-eks-pod-identity-agent").urn,
        ]);
    });

    it('"absent" (the default) installs nothing and refuses Pod Identity; Fargate namespaces refuse it too', async () => {
        const { error, registrations } = await runExpectingError(() => {
            const cluster = new eks.Cluster("legacy", { createOidcProvider: true });
            const identity = pulumiEksIdentityCluster("legacy", cluster, { fargateNamespaces: ["batch"] });
            new WorkloadIdentity("jobs", {
                ...identity.inputs,
                namespace: "batch",
                serviceAccount: "runner",
                mode: "pod-identity",
            });
        });
        assert.deepStrictEqual(errorPaths(error), ["namespace", "podIdentityAgent"]);
        assert.deepStrictEqual(registrations.map((r) => `${r.type}::${r.name}`).sort(), [
            "eks-identity:index:WorkloadIdentity::jobs",
            "eks:index:Cluster::legacy",
            "pulumi:providers:kubernetes::legacy-k8s",
        ]);
    });

    it("an IRSA identity on a cluster without an IAM OIDC provider fails with the option that fixes it", async () => {
        await assert.rejects(
            run(() => {
                const cluster = new eks.Cluster("legacy", {});
                const identity = pulumiEksIdentityCluster("legacy", cluster);
                new WorkloadIdentity("orders", {
                    ...identity.inputs,
                    namespace: "orders",
                    serviceAccount: "api",
                    mode: "irsa",
                });
            }),
            (error: unknown) =>
                String(error).includes(
                    `WorkloadIdentity "orders": mode "irsa" uses IRSA, but the cluster's oidcProviderArn is empty: the cluster has no IAM OIDC provider. Create one (EksCluster irsa: true; @pulumi/eks createOidcProvider: true) or use mode "pod-identity"`,
                ),
        );
    });

    it("Pod Identity on a cluster without an IAM OIDC provider plans: it needs none", async () => {
        const result = await run(
            () => {
                const cluster = new eks.Cluster("legacy", {});
                const identity = pulumiEksIdentityCluster("legacy", cluster, { podIdentityAgent: "present" });
                new WorkloadIdentity(
                    "orders",
                    { ...identity.inputs, namespace: "orders", serviceAccount: "api", mode: "pod-identity" },
                    { providers: [identity.kubernetes] },
                );
            },
            { cloud: awsCloud, preview: true },
        );
        const trust = result.trustPolicy("orders-role") as { Statement: { Principal: unknown }[] };
        assert.deepStrictEqual(
            trust.Statement.map((st) => st.Principal),
            [{ Service: "pods.eks.amazonaws.com" }],
        );
        assert.deepStrictEqual(result.ofType("aws:eks/addon:Addon"), []);
    });

    it("refuses an agent setting it does not know, naming it, before registering anything of its own", async () => {
        const { error, registrations } = await runExpectingError(() => {
            const cluster = new eks.Cluster("legacy", {});
            pulumiEksIdentityCluster("legacy", cluster, { podIdentityAgent: "yes" as "present" });
        });
        assert.deepStrictEqual(errorPaths(error), ["podIdentityAgent"]);
        assert.deepStrictEqual(
            registrations.map((r) => r.type),
            ["eks:index:Cluster"],
        );
    });
});
