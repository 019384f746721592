// Typed stack config: validated by the stacks' schema, written as one ConfigMap.
import * as assert from "node:assert/strict";
import { setStackConfig, toConfigMap, UsageError, validateTypedConfig } from "../../automation";
import { ConfigError, loadStackConfigFile, parseStackConfig, stackConfigPath } from "../../stacks/config";
import { FakeWorkspace } from "./fake";

describe("automation/config: typed config through the stacks' schema", () => {
    const dev = loadStackConfigFile(stackConfigPath("dev"));

    it("strings as they are, structured values as JSON, region and the account guard under aws:, nothing secret by default", () => {
        const map = toConfigMap(dev);
        assert.deepEqual(Object.keys(map).sort(), [
            "aws:allowedAccountIds",
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
        assert.deepEqual(map["aws:allowedAccountIds"], { value: '["111122223333"]' });
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
