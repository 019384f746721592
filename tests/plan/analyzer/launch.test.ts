// Starting a pack process the way the CLI does: where it runs, with which arguments and environment.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AnalyzerLog } from "../../../plan/analyzer/engine";
import {
    AnalyzerStartError,
    commandFor,
    launch,
    LaunchOptions,
    resolvePack,
    runPolicyPackPath,
} from "../../../plan/analyzer/launch";

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

    describe("resolvePack: where the pack runs and where its version comes from", () => {
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "launch-"));
        after(() => fs.rmSync(tmp, { recursive: true, force: true }));
        const dir = (rel: string, pkg?: object): string => {
            const d = path.join(tmp, rel);
            fs.mkdirSync(d, { recursive: true });
            if (pkg) {
                fs.writeFileSync(path.join(d, "package.json"), JSON.stringify(pkg));
            }
            return d;
        };
        const startError = (packDir: string): string => {
            try {
                resolvePack(packDir);
            } catch (e) {
                assert.ok(e instanceof AnalyzerStartError);
                assert.equal(e.packDir, path.resolve(packDir));
                return e.message;
            }
            return assert.fail("expected an AnalyzerStartError");
        };

        it("a folder with package.json runs there, program '.', as the CLI does", () => {
            const d = dir("own", { version: "2.0.0" });
            assert.deepEqual(resolvePack(d), { moduleDir: d, workDir: d, program: ".", version: "2.0.0" });
        });

        it("compiled output <root>/bin/<rel> runs in <root>/<rel>, whose package.json has the version", () => {
            const source = dir("repo/pack", { version: "3.1.0" });
            const compiled = dir("repo/bin/pack");
            assert.deepEqual(resolvePack(compiled), {
                moduleDir: compiled,
                workDir: source,
                program: compiled,
                version: "3.1.0",
            });
        });

        it("refuses a missing folder, a version-less package.json and a folder with neither", () => {
            assert.equal(
                startError(path.join(tmp, "nope")),
                `policy pack directory not found: ${path.join(tmp, "nope")}`,
            );
            const file = path.join(tmp, "a-file");
            fs.writeFileSync(file, "");
            assert.equal(startError(file), `policy pack directory not found: ${file}`);
            const unversioned = dir("unversioned", { name: "x" });
            assert.equal(
                startError(unversioned),
                `policy pack ${path.join(unversioned, "package.json")} has no "version"`,
            );
            const bare = dir("repo2/bin/bare");
            assert.equal(
                startError(bare),
                `no package.json with a "version" for policy pack ${bare}: @pulumi/policy reads the pack ` +
                    "version from package.json in the pack's working directory (looked at " +
                    `${path.join(bare, "package.json")}, ${path.join(tmp, "repo2", "bare", "package.json")})`,
            );
        });
    });

    it("commandFor passes organization and dry-run under both variable names", () => {
        const pack = resolvePack(packDir);
        const { env } = commandFor(pack, {
            engineAddress: "127.0.0.1:2",
            timeoutMs: 1,
            stack: "prod",
            project: "platform",
            organization: "acme",
            dryRun: false,
            logs: [],
        });
        assert.deepEqual(Object.fromEntries(Object.entries(env).filter(([k]) => /^PULUMI_/.test(k))), {
            ...Object.fromEntries(Object.entries(process.env).filter(([k]) => /^PULUMI_/.test(k))),
            PULUMI_NODEJS_ENGINE: "127.0.0.1:2",
            PULUMI_NODEJS_ORGANIZATION: "acme",
            PULUMI_NODEJS_PROJECT: "platform",
            PULUMI_NODEJS_STACK: "prod",
            PULUMI_NODEJS_DRY_RUN: "false",
            PULUMI_ORGANIZATION: "acme",
            PULUMI_PROJECT: "platform",
            PULUMI_STACK: "prod",
            PULUMI_DRY_RUN: "false",
        });
        // From a folder with no node_modules of its own, the shim comes from this repository.
        assert.equal(runPolicyPackPath(os.tmpdir()), require.resolve("@pulumi/pulumi/cmd/run-policy-pack"));
    });

    describe("launch: the first stdout line must be the port", () => {
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "launch-run-"));
        after(() => fs.rmSync(tmp, { recursive: true, force: true }));

        /** A "pack" that is only a script: run-policy-pack requires it like any pack module. */
        function scriptedPack(name: string, source: string) {
            const dir = path.join(tmp, name);
            fs.mkdirSync(dir);
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ version: "0.0.1" }));
            fs.writeFileSync(path.join(dir, "index.js"), source);
            return resolvePack(dir);
        }
        const options = (logs: AnalyzerLog[]): LaunchOptions => ({
            engineAddress: "127.0.0.1:1",
            timeoutMs: 20000,
            stack: "dev",
            project: "platform",
            dryRun: true,
            logs,
        });

        it("resolves with the port printed first; later lines are kept as stdout logs", async () => {
            const pack = scriptedPack(
                "port",
                'console.log("43210"); console.log("serving"); setInterval(() => undefined, 60000);',
            );
            const logs: AnalyzerLog[] = [];
            const launched = await launch(pack, options(logs));
            try {
                assert.equal(launched.port, 43210);
                await new Promise((resolve) => setTimeout(resolve, 100));
                assert.deepEqual(logs, [{ severity: "stdout", message: "serving", source: "stdout" }]);
            } finally {
                launched.child.kill("SIGKILL");
                await launched.exited;
            }
        });

        it("refuses a pack that prints anything else first, and kills it", async () => {
            const pack = scriptedPack(
                "chatty",
                'console.log("loading policies..."); setInterval(() => undefined, 60000);',
            );
            const logs: AnalyzerLog[] = [];
            const error = await launch(pack, options(logs)).then(
                () => assert.fail("expected the launch to fail"),
                (e: unknown) => e,
            );
            assert.ok(error instanceof AnalyzerStartError);
            assert.equal(
                error.message,
                `policy pack ${pack.moduleDir} printed "loading policies..." where the CLI expects its port`,
            );
            assert.deepEqual(logs, [
                { severity: "stdout", message: "loading policies...", source: "stdout" },
            ]);
            // Killed with SIGKILL; give the kernel a moment to reap it on a loaded machine.
            const gone = () => {
                try {
                    process.kill(error.pid!, 0);
                    return false;
                } catch (e) {
                    return (e as NodeJS.ErrnoException).code === "ESRCH";
                }
            };
            for (let i = 0; i < 100 && !gone(); i++) {
                await new Promise((resolve) => setTimeout(resolve, 20));
            }
            assert.ok(gone(), `pack process ${error.pid} still running`);
        });
    });
});
