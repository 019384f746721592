// The Analyzer client against a real policy pack process: tests/plan/fixtures/pack, compiled to
// bin/tests/plan/fixtures/pack and served by @pulumi/pulumi's cmd/run-policy-pack. Process start
// is the slow part (~1 s), so each describe block shares one session.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    AnalyzerResource,
    AnalyzerRpcError,
    AnalyzerViolation,
    AnalyzerSession,
    AnalyzerStartError,
    PolicyConfigError,
    PolicyErrors,
    PolicyEvaluationError,
    secretSig,
    secretSigKey,
    StreamingAnalysis,
    unknownValue,
} from "../../../plan/analyzer/session";

const packDir = path.join(__dirname, "..", "fixtures", "pack");
const packName = "analyzer-fixture";
const packVersion = "1.2.3";
const roleType = "aws:iam/role:Role";
const attachmentType = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const noWildcard = "IAM role trust policies must not trust the '*' principal.";
const describeRoles = "IAM roles should carry a description of at least minLength characters.";
const attachmentDesc = "Role policy attachments must take their role from a Role in the same stack.";

const urn = (type: string, name: string) => `urn:pulumi:dev::eks-identity::${type}::${name}`;

function trust(principal: unknown): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRoleWithWebIdentity" }],
    });
}

function role(name: string, props: Record<string, unknown>): AnalyzerResource {
    return { urn: urn(roleType, name), type: roleType, name, props };
}

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (err) {
        return (err as NodeJS.ErrnoException).code === "EPERM";
    }
}

async function eventually(check: () => boolean, ms = 2000): Promise<void> {
    const until = Date.now() + ms;
    while (!check()) {
        if (Date.now() > until) {
            throw new Error("condition not met in time");
        }
        await new Promise((r) => setTimeout(r, 10));
    }
}

async function rejects<E extends Error>(p: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
    try {
        await p;
    } catch (err) {
        assert.ok(err instanceof type, `expected ${type.name}, got ${String(err)}`);
        return err;
    }
    assert.fail(`expected a ${type.name} rejection`);
}

