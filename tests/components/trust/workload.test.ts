import * as assert from "assert";
import { IdentityMode } from "../../../components/identity/mode";
import { TrustedCluster, workloadTrustPolicy } from "../../../components/trust/workload";
import { assertExactJson } from "./exactJson";

const BLUE_ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/B1E0000000000000000000000000000A";
const DR_ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/D400000000000000000000000000000C";
const BLUE: TrustedCluster = {
    clusterArn: "arn:aws:eks:us-west-2:111122223333:cluster/blue",
    oidcProviderArn: `arn:aws:iam::111122223333:oidc-provider/${BLUE_ISSUER}`,
    oidcIssuer: BLUE_ISSUER,
};
const DR: TrustedCluster = {
    clusterArn: "arn:aws:eks:eu-west-1:111122223333:cluster/dr",
    oidcProviderArn: `arn:aws:iam::111122223333:oidc-provider/${DR_ISSUER}`,
};

const irsa = (issuer: string, provider: string) => ({
    Effect: "Allow",
    Principal: { Federated: provider },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: {
        StringEquals: {
            [`${issuer}:sub`]: "system:serviceaccount:payments:ledger",
            [`${issuer}:aud`]: "sts.amazonaws.com",
        },
    },
});
const podIdentity = {
    Effect: "Allow",
    Principal: { Service: "pods.eks.amazonaws.com" },
    Action: ["sts:AssumeRole", "sts:TagSession"],
    Condition: {
        StringEquals: {
            "aws:SourceAccount": "111122223333",
            "aws:RequestTag/eks-cluster-arn": [BLUE.clusterArn, DR.clusterArn],
            "aws:RequestTag/kubernetes-namespace": "payments",
            "aws:RequestTag/kubernetes-service-account": "ledger",
        },
    },
};

const policy = (mode: IdentityMode, clusters = [BLUE, DR]) =>
    JSON.stringify(
        workloadTrustPolicy({
            mode,
            accountId: "111122223333",
            clusters,
            namespace: "payments",
            serviceAccount: "ledger",
        }),
    );

describe("trust/workload", () => {
    it("per mode: one IRSA statement per cluster, one Pod Identity statement for all, both for both", () => {
        const cases: [IdentityMode, unknown[]][] = [
            ["irsa", [irsa(BLUE_ISSUER, BLUE.oidcProviderArn!), irsa(DR_ISSUER, DR.oidcProviderArn!)]],
            ["pod-identity", [podIdentity]],
            [
                "both",
                [irsa(BLUE_ISSUER, BLUE.oidcProviderArn!), irsa(DR_ISSUER, DR.oidcProviderArn!), podIdentity],
            ],
        ];
        for (const [mode, statements] of cases) {
            assertExactJson(JSON.parse(policy(mode)), { Version: "2012-10-17", Statement: statements }, mode);
        }
    });

    it("session tags off: the Pod Identity statement keeps the account condition only", () => {
        const doc = workloadTrustPolicy({
            mode: "pod-identity",
            accountId: "111122223333",
            clusters: [BLUE],
            namespace: "payments",
            serviceAccount: "ledger",
            disableSessionTags: true,
        });
        assertExactJson(doc, {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "pods.eks.amazonaws.com" },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                    Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
                },
            ],
        });
    });

    it("Pod Identity needs no OIDC provider; IRSA refuses a cluster without one", () => {
        const bare: TrustedCluster = { clusterArn: "arn:aws:eks:us-west-2:111122223333:cluster/bare" };
        assert.strictEqual(JSON.parse(policy("pod-identity", [bare])).Statement.length, 1);
        for (const mode of ["irsa", "both"] as const) {
            assert.throws(
                () => policy(mode, [BLUE, bare]),
                /^Error: cluster arn:aws:eks:us-west-2:111122223333:cluster\/bare has no OIDC provider, which IRSA needs$/,
                mode,
            );
        }
    });
});
