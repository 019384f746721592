import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../discover/cli";

// Sources live beside the compiled tests: bin/tests/discover -> tests/discover/fixtures.
const FIXTURES = path.join(__dirname, "..", "..", "..", "tests", "discover", "fixtures");
const CLI = path.join(__dirname, "..", "..", "discover", "cli.js");

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

interface Json {
    workloads: {
        cluster: string;
        namespace: string;
        serviceAccount: string;
        roleArn: string;
        mechanism: string;
        findings: { id: string; level: string; message: string }[];
        migratable: boolean;
        reason: string;
    }[];
    roles: { name: string; usedBy: string[]; clusters: string[] }[];
    oidcProviders: { issuer: string; cluster: string | null; quota: { used: number; limit: number } }[];
    findings: { id: string; level: string; subject: string; message: string }[];
}

async function json(account: string): Promise<{ code: number; d: Json }> {
    const { code, out, err } = await run([path.join(FIXTURES, account), "--json"]);
    assert.strictEqual(err, "");
    return { code, d: JSON.parse(out) as Json };
}

const row = (w: Json["workloads"][number]) =>
    [
        `${w.cluster}/${w.namespace}/${w.serviceAccount}`,
        w.roleArn.split("/").pop(),
        w.mechanism,
        w.migratable,
        w.findings.map((f) => f.id).join("+"),
    ].join(" ");

/** A copy of a fixture account in a temporary folder, changed by `change`. */
function broken(account: string, change: (dir: string) => void): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "discover-"));
    fs.cpSync(path.join(FIXTURES, account), dir, { recursive: true });
    change(dir);
    return dir;
}

