// The policy pack as `pulumi policy publish` uploads it and Pulumi Cloud hands it to the CLI that
// enforces it: packed, installed in an empty folder, started as the CLI starts it, and asked the
// analyzer's questions over gRPC. Not part of `npm test` (it installs ~250 packages: ~40 s on 2
// cores); the npm script `test:publish` runs it, and CI runs that after `npm test`.
//
// What Pulumi does (pulumi/pulumi, pkg/backend/httpstate/policypack.go):
// - Publish: for a `nodejs` runtime, the tarball is `npm pack --loglevel=error` run in the pack's
//   folder (sdk/nodejs/npm/npm.go, npmManager.Pack), not Pulumi's own archiver (archive.TGZ is for
//   the other runtimes). So npm's rules pick the files: everything in policy-pack/ but what
//   .npmignore / .gitignore exclude, and never package-lock.json. This test runs the same command.
// - Install (installRequiredPolicy): the tarball is extracted, its `package/` folder renamed to
//   ~/.pulumi/policies/<org>/<pack>/<version>, and the nodejs language host installs the
//   dependencies there (`npm install --loglevel=error`, npmManager.Install). Here: the same
//   extraction, then `npm install --offline` in that folder.
// - Run: NewPolicyAnalyzer starts `node <@pulumi/pulumi/cmd/run-policy-pack> <engine> .` with the
//   installed folder as cwd (plan/analyzer/launch.ts holds the details; AnalyzerSession reuses it).
//   run-policy-pack registers ts-node with `typeCheck: true` and the cwd's tsconfig.json, and the
//   compiler from @pulumi/pulumi's tsutils.typeScriptRequireStrings: `require("typescript")` if the
//   install has one, else its vendored TypeScript 3.8.3, which rejects `"target": "ES2022"` with
//   TS6046 before any policy loads. Hence `typescript` (and `@types/node`, which the tsconfig's
//   `"types": ["node"]` needs: TS2688 without it) among the pack's dependencies.
//
// Offline: without a lockfile `npm install` asks the registry for every package's metadata, which
// `npm ci` does not leave in the cache (only the tarballs). So the installed folder gets a
// package-lock.json cut from the root one: the packages reachable from the `policy-pack`
// workspace's declared dependencies, at the versions the repository tests with. A module the pack
// requires but does not declare (nor gets through a declared one) is missing there, as it would
// be on Pulumi Cloud. Where the cache lacks a tarball (ENOTCACHED), the test skips, naming it.
import * as assert from "node:assert/strict";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AnalyzerSession, AnalyzerViolation } from "../../plan/analyzer/session";
import { policies } from "../../policy-pack/lib/policies";

const ROOT = path.join(__dirname, "..", "..", "..");
const PACK_SOURCE = path.join(ROOT, "policy-pack");
const WORKSPACE = "policy-pack";

interface LockEntry {
    version?: string;
    resolved?: string;
    integrity?: string;
    link?: boolean;
    dev?: boolean;
    devOptional?: boolean;
    peer?: boolean;
    optional?: boolean;
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    [key: string]: unknown;
}

interface Lockfile {
    packages: Record<string, LockEntry>;
}

class CommandError extends Error {
    constructor(
        readonly command: string,
        readonly output: string,
    ) {
        super(`${command} failed:\n${output}`);
    }
}

/** npm as the running script's npm (`npm run test:publish`), else the one on PATH. */
function npm(args: string[], cwd: string): Promise<string> {
    const execPath = process.env.npm_execpath;
    const [file, argv] =
        execPath && execPath.endsWith(".js") ? [process.execPath, [execPath, ...args]] : ["npm", args];
    return new Promise((resolve, reject) =>
        execFile(file, argv, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
            err ? reject(new CommandError(`npm ${args.join(" ")}`, `${stdout}${stderr}`)) : resolve(stdout),
        ),
    );
}

