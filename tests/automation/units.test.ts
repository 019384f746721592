// Pure pieces: backoff, backend choice, PATH lookup, the missing-CLI error the SDK really throws,
// typed config to ConfigMap, policy config per environment.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import {
    backoffDelay,
    BackendConfigError,
    errorKind,
    findOnPath,
    isCliMissingError,
    LocalWorkspaceFactory,
    policyConfigFor,
    PulumiCliMissingError,
    setStackConfig,
    toConfigMap,
    UsageError,
    validateTypedConfig,
    withRetry,
    resolveBackend,
} from "../../automation";
import { ConfigError, loadStackConfigFile, parseStackConfig, stackConfigPath } from "../../stacks/config";
import { concurrentUpdate, FakeWorkspace, fakeSleep } from "./fake";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "automation-units-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("automation/retry", () => {
    it("backoff doubles from 5 s and caps at 60 s by default", () => {
        assert.deepEqual(
            [1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a)),
            [5000, 10000, 20000, 40000, 60000, 60000],
        );
        assert.deepEqual(
            [1, 2, 3].map((a) => backoffDelay(a, { initialDelayMs: 10, factor: 3, maxDelayMs: 50 })),
            [10, 30, 50],
        );
    });

    it("maxAttempts 1 means no retry; the error carries the attempts", async () => {
        const sleep = fakeSleep();
        const error = concurrentUpdate();
        await assert.rejects(
            withRetry(() => Promise.reject(error), { maxAttempts: 1, sleep }),
            (e) => e === error && (e as { attempts?: number }).attempts === 1,
        );
        assert.deepEqual(sleep.delays, []);
    });

    it("a custom isRetryable decides; the value and the attempts come back", async () => {
        const sleep = fakeSleep();
        let n = 0;
        const got = await withRetry(
            async () => {
                if (++n < 3) {
                    throw new Error("flaky");
                }
                return "done";
            },
            { isRetryable: (e) => (e as Error).message === "flaky", sleep, initialDelayMs: 1 },
        );
        assert.deepEqual(got, { value: "done", attempts: 3 });
        assert.deepEqual(sleep.delays, [1, 2]);
    });
});

describe("automation/backend", () => {
    const root = "/repo";

    it("PULUMI_BACKEND_URL set: that backend, no passphrase required, its secrets provider", () => {
        assert.deepEqual(resolveBackend({ PULUMI_BACKEND_URL: "https://api.pulumi.com" }, root), {
            url: "https://api.pulumi.com",
            local: false,
            passphraseSource: undefined,
            envVars: { PULUMI_BACKEND_URL: "https://api.pulumi.com" },
        });
    });

    it("unset: the project's .pulumi-state file backend with the passphrase provider", () => {
        assert.deepEqual(resolveBackend({ PULUMI_CONFIG_PASSPHRASE: "" }, root), {
            url: "file:///repo/.pulumi-state",
            local: true,
            stateDir: "/repo/.pulumi-state",
            secretsProvider: "passphrase",
            passphraseSource: "PULUMI_CONFIG_PASSPHRASE",
            envVars: { PULUMI_CONFIG_PASSPHRASE: "", PULUMI_BACKEND_URL: "file:///repo/.pulumi-state" },
        });
    });

    it("unset with a readable PULUMI_CONFIG_PASSPHRASE_FILE", () => {
        const file = path.join(tmp, "passphrase");
        fs.writeFileSync(file, "s3cret\n");
        assert.equal(
            resolveBackend({ PULUMI_CONFIG_PASSPHRASE_FILE: file }, root).passphraseSource,
            "PULUMI_CONFIG_PASSPHRASE_FILE",
        );
        assert.throws(
            () => resolveBackend({ PULUMI_CONFIG_PASSPHRASE_FILE: path.join(tmp, "nope") }, root),
            (e) => e instanceof BackendConfigError && /is not a readable file/.test(e.message),
        );
    });

    it("unset without a passphrase: refused with what to set", () => {
        assert.throws(
            () => resolveBackend({}, root),
            (e) =>
                e instanceof BackendConfigError &&
                errorKind(e) === "backend" &&
                e.message.includes("file:///repo/.pulumi-state") &&
                e.message.includes("set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE"),
        );
        assert.throws(() => new LocalWorkspaceFactory({ env: {}, root }), BackendConfigError);
    });

    it("findOnPath: executables only, first match wins", () => {
        const a = path.join(tmp, "a");
        const b = path.join(tmp, "b");
        fs.mkdirSync(a);
        fs.mkdirSync(b);
        fs.writeFileSync(path.join(a, "pulumi"), "not executable", { mode: 0o644 });
        fs.writeFileSync(path.join(b, "pulumi"), "#!/bin/sh\n", { mode: 0o755 });
        assert.equal(findOnPath("pulumi", { PATH: [a, b].join(path.delimiter) }), path.join(b, "pulumi"));
        assert.equal(findOnPath("pulumi", { PATH: a }), undefined);
        assert.equal(findOnPath("pulumi", {}), undefined);
    });

    it("the real factory checks PATH before any CLI call and creates the state folder", async () => {
        const root2 = path.join(tmp, "project");
        const none = new LocalWorkspaceFactory({
            env: { PULUMI_CONFIG_PASSPHRASE: "x", PATH: "" },
            root: root2,
        });
        await assert.rejects(none.ensureReady(), PulumiCliMissingError);
        const bin = path.join(tmp, "b");
        const some = new LocalWorkspaceFactory({
            env: { PULUMI_CONFIG_PASSPHRASE: "x", PATH: bin },
            root: root2,
        });
        await some.ensureReady();
        assert.ok(fs.statSync(path.join(root2, ".pulumi-state")).isDirectory());
    });

    it("recognises what the Automation API throws when the CLI binary does not exist", async () => {
        // PulumiCommand.get runs `<root>/bin/pulumi version`; a missing binary is a CommandError
        // with execa's ENOENT (code -2), not a dedicated class.
        const error = await PulumiCommand.get({ root: path.join(tmp, "no-such-install") }).then(
            () => assert.fail("expected the CLI lookup to fail"),
            (e: unknown) => e,
        );
        assert.equal((error as Error).name, "CommandError");
        assert.ok(isCliMissingError(error));
        assert.equal(errorKind(error), "cli-missing");
        assert.equal(
            isCliMissingError(new Error("spawn pulumi ENOENT")),
            false,
            "only the SDK's CommandError",
        );
    });
});

