// The identity map files of a plan. The page is also loaded in a real headless browser (Debian's
// chromium, driven by playwright-core): it must load with no console errors and show every
// workload identity of the dev stack.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chromium } from "playwright-core";
import { planStack } from "../../plan/plan";
import { writeIdentityMap } from "../../plan/report";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

describe("identity map in a headless browser", function () {
    this.timeout(90_000);

    it("loads without console errors and shows every dev workload in the graph and the table", async function () {
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
        const plan = await planStack({ stack: "dev" });
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "identity-map-"));
        const [, html] = await writeIdentityMap(plan, dir);

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
            const problems: string[] = [];
            page.on("console", (m) => {
                if (m.type() === "error") {
                    problems.push(m.text());
                }
            });
            page.on("pageerror", (e) => problems.push(e.message));
            page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
            await page.goto(`file://${html}`, { waitUntil: "load" });
            assert.deepStrictEqual(problems, []);
            assert.strictEqual(await page.title(), "Identity map: dev");
            assert.strictEqual(await page.locator("section[data-cluster='dev'] svg").count(), 1);
            const rows = await page
                .locator("tbody tr")
                .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-workload")));
            assert.deepStrictEqual(rows.sort(), [
                "external-dns/external-dns",
                "kube-system/aws-load-balancer-controller",
                "kube-system/aws-node",
                "kube-system/ebs-csi-controller-sa",
                "payments/payments-api",
            ]);
            const graphText = await page.locator("svg").textContent();
            for (const sa of [
                "payments/payments-api",
                "external-dns/external-dns",
                "kube-system/ebs-csi-controller-sa",
                "kube-system/aws-load-balancer-controller",
            ]) {
                assert.ok(graphText?.includes(sa), `${sa} drawn in the graph`);
            }
            const box = await page.locator("svg").boundingBox();
            assert.ok(
                box && box.width > 300 && box.height > 200,
                `the graph has a visible size: ${JSON.stringify(box)}`,
            );
            assert.strictEqual(
                await page.locator("#summary").textContent(),
                "0 mandatory, 0 advisory violation(s)",
            );
        } finally {
            await browser.close();
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
