// Stack files read as the Pulumi CLI reads them (stacks/config/yaml.ts): the raw corpus of whole
// files whose mistake is in the YAML itself, and yaml.v3's rules one by one.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError, loadStackConfigFile, repoRoot, stackConfigPath } from "../../../stacks/config";
import { decodeStackFile, readStackYaml, resolvePlain } from "../../../stacks/config/yaml";
import { main } from "../../../plan/cli";

export const RAW_FIXTURES = path.join(repoRoot(), "tests", "stacks", "fixtures", "raw");

interface RawFixture {
    file: string;
    about: string;
    /** `line:column path` for a problem of the file, `path` for one of the config, sorted. */
    expect: string[];
}

function loadRawFixture(file: string): RawFixture {
    const bytes = fs.readFileSync(file);
    const text = decodeStackFile(bytes).text || bytes.toString("latin1");
    const comments = [...text.matchAll(/^#\s?(.*?)\r?$/gm)].map((m) => m[1]);
    return {
        file,
        about: comments.filter((c) => !c.startsWith("expect:")).join(" "),
        expect: comments
            .filter((c) => c.startsWith("expect:"))
            .map((c) => c.slice("expect:".length).trim())
            .sort(),
    };
}

function rawFixtureFiles(): string[] {
    return fs
        .readdirSync(RAW_FIXTURES)
        .filter((f) => f.endsWith(".yaml"))
        .sort()
        .map((f) => path.join(RAW_FIXTURES, f));
}

function loadError(file: string): ConfigError {
    try {
        loadStackConfigFile(file);
    } catch (error) {
        assert.ok(error instanceof ConfigError, `expected a ConfigError; got ${String(error)}`);
        return error;
    }
    return assert.fail(`${file} was accepted`);
}

/** `19:7 platform:nodeGroups[0].minSize`, or the path alone for a problem without a place. */
function told(problem: { propertyPath: string; line?: number; column?: number }): string {
    return problem.line === undefined
        ? problem.propertyPath
        : `${problem.line}:${problem.column} ${problem.propertyPath}`;
}

describe("stack files whose mistake is in the YAML (fixtures/raw)", () => {
    const files = rawFixtureFiles();

    it("the corpus holds at least 20 files, each saying its mistake and its expected problems", () => {
        assert.ok(files.length >= 20, `only ${files.length} raw fixtures`);
        for (const file of files) {
            const fixture = loadRawFixture(file);
            assert.ok(fixture.expect.length > 0, `${file} states no "# expect:" line`);
            assert.ok(fixture.about.length > 0, `${file} does not say what its mistake is`);
        }
    });

    for (const file of files) {
        const fixture = loadRawFixture(file);
        it(`${path.basename(file, ".yaml")}: ${fixture.about}`, () => {
            const error = loadError(file);
            assert.deepStrictEqual(error.problems.map(told).sort(), fixture.expect, error.message);
            assert.ok(error.message.startsWith(`${file}: `));
            for (const problem of error.problems) {
                const { line, column } = problem as { line?: number; column?: number };
                if (line !== undefined) {
                    // The place leads the reason, in words, and the parser's own text is not shown.
                    assert.ok(
                        problem.reason.startsWith(`at line ${line}, column ${column}: `),
                        problem.reason,
                    );
                }
                assert.doesNotMatch(problem.reason, /YAMLParseError|YAMLException|yaml: line|\n/);
                assert.match(problem.reason, /: [^:]+$|[a-z]/);
            }
        });
    }

    it("the plan's CLI exits 2 on each, naming the file and every problem's path, and prints no plan", async () => {
        for (const file of files) {
            const out: string[] = [];
            const err: string[] = [];
            const code = await main(["--stack", "dev", "--config", file], {
                out: (t) => out.push(t),
                err: (t) => err.push(t),
            });
            assert.strictEqual(code, 2, `${file}: ${err.join("\n")}`);
            assert.deepStrictEqual(out, [], file);
            const text = err.join("\n");
            assert.ok(
                text.includes(`error: invalid stack config ${path.relative(process.cwd(), file)}:`),
                text,
            );
            for (const expected of loadRawFixture(file).expect) {
                const [, where, key] = /^(?:(\d+):(?:\d+) )?(.*)$/.exec(expected)!;
                assert.ok(
                    text.includes(`  - ${key}: ${where ? `at line ${where}, ` : ""}`),
                    `${file}: ${text}`,
                );
            }
            assert.doesNotMatch(text, /\n\s+at /, "a stack trace");
        }
    });
});

describe("reading a stack file as the Pulumi CLI does", () => {
    const dev = fs.readFileSync(stackConfigPath("dev"), "utf8");
    const devConfig = loadStackConfigFile(stackConfigPath("dev"));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stack-yaml-"));
    const write = (name: string, data: string | Buffer) => {
        const file = path.join(tmp, name);
        fs.writeFileSync(file, data);
        return file;
    };

    it("a UTF-8 byte-order mark and CRLF line ends read as the same config (Pulumi strips the mark)", () => {
        const file = write("Pulumi.bom.yaml", `\uFEFF${dev.replace(/\n/g, "\r\n")}`);
        assert.ok(
            fs
                .readFileSync(file)
                .subarray(0, 3)
                .equals(Buffer.from([0xef, 0xbb, 0xbf])),
        );
        assert.deepStrictEqual({ ...loadStackConfigFile(file), file: "" }, { ...devConfig, file: "" });
    });

    it("UTF-16 with its byte-order mark reads as the same config (yaml.v3 detects the encoding)", () => {
        const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(dev, "utf16le")]);
        assert.deepStrictEqual(
            { ...loadStackConfigFile(write("Pulumi.utf16.yaml", le)), file: "" },
            { ...devConfig, file: "" },
        );
    });

    it("merge keys: the map's own keys win, then the first source; inline maps and lists of them", () => {
        const read = readStackYaml(
            [
                "x-defaults: &defaults {minSize: 1, maxSize: 4, desiredSize: 2}",
                "x-big: &big {maxSize: 10, diskSize: 100}",
                "config:",
                "  platform:a:",
                "    <<: *defaults",
                "    maxSize: 6",
                "  platform:b:",
                "    <<: [*big, *defaults]",
                "  platform:c:",
                "    <<: {x: 1}",
                "    y: 2",
            ].join("\n"),
        );
        assert.deepStrictEqual(read.problems, []);
        assert.deepStrictEqual(read.config, {
            "platform:a": { maxSize: 6, minSize: 1, desiredSize: 2 },
            "platform:b": { maxSize: 10, diskSize: 100, minSize: 1, desiredSize: 2 },
            "platform:c": { y: 2, x: 1 },
        });
    });

    it("anchors and aliases are copies; a top-level key that only holds an anchor is not refused", () => {
        const read = readStackYaml(
            "x-cidrs: &cidrs [203.0.113.0/24]\nconfig:\n  platform:a: *cidrs\n  platform:b: {c: *cidrs}\n",
        );
        assert.deepStrictEqual(read.problems, []);
        assert.deepStrictEqual(read.config, {
            "platform:a": ["203.0.113.0/24"],
            "platform:b": { c: ["203.0.113.0/24"] },
        });
    });

    it("keys without a namespace are the project's, and the old ns:config:name form is ns:name", () => {
        const read = readStackYaml("config:\n  accountId: '1'\n  aws:config:region: us-west-2\n");
        assert.deepStrictEqual(read.problems, []);
        assert.deepStrictEqual(read.config, { "platform:accountId": "1", "aws:region": "us-west-2" });
    });

    it("plain scalars resolve as yaml.v3's resolve.go does, not as YAML 1.2's core schema", () => {
        const table: [string, unknown, string][] = [
            ["010", 8, "int"],
            ["0o10", 8, "int"],
            ["0x1F", 31, "int"],
            ["0b101", 5, "int"],
            ["1_000", 1000, "int"],
            ["+7", 7, "int"],
            ["-0x10", -16, "int"],
            ["09", 9, "float"],
            ["012345678901", 12345678901, "float"],
            ["18446744073709551615", 18446744073709551615, "int"],
            [".5", 0.5, "float"],
            ["1e3", 1000, "float"],
            ["1.35.10", "1.35.10", "string"],
            ["yes", "yes", "string"],
            ["on", "on", "string"],
            ["True", true, "bool"],
            ["FALSE", false, "bool"],
            ["tRue", "tRue", "string"],
            ["~", null, "null"],
            ["Null", null, "null"],
            [".inf", Infinity, "float"],
            ["-.Inf", -Infinity, "float"],
            ["2024-01-02", "2024-01-02", "timestamp"],
            ["2024-1-2T03:04:05Z", "2024-1-2T03:04:05Z", "timestamp"],
            ["2024-13-01", "2024-13-01", "string"],
            ["2024-02-30", "2024-02-30", "string"],
            ["10.20.0.0/16", "10.20.0.0/16", "string"],
        ];
        for (const [plain, value, kind] of table) {
            assert.deepStrictEqual(resolvePlain(plain), { value, kind }, plain);
        }
        assert.ok(Number.isNaN(resolvePlain(".NaN").value));
    });

    it("every problem of a file is told at once, with the config's problems the reader did not tell", () => {
        const file = write(
            "Pulumi.several.yaml",
            dev
                .replace(
                    "  platform:tags:\n    environment: dev\n",
                    "  platform:tags:\n    environment: dev\n    environment: prod\n",
                )
                .replace("identityDefault: pod-identity", "identityDefault: pod_identity")
                .replace("maxSize: 4", "maxSize: .inf"),
        );
        const error = loadError(file);
        assert.deepStrictEqual(error.problems.map(told).sort(), [
            "10:5 platform:tags.environment",
            "40:16 platform:nodeGroups[0].maxSize",
            "platform:identityDefault",
        ]);
    });

    it("a look-alike character found in a file is told with its line and column", () => {
        const file = write(
            "Pulumi.lookalike.yaml",
            dev.replace("clusterName: dev", 'clusterName: "d\\u0435v"'),
        );
        const [problem, ...rest] = loadError(file).problems;
        assert.deepStrictEqual(rest, []);
        assert.strictEqual(problem.propertyPath, "platform:cluster.clusterName");
        assert.strictEqual(
            problem.reason,
            'at line 18, column 5: the value "d\\u0435v" is not what it looks like: character 2 is U+0435 CYRILLIC SMALL LETTER IE, which looks like "e"; AWS, Kubernetes, Pulumi and the policy pack compare code points, not looks: type it as "dev"',
        );
    });

    it("100,000 levels of brackets or 1,000 of indentation are refused at the line they pass 200, not a stack overflow", () => {
        const brackets = write(
            "Pulumi.deep.yaml",
            `config:\n  platform:x: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`,
        );
        const indented = write(
            "Pulumi.indented.yaml",
            `config:\n${Array.from({ length: 1000 }, (_, i) => `${" ".repeat(i + 2)}k${i}:`).join("\n")} 1\n`,
        );
        assert.deepStrictEqual(loadError(brackets).problems.map(told), ["2:215 (file)"]);
        const [problem] = loadError(indented).problems;
        assert.strictEqual(told(problem), "201:202 (file)");
        assert.match(
            problem.reason,
            /values nest more than 200 levels deep here, which no stack config needs/,
        );
    });

    it("environment: (Pulumi ESC) is refused: the offline plan cannot know what it sets", () => {
        const read = readStackYaml("environment:\n  - payments/dev\nconfig:\n  aws:region: us-west-2\n");
        assert.deepStrictEqual(
            read.problems.map((p) => [p.propertyPath, p.line, p.column]),
            [["environment", 1, 1]],
        );
        assert.match(read.problems[0].reason, /the offline plan cannot know what they set/);
    });

    it("a missing file or a folder is a ConfigError that says so, not a stack trace", () => {
        assert.deepStrictEqual(loadError(path.join(tmp, "Pulumi.none.yaml")).problems, [
            {
                propertyPath: "(file)",
                reason: "the file does not exist (Pulumi would start such a stack with an empty config, which cannot be planned): check the path and the stack name, or copy stacks/Pulumi.dev.yaml",
            },
        ]);
        assert.match(loadError(tmp).problems[0].reason, /^the file is a folder, not a file: /);
    });

    it("an empty file and a file of comments have no config: section", () => {
        for (const text of ["", "# nothing yet\n"]) {
            assert.deepStrictEqual(loadError(write("Pulumi.empty.yaml", text)).problems.map(told), [
                "1:1 config",
            ]);
        }
    });
});