describe("npm run discover", () => {
    it("eksctl account: 5 workloads, 4 findings (1 mandatory), 1 migratable, exit 1", async () => {
        const { code, d } = await json("eksctl");
        assert.strictEqual(code, 1);
        assert.deepStrictEqual(Object.keys(d), ["workloads", "roles", "oidcProviders", "findings"]);
        assert.deepStrictEqual(d.workloads.map(row), [
            "shop-green/app/api eksctl-shop-addon-iamserviceaccount-app-api-Role1-K3J5H7G9F1D3 irsa true discover-role-several-clusters",
            "shop-green/batch/report eksctl-shop-green-addon-iamserviceacc-Role1-Q2W4E6R8T0Y1 irsa false ",
            "shop/app/api eksctl-shop-addon-iamserviceaccount-app-api-Role1-K3J5H7G9F1D3 irsa false discover-role-several-clusters",
            "shop/app/legacy eksctl-shop-addon-iamserviceaccount-app-leg-Role1-D7F9G1H3J5K7 irsa false discover-dangling-role",
            "shop/kube-system/aws-node eksctl-shop-addon-vpc-cni-Role1-P9O7I5U3Y1T2 irsa false ",
        ]);
        assert.deepStrictEqual(
            d.workloads.map((w) => w.reason),
            [
                "the eks-pod-identity-agent add-on runs: add the pods.eks.amazonaws.com trust and an association (mode both)",
                'namespace "batch" runs on Fargate (profile "fp-batch"), where Pod Identity does not work: keep IRSA',
                'cluster "shop" has no eks-pod-identity-agent add-on, and whether you may install it is unknown from these files: install it (podIdentityAgent: install), then run discover again',
                "role arn:aws:iam::111122223333:role/eksctl-shop-addon-iamserviceaccount-app-leg-Role1-D7F9G1H3J5K7 does not exist in the account",
                'cluster "shop" has no eks-pod-identity-agent add-on, and whether you may install it is unknown from these files: install it (podIdentityAgent: install), then run discover again',
            ],
        );
        assert.deepStrictEqual(
            d.findings.map((f) => `${f.level} ${f.id} ${f.subject}`),
            [
                "advisory discover-role-several-clusters role/eksctl-shop-addon-iamserviceaccount-app-api-Role1-K3J5H7G9F1D3",
                "advisory discover-missing-oidc-provider role/eksctl-shop-old-addon-iamserviceaccount-app-w-Role1-Z1X3C5V7B9N0",
                "mandatory discover-dangling-role shop/app/legacy",
                "advisory discover-unused-role role/eksctl-shop-old-addon-iamserviceaccount-app-w-Role1-Z1X3C5V7B9N0",
            ],
        );
        // The unused role is listed under roles, never as a workload.
        assert.deepStrictEqual(
            d.roles.map((r) => `${r.name} [${r.clusters.join(",")}] ${r.usedBy.length}`),
            [
                "eksctl-shop-addon-iamserviceaccount-app-api-Role1-K3J5H7G9F1D3 [shop,shop-green] 2",
                "eksctl-shop-addon-vpc-cni-Role1-P9O7I5U3Y1T2 [shop] 1",
                "eksctl-shop-green-addon-iamserviceacc-Role1-Q2W4E6R8T0Y1 [shop-green] 1",
                "eksctl-shop-old-addon-iamserviceaccount-app-w-Role1-Z1X3C5V7B9N0 [] 0",
            ],
        );
        assert.deepStrictEqual(
            d.oidcProviders.map((p) => `${p.cluster} ${p.quota.used}/${p.quota.limit}`),
            ["shop 2/100", "shop-green 2/100"],
        );
    });

    it("terraform account: 6 workloads, 6 findings (4 mandatory), 3 migratable, pack findings on the roles", async () => {
        const { code, d } = await json("terraform");
        assert.strictEqual(code, 1);
        assert.deepStrictEqual(d.workloads.map(row), [
            "payments/batch/job payments-batch irsa false ",
            "payments/kube-system/ebs-csi-controller-sa payments-ebs-csi pod-identity true trust-pod-identity-scope",
            "payments/payments/api payments-api both true trust-pod-identity-scope",
            "payments/payments/notifier payments-notifier irsa false discover-dangling-role",
            "payments/payments/worker payments-worker irsa true trust-irsa-subject-wildcard",
            "payments/reporting/exporter payments-reporting irsa false ",
        ]);
        assert.strictEqual(
            d.workloads[5].reason,
            "the role chains into arn:aws:iam::777788889999:role/reporting-reader in another account (cross-account role chaining)",
        );
        assert.deepStrictEqual(
            d.findings.map((f) => `${f.level} ${f.id} ${f.subject}`),
            [
                "advisory discover-missing-oidc-provider role/payments-legacy-irsa",
                "mandatory trust-pod-identity-scope role/payments-api",
                "mandatory trust-irsa-subject-wildcard role/payments-worker",
                "mandatory trust-pod-identity-scope role/payments-ebs-csi",
                "mandatory discover-dangling-role payments/payments/notifier",
                "advisory discover-unused-role role/payments-legacy-irsa",
            ],
        );
        // Same rules, same messages as the pack: the workload carries its role's violation verbatim.
        const worker = d.workloads[4].findings[0];
        assert.strictEqual(worker.level, "mandatory");
        assert.ok(
            worker.message.includes(
                'lets "oidc.eks.eu-west-1.amazonaws.com/id/B1D3F5A7C9E1B3D5F7A9C1E3B5D7F9A1:sub" match "system:serviceaccount:payments:*" under StringLike',
            ),
            worker.message,
        );
        assert.deepStrictEqual(
            d.roles.filter((r) => r.usedBy.length === 0).map((r) => r.name),
            ["payments-legacy-irsa"],
        );
        assert.ok(!d.workloads.some((w) => w.roleArn.endsWith("/payments-legacy-irsa")));
    });

    it("reads one eks-list-clusters-<region>.json per region instead of eks-list-clusters.json", async () => {
        const dir = broken("eksctl", (d) => {
            fs.rmSync(path.join(d, "eks-list-clusters.json"));
            fs.writeFileSync(path.join(d, "eks-list-clusters-us-west-2.json"), '{"clusters": ["shop"]}');
            fs.writeFileSync(
                path.join(d, "eks-list-clusters-us-east-1.json"),
                '{"clusters": ["shop-green"]}',
            );
        });
        const { code, out } = await run([dir, "--json"]);
        const d = JSON.parse(out) as Json;
        assert.deepStrictEqual(
            [code, d.workloads.length, d.workloads.filter((w) => w.migratable).length],
            [1, 5, 1],
        );
    });

    it("writes the Markdown report to --out and prints nothing", async () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "discover-")), "new", "report.md");
        const { code, out, err } = await run([path.join(FIXTURES, "terraform"), "--out", file]);
        assert.deepStrictEqual([code, out, err], [1, "", ""]);
        const md = fs.readFileSync(file, "utf8");
        assert.ok(
            md.startsWith("# Workload identity discovery\n\n6 workloads, 3 can start the migration"),
            md,
        );
        assert.ok(md.includes("| payments-legacy-irsa | none | no | unused (not adopted) |"), md);
        assert.ok(md.includes("1 of the quota of 100 per account."), md);
    });

    describe("bad input: exit 2, the file named with what is wrong, nothing else", () => {
        const cases: [string, (dir: string) => void, string][] = [
            [
                "missing file",
                (dir) => fs.rmSync(path.join(dir, "eks-describe-cluster-payments.json")),
                "eks-describe-cluster-payments.json: missing",
            ],
            [
                "malformed JSON",
                (dir) =>
                    fs.writeFileSync(path.join(dir, "iam-list-open-id-connect-providers.json"), "{ not json"),
                "iam-list-open-id-connect-providers.json: not valid JSON",
            ],
            [
                "wrong shape",
                (dir) => {
                    const file = path.join(
                        dir,
                        "eks-describe-pod-identity-association-payments-a-1m2n3b4v5c6x7z8l9.json",
                    );
                    const a = JSON.parse(fs.readFileSync(file, "utf8")) as {
                        association: Record<string, unknown>;
                    };
                    delete a.association.roleArn;
                    fs.writeFileSync(file, JSON.stringify(a));
                },
                "eks-describe-pod-identity-association-payments-a-1m2n3b4v5c6x7z8l9.json: association.roleArn: Invalid input: expected string, received undefined",
            ],
            [
                "kubectl output that is not a List",
                (dir) => fs.writeFileSync(path.join(dir, "kubectl-get-serviceaccounts-payments.json"), "{}"),
                'kubectl-get-serviceaccounts-payments.json: kind: Invalid input: expected "List"',
            ],
        ];
        for (const [name, change, expected] of cases) {
            it(name, async () => {
                const { code, out, err } = await run([broken("terraform", change), "--json"]);
                assert.deepStrictEqual([code, out], [2, ""]);
                assert.ok(err.startsWith(expected), err);
            });
        }

        it("names every problem at once", async () => {
            const dir = broken("eksctl", (d) => {
                fs.rmSync(path.join(d, "kubectl-get-serviceaccounts-shop.json"));
                fs.writeFileSync(path.join(d, "eks-list-addons-shop-green.json"), '{"addons": "vpc-cni"}');
            });
            const { code, err } = await run([dir]);
            assert.strictEqual(code, 2);
            assert.deepStrictEqual(
                err
                    .trimEnd()
                    .split("\n")
                    .map((l) => l.split(":")[0]),
                ["kubectl-get-serviceaccounts-shop.json", "eks-list-addons-shop-green.json"],
            );
        });

        it("as a process: exit 2 and one line on stderr, no stack trace", () => {
            const dir = broken("terraform", (d) => fs.rmSync(path.join(d, "eks-list-clusters.json")));
            const r = spawnSync(process.execPath, [CLI, dir], { encoding: "utf8" });
            assert.deepStrictEqual(
                [r.status, r.stdout, r.stderr],
                [
                    2,
                    "",
                    `eks-list-clusters.json: missing (expected in ${dir}); or one eks-list-clusters-<region>.json per region\n`,
                ],
            );
        });
    });
});
