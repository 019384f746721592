// Where the command-line tools write: a line per call, results to stdout, the rest to stderr.
import * as assert from "assert";
import { processIo } from "../../plan/io";

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
});
