// @pulumi/eks's Cluster in the fake cloud: one remote registration whose outputs are the eks
// provider's, with `eksCluster` a reference the SDK turns back into an aws.eks.Cluster.
import * as assert from "assert";
import * as eks from "@pulumi/eks";
import { firstPreviewState, physicalName, UNKNOWN } from "../../plan/cloud";
import { pulumiEksKubeconfig } from "../../plan/pulumiEks";
import { awsCloud, chinaCloud, run, valueOf } from "../harness";

const ISSUER_ID = "471ED3AFE939331190D27A2D1D337C83";

describe("plan/pulumiEks", () => {
    it("an eks.Cluster is one registration; eksCluster resolves to its aws.eks.Cluster, name and ARN included", async () => {
        const result = await run(
            async () => {
                const cluster = new eks.Cluster("legacy", {
                    createOidcProvider: true,
                    version: "1.33",
                    skipDefaultNodeGroup: true,
                });
                return {
                    name: await valueOf(cluster.eksCluster.name),
                    arn: await valueOf(cluster.eksCluster.arn),
                    version: await valueOf(cluster.eksCluster.version),
                    oidcProviderArn: await valueOf(cluster.oidcProviderArn),
                    oidcIssuer: await valueOf(cluster.oidcIssuer),
                    oidcProviderUrl: await valueOf(cluster.oidcProviderUrl),
                    asg: await valueOf(cluster.defaultNodeGroupAsgName),
                };
            },
            { cloud: awsCloud, preview: true },
        );
        assert.deepStrictEqual(result.names(), ["eks:index:Cluster::legacy"]);
        assert.deepStrictEqual(await result.value, {
            name: "legacy-eksCluster-1d6ea85",
            arn: "arn:aws:eks:us-west-2:111122223333:cluster/legacy-eksCluster-1d6ea85",
            version: "1.33",
            oidcProviderArn: `arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/${ISSUER_ID}`,
            oidcIssuer: `oidc.eks.us-west-2.amazonaws.com/id/${ISSUER_ID}`,
            oidcProviderUrl: `https://oidc.eks.us-west-2.amazonaws.com/id/${ISSUER_ID}`,
            asg: "",
        });
    });

    it("without createOidcProvider the OIDC provider ARN is empty, the issuer is not; a given name is the cluster's; the default node group is there", async () => {
        const result = await run(
            async () => {
                const cluster = new eks.Cluster("legacy", { name: "payments" });
                return {
                    name: await valueOf(cluster.eksCluster.name),
                    oidcProviderArn: await valueOf(cluster.oidcProviderArn),
                    oidcIssuer: await valueOf(cluster.oidcIssuer),
                    asg: await valueOf(cluster.defaultNodeGroupAsgName),
                };
            },
            { cloud: chinaCloud, preview: true },
        );
        const outputs = result.one("eks:index:Cluster", "legacy").outputs;
        assert.deepStrictEqual(await result.value, {
            name: "payments",
            oidcProviderArn: "",
            oidcIssuer: String(outputs.oidcIssuer),
            asg: physicalName("legacy"),
        });
        assert.match(
            String(outputs.oidcIssuer),
            /^oidc\.eks\.cn-north-1\.amazonaws\.com\.cn\/id\/[0-9A-F]{32}$/,
        );
    });

    it("kubeconfigJson is @pulumi/eks's kubeconfig of the cluster's endpoint and CA, with `aws eks get-token`", async () => {
        const result = await run(
            async () => {
                const cluster = new eks.Cluster("legacy", { name: "payments", skipDefaultNodeGroup: true });
                return JSON.parse(await valueOf(cluster.kubeconfigJson)) as Record<string, unknown>;
            },
            { cloud: awsCloud, preview: true },
        );
        const kubeconfig = await result.value;
        const clusters = kubeconfig.clusters as {
            cluster: { server: string; "certificate-authority-data": string };
        }[];
        assert.deepStrictEqual(
            kubeconfig,
            pulumiEksKubeconfig(
                "payments",
                clusters[0].cluster.server,
                "us-west-2",
                clusters[0].cluster["certificate-authority-data"],
            ),
        );
        assert.match(
            clusters[0].cluster.server,
            /^https:\/\/[0-9A-F]{32}\.gr7\.us-west-2\.eks\.amazonaws\.com$/,
        );
        const users = kubeconfig.users as { user: { exec: { args: string[] } } }[];
        assert.deepStrictEqual(users[0].user.exec.args, [
            "--region",
            "us-west-2",
            "eks",
            "get-token",
            "--cluster-name",
            "payments",
            "--output",
            "json",
        ]);
    });

    it("security groups follow skipDefaultSecurityGroups; Fargate and Auto Mode skip the default node group", async () => {
        const result = await run(
            () => {
                new eks.Cluster("own", { skipDefaultNodeGroup: true });
                new eks.Cluster("eks-made", { skipDefaultSecurityGroups: true, fargate: true });
                new eks.Cluster("auto", { autoMode: { enabled: true } });
            },
            { cloud: awsCloud, preview: true },
        );
        const own = result.one("eks:index:Cluster", "own").outputs;
        const eksMade = result.one("eks:index:Cluster", "eks-made").outputs;
        const auto = result.one("eks:index:Cluster", "auto").outputs;
        assert.notStrictEqual(own.clusterSecurityGroupId, own.nodeSecurityGroupId);
        assert.match(String(own.clusterIngressRuleId), /^sgr-[0-9a-f]{17}$/);
        assert.strictEqual(eksMade.clusterSecurityGroupId, eksMade.nodeSecurityGroupId);
        assert.strictEqual(eksMade.clusterIngressRuleId, "");
        assert.match(
            String(eksMade.fargateProfileId),
            /^eks-made-eksCluster-[0-9a-f]{7}:eks-made-fargateProfile-[0-9a-f]{7}$/,
        );
        assert.deepStrictEqual(
            [eksMade.defaultNodeGroupAsgName, auto.defaultNodeGroupAsgName, auto.fargateProfileId],
            ["", "", ""],
        );
        assert.match(String(auto.autoModeNodeRoleName), /^auto-autoModeNodeRole-role-[0-9a-f]{7}$/);
        assert.strictEqual(own.autoModeNodeRoleName, "");
    });

    it("at a stack's first preview every output is unknown, the cluster reference included", () => {
        const { state } = firstPreviewState(awsCloud, "eks:index:Cluster", "legacy", {
            createOidcProvider: true,
        });
        assert.deepStrictEqual(
            Object.entries(state).filter(([, v]) => v !== UNKNOWN),
            [],
        );
        assert.strictEqual(state.eksCluster, UNKNOWN);
    });
});
