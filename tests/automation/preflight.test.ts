// The real pre-flight (plan/plan.ts: the program on mocks, the compiled policy pack over gRPC) in
// front of the fake workspace. The planted violation is one the config schema accepts and only the
// policy pack rejects: `ssm: true` on dev's node group attaches AmazonSSMManagedInstanceCore to the
// node role, which strict.json's node-role-managed-policies allow-list forbids (mandatory).
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { offlinePreflight, PreflightRefusedError, runEnvironment, up } from "../../automation";
import { loadStackConfigFile, repoRoot, stackConfigPath } from "../../stacks/config";
import { FakeWorkspace, fakeSleep, ok } from "./fake";

const strict = path.join(repoRoot(), "policy-pack", "config", "strict.json");

describe("automation/pre-flight with the real offline plan and policy pack", function () {
    this.timeout(60000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "automation-preflight-"));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("dev as shipped passes under its lenient config and the up goes ahead", async () => {
        const ws = new FakeWorkspace().on("up", "dev", ok({ create: 46 }));
        const result = await runEnvironment(
            { stack: "dev", operation: "up" },
            { workspaces: ws, sleep: fakeSleep() },
        );
        assert.equal(result.status, "succeeded", result.error?.message);
        assert.deepEqual(result.preflight?.summary, {
            resources: 46,
            mandatory: 0,
            advisory: 0,
            undetermined: 0,
        });
        assert.deepEqual(ws.calls, ["ensureReady", "open dev create", "up dev"]);
    });

    it("a planted node-role violation the schema accepts: up refused, the CLI never reached", async () => {
        const file = path.join(tmp, "Pulumi.dev.yaml");
        const doc = YAML.parse(fs.readFileSync(stackConfigPath("dev"), "utf8"));
        const groups = doc.config["platform:nodeGroups"] as { name: string; ssm?: boolean }[];
        assert.deepEqual(
            groups.map((g) => g.name),
            ["general"],
            "the plant point moved: update this test",
        );
        groups[0].ssm = true;
        fs.writeFileSync(file, YAML.stringify(doc));
        const config = loadStackConfigFile(file); // the schema accepts it

        const ws = new FakeWorkspace();
        await assert.rejects(
            up("dev", {
                workspaces: ws,
                preflight: offlinePreflight,
                policyConfigFile: strict,
                config: { region: config.region, platform: config.platform },
            }),
            (error: unknown) => {
                assert.ok(error instanceof PreflightRefusedError);
                assert.deepEqual(error.summary, {
                    resources: 47,
                    mandatory: 1,
                    advisory: 0,
                    undetermined: 0,
                });
                assert.deepEqual(
                    error.violations.map((v) => [v.policyName, v.enforcementLevel]),
                    [["node-role-managed-policies", "mandatory"]],
                );
                assert.match(error.message, /AmazonSSMManagedInstanceCore/);
                return true;
            },
        );
        assert.deepEqual(ws.calls, ["ensureReady"], "refused before the workspace was opened");
    });
});
