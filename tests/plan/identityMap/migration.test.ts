// Why a workload is not on Pod Identity yet: the guards first, then the mode chosen.
import * as assert from "assert";
import { migrationState, sdkEvidence, WorkloadEvidence, workloadEvidence } from "../../../plan/identityMap";
import { loadStackConfigFile, readinessOf, WorkloadConfig } from "../../../stacks/config";

const base: WorkloadEvidence = {
    namespace: "batch",
    serviceAccount: "invoice",
    configPath: "platform:workloads[4]",
    mode: "irsa",
    modeSet: true,
    fargate: false,
    podIdentityAgent: true,
};

describe("plan/identityMap/migration", () => {
    it("gives the reason a guard or the config gives, guards first", () => {
        const cases: [Partial<WorkloadEvidence>, WorkloadEvidence["mode"], string | undefined][] = [
            [{}, "pod-identity", undefined],
            [
                { fargate: true, sdk: { language: "python", version: "1.0.0" } },
                "irsa",
                'namespace "batch" runs on Fargate (platform:fargateProfiles), where the Pod Identity agent cannot run',
            ],
            [
                { podIdentityAgent: false },
                "irsa",
                "the cluster has no eks-pod-identity-agent (platform:cluster.podIdentity)",
            ],
            [
                { sdk: { language: "python", version: "1.33.13" } },
                "irsa",
                'platform:workloads[4].sdk: python SDK 1.33.13 predates EKS Pod Identity (needs 1.34.41 or later) and would silently use the node role: upgrade the SDK or use mode "irsa"',
            ],
            [
                { sdk: { language: "python", version: "1.35.10" } },
                "irsa",
                'IRSA by choice: platform:workloads[4].mode is "irsa"',
            ],
            [{ modeSet: false }, "irsa", 'IRSA by the stack default: platform:identityDefault is "irsa"'],
            [
                { mode: "both" },
                "both",
                'migrating: platform:workloads[4].mode is "both" (both trusts on one role); next step "pod-identity"',
            ],
        ];
        for (const [evidence, mode, reason] of cases) {
            assert.strictEqual(
                migrationState(mode, { ...base, ...evidence, mode }).reason,
                reason,
                JSON.stringify(evidence),
            );
        }
        assert.deepStrictEqual(migrationState("irsa", undefined), {
            reason: "irsa (no stack config evidence in this plan)",
        });
    });

    it("shows the SDK evidence and its readiness through sdkEvidence: declared, or read from an SBOM", () => {
        assert.strictEqual(sdkEvidence({ language: "java-v2", version: "2.25.0" }), "java-v2 2.25.0");
        const declared = { language: "java-v2" as const, version: "2.25.0" };
        assert.strictEqual(
            sdkEvidence(declared, readinessOf({ sdk: declared } as WorkloadConfig, ".")),
            "java-v2 2.25.0 (declared: ready)",
        );
        const sbom = { sdk: { sbom: "tests/sdk/fixtures/sbom/npm-two-sdks.cdx.json" } } as WorkloadConfig;
        const readiness = readinessOf(sbom, ".");
        assert.strictEqual(
            sdkEvidence(sbom.sdk, readiness),
            "javascript-v2 aws-sdk 2.1549.0, javascript-v3 @aws-sdk/credential-provider-node 3.600.0 (SBOM tests/sdk/fixtures/sbom/npm-two-sdks.cdx.json: not-ready)",
        );
        assert.deepStrictEqual(migrationState("both", { ...base, mode: "both", sdk: sbom.sdk, readiness }), {
            sdk: "javascript-v2 aws-sdk 2.1549.0, javascript-v3 @aws-sdk/credential-provider-node 3.600.0 (SBOM tests/sdk/fixtures/sbom/npm-two-sdks.cdx.json: not-ready)",
            reason: `platform:workloads[4].sdk.sbom: ${readiness.reasons.join("; ")}`,
        });
        assert.match(readiness.reasons[0], /aws-sdk 2\.1549\.0/);
        assert.strictEqual(sdkEvidence(undefined), undefined);
        assert.strictEqual(sdkEvidence({}), undefined);
        assert.deepStrictEqual(
            migrationState("pod-identity", {
                ...base,
                sdk: { language: "go-v2", version: "release-2024-01-01" },
            }),
            {
                sdk: "go-v2 release-2024-01-01",
            },
        );
    });

    it("reads prod's config: the Fargate namespace's workload and its SDK", () => {
        const evidence = workloadEvidence(loadStackConfigFile("stacks/Pulumi.prod.yaml"));
        assert.deepStrictEqual(
            evidence.find((e) => e.namespace === "batch"),
            {
                namespace: "batch",
                serviceAccount: "invoice-batch",
                configPath: "platform:workloads[4]",
                mode: "irsa",
                modeSet: true,
                sdk: { language: "java-v2", version: "2.25.0" },
                fargate: true,
                podIdentityAgent: true,
                readiness: {
                    verdict: "ready",
                    evidence: { kind: "declared", language: "java-v2", version: "2.25.0" },
                    sdks: [
                        {
                            language: "java-v2",
                            package: "(declared)",
                            version: "2.25.0",
                            minimum: "2.21.30",
                            ready: true,
                        },
                    ],
                    reasons: [],
                },
            },
        );
        assert.strictEqual(evidence.filter((e) => e.mode === "pod-identity").length, 4);
    });
});
