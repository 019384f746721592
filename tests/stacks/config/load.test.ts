// The corpus of invalid stack configs (issue 4, "Tests"): each fixture is the dev config with a
// realistic mistake and the exact key paths the error must name. The config is checked through
// the program's own path (parseStackConfig, then buildPlatform), and nothing may be registered.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import {
    checkStackYaml,
    ConfigError,
    fromEngineConfig,
    parseStackConfig,
    RawConfig,
    repoRoot,
    securePaths,
    stackConfigPath,
} from "../../../stacks/config";
import { readStackYaml, StackYaml } from "../../../stacks/config/yaml";
import { buildPlatform } from "../../../stacks/program";
import { awsCloud, run } from "../../harness";

/** YAML is not copied by tsc: the fixtures are read from the source tree. */
export const INVALID_FIXTURES = path.join(repoRoot(), "tests", "stacks", "fixtures", "invalid");

export interface Fixture {
    /** The fixture's path, passed to parseStackConfig as the stack config file. */
    file: string;
    /** What the mistake is (the comment lines before the expectations). */
    about: string;
    /** The problem paths the error must report, sorted. */
    expect: string[];
    /** The dev config with the fixture's top-level keys applied. */
    raw: RawConfig;
    /** The fixture as the Pulumi CLI reads it (merge keys resolved), its config being `raw`. */
    yaml: StackYaml;
}

/** The raw config bag of a stack config file, as the engine hands it to the program. */
export function readConfig(file: string): RawConfig {
    return readStackYaml(fs.readFileSync(file, "utf8")).config as RawConfig;
}

/** A fixture: dev's config with the fixture's keys replacing dev's, and `null` removing them. */
export function loadFixture(file: string): Fixture {
    const text = fs.readFileSync(file, "utf8");
    const comments = [...text.matchAll(/^#\s?(.*)$/gm)].map((m) => m[1]);
    // `\u0430` in an expected path stands for the character, so the file shows what is there.
    const expect = comments
        .filter((c) => c.startsWith("expect:"))
        .map((c) =>
            c
                .slice("expect:".length)
                .trim()
                .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16))),
        );
    const about = comments.filter((c) => !c.startsWith("expect:")).join(" ");
    const read = readStackYaml(text);
    const overlay = read.config ?? {};
    const raw: RawConfig = { ...readConfig(stackConfigPath("dev")) };
    for (const [key, value] of Object.entries(overlay)) {
        if (value === null) {
            delete raw[key];
        } else {
            raw[key] = value;
        }
    }
    return { file, about, expect: expect.sort(), raw, yaml: { ...read, config: raw } };
}

export function fixtureFiles(): string[] {
    return fs
        .readdirSync(INVALID_FIXTURES)
        .filter((f) => f.endsWith(".yaml"))
        .sort()
        .map((f) => path.join(INVALID_FIXTURES, f));
}

function thrown(check: () => unknown): ConfigError {
    try {
        check();
    } catch (error) {
        assert.ok(error instanceof ConfigError, `expected a ConfigError; got ${String(error)}`);
        return error;
    }
    return assert.fail("the config was accepted");
}

function configError(raw: RawConfig, file: string): ConfigError {
    return thrown(() => parseStackConfig(raw, file));
}

describe("invalid stack configs", () => {
    const files = fixtureFiles();
    const dev = readConfig(stackConfigPath("dev"));

    it("the corpus holds at least 45 configs, each with its expected paths", () => {
        assert.ok(files.length >= 45, `only ${files.length} fixtures`);
        for (const file of files) {
            const fixture = loadFixture(file);
            assert.ok(fixture.expect.length > 0, `${file} states no "# expect:" path`);
            assert.ok(fixture.about.length > 0, `${file} does not say what its mistake is`);
            assert.notDeepStrictEqual(fixture.raw, dev, `${file} changes nothing in the dev config`);
        }
    });

    it("the dev config they derive from is valid, and registers resources through the same run", async () => {
        const result = await run(() => buildPlatform(parseStackConfig(dev, stackConfigPath("dev"))), {
            cloud: awsCloud,
            stack: "dev",
        });
        assert.ok(result.registrations.length > 0);
    });

    for (const file of files) {
        const fixture = loadFixture(file);
        it(`${path.basename(file, ".yaml")}: ${fixture.about}`, async () => {
            const error = thrown(() => checkStackYaml(fixture.yaml, file));
            const paths = error.problems.map((p) => p.propertyPath).sort();
            assert.deepStrictEqual(paths, fixture.expect, error.message);
            assert.strictEqual(error.file, file);
            assert.ok(
                error.message.startsWith(`${file}: `),
                `the message does not name the file: ${error.message}`,
            );
            for (const problem of error.problems) {
                const reason = problem.reason.trim();
                assert.ok(
                    reason.length >= 8 &&
                        /\s/.test(reason) &&
                        !/undefined|\[object Object\]|NaN/.test(reason),
                    `${problem.propertyPath}: "${problem.reason}" is not a sentence`,
                );
                assert.ok(error.message.includes(`${problem.propertyPath}: ${problem.reason}`));
            }

            // As `pulumi up` would: the program's config path, then the program.
            const result = await run(
                () => {
                    try {
                        return buildPlatform(checkStackYaml(fixture.yaml, file));
                    } catch (thrown) {
                        return thrown;
                    }
                },
                { cloud: awsCloud, stack: "dev" },
            );
            assert.ok(
                result.value instanceof ConfigError,
                `the program did not fail on config: ${String(result.value)}`,
            );
            assert.deepStrictEqual(result.names(), [], "resources were registered for an invalid config");
        });
    }
});

