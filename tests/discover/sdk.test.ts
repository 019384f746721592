import * as assert from "assert";
import * as path from "path";
import { main } from "../../discover/cli";

const ROOT = path.join(__dirname, "..", "..", "..", "tests");
const EKSCTL = path.join(ROOT, "discover", "fixtures", "eksctl");
const SBOM = (name: string) => path.join(ROOT, "sdk", "fixtures", "sbom", name);

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main(
        [EKSCTL, ...args],
        (s) => (out += s),
        (s) => (err += s),
    );
    return { code, out, err };
}

interface Workload {
    cluster: string;
    namespace: string;
    serviceAccount: string;
    migratable: boolean;
    reason: string;
    sdk?: { verdict: string; evidence: string; sdks: { package: string; version: string; ready: boolean }[] };
}

async function workloads(...args: string[]): Promise<Map<string, Workload>> {
    const { out, err } = await run("--json", ...args);
    assert.strictEqual(err, "");
    const list = (JSON.parse(out) as { workloads: Workload[] }).workloads;
    return new Map(list.map((w) => [`${w.cluster}/${w.namespace}/${w.serviceAccount}`, w]));
}

describe("discover/sdk", () => {
    it("a workload whose SBOM shows an SDK too old cannot start the migration, and says which", async () => {
        const w = await workloads("--sbom", `shop-green/app/api=${SBOM("py-req-old.cdx.json")}`);
        const api = w.get("shop-green/app/api")!;
        assert.strictEqual(api.migratable, false);
        assert.strictEqual(
            api.reason,
            "python SDK package botocore 1.33.13 predates EKS Pod Identity (needs 1.34.41 or later): upgrade the SDK before the move to Pod Identity",
        );
        assert.deepStrictEqual(
            {
                verdict: api.sdk!.verdict,
                evidence: api.sdk!.evidence,
                sdks: api.sdk!.sdks.map((s) => `${s.package} ${s.version} ${s.ready}`),
            },
            { verdict: "not-ready", evidence: SBOM("py-req-old.cdx.json"), sdks: ["botocore 1.33.13 false"] },
        );
        // Only the workload given evidence carries it.
        assert.strictEqual(w.get("shop/app/api")!.sdk, undefined);
    });

    it("a ready SBOM keeps the workload migratable and shows the evidence in the Markdown report", async () => {
        const w = await workloads("--sbom", `shop-green/app/api=${SBOM("go-v2-ready.cdx.json")}`);
        assert.strictEqual(w.get("shop-green/app/api")!.migratable, true);
        assert.strictEqual(w.get("shop-green/app/api")!.sdk!.verdict, "ready");
        const { code, out } = await run("--sbom", `batch/report=${SBOM("npm-no-sdk.cdx.json")}`);
        assert.strictEqual(code, 1);
        const section = out.slice(out.indexOf("## Pod Identity SDK readiness"), out.indexOf("## Findings"));
        assert.strictEqual(
            section,
            [
                "## Pod Identity SDK readiness",
                "",
                "| Cluster | Namespace | Service account | Readiness | Evidence | SDKs | Why |",
                "| --- | --- | --- | --- | --- | --- | --- |",
                `| shop-green | batch | report | undetermined | ${SBOM("npm-no-sdk.cdx.json")} | none | no AWS SDK found: nothing says which credential provider the workload uses |`,
                "",
                "",
            ].join("\n"),
        );
        assert.strictEqual((await run()).out.includes("## Pod Identity SDK readiness"), false);
    });

    it("evidence for no workload, for two, or unreadable is bad input (exit 2), all told at once", async () => {
        const { code, out, err } = await run(
            "--sbom",
            `app/api=${SBOM("go-v2-ready.cdx.json")}`,
            "--sbom",
            `app/nobody=${SBOM("go-v2-ready.cdx.json")}`,
            "--sbom",
            "app/legacy=/no/such/sbom.json",
            "--sbom",
            "api.json",
        );
        assert.strictEqual(code, 2);
        assert.strictEqual(out, "");
        assert.deepStrictEqual(err.trimEnd().split("\n"), [
            `--sbom app/api=${SBOM("go-v2-ready.cdx.json")}: app/api runs on shop-green, shop: put the cluster first, <cluster>/app/api=<file>`,
            `--sbom app/nobody=${SBOM("go-v2-ready.cdx.json")}: no discovered workload is app/nobody: check the namespace and service account`,
            "--sbom app/legacy=/no/such/sbom.json: /no/such/sbom.json: does not exist: check the path",
            "--sbom api.json: write <namespace>/<serviceAccount>=<file> (or <cluster>/<namespace>/<serviceAccount>=<file>)",
        ]);
    });
});
