import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../discover/cli";
import { planStack } from "../../plan/plan";
import { loadStackConfigFile } from "../../stacks/config/load";

// Sources live beside the compiled tests: bin/tests/discover -> tests/discover/fixtures.
const FIXTURES = path.join(__dirname, "..", "..", "..", "tests", "discover", "fixtures");

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main(
        args,
        (s) => (out += s),
        (s) => (err += s),
    );
    return { code, out, err };
}

interface Written {
    code: number;
    err: string;
    text: string;
    file: string;
    /** `name mode` of each workload the loaded config holds. */
    workloads: string[];
    /** The `mode:` lines that carry a comment. */
    kept: string[];
    cluster: unknown;
    /** The plan of the written file: its summary and the ids it imports. */
    plan: { summary: unknown; imports: string[] };
}

/**
 * Runs discover --stack on a fixture account, loads the written file with the stack loader and
 * plans it offline against the discovered cluster's own describe-cluster output.
 */
async function written(account: string, cluster: string, extra: string[] = []): Promise<Written> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "discover-stack-"));
    const folder = path.join(FIXTURES, account);
    const { code, err } = await run([
        folder,
        "--json",
        "--out",
        path.join(dir, "d.json"),
        "--stack",
        cluster,
        ...extra,
    ]);
    const file = path.join(dir, `Pulumi.${cluster}.yaml`);
    const clusters = path.join(dir, "existing-clusters.json");
    fs.writeFileSync(
        clusters,
        JSON.stringify([
            JSON.parse(fs.readFileSync(path.join(folder, `eks-describe-cluster-${cluster}.json`), "utf8")),
        ]),
    );
    const config = loadStackConfigFile(file);
    const plan = await planStack({ stack: cluster, configFile: file, existingClustersFile: clusters });
    const text = fs.readFileSync(file, "utf8");
    return {
        code,
        err,
        text,
        file,
        workloads: config.platform.workloads.map((w) => `${w.name} ${w.mode}`),
        kept: text
            .split("\n")
            .filter((l) => /^\s+mode: .* # /.test(l))
            .map((l) => l.trim()),
        cluster: config.platform.cluster.existing,
        plan: {
            summary: plan.summary,
            imports: plan.resources.flatMap((r) => (r.importId ? [r.importId] : [])),
        },
    };
}

