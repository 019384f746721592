// The identity map files of a plan. The page is also loaded in a real headless browser (Debian's
// chromium, driven by playwright-core), once for dev, staging, prod and a 300-workload stack: no
// console errors, no network request, the search filters, every row shows its role's ARN, access
// levels and path.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chromium, Page } from "playwright-core";
import {
    accessSection,
    identityMapMarkdown,
    MERMAID_MAX_CHARS,
    MERMAID_MAX_EDGES,
} from "../../plan/identityMap";
import { PlanFile } from "../../plan/model";
import { planStack } from "../../plan/plan";
import { identityMapHtml, namespaceDot, writeIdentityMap } from "../../plan/report";
import { accessPolicies, plan, resources } from "./identityMap/fixtures";
import { manyWorkloadsConfig } from "./manyWorkloads";
import { repoRoot } from "../../stacks/config";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function mermaidBlocks(md: string): string[] {
    return [...md.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
}

describe("plan/report", () => {
    it("namespaceDot: the namespace's box, its paths and what each role can do; runners point at the box once", async () => {
        const access = await accessSection(plan([...resources, ...accessPolicies]));
        const batch = access.clusters[0].workloads.filter((w) => w.namespace === "batch");
        assert.strictEqual(
            namespaceDot(batch),
            [
                "digraph identities {",
                '  rankdir=LR; bgcolor="transparent"; compound=true;',
                '  node [fontname="Helvetica", fontsize=11]; edge [fontname="Helvetica", fontsize=10];',
                '  subgraph cluster_namespace { label="namespace batch"; style=dashed; fontname="Helvetica";',
                '  "sa:batch/invoice" [label="batch/invoice", shape=ellipse, style=filled, fillcolor="#e8f0fe"];',
                '  "role:urn:pulumi:dev::platform::aws:iam/role:Role::batch-role" [label="arn:aws:iam::111122223333:role/\nbatch-role-1a2b3c4", shape=box, style="filled,rounded", fillcolor="#e6f4ea", color="#188038"];',
                '  "can:urn:pulumi:dev::platform::aws:iam/role:Role::batch-role" [label="no permissions", shape=note, style=filled, fillcolor="#fef7e0"];',
                '  "sa:batch/invoice" -> "role:urn:pulumi:dev::platform::aws:iam/role:Role::batch-role" [label="irsa\nvia issuer oidc.eks.us-west-2.amazonaws.com/id/ABC"];',
                '  "sa:batch/invoice" -> "role:urn:pulumi:dev::platform::aws:iam/role:Role::batch-role" [label="pod-identity\nvia association invoice"];',
                '  "role:urn:pulumi:dev::platform::aws:iam/role:Role::batch-role" -> "can:urn:pulumi:dev::platform::aws:iam/role:Role::batch-role";',
                "  }",
                '  "principal:arn:aws:iam::111122223333:role/developers" [label="arn:aws:iam::111122223333:role/\ndevelopers", shape=box, style=dashed];',
                '  "principal:arn:aws:iam::111122223333:role/developers" -> "sa:batch/invoice" [label="AmazonEKSEditPolicy: runs pods", style=dashed, lhead=cluster_namespace];',
                '  "principal:arn:aws:iam::111122223333:role/platform-admins" [label="arn:aws:iam::111122223333:role/\nplatform-admins", shape=box, style=dashed];',
                '  "principal:arn:aws:iam::111122223333:role/platform-admins" -> "sa:batch/invoice" [label="AmazonEKSClusterAdminPolicy: runs pods", style=dashed, lhead=cluster_namespace];',
                "}",
            ].join("\n"),
        );
    });

    it("identityMapHtml: summary, a graph per namespace, escaped rows to search; no remote asset, a CSP that forbids any", async () => {
        const p = plan(resources);
        const access = await accessSection(p);
        access.clusters[0].workloads[0].role.name = "<b>&";
        const html = await identityMapHtml({ ...p, stack: "dev<1>" }, access);
        assert.ok(html.includes("<title>Identity map: dev&lt;1&gt;</title>"));
        assert.ok(
            html.includes(
                `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`,
            ),
        );
        assert.ok(!/\s(?:src|href)=/.test(html), "nothing loaded from anywhere");
        assert.strictEqual((html.match(/<section data-cluster="dev" data-namespace=/g) ?? []).length, 4);
        assert.ok(
            html.includes(
                '<tr data-cluster="dev" data-namespace="batch" data-workload="batch/invoice" data-search="batch invoice batch/invoice &lt;b&gt;&amp; arn:aws:iam::111122223333:role/batch-role-1a2b3c4">',
            ),
        );
        assert.ok(html.indexOf('<p class="counts">') < html.indexOf("<figure>"), "the summary comes first");
        assert.ok(html.indexOf("<figure>") < html.indexOf('<table class="workloads">'), "the tables last");
        assert.ok(
            (await identityMapHtml(p, { clusters: [], otherFindings: [] })).includes(
                "<p>No workload identities (IRSA or Pod Identity roles) in this plan.</p>",
            ),
        );
    });

    it("writeIdentityMap writes identity-map.md and .html into the folder, creating it, from the plan's access section", async () => {
        const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "report-")), "nested", "out");
        try {
            const p: PlanFile = {
                ...plan(resources),
                access: await accessSection(plan([...resources, ...accessPolicies])),
            };
            const written = await writeIdentityMap(p, dir);
            assert.deepStrictEqual(written, [
                path.join(dir, "identity-map.md"),
                path.join(dir, "identity-map.html"),
            ]);
            // The access section the plan carries, not one read again from its resources.
            assert.strictEqual(fs.readFileSync(written[0], "utf8"), identityMapMarkdown(p, p.access!));
            assert.match(
                fs.readFileSync(written[0], "utf8"),
                /role\/developers \(AmazonEKSEditPolicy, namespace scope\)/,
            );
            assert.strictEqual(fs.readFileSync(written[1], "utf8"), await identityMapHtml(p, p.access!));
        } finally {
            fs.rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true });
        }
    });
});

