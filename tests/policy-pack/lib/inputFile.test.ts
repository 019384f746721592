import * as assert from "assert";
import { execFileSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { fsProblem, InputFileError, parseJsonText, readJsonFile } from "../../../policy-pack/lib/inputFile";

describe("inputFile", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "input-file-"));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const file = (name: string, text: string) => {
        const f = path.join(dir, name);
        writeFileSync(f, text);
        return f;
    };
    const failure = (fn: () => unknown): string => {
        try {
            fn();
        } catch (e) {
            assert.ok(e instanceof InputFileError, String(e));
            return e.message;
        }
        throw new Error("no error");
    };

    it("reads JSON with or without a UTF-8 byte-order mark", () => {
        assert.deepStrictEqual(readJsonFile(file("bom.json", '\ufeff{"a": [1]}'), "x", "fix"), { a: [1] });
        assert.deepStrictEqual(parseJsonText('{"a": 1}', "f", "x"), { a: 1 });
    });

    it("says in words what is wrong with the file, and the fix", () => {
        const a = file("a", "");
        assert.deepStrictEqual(
            [
                failure(() => readJsonFile(path.join(dir, "none.json"), "policy config", "give one")),
                failure(() => readJsonFile(dir, "policy config", "give one")),
                failure(() => readJsonFile(path.join(a, "x.json"), "policy config", "give one")),
                failure(() => readJsonFile(a, "policy config", "give one")),
                failure(() => readJsonFile(file("bom-only.json", "\ufeff \n"), "policy config", "give one")),
                failure(() => readJsonFile(file("t.json", '{"a":'), "policy config", "give one")),
            ],
            [
                `policy config ${path.join(dir, "none.json")} does not exist: give one`,
                `policy config ${dir} is a directory, not a file: give one`,
                `policy config ${path.join(a, "x.json")} does not exist (a part of its path is a file, not a folder): give one`,
                `policy config ${a} is empty: it must hold a JSON document`,
                `policy config ${path.join(dir, "bom-only.json")} is empty: it must hold a JSON document`,
                `policy config ${path.join(dir, "t.json")} is not valid JSON (Unexpected end of JSON input): fix the file or export it again`,
            ],
        );
    });

    it("refuses a named pipe before reading it, which would wait for a writer forever", () => {
        const fifo = path.join(dir, "fifo");
        execFileSync("mkfifo", [fifo]);
        assert.strictEqual(
            failure(() => readJsonFile(fifo, "resources file", "give a file")),
            `resources file ${fifo} is not a regular file (a pipe, socket or device): give a file`,
        );
    });

    it("names permission and other errors", () => {
        assert.strictEqual(
            fsProblem(Object.assign(new Error("x"), { code: "EACCES" })),
            "cannot be read (permission denied)",
        );
        assert.strictEqual(
            fsProblem(Object.assign(new Error("EIO: i/o error"), { code: "EIO" })),
            "cannot be read (EIO: i/o error)",
        );
    });
});
