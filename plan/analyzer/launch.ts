// Starting a policy pack process the way the Pulumi CLI does (NewPolicyAnalyzer in
// sdk/go/common/resource/plugin/analyzer_plugin.go, plus the `pulumi-analyzer-policy` shim):
//
//   cwd  = the pack's directory (the one holding package.json)
//   argv = node <@pulumi/pulumi/cmd/run-policy-pack resolved from that directory> <engine-address> <program>
//   env  = the parent environment + PULUMI_{,NODEJS_}{ORGANIZATION,PROJECT,STACK,DRY_RUN}
//
// run-policy-pack drops <engine-address>, registers ts-node (only .ts files are compiled) and
// `require`s <program>; the pack's `new PolicyPack(...)` reads the pack version from
// `${cwd}/package.json`, binds 127.0.0.1:0 and prints the port as its first stdout line.
//
// One addition to the CLI's environment: PULUMI_NODEJS_ENGINE=<engine-address>, so the SDK's
// `pulumi.log.*` in the pack reaches our Engine service as `Log` calls instead of being printed.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { trackChild } from "../processes";
import { AnalyzerLog } from "./engine";

/** The pack could not be started: bad directory, crash while loading, no port in time. */
export class AnalyzerStartError extends Error {
    constructor(
        message: string,
        readonly packDir: string,
        readonly output: string,
        readonly exitCode?: number | null,
        /** The pack process, if one was spawned (it has been killed). */
        readonly pid?: number,
    ) {
        super(output ? `${message}\n--- policy pack output ---\n${output}` : message);
        this.name = "AnalyzerStartError";
    }
}

export interface ResolvedPack {
    /** Absolute directory of the pack's compiled module. */
    moduleDir: string;
    /** Working directory for the process: holds the package.json with the pack's version. */
    workDir: string;
    /** What run-policy-pack `require`s, relative to workDir when it is the module dir ("."). */
    program: string;
    version: string;
}

function readVersion(dir: string): string | undefined {
    const file = path.join(dir, "package.json");
    if (!fs.existsSync(file)) {
        return undefined;
    }
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { version?: unknown };
    return typeof pkg.version === "string" && pkg.version !== "" ? pkg.version : "";
}

/**
 * Finds how to run the pack in `packDir`:
 * 1. `packDir/package.json` exists: run there with program `.`, exactly as the CLI does.
 * 2. `packDir` is compiled output `<root>/bin/<rel>` (tsc with outDir `bin`, rootDir `.`) with no
 *    package.json: run in the source directory `<root>/<rel>`, whose package.json carries the
 *    version, with the compiled directory as the program. So `bin/policy-pack` runs with cwd
 *    `policy-pack/` and program `<abs>/bin/policy-pack` (its index.js). Nothing is written.
 */
export function resolvePack(packDir: string): ResolvedPack {
    const moduleDir = path.resolve(packDir);
    if (!fs.existsSync(moduleDir) || !fs.statSync(moduleDir).isDirectory()) {
        throw new AnalyzerStartError(`policy pack directory not found: ${moduleDir}`, moduleDir, "");
    }
    const looked = [path.join(moduleDir, "package.json")];
    let version = readVersion(moduleDir);
    if (version !== undefined) {
        if (version === "") {
            throw new AnalyzerStartError(`policy pack ${looked[0]} has no "version"`, moduleDir, "");
        }
        return { moduleDir, workDir: moduleDir, program: ".", version };
    }
    const marker = `${path.sep}bin${path.sep}`;
    const at = moduleDir.lastIndexOf(marker);
    if (at >= 0) {
        const sourceDir = path.join(moduleDir.slice(0, at), moduleDir.slice(at + marker.length));
        looked.push(path.join(sourceDir, "package.json"));
        version = readVersion(sourceDir);
        if (version) {
            return { moduleDir, workDir: sourceDir, program: moduleDir, version };
        }
    }
    throw new AnalyzerStartError(
        `no package.json with a "version" for policy pack ${moduleDir}: @pulumi/policy reads the pack ` +
            `version from package.json in the pack's working directory (looked at ${looked.join(", ")})`,
        moduleDir,
        "",
    );
}

export interface LaunchOptions {
    engineAddress: string;
    timeoutMs: number;
    stack: string;
    project: string;
    organization?: string;
    dryRun: boolean;
    logs: AnalyzerLog[];
}

export interface Launched {
    child: ChildProcess;
    port: number;
    /** Everything the process wrote to stderr so far (kept for error messages). */
    stderr: () => string;
    /** Resolves with the exit code once the process is gone. */
    exited: Promise<number | null>;
}

const ansi = new RegExp(String.raw`\u001b\[[0-9;]*m`, "g");