describe("plan/analyzer: fixture pack served by run-policy-pack", () => {
    let session: AnalyzerSession;
    /** Whether onSpawned ran, and before start resolved. */
    let spawnedBeforeStart = false;

    before(async () => {
        let started = false;
        const start = AnalyzerSession.start({
            packDir,
            onSpawned: () => {
                spawnedBeforeStart = !started;
            },
        });
        session = await start;
        started = true;
    });

    it("onSpawned runs once the pack's process exists, before start resolves", () => {
        assert.equal(spawnedBeforeStart, true);
    });
    after(async () => {
        await session?.close();
    });

    it("reports the pack's info: names, display names, enforcement levels, config schema", () => {
        assert.equal(session.info.name, packName);
        assert.equal(session.info.version, packVersion);
        assert.equal(session.info.displayName, "Analyzer fixture pack");
        assert.deepEqual(
            session.info.policies.map((p) => [p.name, p.enforcementLevel]),
            [
                ["iam-role-no-wildcard-principal", "mandatory"],
                ["iam-role-description", "advisory"],
                ["explodes-on-boom", "advisory"],
                ["attachment-role-from-stack", "mandatory"],
            ],
        );
        assert.equal(session.info.policies[0].displayName, "No wildcard principal in role trust");
        assert.deepEqual(session.info.policies[1].configSchema, {
            properties: { minLength: { type: "integer", minimum: 1, default: 1 } },
        });
        // Configure got the reconciled config: every policy, schema defaults filled in.
        assert.deepEqual(session.policyConfig["iam-role-description"], {
            enforcementLevel: "advisory",
            properties: { minLength: 1 },
        });
    });

    it("flags a '*' principal with the exact violation, attributed to the resource", async () => {
        const r = role("wide-open", { assumeRolePolicy: trust({ AWS: "*" }), description: "a role" });
        assert.deepEqual(await session.analyze(r), [
            {
                policyName: "iam-role-no-wildcard-principal",
                policyPackName: packName,
                policyPackVersion: packVersion,
                enforcementLevel: "mandatory",
                message: `${noWildcard}\nRole 'wide-open' trusts principal '*' in statement 0.`,
                description: noWildcard,
                urn: r.urn,
            },
        ]);
    });

    it("passes a clean role and ignores other types", async () => {
        const clean = role("irsa", {
            assumeRolePolicy: trust({ Federated: "arn:aws:iam::123456789012:oidc-provider/oidc.eks" }),
            description: "workload role",
        });
        assert.deepEqual(await session.analyze(clean), []);
        assert.deepEqual(
            await session.analyze({
                urn: urn("aws:s3/bucket:Bucket", "b"),
                type: "aws:s3/bucket:Bucket",
                name: "b",
                props: {},
            }),
            [],
        );
    });

    it("reports the advisory policy with its default config (minLength 1)", async () => {
        const r = role("undescribed", { assumeRolePolicy: trust({ Service: "ec2.amazonaws.com" }) });
        assert.deepEqual(await session.analyze(r), [
            {
                policyName: "iam-role-description",
                policyPackName: packName,
                policyPackVersion: packVersion,
                enforcementLevel: "advisory",
                message: `${describeRoles}\nRole 'undescribed' description has 0 characters; minLength is 1.`,
                description: describeRoles,
                urn: r.urn,
            },
        ]);
    });

    it("sends unknowns as the engine does: the policy is undetermined, not crashed and not violated", async () => {
        const before = session.undetermined.length;
        const r = role("pending", {
            assumeRolePolicy: trust({ Service: "ec2.amazonaws.com" }),
            description: unknownValue,
        });
        assert.deepEqual(await session.analyze(r), []);
        assert.deepEqual(session.undetermined.slice(before), [
            {
                policyName: "iam-role-description",
                urn: r.urn,
                message:
                    `can't run policy 'iam-role-description' from policy pack '${packName}@v${packVersion}' during preview: ` +
                    "string value at .description can't be known during preview",
            },
        ]);
    });

    it("sends secrets as the engine does: the pack sees the plain value", async () => {
        const secret = (value: unknown) => ({ [secretSigKey]: secretSig, value });
        const r = role("secretive", {
            assumeRolePolicy: secret(trust("*")),
            description: secret("long enough"),
        });
        const violations = await session.analyze(r);
        assert.deepEqual(
            violations.map((v) => [v.policyName, v.message.split("\n")[1]]),
            [["iam-role-no-wildcard-principal", "Role 'secretive' trusts principal '*' in statement 0."]],
        );
    });

    it("surfaces a throwing policy as PolicyEvaluationError naming the policy; the session survives", async () => {
        const boom = role("boom", {
            assumeRolePolicy: trust({ Service: "ec2.amazonaws.com" }),
            description: "x",
        });
        const err = await rejects(session.analyze(boom), PolicyEvaluationError);
        assert.equal(err.policyName, "explodes-on-boom");
        assert.equal(err.policyPackName, packName);
        assert.equal(err.urn, boom.urn);
        assert.equal(
            err.message,
            `policy 'explodes-on-boom' of pack '${packName}' failed on ${boom.urn}: Error: deliberate failure for resource 'boom'`,
        );
        assert.match(err.detail, /at validateResource/);
        assert.deepEqual(await session.analyze(role("fine", { description: "ok" })), []);
    });

    it("runs the stack policy over property dependencies and receives its Engine Log call", async () => {
        const wired = role("wired", { description: "ok" });
        const attach = (name: string, deps: string[]): AnalyzerResource => ({
            urn: urn(attachmentType, name),
            type: attachmentType,
            name,
            props: { role: "wired", policyArn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy" },
            dependencies: deps,
            propertyDependencies: { role: deps, policyArn: [] },
            parent: urn("eks:index:Cluster", "c"),
        });
        const good = attach("good", [wired.urn]);
        const loose = attach("loose", []);
        assert.deepEqual(await session.analyzeStack([wired, good, loose]), [
            {
                policyName: "attachment-role-from-stack",
                policyPackName: packName,
                policyPackVersion: packVersion,
                enforcementLevel: "mandatory",
                message: `${attachmentDesc}\nAttachment 'loose' does not take its role from a Role.`,
                description: attachmentDesc,
                urn: loose.urn,
            },
        ]);
        await eventually(() => session.logs.some((l) => l.message === "checked 2 role policy attachment(s)"));
        assert.deepEqual(
            session.logs.find((l) => l.message.startsWith("checked ")),
            { severity: "info", message: "checked 2 role policy attachment(s)", source: "engine" },
        );
    });

    it("measures per-resource analyze time", async () => {
        const r = role("timed", {
            assumeRolePolicy: trust({ Service: "ec2.amazonaws.com" }),
            description: "timed role",
        });
        const n = 200;
        const t0 = process.hrtime.bigint();
        for (let i = 0; i < n; i++) {
            await session.analyze(r);
        }
        const perResource = Number(process.hrtime.bigint() - t0) / 1e6 / n;
        console.log(
            `      analyzer: startup ${session.startupMs} ms, analyze ${perResource.toFixed(2)} ms/resource (sequential, n=${n})`,
        );
    });

    it("close() stops the pack process and later calls fail clearly", async () => {
        assert.ok(alive(session.pid));
        await session.close();
        assert.equal(alive(session.pid), false);
        await session.close(); // idempotent
        const err = await rejects(session.analyze(role("late", {})), AnalyzerRpcError);
        assert.match(err.message, /session is closed/);
    });
});

describe("plan/analyzer: policy config", () => {
    let session: AnalyzerSession;

    before(async () => {
        session = await AnalyzerSession.start({
            packDir,
            policyConfig: {
                "iam-role-no-wildcard-principal": "advisory",
                "iam-role-description": { enforcementLevel: "mandatory", minLength: 20 },
            },
        });
    });
    after(async () => {
        await session?.close();
    });

    it("overrides enforcement levels and passes config properties to the policy", async () => {
        const r = role("configured", { assumeRolePolicy: trust("*"), description: "too short" });
        const violations = await session.analyze(r);
        assert.deepEqual(
            violations.map((v) => [v.policyName, v.enforcementLevel, v.message.split("\n")[1]]),
            [
                [
                    "iam-role-no-wildcard-principal",
                    "advisory",
                    "Role 'configured' trusts principal '*' in statement 0.",
                ],
                [
                    "iam-role-description",
                    "mandatory",
                    "Role 'configured' description has 9 characters; minLength is 20.",
                ],
            ],
        );
        // The pack's own metadata is unchanged; only the evaluation follows the config.
        assert.equal(session.info.policies[0].enforcementLevel, "mandatory");
    });
});

describe("plan/analyzer: failures", () => {
    const fixture = (name: string) => path.join(__dirname, "..", "fixtures", name);

    it("rejects a missing pack directory without spawning", async () => {
        const err = await rejects(AnalyzerSession.start({ packDir: fixture("nope") }), AnalyzerStartError);
        assert.equal(err.message, `policy pack directory not found: ${fixture("nope")}`);
    });

    it("rejects a directory with no package.json to take the version from", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "analyzer-"));
        try {
            fs.writeFileSync(path.join(dir, "index.js"), "");
            const err = await rejects(AnalyzerSession.start({ packDir: dir }), AnalyzerStartError);
            assert.match(err.message, /no package\.json with a "version" for policy pack/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("rejects a pack that crashes while loading, with its error output", async () => {
        const err = await rejects(AnalyzerSession.start({ packDir: fixture("crash") }), AnalyzerStartError);
        assert.match(err.message, /exited with code 32 before printing its port/);
        assert.match(err.message, /fixture pack failed to load on purpose/);
        assert.equal(alive(err.pid!), false);
    });

    it("rejects and kills a pack that prints no port in time", async () => {
        const err = await rejects(
            AnalyzerSession.start({ packDir: fixture("silent"), timeoutMs: 1500 }),
            AnalyzerStartError,
        );
        assert.match(err.message, /printed no port within 1500 ms/);
        assert.equal(alive(err.pid!), false);
    });

    it("rejects and kills a pack that prints its port but never answers the handshake, naming the call", async () => {
        // A TCP server that accepts and never speaks: the gRPC call waits for its deadline.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "analyzer-mute-"));
        try {
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ version: "0.0.1" }));
            fs.writeFileSync(
                path.join(dir, "index.js"),
                'const s = require("net").createServer(() => undefined);' +
                    's.listen(0, "127.0.0.1", () => console.log(s.address().port));',
            );
            const started = Date.now();
            const err = await rejects(
                AnalyzerSession.start({ packDir: dir, timeoutMs: 30_000, callTimeoutMs: 300 }),
                AnalyzerStartError,
            );
            assert.equal(
                err.message,
                `policy pack ${dir} did not answer Analyzer.Handshake within 300 ms; it was stopped`,
            );
            assert.equal(alive(err.pid!), false);
            assert.ok(Date.now() - started < 20_000);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("rejects a config file that does not match a policy's schema, after reading the pack's info", async () => {
        const err = await rejects(
            AnalyzerSession.start({ packDir, policyConfig: { "iam-role-description": { minLength: 0 } } }),
            PolicyConfigError,
        );
        assert.deepEqual(err.problems, ["iam-role-description: minLength: must be >= 1"]);
    });
});

describe("plan/analyzer: StreamingAnalysis, as the plan feeds the pack", () => {
    const resources: AnalyzerResource[] = [
        role("open", { assumeRolePolicy: trust("*"), description: "open role" }),
        role("closed", {
            assumeRolePolicy: trust({ Service: "eks.amazonaws.com" }),
            description: "closed role",
        }),
    ];

    /** What planProgram does: start the pack, add each resource as it comes, finish, close. */
    async function streamed(list: AnalyzerResource[]) {
        const start = AnalyzerSession.start({ packDir });
        const analysis = new StreamingAnalysis(start);
        for (const r of list) {
            analysis.add(r);
        }
        const session = await start;
        try {
            return { session, violations: await analysis.finish(list) };
        } finally {
            await session.close();
        }
    }

    it("returns info, violations in resource order, logs and timings", async () => {
        const { session, violations } = await streamed(resources);
        assert.equal(session.info.name, packName);
        assert.deepEqual(
            violations.map((v) => [v.policyName, v.urn]),
            [["iam-role-no-wildcard-principal", resources[0].urn]],
        );
        assert.ok(session.startupMs > 0);
    });

    it("rejects with PolicyErrors naming the throwing policy, after running everything else", async () => {
        const err = await rejects(streamed([...resources, role("boom", {})]), PolicyErrors);
        assert.deepEqual(
            err.errors.map((e) => [e.policyName, e.urn]),
            [["explodes-on-boom", urn(roleType, "boom")]],
        );
        assert.match(err.message, /policy 'explodes-on-boom' of pack 'analyzer-fixture' failed/);
        assert.deepEqual(
            err.violations.map((v) => v.policyName),
            ["iam-role-no-wildcard-principal"],
        );
    });
});

describe("plan/analyzer: StreamingAnalysis over a scripted session (no process)", () => {
    const violation = (policyName: string, at?: string): AnalyzerViolation => ({
        policyName,
        policyPackName: "scripted",
        policyPackVersion: "0.0.0",
        enforcementLevel: "advisory",
        message: policyName,
        description: policyName,
        ...(at ? { urn: at } : {}),
    });

    /** Answers each resource after `turns[name]` event-loop turns; counts the calls in flight. */
    function scripted(turns: Record<string, number>) {
        const calls = { inFlight: 0, max: 0, stack: [] as string[] };
        const session = {
            async analyze(r: AnalyzerResource): Promise<AnalyzerViolation[]> {
                calls.inFlight++;
                calls.max = Math.max(calls.max, calls.inFlight);
                for (let i = 0; i < (turns[r.name] ?? 1); i++) {
                    await new Promise((resolve) => setImmediate(resolve));
                }
                calls.inFlight--;
                return [violation("per-resource", r.urn)];
            },
            async analyzeStack(list: AnalyzerResource[]): Promise<AnalyzerViolation[]> {
                calls.stack = list.map((r) => r.name);
                return [violation("stack")];
            },
        };
        return { calls, session: Promise.resolve(session as unknown as AnalyzerSession) };
    }

    it("keeps at most maxInFlight calls in flight and the results in registration order", async () => {
        const names = ["a", "b", "c", "d", "e", "f"];
        // Later resources answer sooner: order must come from registration, not completion.
        const { calls, session } = scripted({ a: 6, b: 5, c: 4, d: 3, e: 2, f: 1 });
        const analysis = new StreamingAnalysis(session, 2);
        const list = names.map((n) => role(n, {}));
        list.forEach((r) => analysis.add(r));
        const violations = await analysis.finish(list);
        assert.equal(calls.max, 2);
        assert.deepEqual(calls.stack, names);
        assert.deepEqual(
            violations.map((v) => [v.policyName, v.urn]),
            [...list.map((r) => ["per-resource", r.urn]), ["stack", undefined]],
        );
        assert.deepEqual(analysis.errors, []);
    });

    it("a pack that failed to start rejects in finish, with its own error", async () => {
        const failure = new AnalyzerStartError("no pack", "/nowhere", "");
        const start = Promise.reject(failure);
        const analysis = new StreamingAnalysis(start);
        analysis.add(role("early", {}));
        await new Promise((resolve) => setImmediate(resolve));
        await assert.rejects(analysis.finish([]), (e) => e === failure);
    });
});