describe("npm run discover --stack", () => {
    it("eksctl shop: no agent, 1 workload kept on irsa with the reason; the add-on's and the dangling identity are not written; plans with 0 findings", async () => {
        const w = await written("eksctl", "shop", ["--cluster", "shop"]);
        assert.strictEqual(w.code, 1); // the account's mandatory finding (dangling role), not the config
        assert.strictEqual(
            w.err,
            `wrote ${w.file}: 1 workload(s) on cluster shop (app-api irsa), 2 identity(ies) not written\n`,
        );
        assert.deepStrictEqual(w.workloads, ["app-api irsa"]);
        assert.deepStrictEqual(w.kept, [
            `mode: irsa # kept: cluster "shop" has no eks-pod-identity-agent add-on, and whether you may install it is unknown from these files: install it (podIdentityAgent: install), then run discover again`,
        ]);
        assert.deepStrictEqual(w.cluster, {
            name: "shop",
            oidcProviderArn:
                "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/5C8E2A1F3B7D9E0A4C6B8D2F1E3A5C7B",
        });
        assert.match(
            w.text,
            /\n {6}# podIdentityAgent is left unset \(no workload may use Pod Identity\)\. Set it to install once allowed\.\n/,
        );
        assert.match(
            w.text,
            /\n {2}# {3}app\/legacy: role arn:aws:iam::111122223333:role\/eksctl-shop-addon-iamserviceaccount-app-leg-Role1-D7F9G1H3J5K7 is not in the account: nothing to adopt\n {2}# {3}kube-system\/aws-node: the vpc-cni add-on's identity/,
        );
        assert.deepStrictEqual(w.plan, {
            summary: { resources: 5, mandatory: 0, advisory: 0, undetermined: 0 },
            imports: ["eksctl-shop-addon-iamserviceaccount-app-api-Role1-K3J5H7G9F1D3"],
        });
    });

    it("eksctl shop-green: agent present, app-api moves to both, the Fargate one stays irsa; plans with 0 findings", async () => {
        const w = await written("eksctl", "shop-green", ["--cluster", "shop-green"]);
        assert.deepStrictEqual(w.workloads, ["app-api both", "batch-report irsa"]);
        assert.deepStrictEqual(w.kept, [
            `mode: irsa # kept: namespace "batch" runs on Fargate (profile "fp-batch"), where Pod Identity does not work: keep IRSA`,
        ]);
        assert.deepStrictEqual(w.cluster, {
            name: "shop-green",
            oidcProviderArn:
                "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/9A1B3C5D7E9F0A2B4C6D8E0F1A3B5C7D",
            podIdentityAgent: "present",
            // fp-batch's selector: the stack's Pod Identity guard holds for the cluster's own profile.
            fargateNamespaces: ["batch"],
        });
        assert.deepStrictEqual(w.plan, {
            summary: { resources: 10, mandatory: 0, advisory: 0, undetermined: 0 },
            imports: [
                "eksctl-shop-addon-iamserviceaccount-app-api-Role1-K3J5H7G9F1D3",
                "eksctl-shop-green-addon-iamserviceacc-Role1-Q2W4E6R8T0Y1",
            ],
        });
    });

    it("an SBOM given with --sbom goes into the workload as sdk.sbom: the written config checks it again and plans", async () => {
        const sbom = path.join(FIXTURES, "..", "..", "sdk", "fixtures", "sbom", "py-req-ready.cdx.json");
        const w = await written("eksctl", "shop-green", [
            "--cluster",
            "shop-green",
            "--sbom",
            `shop-green/app/api=${sbom}`,
        ]);
        const config = loadStackConfigFile(w.file);
        const api = config.platform.workloads.find((x) => x.name === "app-api");
        assert.deepStrictEqual(api?.sdk, { sbom: path.relative(path.dirname(w.file), sbom) });
        assert.deepStrictEqual(w.workloads, ["app-api both", "batch-report irsa"]);
        assert.deepStrictEqual(w.plan.summary, { resources: 10, mandatory: 0, advisory: 0, undetermined: 0 });
    });

    it("with an SBOM too old the workload stays irsa, the reason as its comment, the SBOM beside it", async () => {
        const sbom = path.join(FIXTURES, "..", "..", "sdk", "fixtures", "sbom", "py-req-old.cdx.json");
        const w = await written("eksctl", "shop-green", [
            "--cluster",
            "shop-green",
            "--sbom",
            `shop-green/app/api=${sbom}`,
        ]);
        assert.deepStrictEqual(w.workloads, ["app-api irsa", "batch-report irsa"]);
        assert.strictEqual(w.kept.length, 2);
        assert.match(
            w.kept[0],
            /^mode: irsa # kept: .*botocore.* predates EKS Pod Identity .*upgrade the SDK before the move to Pod Identity$/,
        );
        assert.strictEqual(w.plan.summary && (w.plan.summary as { mandatory: number }).mandatory, 0);
    });

    it("terraform payments (the only cluster): 4 workloads, 2 both and 2 irsa, permissions kept, the association adopted; plans with 0 findings", async () => {
        const w = await written("terraform", "payments");
        assert.strictEqual(w.code, 1);
        assert.deepStrictEqual(w.workloads, [
            "batch-job irsa",
            "payments-api both",
            "payments-worker both",
            "reporting-exporter irsa",
        ]);
        assert.deepStrictEqual(w.kept, [
            `mode: irsa # kept: namespace "batch" runs on Fargate (profile "batch"), where Pod Identity does not work: keep IRSA`,
            `mode: irsa # kept: the role chains into arn:aws:iam::777788889999:role/reporting-reader in another account (cross-account role chaining)`,
        ]);
        const config = loadStackConfigFile(w.file);
        const api = config.platform.workloads.find((x) => x.name === "payments-api")!;
        assert.deepStrictEqual(
            [api.createServiceAccount, api.adopt, api.managedPolicyArns, api.inlinePolicies],
            [
                false,
                { roleName: "payments-api", associationId: "a-1m2n3b4v5c6x7z8l9" },
                ["arn:aws:iam::444455556666:policy/payments-api-dynamodb"],
                undefined,
            ],
        );
        assert.deepStrictEqual(
            config.platform.workloads.find((x) => x.name === "payments-worker")!.inlinePolicies,
            [
                {
                    name: "queue",
                    policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:ReceiveMessage","sqs:DeleteMessage"],"Resource":"arn:aws:sqs:eu-west-1:444455556666:payments-jobs"}]}',
                },
            ],
        );
        assert.deepStrictEqual(
            [config.region, config.platform.accountId, config.platform.cluster.irsa],
            ["eu-west-1", "444455556666", true],
        );
        assert.deepStrictEqual(w.plan, {
            summary: { resources: 19, mandatory: 0, advisory: 0, undetermined: 0 },
            imports: [
                "payments-batch",
                "payments-api",
                "payments-worker",
                "payments-reporting",
                // the association's import id is <cluster>,<associationId>
                "payments,a-1m2n3b4v5c6x7z8l9",
            ],
        });
    });

    it("exits 2 and writes nothing for several clusters without --cluster, an unknown --cluster, or --cluster without --stack", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "discover-stack-"));
        const folder = path.join(FIXTURES, "eksctl");
        const out = path.join(dir, "r.md");
        assert.deepStrictEqual(await run([folder, "--out", out, "--stack", "x"]), {
            code: 2,
            out: "",
            err: "--stack: the folder has 2 clusters (shop, shop-green): name one with --cluster <name>\n",
        });
        assert.deepStrictEqual(await run([folder, "--out", out, "--stack", "x", "--cluster", "shop-old"]), {
            code: 2,
            out: "",
            err: "--cluster shop-old: no such cluster in the folder; it has shop, shop-green\n",
        });
        assert.deepStrictEqual(await run([folder, "--cluster", "shop"]), {
            code: 2,
            out: "",
            err: "--cluster: only with --stack <env>, which writes the stack config for that cluster\n",
        });
        assert.deepStrictEqual(fs.readdirSync(dir), []);
    });

    it("exits 2 when the cluster's description has no resourcesVpcConfig (no network to write)", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "discover-stack-"));
        fs.cpSync(path.join(FIXTURES, "terraform"), dir, { recursive: true });
        const file = path.join(dir, "eks-describe-cluster-payments.json");
        const described = JSON.parse(fs.readFileSync(file, "utf8")) as { cluster: Record<string, unknown> };
        delete described.cluster.resourcesVpcConfig;
        fs.writeFileSync(file, JSON.stringify(described));
        assert.deepStrictEqual(await run([dir, "--out", path.join(dir, "out", "r.md"), "--stack", "p"]), {
            code: 2,
            out: "",
            err: "eks-describe-cluster-payments.json: cluster.resourcesVpcConfig: missing; it gives platform:network (vpcId, subnetIds)\n",
        });
        assert.strictEqual(fs.existsSync(path.join(dir, "out")), false);
    });
});
