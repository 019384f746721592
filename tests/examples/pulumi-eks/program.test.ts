// The @pulumi/eks example planned offline: the cluster stays one @pulumi/eks component, and the
// identities added beside it trust exactly its issuer and association; no node role carries
// AmazonEKS_CNI_Policy, vpc-cni's own identity does. The policy pack finds nothing.
import * as assert from "assert";
import { pulumiEksExample } from "../../../examples/pulumi-eks/program";
import { defaultCloud } from "../../../plan/cloud";
import { planProgram } from "../../../plan/plan";
import { awsCloud, run, Run, valueOf } from "../../harness";

const ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/471ED3AFE939331190D27A2D1D337C83";
const PROVIDER = `arn:aws:iam::111122223333:oidc-provider/${ISSUER}`;
const CLUSTER = "legacy-eksCluster-1d6ea85";
const CLUSTER_ARN = `arn:aws:eks:us-west-2:111122223333:cluster/${CLUSTER}`;

/** The IRSA statement of a trust that names exactly `namespace/serviceAccount` on the example's cluster. */
function irsaStatement(namespace: string, serviceAccount: string): object {
    return {
        Effect: "Allow",
        Principal: { Federated: PROVIDER },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
            StringEquals: {
                [`${ISSUER}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
                [`${ISSUER}:aud`]: "sts.amazonaws.com",
            },
        },
    };
}

describe("examples/pulumi-eks/program", () => {
    // One offline run of the example, read by every test below.
    let result: Run<ReturnType<typeof pulumiEksExample>>;
    before(async () => {
        result = await run(pulumiEksExample, { cloud: awsCloud, preview: true });
    });

    it("plans the @pulumi/eks cluster as one component and this product's resources beside it", async () => {
        assert.deepStrictEqual(result.inventory(), {
            "awsx:ec2:Vpc": 1,
            "eks:index:Cluster": 1,
            "eks:index:VpcCniAddon": 1,
            "pulumi:providers:kubernetes": 1,
            "aws:eks/addon:Addon": 1,
            "eks-identity:index:ManagedNodeGroup": 1,
            "aws:ec2/launchTemplate:LaunchTemplate": 1,
            "aws:eks/nodeGroup:NodeGroup": 1,
            "eks-identity:index:WorkloadIdentity": 2,
            "aws:iam/role:Role": 3,
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 3,
            "aws:iam/rolePolicy:RolePolicy": 1,
            "kubernetes:core/v1:ServiceAccountPatch": 1,
            "kubernetes:core/v1:ServiceAccount": 1,
            "aws:eks/podIdentityAssociation:PodIdentityAssociation": 1,
        });
        const outputs = await result.value;
        assert.deepStrictEqual(
            await Promise.all([outputs.clusterName, outputs.cniRoleArn, outputs.ordersRoleArn].map(valueOf)),
            [
                CLUSTER,
                "arn:aws:iam::111122223333:role/legacy-aws-node-role-e99aad0",
                String(result.one("aws:iam/role:Role", "orders-api-role").outputs.arn),
            ],
        );
    });

    it("vpc-cni's identity: IRSA for kube-system/aws-node only, AmazonEKS_CNI_Policy, wired into the add-on beside the cluster", () => {
        assert.deepStrictEqual(result.trustPolicy("legacy-aws-node-role"), {
            Version: "2012-10-17",
            Statement: [irsaStatement("kube-system", "aws-node")],
        });
        assert.deepStrictEqual(result.attachedPolicies("legacy-aws-node-role"), [
            "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
        ]);
        const cniRoleArn = String(result.one("aws:iam/role:Role", "legacy-aws-node-role").outputs.arn);
        const addon = result.one("eks:index:VpcCniAddon", "legacy-vpc-cni");
        assert.deepStrictEqual(addon.inputs, {
            clusterName: CLUSTER,
            clusterVersion: "1.33",
            // The SDK's defaults (vpcCniAddon.ts), as the add-on the cluster made had them.
            resolveConflictsOnCreate: "OVERWRITE",
            resolveConflictsOnUpdate: "OVERWRITE",
            serviceAccountRoleArn: cniRoleArn,
        });
        // Only the SDK's own alias (its v2 type): a top-level add-on, created after the cluster's went.
        assert.deepStrictEqual(addon.aliases, [{ type: "eks:index:VpcCni" }]);
        // The add-on owns aws-node; the identity manages only its annotation, under its own manager.
        assert.deepStrictEqual(
            result.one("kubernetes:core/v1:ServiceAccountPatch", "legacy-aws-node-sa-role-arn").inputs
                .metadata,
            {
                name: "aws-node",
                namespace: "kube-system",
                annotations: { "eks.amazonaws.com/role-arn": cniRoleArn, "pulumi.com/patchForce": "true" },
            },
        );
        assert.deepStrictEqual(result.one("eks:index:Cluster", "legacy").inputs.useDefaultVpcCni, true);
    });

    it("the node role has no AmazonEKS_CNI_Policy: the worker node policy and ECR pull only", () => {
        assert.deepStrictEqual(result.attachedPolicies("legacy-general-node-role"), [
            "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
            "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
        ]);
        assert.deepStrictEqual(result.one("eks:index:Cluster", "legacy").inputs.skipDefaultNodeGroup, true);
        assert.strictEqual(
            result.one("aws:eks/nodeGroup:NodeGroup", "legacy-general-ng").inputs.clusterName,
            CLUSTER,
        );
    });

    it("orders-api migrates in `both`: the two trusts name exactly its ServiceAccount and the @pulumi/eks cluster", () => {
        assert.deepStrictEqual(result.trustPolicy("orders-api-role"), {
            Version: "2012-10-17",
            Statement: [
                irsaStatement("orders", "orders-api"),
                {
                    Effect: "Allow",
                    Principal: { Service: "pods.eks.amazonaws.com" },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                    Condition: {
                        StringEquals: {
                            "aws:SourceAccount": "111122223333",
                            "aws:RequestTag/eks-cluster-arn": [CLUSTER_ARN],
                            "aws:RequestTag/kubernetes-namespace": "orders",
                            "aws:RequestTag/kubernetes-service-account": "orders-api",
                        },
                    },
                },
            ],
        });
        assert.deepStrictEqual(result.attachedPolicies("orders-api-role"), []);
        const association = result.one(
            "aws:eks/podIdentityAssociation:PodIdentityAssociation",
            "orders-api-association",
        );
        assert.deepStrictEqual(
            [association.inputs.clusterName, association.inputs.namespace, association.inputs.serviceAccount],
            [CLUSTER, "orders", "orders-api"],
        );
    });

    it("the policy pack, over the Analyzer protocol, finds nothing in the example", async function () {
        this.timeout(60_000);
        const plan = await planProgram(
            pulumiEksExample,
            { stack: "example", configFile: "examples/pulumi-eks/Pulumi.yaml", cloud: defaultCloud },
            {},
        );
        assert.deepStrictEqual(plan.summary, { resources: 20, mandatory: 0, advisory: 0, undetermined: 0 });
        assert.deepStrictEqual(plan.violations, []);
    });
});