interface Loaded {
    problems: string[];
    requests: string[];
}

async function load(page: Page, file: string): Promise<Loaded> {
    const loaded: Loaded = { problems: [], requests: [] };
    page.removeAllListeners();
    page.on("console", (m) => {
        if (m.type() === "error") {
            loaded.problems.push(m.text());
        }
    });
    page.on("pageerror", (e) => loaded.problems.push(e.message));
    page.on("request", (r) => loaded.requests.push(r.url()));
    await page.goto(`file://${file}`, { waitUntil: "load" });
    return loaded;
}

/** The rows the search leaves visible, by workload. */
async function visibleRows(page: Page, query: string): Promise<string[]> {
    await page.fill("#search", query);
    return page
        .locator("table.workloads tbody tr:not([hidden])")
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-workload") ?? ""));
}

describe("identity map in a headless browser", function () {
    this.timeout(180_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "identity-map-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("dev, staging, prod and 300 workloads: no console error, no request, rows with ARN, levels and path, the search filters", async function () {
        if (!fs.existsSync(CHROMIUM)) {
            // CI installs chromium (.ci/run); a developer machine may not have it.
            assert.ok(
                !process.env.CI,
                `${CHROMIUM} is missing in CI: .ci/run must install Debian's chromium`,
            );
            console.log(
                `      skipped: ${CHROMIUM} not found (apt-get install chromium, or set CHROMIUM_PATH)`,
            );
            this.skip();
        }
        const scaleConfig = path.join(dir, "Pulumi.scale.yaml");
        fs.writeFileSync(scaleConfig, manyWorkloadsConfig(300));
        // The 300-workload stack is planned with the analyzer's fixture pack (4 policies): its
        // subject is the map at scale, the shipped pack's findings are the other stacks'.
        const fixturePack = path.join(repoRoot(), "bin", "tests", "plan", "fixtures", "pack");
        const stacks: {
            stack: string;
            configFile?: string;
            packDir?: string;
            workloads: number;
            namespaces: number;
        }[] = [
            { stack: "dev", workloads: 5, namespaces: 3 },
            { stack: "staging", workloads: 5, namespaces: 3 },
            { stack: "prod", workloads: 6, namespaces: 4 },
            // 300 workloads and aws-node, in dev's 3 namespaces and 12 generated ones.
            { stack: "scale", configFile: scaleConfig, packDir: fixturePack, workloads: 301, namespaces: 15 },
        ];
        const pages: Record<string, { html: string; md: string; plan: PlanFile }> = {};
        for (const s of stacks) {
            const planned = await planStack({ stack: s.stack, configFile: s.configFile, packDir: s.packDir });
            const [md, html] = await writeIdentityMap(planned, path.join(dir, s.stack));
            pages[s.stack] = { html, md: fs.readFileSync(md, "utf8"), plan: planned };
        }

        const browser = await chromium.launch({
            executablePath: CHROMIUM,
            // As root and with no network: no sandbox, and no background calls home.
            args: [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        });
        try {
            const page = await browser.newPage();
            for (const s of stacks) {
                const { html, md, plan: planned } = pages[s.stack];
                const loaded = await load(page, html);
                assert.deepStrictEqual(loaded, { problems: [], requests: [`file://${html}`] }, s.stack);
                assert.strictEqual(await page.title(), `Identity map: ${s.stack}`);
                assert.strictEqual(
                    await page.locator("section[data-namespace] svg").count(),
                    s.namespaces,
                    s.stack,
                );
                const rows = await page.locator("table.workloads tbody tr").evaluateAll((trs) =>
                    trs.map((tr) => ({
                        workload: tr.getAttribute("data-workload") ?? "",
                        arn: tr.querySelector("td.role-arn")?.textContent ?? "",
                        levels: tr.querySelector("td.levels")?.textContent ?? "",
                        path: tr.querySelector("td.path")?.textContent ?? "",
                    })),
                );
                assert.strictEqual(rows.length, s.workloads, s.stack);
                const access = planned.access!.clusters[0];
                for (const row of rows) {
                    const w = access.workloads.find(
                        (x) => `${x.namespace}/${x.serviceAccount}` === row.workload,
                    )!;
                    assert.strictEqual(row.arn, w.role.arn);
                    assert.match(row.arn, /^arn:aws:iam::\d{12}:role\/[\w+=,.@-]+$/);
                    assert.match(
                        row.levels,
                        /^(ADMINISTRATOR-EQUIVALENT: allows every action|[\w-]+: (List|Read|Write|Permissions management|Tagging))/,
                        row.workload,
                    );
                    assert.match(
                        row.path,
                        /^(irsa via issuer oidc\.eks\.|pod-identity via (association|add-on) )/,
                        row.workload,
                    );
                }
                assert.deepStrictEqual(
                    await visibleRows(page, "payments"),
                    ["payments/payments-api"],
                    s.stack,
                );
                assert.strictEqual(await page.locator("#shown").textContent(), "1");
                // The graphs of namespaces with no match are hidden with their rows.
                assert.strictEqual(await page.locator("section[data-namespace]:not([hidden])").count(), 1);
                const ebs = access.workloads.find((w) => w.serviceAccount === "ebs-csi-controller-sa")!;
                assert.deepStrictEqual(await visibleRows(page, ebs.role.name.toUpperCase()), [
                    "kube-system/ebs-csi-controller-sa",
                ]);
                assert.strictEqual((await visibleRows(page, "")).length, s.workloads);
                for (const block of mermaidBlocks(md)) {
                    assert.ok(
                        block.length <= MERMAID_MAX_CHARS &&
                            (block.match(/-->/g) ?? []).length <= MERMAID_MAX_EDGES,
                        s.stack,
                    );
                }
                assert.strictEqual(mermaidBlocks(md).length, s.namespaces, s.stack);
            }
            // What each stack is about, on its page.
            await load(page, pages.dev.html);
            assert.match(
                (await page.locator("tr[data-workload='payments/payments-api'] td.run-as").textContent()) ??
                    "",
                /role\/developers \(AmazonEKSEditPolicy, namespace scope\)/,
            );
            assert.strictEqual(
                await page.locator("#summary").textContent(),
                "0 mandatory, 8 advisory violation(s)",
            );
            assert.strictEqual(
                await page.locator("p.counts").textContent(),
                "5 workload identities: 5 pod-identity, 0 both, 0 irsa. Findings, once per policy and resource: 0 mandatory, 2 advisory.",
            );
            await load(page, pages.staging.html);
            assert.deepStrictEqual(
                await page
                    .locator("table.both tbody tr")
                    .evaluateAll((trs) => trs.map((tr) => tr.textContent)),
                ["SDK not declared2: external-dns/external-dns, kube-system/aws-load-balancer-controller"],
            );
            assert.match(
                (await page
                    .locator("tr[data-workload='payments/payments-api'] td.migration")
                    .textContent()) ?? "",
                /python SDK 1\.33\.13 predates EKS Pod Identity/,
            );
            await load(page, pages.prod.html);
            assert.match(
                (await page.locator("tr[data-workload='batch/invoice-batch'] td.migration").textContent()) ??
                    "",
                /namespace "batch" runs on Fargate/,
            );
            assert.deepStrictEqual(
                await page
                    .locator("table.platform tbody tr")
                    .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-platform-role"))),
                ["cluster", "node", "node", "fargate", "vpc-cni"],
            );
            await load(page, pages.scale.html);
            // 300 workloads stay readable: summary first, then graphs of one namespace each.
            const heights = await page
                .locator("section[data-namespace] svg")
                .evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect().height));
            assert.ok(Math.max(...heights) < 2_500, `tallest namespace graph ${Math.max(...heights)} px`);
            assert.strictEqual((await visibleRows(page, "team-03")).length, 24);
            // The administrator stands out: its row, and first among the riskiest roles.
            assert.deepStrictEqual(
                await page
                    .locator("table.workloads tr.admin")
                    .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-workload"))),
                ["team-11/app-299"],
            );
            assert.match(
                (await page.locator("table.riskiest tbody tr").first().textContent()) ?? "",
                /^app-299-role-\w{7}administrator-equivalent: allows every action \("\*"\)$/,
            );
            // 30 workloads in both, one SDK: one row that names five and counts the rest.
            assert.deepStrictEqual(
                await page
                    .locator("table.both tbody tr")
                    .evaluateAll((trs) => trs.map((tr) => tr.textContent)),
                [
                    "javascript-v3 3.600.0 (declared: ready)30: team-01/app-145, team-01/app-205, team-01/app-25, team-01/app-265, team-01/app-85 and 25 more",
                ],
            );
        } finally {
            await browser.close();
        }
    });
});