describe("automation/config: typed config through the stacks' schema", () => {
    const dev = loadStackConfigFile(stackConfigPath("dev"));

    it("strings as they are, structured values as JSON, region under aws:, nothing secret by default", () => {
        const map = toConfigMap(dev);
        assert.deepEqual(Object.keys(map).sort(), [
            "aws:region",
            "platform:accountId",
            "platform:cluster",
            "platform:fargateProfiles",
            "platform:identityDefault",
            "platform:network",
            "platform:nodeGroups",
            "platform:protect",
            "platform:tags",
            "platform:workloads",
        ]);
        assert.deepEqual(map["platform:accountId"], { value: "111122223333" });
        assert.deepEqual(map["platform:protect"], { value: "false" });
        assert.deepEqual(JSON.parse(map["platform:network"].value), dev.platform.network);
        assert.ok(Object.values(map).every((v) => v.secret === undefined));
    });

    it("round-trips: the map, decoded as config values, validates to the same config", () => {
        const map = toConfigMap(dev);
        const raw: Record<string, unknown> = {};
        for (const [key, { value }] of Object.entries(map)) {
            // Structured values come back as JSON documents; scalars keep the schema's types.
            raw[key] = /^[[{]|^(true|false)$/.test(value) ? JSON.parse(value) : value;
        }
        assert.deepEqual(parseStackConfig(raw, "round-trip").platform, dev.platform);
    });

    it("secretKeys mark whole keys secret; an unknown key is a usage error", () => {
        const map = toConfigMap(dev, { secretKeys: ["workloads", "accountId"] });
        assert.equal(map["platform:workloads"].secret, true);
        assert.equal(map["platform:accountId"].secret, true);
        assert.equal(map["platform:cluster"].secret, undefined);
        assert.throws(
            () => toConfigMap(dev, { secretKeys: ["password" as never] }),
            (e) =>
                e instanceof UsageError &&
                /secretKeys names no platform config key: password/.test(e.message),
        );
    });

    it("invalid typed config: every problem with its key path, nothing written", async () => {
        const ws = new FakeWorkspace();
        const stack = await ws.open("dev", { create: true });
        const bad = {
            region: "mars",
            platform: {
                ...dev.platform,
                accountId: "12",
                network: { vpcId: "vpc-1", subnetIds: ["subnet-0a"] },
            },
        };
        await assert.rejects(setStackConfig(stack, bad), (e: unknown) => {
            assert.ok(e instanceof ConfigError);
            assert.equal(e.file, "typed config of dev");
            assert.deepEqual(
                e.problems.map((p) => p.propertyPath),
                ["aws:region", "platform:accountId"],
            );
            return true;
        });
        assert.throws(
            () =>
                validateTypedConfig(
                    {
                        region: "us-west-2",
                        platform: { ...dev.platform, network: { vpcId: "vpc-0a", subnetIds: ["subnet-0a"] } },
                    },
                    "x",
                ),
            (e) => e instanceof ConfigError && e.problems[0].propertyPath === "platform:network.subnetIds",
        );
        assert.equal(ws.configs.size, 0);
    });

    it("setStackConfig writes the validated map (defaults filled) with the chosen secrets", async () => {
        const ws = new FakeWorkspace();
        const stack = await ws.open("dev", { create: true });
        const { identityDefault: _d, protect: _p, ...minimal } = dev.platform;
        const validated = await setStackConfig(
            stack,
            { region: "us-west-2", platform: minimal },
            { secretKeys: ["tags"] },
        );
        assert.equal(validated.platform.protect, false);
        const written = ws.configs.get("dev") ?? {};
        assert.deepEqual(written["platform:identityDefault"], { value: "pod-identity" });
        assert.deepEqual(written["platform:tags"], { value: '{"environment":"dev"}', secret: true });
    });
});

describe("automation/policy: policy config per environment", () => {
    it("prod strict, everything else lenient, an override resolved from cwd", () => {
        const root = "/repo";
        assert.equal(policyConfigFor("prod", undefined, root), "/repo/policy-pack/config/strict.json");
        assert.equal(policyConfigFor("dev", undefined, root), "/repo/policy-pack/config/lenient.json");
        assert.equal(policyConfigFor("staging", undefined, root), "/repo/policy-pack/config/lenient.json");
        assert.equal(policyConfigFor("dev", "my.json", root), path.resolve("my.json"));
    });
});
