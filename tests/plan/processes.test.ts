// Killing a tool ends the processes it started: a real process holding a real policy pack
// (tests/plan/fixtures/holdSession.ts on the fixture pack) is sent SIGTERM or SIGINT.
import * as assert from "assert";
import { spawn } from "child_process";
import * as path from "path";
import { signalExitCode } from "../../plan/processes";
import { repoRoot } from "../../stacks/config";

const fixtures = path.join(repoRoot(), "bin", "tests", "plan", "fixtures");

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === "EPERM";
    }
}

interface Outcome {
    packPid: number;
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
    packAliveAfter: boolean;
}

/** Starts the holder, waits for its pack's pid, sends `signal`, and reports how both ended. */
function killHolder(signal: NodeJS.Signals): Promise<Outcome> {
    const holder = spawn(
        process.execPath,
        [path.join(fixtures, "holdSession.js"), path.join(fixtures, "pack")],
        {
            stdio: ["ignore", "pipe", "pipe"],
        },
    );
    let stderr = "";
    holder.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    return new Promise<Outcome>((resolve, reject) => {
        let packPid: number | undefined;
        holder.once("error", reject);
        holder.stdout.setEncoding("utf8").once("data", (line: string) => {
            packPid = Number(line.trim());
            if (!alive(packPid)) {
                reject(new Error(`pack ${packPid} not running before the signal`));
                return;
            }
            holder.kill(signal);
        });
        holder.once("exit", (code, sig) => {
            if (packPid === undefined) {
                reject(new Error(`holder exited (${code}) before its pack started: ${stderr}`));
            } else {
                resolve({ packPid, code, signal: sig, stderr, packAliveAfter: alive(packPid) });
            }
        });
    });
}

describe("plan/processes", function () {
    this.timeout(60_000);

    it("exit codes are 128 + the signal number, as a shell reports them", () => {
        assert.deepStrictEqual(
            (["SIGINT", "SIGTERM", "SIGHUP"] as const).map(signalExitCode),
            [130, 143, 129],
        );
    });

    it("SIGTERM and SIGINT end the policy pack with the plan, exit 143 and 130, saying so", async () => {
        // Both at once: each holder's pack start is the slow part (~1 s).
        const [term, int] = await Promise.all([killHolder("SIGTERM"), killHolder("SIGINT")]);
        const pack = path.join(fixtures, "pack");
        for (const [outcome, signal, code] of [
            [term, "SIGTERM", 143],
            [int, "SIGINT", 130],
        ] as const) {
            assert.deepStrictEqual(
                [outcome.code, outcome.signal, outcome.packAliveAfter],
                [code, null, false],
                `${signal}: ${outcome.stderr}`,
            );
            assert.strictEqual(
                outcome.stderr,
                `\ninterrupted by ${signal}: stopping the policy pack ${pack} (pid ${outcome.packPid}); exit ${code}\n`,
            );
        }
    });
});
