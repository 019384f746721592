// The offline plan's own pieces: the cloud of a config, the resource shapes, the policy config
// file, and planProgram end to end on a small program with the analyzer's fixture pack.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PolicyErrors } from "../../plan/analyzer/session";
import { FargateProfile } from "../../components/fargate/fargateProfile";
import { defaultCloud, NameRuleError } from "../../plan/cloud";
import {
    cloudOf,
    configPathOfLogicalName,
    configPathOfName,
    planProgram,
    readPolicyConfig,
    reportAnalysis,
    toAnalyzerResource,
    toPlanResource,
} from "../../plan/plan";
import { Registration, runProgram, StallError } from "../../plan/recorder";
import { evaluate } from "../../policy-pack/lib/evaluate";
import { loadStackConfigFile, repoRoot, StackConfig, stackConfigPath } from "../../stacks/config";
import { buildPlatform } from "../../stacks/program";

const fixturePack = path.join(repoRoot(), "bin", "tests", "plan", "fixtures", "pack");
const meta = { stack: "small", configFile: "(small program)", cloud: defaultCloud };

function trust(principal: unknown): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }],
    });
}

describe("plan/plan", function () {
    this.timeout(60_000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("while the pack finishes a large plan: a line per quarter not yet passed; none for a small one", () => {
        const lines: string[] = [];
        const analysis = {
            added: 400,
            analysed: 150,
            onAnalysed: undefined as ((n: number) => void) | undefined,
        };
        reportAnalysis(analysis as never, (m) => lines.push(m));
        for (let n = 151; n <= 400; n++) {
            analysis.onAnalysed?.(n);
        }
        assert.deepStrictEqual(lines, [
            "policy pack: 200 of 400 resources analysed",
            "policy pack: 300 of 400 resources analysed",
        ]);
        const small = { added: 199, analysed: 0, onAnalysed: undefined as ((n: number) => void) | undefined };
        reportAnalysis(small as never, (m) => lines.push(m));
        assert.strictEqual(small.onAnalysed, undefined);
    });

    it("cloudOf: the partition from the region, the account from the config", () => {
        const config = (region: string) =>
            ({ region, platform: { accountId: "444455556666", cluster: {} } }) as unknown as StackConfig;
        assert.deepStrictEqual(
            ["us-west-2", "cn-north-1", "us-gov-west-1"].map((r) => cloudOf(config(r))),
            [
                { partition: "aws", region: "us-west-2", accountId: "444455556666" },
                { partition: "aws-cn", region: "cn-north-1", accountId: "444455556666" },
                { partition: "aws-us-gov", region: "us-gov-west-1", accountId: "444455556666" },
            ],
        );
    });

    it("cloudOf: a stack on an existing cluster gets the described clusters of the fixture file", () => {
        const config = {
            region: "us-west-2",
            platform: { accountId: "111122223333", cluster: { existing: { name: "legacy" } } },
        } as unknown as StackConfig;
        assert.deepStrictEqual(
            cloudOf(config).existingClusters?.map((c) => c.arn),
            ["arn:aws:eks:us-west-2:111122223333:cluster/legacy"],
        );
        const file = path.join(tmp, "clusters.json");
        fs.writeFileSync(file, JSON.stringify([{ cluster: { name: "x" } }]));
        assert.throws(
            () => cloudOf(config, file),
            (e: Error) =>
                e.message ===
                `${file}[0]: cluster.arn, cluster.version, cluster.endpoint, cluster.certificateAuthority, cluster.resourcesVpcConfig missing: each entry is one aws eks describe-cluster output, {"cluster": {...}}`,
        );
        fs.writeFileSync(file, JSON.stringify({ cluster: {} }));
        assert.throws(
            () => cloudOf(config, file),
            (e: Error) =>
                e.message ===
                `${file}: must be a JSON list of aws eks describe-cluster outputs ([{"cluster": {...}}])`,
        );
    });

    it("a registration becomes a plan resource (inputs as props), and that an analyzer resource", () => {
        const registration: Registration = {
            urn: "urn:pulumi:dev::platform::aws:iam/role:Role::r",
            type: "aws:iam/role:Role",
            name: "r",
            custom: true,
            id: "r-454349e",
            parent: "urn:pulumi:dev::platform::eks-identity:index:EksCluster::c",
            provider: "urn:pulumi:dev::platform::pulumi:providers:aws::p::id",
            protect: true,
            dependencies: ["urn:a"],
            propertyDependencies: { name: ["urn:a"] },
            aliases: [{ name: "old" }],
            inputs: { assumeRolePolicy: "{}" },
            outputs: { arn: "arn:aws:iam::111122223333:role/r-454349e" },
        };
        const planned = toPlanResource(registration);
        assert.deepStrictEqual(planned, {
            urn: registration.urn,
            type: "aws:iam/role:Role",
            name: "r",
            custom: true,
            parent: registration.parent,
            dependencies: ["urn:a"],
            propertyDependencies: { name: ["urn:a"] },
            provider: registration.provider,
            protect: true,
            props: { assumeRolePolicy: "{}" },
            outputs: { arn: "arn:aws:iam::111122223333:role/r-454349e" },
        });
        assert.deepStrictEqual(toAnalyzerResource(planned), {
            urn: registration.urn,
            type: "aws:iam/role:Role",
            name: "r",
            props: { assumeRolePolicy: "{}" },
            parent: registration.parent,
            dependencies: ["urn:a"],
            propertyDependencies: { name: ["urn:a"] },
            provider: registration.provider,
            protect: true,
        });
    });

    it("readPolicyConfig: none, a JSON file, or an error naming the file", () => {
        assert.strictEqual(readPolicyConfig(undefined), undefined);
        const good = path.join(tmp, "good.json");
        fs.writeFileSync(good, '{"all": "advisory"}');
        assert.deepStrictEqual(readPolicyConfig(good), { all: "advisory" });
        const bad = path.join(tmp, "bad.json");
        fs.writeFileSync(bad, "{all: advisory}");
        assert.throws(() => readPolicyConfig(bad), new RegExp(`^Error: policy config ${bad}: .*JSON`));
        const missing = path.join(tmp, "missing.json");
        assert.throws(
            () => readPolicyConfig(missing),
            new RegExp(`^Error: policy config ${missing}: ENOENT: no such file or directory`),
        );
    });

    it("planProgram: the program's resources, the pack's violations and summary, progress lines", async () => {
        const progress: string[] = [];
        const plan = await planProgram(
            () => {
                new aws.iam.Role("open", { assumeRolePolicy: trust("*"), description: "a role" });
                new aws.iam.Role("closed", { assumeRolePolicy: trust({ Service: "ec2.amazonaws.com" }) });
            },
            meta,
            { packDir: fixturePack, onProgress: (m) => progress.push(m) },
        );
        const { timings, resources, violations, access, ...rest } = plan;
        // No workload or platform role: the access section holds the two findings as "other".
        assert.deepStrictEqual(access?.clusters, []);
        assert.deepStrictEqual(access?.otherFindings.map((f) => f.policyName).sort(), [
            "iam-role-description",
            "iam-role-no-wildcard-principal",
        ]);
        assert.deepStrictEqual(rest, {
            version: 1,
            stack: "small",
            configFile: "(small program)",
            cloud: defaultCloud,
            policyPack: { name: "analyzer-fixture", version: "1.2.3", policies: 4 },
            undetermined: [],
            warnings: [],
            summary: { resources: 2, mandatory: 1, advisory: 1, undetermined: 0 },
        });
        assert.deepStrictEqual(
            [...violations].sort((x, y) => x.policyName.localeCompare(y.policyName)),
            [
                {
                    policyName: "iam-role-description",
                    policyPackName: "analyzer-fixture",
                    enforcementLevel: "advisory",
                    message:
                        "IAM roles should carry a description of at least minLength characters.\nRole 'closed' description has 0 characters; minLength is 1.",
                    urn: "urn:pulumi:small::platform::aws:iam/role:Role::closed",
                },
                {
                    policyName: "iam-role-no-wildcard-principal",
                    policyPackName: "analyzer-fixture",
                    enforcementLevel: "mandatory",
                    message:
                        "IAM role trust policies must not trust the '*' principal.\nRole 'open' trusts principal '*' in statement 0.",
                    urn: "urn:pulumi:small::platform::aws:iam/role:Role::open",
                },
            ],
        );
        // Registrations (and so violations) come in the order their RPCs complete: compared sorted.
        assert.deepStrictEqual(resources.map((r) => [r.urn, r.custom, r.props.description]).sort(), [
            ["urn:pulumi:small::platform::aws:iam/role:Role::closed", true, undefined],
            ["urn:pulumi:small::platform::aws:iam/role:Role::open", true, "a role"],
        ]);
        assert.strictEqual(timings.totalMs, timings.programMs + timings.policyMs);
        assert.deepStrictEqual(
            progress.map((m) => m.replace(/\d+ ms/g, "N ms")),
            [
                "running the small program against the offline cloud (aws, us-west-2, 111122223333)",
                "2 resources planned in N ms; finishing the policy pack's analysis",
                "4 policies evaluated; N ms after the program finished (pack start N ms, beside the program)",
            ],
        );
    });

    // The acceptance figures of a stack's first `pulumi preview`: the program as planStack runs it
    // with preview, the pack in-process (evaluate(), the runtime's rules; tests/plan/cli.test.ts
    // runs one stack through the pack's process).
    it("preview: the shipped stacks pass; only IRSA trusts are undetermined, each by every trust check", async () => {
        const figures: Record<string, unknown> = {};
        for (const stack of ["dev", "staging", "prod"]) {
            const config = loadStackConfigFile(stackConfigPath(stack));
            const run = await runProgram(() => buildPlatform(config), {
                cloud: cloudOf(config),
                preview: true,
                firstPreview: true,
                project: "platform",
                stack,
            });
            const found = await evaluate(
                run.registrations
                    .filter((r) => !r.type.startsWith("pulumi:providers:"))
                    .map((r) => toAnalyzerResource(toPlanResource(r))),
            );
            const undetermined = found.filter((v) => / during preview: undetermined: /.test(v.message));
            figures[stack] = {
                mandatory: found.filter((v) => v.enforcementLevel === "mandatory").length,
                advisory: found.length - undetermined.length,
                undetermined: undetermined.length,
                trustChecks: undetermined.filter((v) => v.policyName.startsWith("trust-")).length,
                roles: [...new Set(undetermined.map((v) => v.urn!.split("::").pop()))].sort(),
            };
        }
        assert.deepStrictEqual(figures, {
            dev: { mandatory: 0, advisory: 8, undetermined: 0, trustChecks: 0, roles: [] },
            staging: {
                mandatory: 0,
                advisory: 8,
                undetermined: 45,
                trustChecks: 45,
                roles: ["aws-load-balancer-controller-role", "external-dns-role", "payments-api-role"],
            },
            prod: {
                mandatory: 0,
                advisory: 8,
                undetermined: 15,
                trustChecks: 15,
                roles: ["invoice-batch-role"],
            },
        });
    });

    it("planProgram: a policy that throws fails the plan with PolicyErrors; a program error is rethrown", async () => {
        await assert.rejects(
            planProgram(() => new aws.iam.Role("boom", { assumeRolePolicy: trust("*") }), meta, {
                packDir: fixturePack,
            }),
            (e: unknown) => {
                assert.ok(e instanceof PolicyErrors);
                assert.deepStrictEqual(
                    e.errors.map((x) => [x.policyName, x.urn]),
                    [["explodes-on-boom", "urn:pulumi:small::platform::aws:iam/role:Role::boom"]],
                );
                // The pack fails the whole Analyze call, so that resource reports nothing else.
                assert.deepStrictEqual(e.violations, []);
                return true;
            },
        );
        await assert.rejects(
            planProgram(
                () => {
                    throw new Error("program bug");
                },
                meta,
                { packDir: fixturePack },
            ),
            /^Error: program bug$/,
        );
    });

    it("planProgram: a stalled program ends the plan after stallTimeoutMs with what it waits for", async () => {
        const never = new Promise<string>(() => undefined);
        await assert.rejects(
            planProgram(() => new aws.iam.Role("r", { assumeRolePolicy: pulumi.output(never) }), meta, {
                // No pack process: the stall is the program's, and comes first.
                packDir: path.join(tmp, "no-pack"),
                stallTimeoutMs: 50,
            }),
            (e: unknown) => {
                assert.ok(e instanceof StallError, String(e));
                assert.deepStrictEqual(e.waitingFor, [
                    "urn:pulumi:small::platform::aws:iam/role:Role::r: its inputs assumeRolePolicy never resolved",
                ]);
                return true;
            },
        );
    });

    it("planProgram: a Fargate profile of 38 characters fails on its pod execution role's name, with the URN", async () => {
        const name = "a".repeat(38);
        await assert.rejects(
            planProgram(
                () =>
                    new FargateProfile(name, {
                        clusterName: "dev",
                        subnetIds: ["subnet-0abc"],
                        selectors: [{ namespace: "batch" }],
                    }),
                meta,
                { packDir: fixturePack },
            ),
            (e: unknown) => {
                assert.ok(e instanceof NameRuleError, String(e));
                assert.strictEqual(
                    e.urn,
                    `urn:pulumi:small::platform::eks-identity:index:FargateProfile$aws:iam/role:Role::${name}-pod-execution-role`,
                );
                assert.match(e.message, /\(65 characters\) is longer than the 64 characters allowed/);
                return true;
            },
        );
    });

    it("configPathOfName: a given name is found as a config value; an autonamed one by its item's name", () => {
        const config = {
            platform: {
                nodeGroups: [{ name: "api" }],
                fargateProfiles: [{ name: "batch" }],
                workloads: [{ name: "api-v2", inlinePolicies: [{ name: "read invoices" }] }],
            },
        } as unknown as StackConfig;
        const error = (logicalName: string, name: string, autonamed: boolean) =>
            new NameRuleError("aws:iam/role:Role", logicalName, { name, autonamed }, "too long");
        const table: [NameRuleError, string | undefined][] = [
            [error("api-v2-role", "api-v2-role-0000000", true), "platform:workloads[0].name"],
            [error("api-node-role", "api-node-role-0000000", true), "platform:nodeGroups[0].name"],
            [error("batch-pod-execution-role", "x", true), "platform:fargateProfiles[0].name"],
            [
                error("api-v2-read invoices", "read invoices", false),
                "platform:workloads[0].inlinePolicies[0].name",
            ],
            [error("cluster-cluster-role", "x", true), undefined],
        ];
        for (const [e, want] of table) {
            assert.strictEqual(configPathOfName(config, e), want, e.logicalName);
        }
        // A conflict's two resources are traced by their logical names the same way.
        assert.strictEqual(
            configPathOfLogicalName(config, "api-v2-association"),
            "platform:workloads[0].name",
        );
        assert.strictEqual(configPathOfLogicalName(config, "dev-vpc-cni"), undefined);
    });
});
