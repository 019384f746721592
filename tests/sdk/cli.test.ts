import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../sdk/cli";

// Sources live beside the compiled tests: bin/tests/sdk -> tests/sdk/fixtures.
const FIXTURES = path.join(__dirname, "..", "..", "..", "tests", "sdk", "fixtures");
const CLI = path.join(__dirname, "..", "..", "sdk", "cli.js");
const at = (...p: string[]) => path.join(FIXTURES, ...p);

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main(
        args,
        (s) => (out += s),
        (s) => (err += s),
    );
    return { code, out, err };
}

interface Json {
    ready: boolean | null;
    sdks: {
        language: string;
        package: string;
        version: string | null;
        minimum: string;
        ready: boolean | null;
    }[];
}

async function json(...files: string[]): Promise<{ code: number; d: Json }> {
    const { code, out, err } = await run([...files, "--json"]);
    assert.strictEqual(err, "");
    return { code, d: JSON.parse(out) as Json };
}

/** Each fixture's verdict: the exit code and, per SDK found, `package@version ready`. */
const EXPECTED: Record<string, [number, string[]]> = {
    "cpp-old": [1, ["aws-sdk-cpp@1.11.215 false"]],
    "cpp-ready": [0, ["aws-sdk-cpp@1.11.283 true"]],
    "dotnet-old": [1, ["AWSSDK.Core@3.7.300.2 false"]],
    "dotnet-ready": [0, ["AWSSDK.Core@3.7.302.15 true"]],
    "go-v1-old": [1, ["github.com/aws/aws-sdk-go@v1.47.10 false"]],
    "go-v1-ready": [0, ["github.com/aws/aws-sdk-go@v1.55.5 true"]],
    // The module that decides is old; aws-sdk-go-v2, credentials and the services are new.
    "go-v2-config-old": [
        1,
        [
            "github.com/aws/aws-sdk-go-v2/config@v1.24.0 false",
            "github.com/aws/aws-sdk-go-v2/credentials@v1.17.27 true",
        ],
    ],
    "go-v2-ready": [
        0,
        [
            "github.com/aws/aws-sdk-go-v2/config@v1.27.11 true",
            "github.com/aws/aws-sdk-go-v2/credentials@v1.17.11 true",
        ],
    ],
    "npm-no-sdk": [3, []],
    // dynamoose depends on @aws-sdk/client-dynamodb: the SDK only comes transitively.
    "npm-transitive": [0, ["@aws-sdk/credential-provider-node@3.972.99 true"]],
    "npm-two-sdks": [1, ["aws-sdk@2.1549.0 false", "@aws-sdk/credential-provider-node@3.600.0 true"]],
    "npm-v2-ready": [0, ["aws-sdk@2.1550.0 true"]],
    "npm-v3-old": [1, ["@aws-sdk/credential-provider-node@3.450.0 false"]],
    "npm-v3-ready": [0, ["@aws-sdk/credential-provider-node@3.600.0 true"]],
    "php-old": [1, ["aws/aws-sdk-php@3.287.0 false"]],
    "php-ready": [0, ["aws/aws-sdk-php@3.300.8 true"]],
    "py-poetry-old": [1, ["botocore@1.34.40 false"]],
    "py-poetry-ready": [0, ["botocore@1.34.51 true"]],
    "py-req-old": [1, ["botocore@1.33.13 false"]],
    "py-req-ready": [0, ["botocore@1.34.41 true"]],
    "ruby-old": [1, ["aws-sdk-core@3.187.1 false"]],
    "ruby-ready": [0, ["aws-sdk-core@3.191.3 true"]],
    "rust-old": [1, ["aws-config@1.1.7 false"]],
    "rust-ready": [0, ["aws-config@1.1.8 true"]],
    // No offline tool makes an SBOM of a Gradle build (fixtures README): read from the lockfile.
    "java-old": [1, ["software.amazon.awssdk/auth@2.21.29 false"]],
    "java-ready": [0, ["software.amazon.awssdk/auth@2.21.30 true"]],
    "java-v1-old": [1, ["com.amazonaws/aws-java-sdk-core@1.12.745 false"]],
    "kotlin-old": [1, ["aws.sdk.kotlin/aws-config@1.0.0 false"]],
    "kotlin-ready": [0, ["aws.sdk.kotlin/aws-config@1.0.1 true"]],
};

const summary = (d: Json) => d.sdks.map((s) => `${s.package}@${s.version} ${s.ready}`).sort();
const lockfilesOf = (name: string) =>
    fs
        .readdirSync(at("lock", name))
        .filter((f) => f !== "package.json" && f !== "conan.lock")
        .map((f) => at("lock", name, f));