/** Where Node (and npm's lockfile) finds `name` from the package at `from`: nearest node_modules up. */
function resolveIn(packages: Lockfile["packages"], from: string, name: string): string | undefined {
    for (let dir = from; ;) {
        const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
        if (packages[candidate]) {
            return candidate;
        }
        if (!dir) {
            return undefined;
        }
        const at = dir.lastIndexOf("node_modules/");
        dir = at <= 0 ? "" : dir.slice(0, at - 1);
    }
}

/**
 * The root lockfile's packages that `pkg` (the workspace's package.json) reaches through
 * dependencies, optional and peer dependencies, as a lockfile for a folder holding it alone.
 */
export function workspaceLockfile(
    root: Lockfile,
    workspace: string,
    pkg: { name: string; version: string; dependencies: Record<string, string> },
): { lockfile: Record<string, unknown>; unresolved: string[] } {
    const reached = new Set<string>();
    const unresolved: string[] = [];
    const visit = (location: string, deps: [Record<string, string> | undefined, boolean][]) => {
        for (const [names, required] of deps) {
            for (const name of Object.keys(names ?? {})) {
                const found = resolveIn(root.packages, location, name);
                if (!found) {
                    if (required) {
                        unresolved.push(`${location} -> ${name}`);
                    }
                } else if (!reached.has(found)) {
                    reached.add(found);
                    const entry = root.packages[found];
                    visit(found, [
                        [entry.dependencies, true],
                        [entry.optionalDependencies, false],
                        [entry.peerDependencies, false],
                    ]);
                }
            }
        }
    };
    // The packed package.json's dependencies, found as Node finds them from the workspace folder.
    visit(workspace, [[pkg.dependencies, true]]);
    const packages: Record<string, unknown> = {
        "": { name: pkg.name, version: pkg.version, dependencies: pkg.dependencies },
    };
    for (const location of [...reached].sort()) {
        // Paths under the workspace's own node_modules would move to the top; there are none today.
        const moved = location.startsWith(`${workspace}/`) ? location.slice(workspace.length + 1) : location;
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        const { dev, devOptional, peer, ...entry } = root.packages[location];
        packages[moved] = entry;
    }
    return {
        lockfile: { name: pkg.name, version: pkg.version, lockfileVersion: 3, requires: true, packages },
        unresolved,
    };
}

/** The package npm could not find in its cache, from an ENOTCACHED error. */
function notCached(output: string): string | undefined {
    if (!/ENOTCACHED/.test(output)) {
        return undefined;
    }
    return /request to (\S+) failed/.exec(output)?.[1] ?? "a package";
}

const urn = (type: string, name: string) => `urn:pulumi:dev::eks-identity::${type}::${name}`;

