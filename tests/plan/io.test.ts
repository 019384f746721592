// Where the command-line tools write: a line per call, results to stdout, the rest to stderr.
import * as assert from "assert";
import { exitWhenWritten, processIo, runAsCommand } from "../../plan/io";

describe("plan/io", () => {
    it("processIo writes each call as one line: out to stdout, err to stderr", () => {
        const written: [string, string][] = [];
        const stdout = process.stdout.write;
        const stderr = process.stderr.write;
        process.stdout.write = ((chunk: string) => written.push(["stdout", chunk]) > 0) as typeof stdout;
        process.stderr.write = ((chunk: string) => written.push(["stderr", chunk]) > 0) as typeof stderr;
        try {
            processIo.out("Plan: 46 to create.");
            processIo.err("• running");
            processIo.out("");
        } finally {
            process.stdout.write = stdout;
            process.stderr.write = stderr;
        }
        assert.deepStrictEqual(written, [
            ["stdout", "Plan: 46 to create.\n"],
            ["stderr", "• running\n"],
            ["stdout", "\n"],
        ]);
    });

    it("exitWhenWritten exits only after every stream's earlier writes completed, once, with the code", () => {
        const events: string[] = [];
        const callbacks: (() => void)[] = [];
        const stream = (name: string) =>
            ({
                write: (chunk: string, cb: () => void) => {
                    events.push(`${name} write ${JSON.stringify(chunk)}`);
                    callbacks.push(cb);
                    return false;
                },
            }) as unknown as NodeJS.WritableStream;
        const before = process.exitCode;
        try {
            exitWhenWritten(1, [stream("stdout"), stream("stderr")], (code) => events.push(`exit ${code}`));
            assert.strictEqual(process.exitCode, 1);
            events.push("stdout flushed");
            callbacks[0]();
            events.push("stderr flushed");
            callbacks[1]();
        } finally {
            process.exitCode = before;
        }
        assert.deepStrictEqual(events, [
            'stdout write ""',
            'stderr write ""',
            "stdout flushed",
            "stderr flushed",
            "exit 1",
        ]);
    });
    it("runAsCommand sets the tool's exit code, or on an unhandled error names the tool and exits with the failure code", async () => {
        const written: [string, string][] = [];
        const stdout = process.stdout.write;
        const stderr = process.stderr.write;
        const before = process.exitCode;
        process.stdout.write = ((chunk: string) => written.push(["stdout", chunk]) > 0) as typeof stdout;
        process.stderr.write = ((chunk: string) => written.push(["stderr", chunk]) > 0) as typeof stderr;
        const codes: (number | string | undefined)[] = [];
        try {
            await runAsCommand(
                "tool",
                async (args, out, err) => {
                    out(`args ${args.join(" ")}\n`);
                    err("note\n");
                    return 3;
                },
                2,
                ["a", "b"],
            );
            codes.push(process.exitCode);
            await runAsCommand("tool", () => Promise.reject(new Error("boom")), 2, []);
            codes.push(process.exitCode);
        } finally {
            process.stdout.write = stdout;
            process.stderr.write = stderr;
            process.exitCode = before;
        }
        assert.deepStrictEqual(codes, [3, 2]);
        assert.deepStrictEqual(written, [
            ["stdout", "args a b\n"],
            ["stderr", "note\n"],
            ["stderr", "tool: boom\n"],
        ]);
    });
});
