import * as assert from "assert";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { EXIT_BAD_INPUT, EXIT_MANDATORY, EXIT_OK, main } from "../../../policy-pack/lib/cli";
import { T, happyStack, hopLimit2, urn } from "../factories";

describe("cli", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "policy-cli-"));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, value: unknown) => {
        const file = path.join(dir, name);
        writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
        return file;
    };
    const run = async (...argv: string[]) => {
        let out = "";
        let err = "";
        const code = await main(
            argv,
            { write: (s: string) => (out += s) } as never,
            { write: (s: string) => (err += s) } as never,
        );
        return { code, out, err };
    };

    it("exits 0 on a clean stack (bare array) and 1 on a mandatory violation ({ resources })", async () => {
        assert.deepStrictEqual(await run(write("ok.json", happyStack())), {
            code: EXIT_OK,
            out: "0 violation(s): 0 mandatory, 0 advisory\n",
            err: "",
        });
        const bad = await run(write("bad.json", { resources: hopLimit2() }), "--json");
        assert.strictEqual(bad.code, EXIT_MANDATORY);
        assert.deepStrictEqual(
            JSON.parse(bad.out).map((v: { policyName: string }) => v.policyName),
            ["imds-launch-template"],
        );
    });

    it("reads a file that starts with a UTF-8 byte-order mark as the same file without it", async () => {
        const text = JSON.stringify({ resources: hopLimit2() });
        const plain = await run(write("plain.json", text), "--json");
        assert.strictEqual(plain.code, EXIT_MANDATORY);
        assert.deepStrictEqual(await run(write("bom.json", `\ufeff${text}`), "--json"), plain);
    });

    it("honours --policy-config", async () => {
        const config = write("config.json", { "imds-launch-template": "advisory" });
        const result = await run(write("bad2.json", hopLimit2()), "--policy-config", config);
        assert.strictEqual(result.code, EXIT_OK);
        assert.strictEqual(
            result.out,
            `[advisory] imds-launch-template  ${urn(T.launchTemplate, "node-lt")}\n    metadataOptions.httpPutResponseHopLimit is 2, which lets pods reach the node role through IMDS. Set it to 1.\n1 violation(s): 0 mandatory, 1 advisory\n`,
        );
    });

    it("exits 2 on bad input", async () => {
        assert.deepStrictEqual(await run(path.join(dir, "missing.json")), {
            code: EXIT_BAD_INPUT,
            out: "",
            err: `error: resources file ${path.join(dir, "missing.json")} does not exist: give a JSON file of resources (npm run plan -- --json <file>)\n`,
        });
        const shape = await run(write("shape.json", [{ urn: "u", type: "t" }]));
        assert.deepStrictEqual(
            [shape.code, shape.err],
            [
                EXIT_BAD_INPUT,
                "error: invalid resources:\n  resources[0].name: expected a non-empty string\n  resources[0].props: expected an object (the resource's inputs; {} when it has none)\n",
            ],
        );
        assert.strictEqual((await run(write("obj.json", { nope: 1 }))).code, EXIT_BAD_INPUT);
        assert.strictEqual(
            (await run(write("ok2.json", []), "--policy-config", write("c.json", { nope: "advisory" }))).code,
            EXIT_BAD_INPUT,
        );
        assert.strictEqual((await run()).code, EXIT_BAD_INPUT);
    });
});
