// The pack's CLI bad-input corpus: garbage is refused (exit 2) with the path of what is wrong,
// never checked into zero violations and never a crash.
import { main } from "../../policy-pack/lib/cli";
import { assertFailsCleanly, Captured, makeFiles, policyCases } from "./corpus";
import { runCompiled } from "./spawn";

async function run(argv: string[]): Promise<Captured> {
    let out = "";
    let err = "";
    const code = await main(
        argv,
        { write: (s: string) => (out += s) } as never,
        { write: (s: string) => (err += s) } as never,
    );
    return { code, out, err };
}

describe("tests/cli: the pack CLI's bad-input corpus", function () {
    const files = makeFiles();
    after(() => files.cleanup());
    const cases = policyCases(files);

    for (const c of cases) {
        it(`${c.what}: exit ${c.code}`, async () => assertFailsCleanly(await run(c.argv), c));
    }

    it("as a real process: 100,000-deep props and a missing file exit 2 with no stack trace", async function () {
        this.timeout(20_000);
        const picked = cases.filter((c) => c.what === "100,000-deep props" || c.what === "missing file");
        const results = await Promise.all(picked.map((c) => runCompiled("policy-pack/lib/cli.js", c.argv)));
        picked.forEach((c, i) => assertFailsCleanly(results[i], c));
    });
});