/** What the engine hands a program for a stack file: every value as text, structures as JSON. */
function asEngineWould(config: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(
        Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
}

describe("stack config as the engine passes it", () => {
    for (const env of ["dev", "staging", "prod"]) {
        it(`${env}: the engine's text form parses to the same config as the YAML file`, () => {
            const file = stackConfigPath(env);
            const yaml = YAML.parse(fs.readFileSync(file, "utf8")).config as Record<string, unknown>;
            const fromEngine = parseStackConfig(fromEngineConfig(asEngineWould(yaml)), file);
            const fromFile = parseStackConfig(yaml, file);
            assert.deepStrictEqual(fromEngine, fromFile);
        });
    }

    it("keeps numeric-looking strings (account ids) as strings and decodes objects, lists and booleans", () => {
        assert.deepStrictEqual(
            fromEngineConfig({
                "platform:accountId": "012345678901",
                "platform:protect": "true",
                "platform:tags": '{"team":"platform"}',
                "platform:nodeGroups": "[]",
                "aws:region": "us-west-2",
                "platform:identityDefault": "pod-identity",
            }),
            {
                "platform:accountId": "012345678901",
                "platform:protect": true,
                "platform:tags": { team: "platform" },
                "platform:nodeGroups": [],
                "aws:region": "us-west-2",
                "platform:identityDefault": "pod-identity",
            },
        );
    });
});

describe("secret (secure:) config values", () => {
    const file = stackConfigPath("dev");
    const dev = readConfig(file);
    const secure = (n: number) => ({ secure: `v1:c2VjcmV0${n}:ZW5jcnlwdGVk` });

    it("securePaths names every secure: value with its key path, nested ones too", () => {
        const table: [unknown, string, string[]][] = [
            [secure(1), "aws:secretKey", ["aws:secretKey"]],
            ["plain", "aws:profile", []],
            [{ secure: 1 }, "aws:x", []],
            [{ secure: "v1:a", other: "b" }, "aws:x", []],
            [[{ name: "a" }, { name: secure(2) }], "platform:workloads", ["platform:workloads[1].name"]],
            [
                { kubeconfigRoleArn: secure(3), accessEntries: [{ principalArn: secure(4) }] },
                "platform:cluster",
                ["platform:cluster.kubeconfigRoleArn", "platform:cluster.accessEntries[0].principalArn"],
            ],
        ];
        for (const [value, key, want] of table) {
            assert.deepStrictEqual(securePaths(value, key), want, JSON.stringify(value));
        }
    });

    it("secrets the program does not read (aws:secretKey, kubernetes:*) plan as they are, listed in secrets", () => {
        const config = parseStackConfig(
            {
                ...dev,
                "aws:accessKey": "AKIAEXAMPLE",
                "aws:secretKey": secure(1),
                "kubernetes:kubeconfig": secure(2),
            },
            file,
        );
        assert.deepStrictEqual(config.secrets, ["aws:secretKey", "kubernetes:kubeconfig"]);
        assert.deepStrictEqual(config.platform, parseStackConfig(dev, file).platform);
        assert.deepStrictEqual(parseStackConfig(dev, file).secrets, []);
    });

    it("a secret the program reads is refused once, with its path and why, not as a map of keys", () => {
        const error = configError(
            { ...dev, "platform:accountId": secure(1), "aws:allowedAccountIds": secure(2) },
            file,
        );
        assert.deepStrictEqual(error.problems, [
            {
                propertyPath: "aws:allowedAccountIds",
                reason: "is a secret (secure:), which the offline plan cannot decrypt, and it cannot be planned as an unknown value: the config check compares it with platform:accountId; store it in plain text (`pulumi config set` without --secret): it names infrastructure, it is no credential",
            },
            {
                propertyPath: "platform:accountId",
                reason: "is a secret (secure:), which the offline plan cannot decrypt, and it cannot be planned as an unknown value: platform: values decide which resources exist, their names and their ARNs; store it in plain text (`pulumi config set` without --secret): it names infrastructure, it is no credential",
            },
        ]);
    });
});
