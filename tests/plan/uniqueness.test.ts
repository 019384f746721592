// What AWS and Kubernetes hold once: the claims of each type, and a run that claims one twice.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { EksCluster, WorkloadIdentity } from "../../components";
import { claimsOf, ConflictError, UniquenessLedger } from "../../plan/uniqueness";
import { run } from "../harness";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const keys = (type: string, inputs: Record<string, unknown>, provider?: string) =>
    claimsOf(type, inputs, provider).map((c) => c.key);

describe("plan/uniqueness", () => {
    it("IAM names are claimed as IAM compares them (case-insensitive); autonamed and unknown names claim nothing", () => {
        assert.deepStrictEqual(claimsOf("aws:iam/role:Role", { name: "Payments-API" }), [
            { what: 'IAM role name "Payments-API"', key: "iam-role:payments-api" },
        ]);
        assert.deepStrictEqual(keys("aws:iam/role:Role", {}), []);
        assert.deepStrictEqual(keys("aws:iam/role:Role", { name: UNKNOWN }), []);
        assert.deepStrictEqual(keys("aws:iam/policy:Policy", { name: "Read" }), ["iam-policy:read"]);
        assert.deepStrictEqual(keys("aws:iam/rolePolicy:RolePolicy", { role: "R", name: "s3" }), [
            "role-policy:r/s3",
        ]);
        assert.deepStrictEqual(
            keys("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {
                role: "r",
                policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
            }),
            ["attachment:r/arn:aws:iam::aws:policy/ReadOnlyAccess"],
        );
        assert.deepStrictEqual(
            keys("aws:iam/openIdConnectProvider:OpenIdConnectProvider", {
                url: "https://oidc.eks.us-west-2.amazonaws.com/id/ABC",
            }),
            ["oidc:oidc.eks.us-west-2.amazonaws.com/id/ABC"],
        );
    });

    it("@pulumi/eks's cluster claims the EKS name it is given, and its VpcCniAddon the vpc-cni add-on of its cluster", () => {
        assert.deepStrictEqual(keys("eks:index:Cluster", { name: "legacy" }), ["eks-cluster:legacy"]);
        assert.deepStrictEqual(keys("eks:index:Cluster", {}), []);
        assert.deepStrictEqual(keys("eks:index:VpcCniAddon", { clusterName: "legacy" }), [
            "eks-add-on:legacy/vpc-cni",
        ]);
        assert.deepStrictEqual(
            keys("eks:index:VpcCniAddon", { clusterName: "legacy" }),
            keys("aws:eks/addon:Addon", { clusterName: "legacy", addonName: "vpc-cni" }),
        );
    });

    it("an add-on claims its name in the cluster and its own Pod Identity associations in its namespace", () => {
        const podIdentityAssociations = [{ serviceAccount: "aws-node", roleArn: "arn:aws:iam::1:role/cni" }];
        assert.deepStrictEqual(
            keys("aws:eks/addon:Addon", {
                clusterName: "dev",
                addonName: "vpc-cni",
                podIdentityAssociations,
            }),
            ["eks-add-on:dev/vpc-cni", "pod-identity:dev/kube-system/aws-node"],
        );
        assert.deepStrictEqual(
            keys("aws:eks/addon:Addon", {
                clusterName: "dev",
                addonName: "x",
                namespaceConfig: { namespace: "x-system" },
                podIdentityAssociations,
            }),
            ["eks-add-on:dev/x", "pod-identity:dev/x-system/aws-node"],
        );
        assert.deepStrictEqual(
            keys("aws:eks/podIdentityAssociation:PodIdentityAssociation", {
                clusterName: "dev",
                namespace: "kube-system",
                serviceAccount: "aws-node",
            }),
            ["pod-identity:dev/kube-system/aws-node"],
        );
        assert.deepStrictEqual(
            keys("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", {
                clusterName: "dev",
                principalArn: "arn:aws:iam::1:role/a",
                policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
            }),
            [
                "access-policy:dev/arn:aws:iam::1:role/a/arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
            ],
        );
    });

    it("a Kubernetes object is claimed per cluster (its provider), kind, namespace and name", () => {
        const sa = { metadata: { namespace: "payments", name: "api" } };
        assert.deepStrictEqual(keys("kubernetes:core/v1:ServiceAccount", sa, "urn:p::id"), [
            "k8s:urn:p::id:core/v1:ServiceAccount:payments/api",
        ]);
        assert.deepStrictEqual(keys("kubernetes:core/v1:Namespace", { metadata: { name: "payments" } }), [
            "k8s:default:core/v1:Namespace:payments",
        ]);
        assert.deepStrictEqual(keys("kubernetes:core/v1:ServiceAccount", { metadata: {} }), []);
    });

    it("the ledger returns the holder of a claim taken by another URN, and takes nothing from a refused claim", () => {
        const ledger = new UniquenessLedger();
        const a = claimsOf("aws:iam/role:Role", { name: "api" });
        const b = claimsOf("aws:iam/role:Role", { name: "API" });
        assert.strictEqual(ledger.claim("urn:a", a), undefined);
        assert.deepStrictEqual(ledger.claim("urn:b", b), { what: 'IAM role name "API"', holder: "urn:a" });
        assert.strictEqual(
            ledger.claim("urn:c", claimsOf("aws:iam/role:Role", { name: "other" })),
            undefined,
        );
    });

    it("a workload on kube-system/aws-node beside the vpc-cni add-on's association fails the run, naming both", async () => {
        await assert.rejects(
            run(() => {
                const cluster = new EksCluster("dev", {
                    subnetIds: ["subnet-aaaa1111", "subnet-bbbb2222"],
                    clusterName: "dev",
                });
                new WorkloadIdentity("cni", {
                    clusterName: cluster.clusterName,
                    namespace: "kube-system",
                    serviceAccount: "aws-node",
                    mode: "pod-identity",
                    managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"],
                });
            }),
            (error: unknown) =>
                error instanceof ConflictError &&
                error.what === 'Pod Identity association of kube-system/aws-node in cluster "dev"' &&
                [error.urn, error.holder].sort().join(" ") ===
                    [
                        "urn:pulumi:test::eks-identity::eks-identity:index:EksCluster$aws:eks/addon:Addon::dev-vpc-cni",
                        "urn:pulumi:test::eks-identity::eks-identity:index:WorkloadIdentity$aws:eks/podIdentityAssociation:PodIdentityAssociation::cni-association",
                    ].join(" "),
        );
    });

    it("two roles with one given name, in any case, fail the run; autonamed roles of one logical name do not", async () => {
        await assert.rejects(
            run(() => {
                new aws.iam.Role("a", { name: "ci-deployer", assumeRolePolicy: "{}" });
                new aws.iam.Role("b", { name: "CI-Deployer", assumeRolePolicy: "{}" });
            }),
            (error: unknown) =>
                error instanceof ConflictError &&
                error.message ===
                    'urn:pulumi:test::eks-identity::aws:iam/role:Role::b: IAM role name "CI-Deployer" is already held by urn:pulumi:test::eks-identity::aws:iam/role:Role::a; the second is refused at `pulumi up` (there is one per scope): rename or remove one',
        );
        const r = await run(() => {
            new aws.iam.Role("a", { assumeRolePolicy: "{}" });
            new aws.iam.Role("b", { assumeRolePolicy: "{}" });
        });
        assert.strictEqual(r.ofType("aws:iam/role:Role").length, 2);
    });
});
