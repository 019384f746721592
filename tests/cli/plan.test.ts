// The offline plan's bad-input corpus: every case exits 2 with one `error:` naming what was wrong
// and the fix, before the program runs.
import { main } from "../../plan/cli";
import { assertFailsCleanly, Captured, makeFiles, planCases } from "./corpus";
import { runCompiled } from "./spawn";

async function run(argv: string[]): Promise<Captured> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("tests/cli: the offline plan's bad-input corpus", function () {
    this.timeout(30_000);
    const files = makeFiles();
    after(() => files.cleanup());
    const cases = planCases(files);

    for (const c of cases) {
        it(`${c.what}: exit ${c.code}`, async () => assertFailsCleanly(await run(c.argv), c));
    }

    it("as a real process: an unknown stack exits 2 with the message and no stack trace", async () => {
        const c = cases[0];
        assertFailsCleanly(await runCompiled("plan/cli.js", c.argv), c);
    });
});
