// The Automation CLI's bad-input corpus, on the scripted fake workspace: every case exits 2 with
// one `error:` naming what was wrong and the fix, and nothing reaches the workspace.
import * as assert from "assert";
import { CliDeps, cliMain } from "../../automation";
import { FakeWorkspace, fakeDeps } from "../automation/fake";
import { assertFailsCleanly, automationCases, Captured, CliCase, makeFiles } from "./corpus";
import { runCompiled } from "./spawn";

async function run(argv: string[], ws = new FakeWorkspace()): Promise<Captured & { ws: FakeWorkspace }> {
    const out: string[] = [];
    const err: string[] = [];
    const { workspaces, ...fakes } = fakeDeps(ws, {});
    const deps: CliDeps = { createFactory: () => workspaces, ...fakes };
    const code = await cliMain(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, deps);
    return { code, out: out.join("\n"), err: err.join("\n"), ws };
}

/** The error the Automation API throws for an old `pulumi` (automation/cmd.ts, its own function). */
function tooOldCli(): Error {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cmd = require("@pulumi/pulumi/automation/cmd") as {
        parseAndValidatePulumiVersion(min: unknown, current: string, optOut: boolean): unknown;
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { minimumVersion } = require("@pulumi/pulumi/automation/minimumVersion") as {
        minimumVersion: unknown;
    };
    try {
        cmd.parseAndValidatePulumiVersion(minimumVersion, "3.1.0", false);
    } catch (error) {
        return error as Error;
    }
    throw new Error("the SDK accepted pulumi 3.1.0");
}

describe("tests/cli: the Automation CLI's bad-input corpus", () => {
    const files = makeFiles();
    after(() => files.cleanup());
    const cases = automationCases(files);

    for (const c of cases) {
        it(`${c.what}: exit ${c.code}, the workspace untouched`, async () => {
            const r = await run(c.argv);
            assertFailsCleanly(r, c);
            assert.deepStrictEqual(r.ws.calls, []);
        });
    }

    const tooOld: CliCase[] = [
        { what: "env: a too-old Pulumi CLI", argv: ["env", "preview", "--stack", "dev"], code: 2, says: [] },
        {
            what: "fleet: a too-old Pulumi CLI",
            argv: ["fleet", "refresh", "--stacks", "dev,staging"],
            code: 2,
            says: [],
        },
    ];
    for (const c of tooOld) {
        c.says.push(
            "the Pulumi CLI on PATH cannot be used by this Automation API",
            "your current CLI version is 3.1.0",
            "Install a current CLI",
        );
        it(`${c.what}: exit 2 with the SDK's reason and the fix`, async () => {
            const ws = new FakeWorkspace();
            ws.readyError = tooOldCli();
            assertFailsCleanly(await run(c.argv, ws), c);
        });
    }

    it("the SDK's version error is what the CLI recognises", () => {
        assert.match(
            tooOldCli().message,
            /^Minimum version requirement failed\. The minimum CLI version requirement is 3\.2\.0-alpha, your current CLI version is 3\.1\.0\./,
        );
    });

    it("as a real process: an unknown stack exits 2 with the message and no stack trace", async function () {
        this.timeout(20_000);
        const c = cases[0];
        assertFailsCleanly(await runCompiled("automation/cli.js", c.argv), c);
    });
});
