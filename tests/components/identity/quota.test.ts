import * as assert from "assert";
import { IdentityMode } from "../../../components/identity/mode";
import {
    canonicalCluster,
    clustersThatFit,
    DEFAULT_TRUST_POLICY_MAX_LENGTH,
    FitArgs,
    PLACEHOLDER_CLUSTER_NAME_LENGTH,
} from "../../../components/identity/quota";
import { policyLength } from "../../../components/trust/eksIdentity";
import { workloadTrustPolicy } from "../../../components/trust/workload";

const FACTS = { partition: "aws", region: "us-west-2", accountId: "111122223333" };

describe("identity/quota", () => {
    it("canonicalCluster: EKS's ARN and issuer shapes, a placeholder name of the stand-in length when unknown", () => {
        assert.strictEqual(DEFAULT_TRUST_POLICY_MAX_LENGTH, 2048);
        assert.strictEqual(PLACEHOLDER_CLUSTER_NAME_LENGTH, 24);
        const issuer = `oidc.eks.us-west-2.amazonaws.com/id/${"0".repeat(32)}`;
        assert.deepStrictEqual(canonicalCluster(FACTS, 3), {
            clusterArn: `arn:aws:eks:us-west-2:111122223333:cluster/c3${"x".repeat(22)}`,
            oidcProviderArn: `arn:aws:iam::111122223333:oidc-provider/${issuer}`,
            oidcIssuer: issuer,
        });
    });

    it("canonicalCluster: known facts win, and the issuer's DNS suffix follows the partition", () => {
        assert.deepStrictEqual(
            canonicalCluster({
                partition: "aws-cn",
                region: "cn-north-1",
                accountId: "444455556666",
                clusterName: "blue",
            }),
            {
                clusterArn: "arn:aws-cn:eks:cn-north-1:444455556666:cluster/blue",
                oidcProviderArn: `arn:aws-cn:iam::444455556666:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/${"0".repeat(32)}`,
                oidcIssuer: `oidc.eks.cn-north-1.amazonaws.com.cn/id/${"0".repeat(32)}`,
            },
        );
        const known = {
            ...FACTS,
            clusterArn: "arn:aws:eks:us-west-2:111122223333:cluster/given",
            oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/issuer.example/id/1",
            oidcIssuer: "issuer.example/id/1",
        };
        assert.deepStrictEqual(canonicalCluster(known), {
            clusterArn: known.clusterArn,
            oidcProviderArn: known.oidcProviderArn,
            oidcIssuer: known.oidcIssuer,
        });
    });

    describe("clustersThatFit", () => {
        const fit = (mode: IdentityMode, maxLength: number): FitArgs => ({
            mode,
            namespace: "payments",
            serviceAccount: "api",
            maxLength,
            accountId: FACTS.accountId,
            cluster: (i) => canonicalCluster(FACTS, i),
        });
        const length = (args: FitArgs, count: number) =>
            policyLength(
                JSON.stringify(
                    workloadTrustPolicy({
                        ...args,
                        clusters: Array.from({ length: count }, (_, i) => args.cluster(i)),
                    }),
                ),
            );
        // About 4 IRSA clusters per role at the default quota (REFERENCE.md); Pod Identity adds one ARN each.
        const cases: [IdentityMode, number, number][] = [
            ["irsa", 2048, 4],
            ["irsa", 4096, 9],
            ["both", 2048, 3],
            ["both", 4096, 7],
            ["pod-identity", 2048, 24],
            ["pod-identity", 4096, 53],
        ];
        for (const [mode, maxLength, expected] of cases) {
            it(`${mode} at ${maxLength}: ${expected} clusters, the last count whose trust fits`, () => {
                const args = fit(mode, maxLength);
                assert.strictEqual(clustersThatFit(args), expected);
                assert.ok(length(args, expected) <= maxLength);
                assert.ok(length(args, expected + 1) > maxLength);
            });
        }

        it("stops at the limit it is given", () => {
            assert.strictEqual(clustersThatFit(fit("pod-identity", 2048), 5), 5);
            assert.strictEqual(clustersThatFit(fit("irsa", 2048), 2), 2);
        });
    });
});