describe("sdk/cli", () => {
    it("has an expectation for every fixture, and every fixture for each side of each language", () => {
        const names = fs.readdirSync(at("lock")).sort();
        assert.deepStrictEqual(names, Object.keys(EXPECTED).sort());
        // 14 languages of the EKS table have a package to read; aws-cli and powershell ship none.
        const sides = new Set(Object.entries(EXPECTED).map(([n, [code]]) => `${n.split("-")[0]} ${code}`));
        for (const language of [
            "cpp",
            "dotnet",
            "go",
            "npm",
            "php",
            "py",
            "ruby",
            "rust",
            "java",
            "kotlin",
        ]) {
            assert.ok(sides.has(`${language} 0`) && sides.has(`${language} 1`), language);
        }
    });

    for (const [name, [code, sdks]] of Object.entries(EXPECTED)) {
        const sbom = at("sbom", `${name}.cdx.json`);
        if (fs.existsSync(sbom)) {
            it(`${name}: the CycloneDX SBOM exits ${code}`, async () => {
                const r = await json(sbom);
                assert.strictEqual(r.code, code);
                assert.deepStrictEqual(summary(r.d), [...sdks].sort());
                assert.strictEqual(r.d.ready, code === 0 ? true : code === 1 ? false : null);
            });
        }
        it(`${name}: the lockfile exits ${code}`, async () => {
            for (const file of lockfilesOf(name)) {
                const r = await json(file);
                assert.strictEqual(r.code, code, file);
                assert.deepStrictEqual(summary(r.d), [...sdks].sort(), file);
            }
        });
    }

    it("SPDX 2.3 from npm sbom decides as the CycloneDX of the same lockfile", async () => {
        for (const name of ["npm-two-sdks", "npm-v3-ready"]) {
            const spdx = await json(at("sbom", `${name}.spdx.json`));
            const cdx = await json(at("sbom", `${name}.cdx.json`));
            assert.deepStrictEqual(spdx, cdx, name);
        }
    });

    it("--json prints exactly ready and sdks, each SDK with exactly its five keys", async () => {
        const r = await json(at("sbom", "npm-two-sdks.cdx.json"));
        assert.deepStrictEqual(r.d, {
            ready: false,
            sdks: [
                {
                    language: "javascript-v2",
                    package: "aws-sdk",
                    version: "2.1549.0",
                    minimum: "2.1550.0",
                    ready: false,
                },
                {
                    language: "javascript-v3",
                    package: "@aws-sdk/credential-provider-node",
                    version: "3.600.0",
                    minimum: "3.503.1",
                    ready: true,
                },
            ],
        });
    });

    it("reads several files as one workload's evidence: one old SDK makes it not ready", async () => {
        const r = await json(
            at("sbom", "npm-v3-ready.cdx.json"),
            at("lock", "py-req-old", "requirements.txt"),
        );
        assert.strictEqual(r.code, 1);
        assert.deepStrictEqual(summary(r.d), [
            "@aws-sdk/credential-provider-node@3.600.0 true",
            "botocore@1.33.13 false",
        ]);
    });

    it("prints a table, the verdict, and where the EKS table and the SDK's code disagree", async () => {
        const { code, out } = await run([at("lock", "npm-v3-old", "package-lock.json")]);
        assert.strictEqual(code, 1);
        assert.strictEqual(
            out,
            [
                "language       package                            version  minimum  ready",
                "javascript-v3  @aws-sdk/credential-provider-node  3.450.0  3.503.1  no",
                "verdict: not ready: javascript-v3 SDK package @aws-sdk/credential-provider-node 3.450.0 predates EKS Pod Identity (needs 3.503.1 or later)",
                "note: javascript-v3: the EKS table says 3.458.0, the release that added the EKS Auth client; the default chain reaches Pod Identity only from @aws-sdk/credential-provider-node 3.503.1 (aws/aws-sdk-js-v3 #5709)",
                "",
            ].join("\n"),
        );
    });

    it("an SBOM without an AWS SDK is undetermined (exit 3), and says so", async () => {
        const { code, out } = await run([at("sbom", "npm-no-sdk.cdx.json")]);
        assert.strictEqual(code, 3);
        assert.strictEqual(
            out,
            "verdict: undetermined\nnote: no AWS SDK found: nothing says which credential provider the workload uses\n",
        );
    });

    it("malformed input exits 2, naming every file and what is wrong with it, and prints nothing else", async () => {
        const files = [
            "truncated.cdx.json",
            "cdx-1.2.json",
            "bad-purl.cdx.json",
            "not-an-sbom.json",
            "unpinned/requirements.txt",
            "lock-no-version/package-lock.json",
        ].map((f) => at("malformed", f));
        const { code, out, err } = await run([
            ...files,
            at("sbom", "npm-v3-ready.cdx.json"),
            "/no/such/sbom.json",
        ]);
        assert.strictEqual(code, 2);
        assert.strictEqual(out, "");
        const lines = err.trimEnd().split("\n");
        assert.strictEqual(lines.length, 7);
        assert.match(
            lines[0],
            /^.*truncated\.cdx\.json: is not JSON \(.+\) nor a lockfile by its name: give a CycloneDX/,
        );
        assert.deepStrictEqual(lines.slice(1), [
            `${files[1]}: specVersion "1.2" is not read: CycloneDX 1.4, 1.5, 1.6 are (e.g. cdxgen --spec-version 1.5)`,
            `${files[2]}: components[1].purl "botocore==1.33.13" is not a package URL (pkg:type/name@version)`,
            `${files[3]}: is JSON but neither CycloneDX (bomFormat "CycloneDX") nor SPDX 2 (spdxVersion): give a CycloneDX or SPDX JSON SBOM, or a lockfile under its own name`,
            `${files[4]}: line 3: botocore is not pinned (>=1.34): pin it with == (pip freeze, pip-compile) so the file says what is installed`,
            `${files[5]}: packages["node_modules/@aws-sdk/credential-provider-node"].version is missing`,
            "/no/such/sbom.json: does not exist: check the path",
        ]);
    });

    it("no file at all is bad input (exit 2)", async () => {
        const { code, err } = await run([]);
        assert.strictEqual(code, 2);
        assert.match(err, /missing required argument 'file'/);
    });

    it("the process itself exits with the verdict's code", () => {
        const r = spawnSync(process.execPath, [CLI, at("lock", "npm-no-sdk", "package-lock.json")], {
            encoding: "utf8",
        });
        assert.strictEqual(r.status, 3);
        assert.strictEqual(r.stdout.split("\n")[0], "verdict: undetermined");
    });
});
