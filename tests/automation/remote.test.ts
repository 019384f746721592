// Fleets in Pulumi Deployments through RemoteWorkspaceFactory and a fake of the Automation API's
// RemoteWorkspace (fake.ts): the exact arguments each remote stack receives, the local pre-flight
// before any deployment, fail-fast and continue, setup problems all at once, secrets kept out of
// every message; the CLI's --remote. Last, the integration test against real Pulumi Cloud, which
// runs only where a token, the CLI and a repository to deploy from are given.
import * as assert from "node:assert/strict";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import {
    AutomationDeps,
    BackendConfigError,
    cliMain,
    findOnPath,
    fleetExitCode,
    formatFleetTable,
    redact,
    remoteSetupProblems,
    RemoteWorkspaceFactory,
    RemoteWorkspaceFactoryOptions,
    runFleet,
    StackMissingError,
} from "../../automation";
import { repoRoot } from "../../stacks/config";
import {
    commandFailed,
    fakeClock,
    fakePreflight,
    FakeRemoteApi,
    fakeSleep,
    mandatoryViolation,
    ok,
    writeFakePulumi,
} from "./fake";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "automation-remote-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
writeFakePulumi(tmp);

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const env = {
    PATH: tmp,
    PULUMI_ACCESS_TOKEN: "pul-0123456789abcdef",
    AWS_REGION: "us-west-2",
    AWS_SECRET_ACCESS_KEY: SECRET,
};

function remoteFleet(
    options: Partial<RemoteWorkspaceFactoryOptions> = {},
    violations: Record<string, (typeof mandatoryViolation)[]> = {},
) {
    const log: string[] = [];
    const api = new FakeRemoteApi(log);
    const workspaces = new RemoteWorkspaceFactory({
        organization: "acme",
        source: { url: "https://github.com/acme/platform.git", branch: "main" },
        env,
        envVars: ["AWS_REGION"],
        secretEnvVars: ["AWS_SECRET_ACCESS_KEY"],
        api,
        ...options,
    });
    const checked = fakePreflight(violations);
    const deps: AutomationDeps = {
        workspaces,
        preflight: async (request) => {
            log.push(`pre-flight ${request.stack}`);
            return checked(request);
        },
        sleep: fakeSleep(),
        now: fakeClock(),
    };
    return { api, log, workspaces, deps, preflights: checked.requests };
}