describe("policy-pack: the published pack installs and serves the analyzer", function () {
    // npm pack ~1 s, npm install ~17 s, the first start (ts-node type-checks the pack) ~20 s.
    this.timeout(240_000);
    let tmp: string;
    let installed: string;
    let packedFiles: string[];
    let session: AnalyzerSession | undefined;
    const timings: Record<string, number> = {};

    before(async function () {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "eks-identity-publish-"));
        let t = Date.now();
        const [packed] = JSON.parse(
            await npm(["pack", "--json", "--loglevel=error", "--pack-destination", tmp], PACK_SOURCE),
        ) as { filename: string; files: { path: string }[] }[];
        packedFiles = packed.files.map((f) => f.path).sort();
        timings.pack = Date.now() - t;

        // installRequiredPolicy: extract, then rename `package/` to the pack's install folder.
        await new Promise<void>((resolve, reject) =>
            execFile("tar", ["-xzf", packed.filename], { cwd: tmp }, (err) =>
                err ? reject(err) : resolve(),
            ),
        );
        installed = path.join(tmp, "eks-identity-policies", "0.1.0");
        fs.mkdirSync(path.dirname(installed));
        fs.renameSync(path.join(tmp, "package"), installed);

        const pkg = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
        const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as Lockfile;
        const { lockfile, unresolved } = workspaceLockfile(root, WORKSPACE, pkg);
        assert.deepEqual(unresolved, [], "root package-lock.json lacks packages the pack depends on");
        fs.writeFileSync(path.join(installed, "package-lock.json"), JSON.stringify(lockfile, null, 2));

        t = Date.now();
        try {
            await npm(["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error"], installed);
        } catch (err) {
            const missing = err instanceof CommandError ? notCached(err.output) : undefined;
            if (missing) {
                console.log(`    skipped: the npm cache lacks ${missing} (npm ci on this machine fills it)`);
                this.skip();
            }
            throw err;
        }
        timings.install = Date.now() - t;

        // A fresh install's ts-node (the vendored 7.0.1, caching by default) has compiled nothing
        // yet: its own cache folder, so no earlier run's output skips the type check.
        process.env.TS_NODE_CACHE_DIRECTORY = path.join(tmp, "ts-node-cache");
        t = Date.now();
        session = await AnalyzerSession.start({ packDir: installed, timeoutMs: 120_000 });
        timings.start = Date.now() - t;
    });

    after(async () => {
        await session?.close();
        delete process.env.TS_NODE_CACHE_DIRECTORY;
        if (tmp) {
            fs.rmSync(tmp, { recursive: true, force: true });
        }
        if (Object.keys(timings).length > 0) {
            console.log(`    timings (ms): ${JSON.stringify(timings)}`);
        }
    });

    it("packs what the runtime reads and nothing built or installed", () => {
        for (const file of [
            "PulumiPolicy.yaml",
            "package.json",
            "tsconfig.json",
            "index.ts",
            "lib/evaluate.ts",
        ]) {
            assert.ok(packedFiles.includes(file), `${file} is not in the tarball: ${packedFiles.join(", ")}`);
        }
        assert.deepEqual(
            packedFiles.filter((f) => /^(bin|node_modules|out)\/|\.js$|package-lock\.json$/.test(f)),
            [],
        );
    });

    it("installs the declared typescript where run-policy-pack looks, so it does not fall back to TypeScript 3.8", () => {
        const tsPath = require.resolve("typescript", {
            paths: [path.join(installed, "node_modules", "@pulumi", "pulumi")],
        });
        assert.ok(tsPath.startsWith(path.join(installed, "node_modules", "typescript") + path.sep), tsPath);
        const ts = JSON.parse(
            fs.readFileSync(path.join(installed, "node_modules", "typescript", "package.json"), "utf8"),
        );
        const declared = JSON.parse(fs.readFileSync(path.join(PACK_SOURCE, "package.json"), "utf8"));
        assert.equal(ts.version, declared.dependencies.typescript);
    });

    it("answers GetPluginInfo / GetAnalyzerInfo with the pack's name, version and every policy", () => {
        assert.ok(session);
        assert.deepEqual([session.info.name, session.info.version], ["eks-identity", "0.1.0"]);
        // Every policy file made it into the tarball and loads there (policies.ts requires them by name).
        assert.deepEqual(
            session.info.policies.map((p) => [p.name, p.enforcementLevel]),
            policies.map((p) => [p.name, p.enforcementLevel]),
        );
        assert.deepEqual(
            session.info.policies.find((p) => p.name === "trust-no-wildcard-principal")?.enforcementLevel,
            "mandatory",
        );
    });

    it("reports a role that trusts every principal as trust-no-wildcard-principal, mandatory", async () => {
        assert.ok(session);
        const type = "aws:iam/role:Role";
        const violations: AnalyzerViolation[] = await session.analyze({
            urn: urn(type, "open-role"),
            type,
            name: "open-role",
            props: {
                name: "open-role",
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }],
                }),
            },
        });
        const wildcard = violations.filter((v) => v.policyName === "trust-no-wildcard-principal");
        assert.deepEqual(
            wildcard.map((v) => [
                v.policyName,
                v.enforcementLevel,
                v.policyPackName,
                v.policyPackVersion,
                v.urn,
            ]),
            [["trust-no-wildcard-principal", "mandatory", "eks-identity", "0.1.0", urn(type, "open-role")]],
        );
        assert.match(wildcard[0].message, /trusts every principal \("\*"\)/);
    });
});
