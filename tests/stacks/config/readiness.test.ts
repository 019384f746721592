import * as assert from "assert";
import * as path from "path";
import {
    ConfigError,
    parseStackConfig,
    RawConfig,
    readinessOf,
    WorkloadConfig,
} from "../../../stacks/config";
import { INVALID_FIXTURES, loadFixture } from "./load.test";

// Dev's config with IRSA on and workloads[3] (payments-api, mode pod-identity) given `sdk` and `mode`.
const FILE = path.join(INVALID_FIXTURES, "workload-sdk-sbom-too-old.yaml");
const SDK = "../../../sdk/fixtures";

function config(sdk: Record<string, string>, mode?: string): RawConfig {
    const raw = structuredClone(loadFixture(FILE).raw);
    const workloads = raw["platform:workloads"] as Record<string, unknown>[];
    workloads[3] = { ...workloads[3], sdk, ...(mode ? { mode } : {}) };
    // Dev runs without IRSA; mode irsa needs it.
    raw["platform:cluster"] = { ...(raw["platform:cluster"] as object), irsa: true };
    return raw;
}

function problems(raw: RawConfig): string[] {
    try {
        parseStackConfig(raw, FILE);
    } catch (e) {
        assert.ok(e instanceof ConfigError);
        return e.problems.map((p) => `${p.propertyPath}: ${p.reason}`);
    }
    return [];
}

const workload = (sdk?: WorkloadConfig["sdk"]): WorkloadConfig => ({
    name: "payments-api",
    namespace: "payments",
    serviceAccount: "payments-api",
    sdk,
});

describe("stacks/config/readiness", () => {
    it("refuses Pod Identity with a not-ready SBOM, naming the SDK, its version and the minimum", () => {
        assert.deepStrictEqual(problems(config({ sbom: `${SDK}/sbom/py-req-old.cdx.json` })), [
            `platform:workloads[3].sdk.sbom: "${SDK}/sbom/py-req-old.cdx.json" shows python SDK package botocore 1.33.13, older than 1.34.41: it predates EKS Pod Identity and would silently use the node role; upgrade the SDK or use mode "irsa"`,
        ]);
        assert.deepStrictEqual(problems(config({ sbom: `${SDK}/sbom/npm-v3-old.cdx.json` }, "both")), [
            `platform:workloads[3].sdk.sbom: "${SDK}/sbom/npm-v3-old.cdx.json" shows javascript-v3 SDK package @aws-sdk/credential-provider-node 3.450.0, older than 3.503.1: it predates EKS Pod Identity and would silently use the node role; upgrade the SDK or use mode "irsa"`,
        ]);
    });

    it("accepts a ready SBOM, an old one in mode irsa, one without an AWS SDK, and a declaration that agrees", () => {
        assert.deepStrictEqual(problems(config({ sbom: `${SDK}/sbom/go-v2-ready.cdx.json` })), []);
        assert.deepStrictEqual(problems(config({ sbom: `${SDK}/sbom/py-req-old.cdx.json` }, "irsa")), []);
        assert.deepStrictEqual(problems(config({ sbom: `${SDK}/lock/npm-no-sdk/package-lock.json` })), []);
        assert.deepStrictEqual(
            problems(
                config({ language: "python", version: "1.34.41", sbom: `${SDK}/sbom/py-req-ready.cdx.json` }),
            ),
            [],
        );
        // Go v2's release tag cannot be compared with module versions: only the language must agree.
        assert.deepStrictEqual(
            problems(
                config({
                    language: "go-v2",
                    version: "release-2024-03-01",
                    sbom: `${SDK}/lock/go-v2-ready/go.sum`,
                }),
            ),
            [],
        );
    });

    it("a file that cannot be read is refused in every mode, with where it was looked for", () => {
        const missing = path.resolve(INVALID_FIXTURES, "nope.cdx.json");
        assert.deepStrictEqual(problems(config({ sbom: "nope.cdx.json" }, "irsa")), [
            `platform:workloads[3].sdk.sbom: "nope.cdx.json" cannot be used: ${missing}: does not exist: check the path; the path is relative to the stack file`,
        ]);
    });

    it("readinessOf: the verdict and its evidence, SBOM first, then the declaration, then none", () => {
        const dir = INVALID_FIXTURES;
        const fromSbom = readinessOf(workload({ sbom: `${SDK}/sbom/npm-two-sdks.cdx.json` }), dir);
        assert.deepStrictEqual(
            { ...fromSbom, reasons: fromSbom.reasons.slice(0, 1) },
            {
                verdict: "not-ready",
                evidence: { kind: "sbom", file: path.resolve(dir, SDK, "sbom", "npm-two-sdks.cdx.json") },
                sdks: [
                    {
                        language: "javascript-v2",
                        package: "aws-sdk",
                        version: "2.1549.0",
                        minimum: "2.1550.0",
                        ready: false,
                    },
                    {
                        language: "javascript-v3",
                        package: "@aws-sdk/credential-provider-node",
                        version: "3.600.0",
                        minimum: "3.503.1",
                        ready: true,
                    },
                ],
                reasons: [
                    "javascript-v2 SDK package aws-sdk 2.1549.0 predates EKS Pod Identity (needs 2.1550.0 or later)",
                ],
            },
        );
        assert.deepStrictEqual(readinessOf(workload({ language: "ruby", version: "3.187.0" }), dir), {
            verdict: "not-ready",
            evidence: { kind: "declared", language: "ruby", version: "3.187.0" },
            sdks: [
                {
                    language: "ruby",
                    package: "(declared)",
                    version: "3.187.0",
                    minimum: "3.188.0",
                    ready: false,
                },
            ],
            reasons: ["ruby SDK 3.187.0 predates EKS Pod Identity (needs 3.188.0 or later)"],
        });
        assert.strictEqual(
            readinessOf(workload({ language: "ruby", version: "3.188.0" }), dir).verdict,
            "ready",
        );
        assert.strictEqual(
            readinessOf(workload({ language: "ruby", version: "latest" }), dir).verdict,
            "undetermined",
        );
        assert.deepStrictEqual(readinessOf(workload(), dir).evidence, { kind: "none" });
        const unreadable = readinessOf(workload({ sbom: "nope.json" }), dir);
        assert.strictEqual(unreadable.verdict, "undetermined");
        assert.strictEqual(
            unreadable.unreadable,
            `${path.resolve(dir, "nope.json")}: does not exist: check the path`,
        );
    });
});