describe("automation/remote", () => {
    it("up: every stack pre-flighted here first, then one deployment each with its exact arguments", async () => {
        const { api, log, deps, preflights } = remoteFleet();
        api.on("up", "dev", ok({ create: 43 })).on("up", "staging", ok({ same: 46 }));
        const result = await runFleet(
            { operation: "up", stacks: ["dev", "staging"], concurrency: 2, mode: "continue" },
            deps,
        );
        assert.equal(result.ok, true);
        assert.deepEqual(log.slice(0, 2), ["pre-flight dev", "pre-flight staging"]);
        assert.deepEqual(log.slice(2).sort(), [
            "createOrSelectStack acme/platform/dev",
            "createOrSelectStack acme/platform/staging",
            "up dev onEvent",
            "up staging onEvent",
        ]);
        assert.equal(api.maxInFlight, 2);
        assert.deepEqual(
            preflights.map((p) => [p.stack, path.basename(p.policyConfigFile)]),
            [
                ["dev", "lenient.json"],
                ["staging", "lenient.json"],
            ],
        );
        const dev = api.calls.find((c) => c.args.stackName === "acme/platform/dev");
        assert.deepEqual(dev, {
            method: "createOrSelectStack",
            args: {
                stackName: "acme/platform/dev",
                url: "https://github.com/acme/platform.git",
                branch: "main",
            },
            opts: {
                envVars: { AWS_REGION: "us-west-2", AWS_SECRET_ACCESS_KEY: { secret: SECRET } },
                preRunCommands: ["npm ci"],
                skipInstallDependencies: true,
            },
        });
        assert.deepEqual(
            result.results.map((r) => [r.stack, r.status, r.changes, r.preflight?.summary.resources]),
            [
                ["dev", "succeeded", { create: 43 }, 43],
                ["staging", "succeeded", { same: 46 }, 43],
            ],
        );
        // The same table as a local fleet's.
        assert.deepEqual(formatFleetTable(result).split("\n").slice(0, 3), [
            "ENV      OPERATION  STATUS     DURATION  CHANGES    ERROR",
            "dev      up         succeeded  200ms     43 create",
            "staging  up         succeeded  200ms     46 same",
        ]);
    });

    it("a commit, a project path, a Git token and inherited settings reach RemoteWorkspace as given", async () => {
        const { api, deps } = remoteFleet({
            source: { url: "git@github.com:acme/platform.git", commit: "0a1b2c3d", projectPath: "infra" },
            envVars: [],
            secretEnvVars: [],
            gitTokenEnv: "GIT_TOKEN",
            inheritSettings: true,
            env: { ...env, GIT_TOKEN: "ghp_tokenvalue" },
        });
        api.on("refresh", "prod", ok({ same: 50 }));
        await runFleet({ operation: "refresh", stacks: ["prod"] }, deps);
        assert.deepEqual(api.calls, [
            {
                method: "selectStack",
                args: {
                    stackName: "acme/platform/prod",
                    url: "git@github.com:acme/platform.git",
                    commitHash: "0a1b2c3d",
                    projectPath: "infra",
                    auth: { personalAccessToken: "ghp_tokenvalue" },
                },
                opts: {
                    envVars: {},
                    preRunCommands: ["npm ci"],
                    skipInstallDependencies: true,
                    inheritSettings: true,
                },
            },
        ]);
    });

    it("fail-fast: a stack with mandatory violations means no deployment starts at all", async () => {
        const { api, log, deps } = remoteFleet({}, { staging: [mandatoryViolation] });
        const result = await runFleet(
            { operation: "up", stacks: ["dev", "staging", "prod"], concurrency: 3 },
            deps,
        );
        assert.deepEqual(log, ["pre-flight dev", "pre-flight staging"]);
        assert.deepEqual(api.calls, []);
        assert.deepEqual(
            result.results.map((r) => [r.stack, r.status, r.error?.message.split("\n")[0]]),
            [
                [
                    "dev",
                    "skipped",
                    "not started: the pre-flight of staging did not pass (fail-fast: no deployment starts)",
                ],
                [
                    "staging",
                    "refused",
                    'pre-flight refused "up" of staging: 1 mandatory policy violation(s):',
                ],
                [
                    "prod",
                    "skipped",
                    "not started: the pre-flight of staging did not pass (fail-fast: no deployment starts)",
                ],
            ],
        );
        assert.equal(fleetExitCode(result), 1);
    });

    it("continue: the refused stack is not deployed, the others are; a remote preview is pre-flighted too", async () => {
        const { api, log, deps } = remoteFleet({}, { staging: [mandatoryViolation] });
        api.on("preview", "dev", ok({ create: 43 })).on("preview", "prod", ok({ create: 50 }));
        const result = await runFleet(
            { operation: "preview", stacks: ["dev", "staging", "prod"], mode: "continue" },
            deps,
        );
        assert.deepEqual(log, [
            "pre-flight dev",
            "pre-flight staging",
            "pre-flight prod",
            "createOrSelectStack acme/platform/dev",
            "preview dev onEvent",
            "createOrSelectStack acme/platform/prod",
            "preview prod onEvent",
        ]);
        assert.deepEqual(result.counts, { succeeded: 2, failed: 0, refused: 1, skipped: 0 });
        assert.match(result.results[1].error?.message ?? "", /^pre-flight refused "preview" of staging/);
    });

    it("refresh and destroy are not pre-flighted; a missing stack names the organisation and source", async () => {
        const { api, log, deps } = remoteFleet();
        api.missing.add("dev");
        api.on("destroy", "staging", ok({ delete: 46 }));
        const result = await runFleet(
            { operation: "destroy", stacks: ["dev", "staging"], mode: "continue" },
            deps,
        );
        assert.deepEqual(log, [
            "selectStack acme/platform/dev",
            "selectStack acme/platform/staging",
            "destroy staging onEvent",
        ]);
        assert.ok(result.results[0].error?.kind === "stack-missing");
        assert.equal(
            result.results[0].error?.message,
            new StackMissingError(
                "dev",
                "Pulumi Deployments (acme/platform, https://github.com/acme/platform.git branch main)",
            ).message,
        );
        assert.equal(fleetExitCode(result), 2);
    });

    it("a secret's value never reaches a message, the JSON result or a progress line", async () => {
        const { api, deps } = remoteFleet();
        api.events.set("dev", [
            {
                sequence: 1,
                timestamp: 1,
                diagnosticEvent: { severity: "error", message: `bad key ${SECRET}\n`, color: "never" },
            },
        ] as unknown as EngineEvent[]);
        api.on("up", "dev", commandFailed(`error: InvalidClientTokenId for ${SECRET}`));
        const lines: string[] = [];
        const result = await runFleet(
            { operation: "up", stacks: ["dev"] },
            { ...deps, onProgress: (l) => lines.push(l.message) },
        );
        assert.equal(result.results[0].error?.message, "error: InvalidClientTokenId for [secret]");
        assert.ok(lines.includes("error: bad key [secret]"), lines.join("\n"));
        assert.equal(JSON.stringify(result).includes(SECRET), false);
        assert.equal(lines.join("\n").includes(SECRET), false);
        assert.equal(redact("a-x-a", ["a"]), "[secret]-x-[secret]");
    });

    it("credentials written into the repository URL stay out of messages; the Pulumi token too", async () => {
        const url = "https://deploy-bot:ghp_urltoken123@github.com/acme/platform.git";
        const { api, workspaces, deps } = remoteFleet({ source: { url, branch: "main" } });
        assert.equal(
            workspaces.backendUrl,
            "Pulumi Deployments (acme/platform, https://github.com/acme/platform.git branch main)",
        );
        api.on("up", "dev", commandFailed(`error: clone ${url} with ${env.PULUMI_ACCESS_TOKEN} failed`));
        const result = await runFleet({ operation: "up", stacks: ["dev"] }, deps);
        assert.equal(
            result.results[0].error?.message,
            "error: clone https://[secret]:[secret]@github.com/acme/platform.git with [secret] failed",
        );
        assert.equal(api.calls[0].args.url, url, "the SDK still gets the URL as given");
    });

    it("a typed config cannot be set on a remote stack: that stack fails as usage, nothing deployed", async () => {
        const { api, deps } = remoteFleet();
        api.on("preview", "dev", ok());
        const result = await runFleet(
            {
                operation: "preview",
                stacks: ["dev", "staging"],
                mode: "continue",
                configs: { staging: { region: "us-west-2", platform: {} as never } },
            },
            deps,
        );
        assert.equal(result.results[1].error?.kind, "usage");
        assert.match(
            result.results[1].error?.message ?? "",
            /reads stacks\/Pulumi\.staging\.yaml from the repository/,
        );
        assert.deepEqual(
            api.calls.map((c) => c.args.stackName),
            ["acme/platform/dev"],
        );
    });

    it("setup problems are reported all at once, before any pre-flight or deployment", async () => {
        const options: RemoteWorkspaceFactoryOptions = {
            organization: "",
            source: { url: "", branch: "main", commit: "abc" },
            envVars: ["AWS_REGION", "bad-name", "AWS_SECRET_ACCESS_KEY"],
            secretEnvVars: ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"],
            gitTokenEnv: "GIT_TOKEN",
        };
        assert.deepEqual(
            remoteSetupProblems(options, {
                PULUMI_BACKEND_URL: "file:///tmp/state",
                AWS_REGION: "us-west-2",
                AWS_SECRET_ACCESS_KEY: SECRET,
            }),
            [
                'organization (--org) "" is not an organisation name: give the Pulumi Cloud organisation the stacks belong to',
                "source.url (--repo) is empty: give the Git URL Deployments clones, e.g. https://github.com/acme/platform.git",
                "source.branch (--branch) and source.commit (--commit) exclude each other: give one",
                "PULUMI_ACCESS_TOKEN is not set: Pulumi Deployments runs in Pulumi Cloud; create a token for the organisation and export it",
                "PULUMI_BACKEND_URL is file:///tmp/state: Deployments needs the stacks in Pulumi Cloud; unset it or set https://api.pulumi.com",
                "--remote-env bad-name: not an environment variable name (letters, digits, _)",
                "--remote-secret-env AWS_SESSION_TOKEN: AWS_SESSION_TOKEN is not set in this environment; export it or drop the flag",
                "AWS_SECRET_ACCESS_KEY is given as --remote-env and --remote-secret-env: pass it once, as a secret",
                "--git-token-env GIT_TOKEN: GIT_TOKEN is not set in this environment; export the token or drop the flag",
            ],
        );
        assert.deepEqual(remoteSetupProblems({ organization: "acme", source: { url: "u" } }, env), [
            "neither source.branch (--branch) nor source.commit (--commit) is given: name what Deployments checks out",
        ]);
        const { api, log, deps } = remoteFleet({ env: { PATH: tmp } });
        await assert.rejects(
            runFleet({ operation: "up", stacks: ["dev"] }, deps),
            (e: unknown) =>
                e instanceof BackendConfigError &&
                e.message ===
                    "remote run not possible:\n" +
                        "  - PULUMI_ACCESS_TOKEN is not set: Pulumi Deployments runs in Pulumi Cloud; create a token for the organisation and export it\n" +
                        "  - --remote-env AWS_REGION: AWS_REGION is not set in this environment; export it or drop the flag\n" +
                        "  - --remote-secret-env AWS_SECRET_ACCESS_KEY: AWS_SECRET_ACCESS_KEY is not set in this environment; export it or drop the flag",
        );
        assert.deepEqual([log, api.calls], [[], []]);
    });

    describe("CLI --remote", () => {
        const run = async (argv: string[], api = new FakeRemoteApi(), runEnv: NodeJS.ProcessEnv = env) => {
            const out: string[] = [];
            const err: string[] = [];
            const code = await cliMain(
                argv,
                { out: (t) => out.push(t), err: (t) => err.push(t) },
                {
                    env: runEnv,
                    remoteApi: api,
                    preflight: fakePreflight(),
                    sleep: fakeSleep(),
                    now: fakeClock(),
                },
            );
            return { code, out: out.join("\n"), err: err.join("\n"), api };
        };
        const remote = [
            "--remote",
            "--org",
            "acme",
            "--repo",
            "https://github.com/acme/platform.git",
            "--branch",
            "main",
        ];

        it("fleet up --remote: exit 0, the fleet table, the variables named by the flags", async () => {
            const api = new FakeRemoteApi().on("up", "dev", ok({ create: 43 })).on("up", "staging", ok());
            const r = await run(
                [
                    "fleet",
                    "up",
                    "--stacks",
                    "dev,staging",
                    "--concurrency",
                    "2",
                    ...remote,
                    "--remote-env",
                    "AWS_REGION",
                    "--remote-secret-env",
                    "AWS_SECRET_ACCESS_KEY",
                ],
                api,
            );
            assert.equal(r.code, 0, r.err);
            assert.match(r.out, /^dev +up +succeeded +200ms +43 create$/m);
            assert.match(
                r.err,
                /^• backend Pulumi Deployments \(acme\/platform, https:\/\/github\.com\/acme\/platform\.git branch main\)$/m,
            );
            assert.deepEqual(
                api.calls.map((c) => [c.args.stackName, c.opts.envVars]),
                [
                    [
                        "acme/platform/dev",
                        { AWS_REGION: "us-west-2", AWS_SECRET_ACCESS_KEY: { secret: SECRET } },
                    ],
                    [
                        "acme/platform/staging",
                        { AWS_REGION: "us-west-2", AWS_SECRET_ACCESS_KEY: { secret: SECRET } },
                    ],
                ],
            );
            assert.equal(`${r.out}\n${r.err}`.includes(SECRET), false);
        });

        it("env preview --remote: pre-flighted here, then one deployment; the result as for a local stack", async () => {
            const api = new FakeRemoteApi().on("preview", "staging", ok({ create: 46 }));
            const r = await run(["env", "preview", "--stack", "staging", ...remote], api);
            assert.equal(r.code, 0, r.err);
            assert.deepEqual(r.out.split("\n").slice(0, 3), [
                "preview staging: succeeded in 0.1s",
                `  policy config: ${path.join(repoRoot(), "policy-pack", "config", "lenient.json")}`,
                "  pre-flight: 43 resources, 0 mandatory, 0 advisory, 0 undetermined",
            ]);
            assert.deepEqual(api.log, [
                "createOrSelectStack acme/platform/staging",
                "preview staging onEvent",
            ]);
        });

        it("exit 2: remote flags without --remote, --timeout with it, a missing token", async () => {
            const without = await run([
                "fleet",
                "up",
                "--stacks",
                "dev",
                "--org",
                "acme",
                "--remote-env",
                "X",
            ]);
            assert.equal(without.code, 2);
            assert.equal(
                without.err,
                "error: --org, --remote-env only apply with --remote: add --remote or drop them",
            );
            const timeout = await run(["fleet", "up", "--stacks", "dev", ...remote, "--timeout", "5"]);
            assert.equal(timeout.code, 2);
            assert.match(timeout.err, /^error: --timeout does not apply to --remote/);
            const noToken = await run(["fleet", "preview", "--stacks", "dev", ...remote], undefined, {
                PATH: tmp,
            });
            assert.equal(noToken.code, 2);
            assert.match(noToken.err, /^ {2}- PULUMI_ACCESS_TOKEN is not set/m);
            assert.deepEqual([without.api.calls, timeout.api.calls, noToken.api.calls], [[], [], []]);
        });
    });

    it("integration: a remote preview of dev in Pulumi Deployments", async function () {
        // Runs where Pulumi Cloud can be reached: a token and the CLI. The organisation is
        // PLATFORM_REMOTE_ORG or the CLI's default one; the source PLATFORM_REMOTE_REPO and
        // PLATFORM_REMOTE_BRANCH or this checkout's `origin` and branch (pushed, so Deployments can
        // clone it); the stack's AWS credentials come from its deployment settings (OIDC), inherited.
        const missing: string[] = [];
        if (!process.env.PULUMI_ACCESS_TOKEN) {
            missing.push("PULUMI_ACCESS_TOKEN");
        }
        const cli = findOnPath("pulumi");
        if (!cli) {
            missing.push("the `pulumi` CLI on PATH");
        }
        const run = (file: string, args: string[]): string | undefined => {
            try {
                return (
                    execFileSync(file, args, {
                        encoding: "utf8",
                        stdio: ["ignore", "pipe", "ignore"],
                    }).trim() || undefined
                );
            } catch {
                return undefined;
            }
        };
        const org =
            process.env.PLATFORM_REMOTE_ORG ??
            (cli && missing.length === 0 ? run(cli, ["org", "get-default"]) : undefined);
        const repo = process.env.PLATFORM_REMOTE_REPO ?? run("git", ["remote", "get-url", "origin"]);
        const branch =
            process.env.PLATFORM_REMOTE_BRANCH ?? run("git", ["rev-parse", "--abbrev-ref", "HEAD"]);
        if (missing.length === 0 && !org) {
            missing.push("an organisation (PLATFORM_REMOTE_ORG or `pulumi org set-default`)");
        }
        if (!repo || !branch) {
            missing.push(
                "a repository (PLATFORM_REMOTE_REPO and PLATFORM_REMOTE_BRANCH, or a git `origin` and branch)",
            );
        }
        if (missing.length > 0) {
            console.log(
                `    (skipped: needs ${missing.join(", ")}; Pulumi Deployments runs in Pulumi Cloud)`,
            );
            this.skip();
        }
        this.timeout(30 * 60 * 1000);
        const workspaces = new RemoteWorkspaceFactory({
            organization: org as string,
            source: { url: repo as string, branch },
            inheritSettings: true,
        });
        const result = await runFleet({ operation: "preview", stacks: ["dev"] }, { workspaces });
        const dev = result.results[0];
        assert.equal(dev.status, "succeeded", dev.error?.message);
        assert.equal(dev.preflight?.summary.mandatory, 0);
        const total = Object.values(dev.changes).reduce((a, n) => a + (n ?? 0), 0);
        assert.ok(total >= 43, `changes: ${JSON.stringify(dev.changes)}`);
    });
});