export function runPolicyPackPath(workDir: string): string {
    // The shim runs `require.resolve('@pulumi/pulumi/cmd/run-policy-pack')` from the pack's directory.
    try {
        return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [workDir] });
    } catch {
        return require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
    }
}

export function commandFor(
    pack: ResolvedPack,
    opts: LaunchOptions,
): { args: string[]; env: NodeJS.ProcessEnv } {
    const env: NodeJS.ProcessEnv = { ...process.env, PULUMI_NODEJS_ENGINE: opts.engineAddress };
    const set = (k: string, v: string | undefined) => {
        if (v) {
            env[k] = v;
        }
    };
    set("PULUMI_NODEJS_ORGANIZATION", opts.organization);
    set("PULUMI_NODEJS_PROJECT", opts.project);
    set("PULUMI_NODEJS_STACK", opts.stack);
    set("PULUMI_NODEJS_DRY_RUN", String(opts.dryRun));
    set("PULUMI_ORGANIZATION", opts.organization);
    set("PULUMI_PROJECT", opts.project);
    set("PULUMI_STACK", opts.stack);
    set("PULUMI_DRY_RUN", String(opts.dryRun));
    return { args: [runPolicyPackPath(pack.workDir), opts.engineAddress, pack.program], env };
}

/** Spawns the pack and waits for the port it prints as its first stdout line. */
export function launch(pack: ResolvedPack, opts: LaunchOptions): Promise<Launched> {
    const { args, env } = commandFor(pack, opts);
    const child = spawn(process.execPath, args, {
        cwd: pack.workDir,
        env,
        stdio: ["ignore", "pipe", "pipe"],
    });
    // Killing the plan (SIGINT, SIGTERM) stops the pack too, instead of leaving it serving.
    trackChild(child, { label: `the policy pack ${pack.moduleDir}` });
    let stderr = "";
    const exited = new Promise<number | null>((resolve) => {
        child.once("exit", (code, signal) => resolve(code ?? (signal ? null : 0)));
        child.once("error", () => resolve(null));
    });
    const lines = (source: "stdout" | "stderr", onLine: (line: string) => void) => {
        let buffer = "";
        child[source]!.setEncoding("utf8");
        child[source]!.on("data", (chunk: string) => {
            if (source === "stderr") {
                stderr += chunk;
            }
            buffer += chunk;
            let nl: number;
            while ((nl = buffer.indexOf("\n")) >= 0) {
                onLine(buffer.slice(0, nl).replace(ansi, ""));
                buffer = buffer.slice(nl + 1);
            }
        });
        child[source]!.on("end", () => {
            if (buffer) {
                onLine(buffer.replace(ansi, ""));
            }
        });
    };
    const output = () =>
        [
            stderr.replace(ansi, "").trimEnd(),
            ...opts.logs.filter((l) => l.source === "engine").map((l) => `${l.severity}: ${l.message}`),
        ]
            .filter(Boolean)
            .join("\n");

    return new Promise<Launched>((resolve, reject) => {
        let port: number | undefined;
        let settled = false;
        const fail = (message: string, code?: number | null) => {
            if (settled) {
                return;
            }
            settled = true;
            clearTimeout(timer);
            child.kill("SIGKILL");
            // Give stderr a moment to drain so the error carries the pack's own explanation.
            void Promise.race([exited, new Promise((r) => setTimeout(r, 200))]).then(() =>
                reject(new AnalyzerStartError(message, pack.moduleDir, output(), code, child.pid)),
            );
        };
        const timer = setTimeout(
            () => fail(`policy pack ${pack.moduleDir} printed no port within ${opts.timeoutMs} ms`),
            opts.timeoutMs,
        );
        lines("stdout", (line) => {
            if (port !== undefined || settled) {
                opts.logs.push({ severity: "stdout", message: line, source: "stdout" });
                return;
            }
            // Like the CLI, the first stdout line must be the port: a pack that prints anything
            // while loading would not start under `pulumi preview --policy-pack` either.
            const trimmed = line.trim();
            if (!/^\d+$/.test(trimmed)) {
                opts.logs.push({ severity: "stdout", message: line, source: "stdout" });
                fail(
                    `policy pack ${pack.moduleDir} printed ${JSON.stringify(line)} where the CLI expects its port`,
                );
                return;
            }
            port = Number(trimmed);
            settled = true;
            clearTimeout(timer);
            resolve({ child, port, stderr: () => stderr, exited });
        });
        lines("stderr", (line) => opts.logs.push({ severity: "stderr", message: line, source: "stderr" }));
        child.once("error", (err) => fail(`could not spawn the policy pack: ${err.message}`));
        void exited.then((code) => {
            if (!settled) {
                // Let stdout/stderr finish before reporting.
                setTimeout(
                    () =>
                        fail(
                            `policy pack ${pack.moduleDir} exited with code ${code} before printing its port`,
                            code,
                        ),
                    50,
                );
            }
        });
    });
}
