import * as assert from "assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { StackValidationPolicy } from "@pulumi/policy";
import { EXIT_BAD_INPUT, EXIT_MANDATORY, EXIT_OK, main } from "../../policy-pack/lib/cli";
import { EvaluateInputError, evaluate } from "../../policy-pack/lib/evaluate";
import { PACK_VERSION, policies } from "../../policy-pack/lib";
import { T, U, find, happyStack, resource, urn } from "./factories";

const hopLimit2 = () => {
    const stack = happyStack();
    find(stack, "node-lt").props.metadataOptions = { httpTokens: "required", httpPutResponseHopLimit: 2 };
    return stack;
};

describe("evaluate", () => {
    it("reports like the runtime: description, newline, message; resource URN; mandatory level", async () => {
        assert.deepStrictEqual(await evaluate(hopLimit2()), [
            {
                policyName: "imds-launch-template",
                enforcementLevel: "mandatory",
                message:
                    "A launch template must require IMDSv2 tokens (httpTokens: required) and set httpPutResponseHopLimit no higher than the configured maximum, so pods cannot reach the node role.\n" +
                    "metadataOptions.httpPutResponseHopLimit is 2, which lets pods reach the node role through IMDS. Set it to 1.",
                urn: urn(T.launchTemplate, "node-lt"),
            },
        ]);
    });

    it("applies config properties, enforcement levels, overrides and `all`", async () => {
        assert.deepStrictEqual(
            await evaluate(hopLimit2(), { config: { "imds-launch-template": { maxHopLimit: 2 } } }),
            [],
        );
        const [advisory] = await evaluate(hopLimit2(), { config: { "imds-launch-template": "advisory" } });
        assert.strictEqual(advisory.enforcementLevel, "advisory");
        assert.deepStrictEqual(await evaluate(hopLimit2(), { config: { all: "disabled" } }), []);
        const [remediate] = await evaluate(hopLimit2(), {
            config: { "imds-launch-template": "disabled" },
            enforcementLevels: { "imds-launch-template": "remediate" },
        });
        assert.strictEqual(remediate.enforcementLevel, "mandatory");
    });

    it("rejects unknown policies, properties and wrongly typed values in one error", async () => {
        await assert.rejects(
            evaluate([], {
                config: {
                    nope: "advisory",
                    "imds-launch-template": { maxHopLimit: "1", bogus: 1 },
                    "trust-length": "loud" as never,
                },
            }),
            (e: unknown) =>
                e instanceof EvaluateInputError &&
                e.message ===
                    'invalid policy config:\n  nope: no such policy in the pack\n  imds-launch-template.maxHopLimit: expected integer, got "1"\n  imds-launch-template.bogus: the policy has no such config property\n  trust-length: enforcementLevel must be one of advisory, mandatory, remediate, disabled, got "loud"',
        );
    });

    it("turns an escaping UnknownValueError into the runtime's advisory diagnostic", async () => {
        const naive: StackValidationPolicy = {
            name: "naive",
            description: "Reads props without care.",
            enforcementLevel: "mandatory",
            validateStack: (args) => {
                void args.resources[0].props.arn.length;
            },
        };
        assert.deepStrictEqual(await evaluate([resource(T.role, "r", { arn: U })], { policies: [naive] }), [
            {
                policyName: "naive",
                enforcementLevel: "advisory",
                message: `can't run policy 'naive' from policy pack 'eks-identity@v${PACK_VERSION}' during preview: string value at .arn can't be known during preview`,
            },
        ]);
    });

    it("runs every pack policy on a preview stack without any 'can't run' diagnostic", async () => {
        const violations = await evaluate(
            happyStack({ preview: true }).map((r) => ({ ...r, props: { ...r.props, tags: U } })),
        );
        assert.deepStrictEqual(violations, []);
    });

    it("serves 37 uniquely named kebab-case policies with descriptions ending in a full stop", () => {
        assert.strictEqual(policies.length, 37);
        assert.strictEqual(new Set(policies.map((p) => p.name)).size, 37);
        for (const p of policies) {
            assert.match(p.name, /^[a-z]+(-[a-z0-9]+)+$/);
            assert.match(p.description, /^[A-Z].*\.$/);
            assert.ok(p.enforcementLevel === "mandatory" || p.enforcementLevel === "advisory", p.name);
            for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
                assert.ok(schema.description && schema.default !== undefined, `${p.name}.${key}`);
            }
        }
    });

    it("keeps PACK_VERSION in step with policy-pack/package.json", () => {
        const pkg = JSON.parse(
            readFileSync(path.join(__dirname, "..", "..", "..", "policy-pack", "package.json"), "utf8"),
        );
        assert.strictEqual(PACK_VERSION, pkg.version);
    });
});

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
            err: `error: cannot read resources file ${path.join(dir, "missing.json")}: ENOENT: no such file or directory, open '${path.join(dir, "missing.json")}'\n`,
        });
        const shape = await run(write("shape.json", [{ urn: "u", type: "t" }]));
        assert.deepStrictEqual(
            [shape.code, shape.err],
            [
                EXIT_BAD_INPUT,
                "error: invalid resources:\n  resources[0].name: expected a non-empty string\n  resources[0].props: expected an object\n",
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
