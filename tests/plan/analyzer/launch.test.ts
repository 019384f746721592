// Starting a pack process the way the CLI does: where it runs, with which arguments and environment.
import * as assert from "node:assert/strict";
import * as path from "path";
import { commandFor, resolvePack } from "../../../plan/analyzer/launch";

const packDir = path.join(__dirname, "..", "fixtures", "pack");
const packVersion = "1.2.3";

describe("plan/analyzer/launch", () => {
    it("launches like the CLI: cwd holds package.json, program is the compiled dir, engine address passed", () => {
        const pack = resolvePack(packDir);
        assert.equal(pack.workDir, path.resolve(__dirname, "../../../../tests/plan/fixtures/pack"));
        assert.equal(pack.program, packDir);
        assert.equal(pack.version, packVersion);
        const { args, env } = commandFor(pack, {
            engineAddress: "127.0.0.1:1",
            timeoutMs: 1,
            stack: "dev",
            project: "eks-identity",
            dryRun: true,
            logs: [],
        });
        assert.match(args[0], /@pulumi[/\\]pulumi[/\\]cmd[/\\]run-policy-pack[/\\]index\.js$/);
        assert.deepEqual(args.slice(1), ["127.0.0.1:1", packDir]);
        assert.equal(env.PULUMI_NODEJS_ENGINE, "127.0.0.1:1");
        assert.equal(env.PULUMI_NODEJS_STACK, "dev");
        assert.equal(env.PULUMI_PROJECT, "eks-identity");
    });
});
