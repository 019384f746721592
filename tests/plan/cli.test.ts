import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { main } from "../../plan/cli";
import { evaluate } from "../../policy-pack/lib/evaluate";
import { PlanFile } from "../../plan/model";
import { repoRoot } from "../../stacks/config";

interface Captured {
    code: number;
    out: string;
    err: string;
}

async function cli(...argv: string[]): Promise<Captured> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join("\n"), err: err.join("\n") };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cli-"));
const devConfig = () =>
    YAML.parse(fs.readFileSync(path.join(repoRoot(), "stacks", "Pulumi.dev.yaml"), "utf8"));

function writeConfig(name: string, mutate: (config: Record<string, unknown>) => void): string {
    const doc = devConfig();
    mutate(doc.config);
    const file = path.join(tmp, `Pulumi.${name}.yaml`);
    fs.writeFileSync(file, YAML.stringify(doc));
    return file;
}

const expected: Record<string, { resources: number; workloads: string[]; irsa: boolean; vpc?: boolean }> = {
    dev: {
        // 45 and the VPC created for the stack: one registration (awsx's remote component).
        resources: 47,
        workloads: ["aws-load-balancer-controller", "ebs-csi", "external-dns", "payments-api"],
        irsa: false,
        vpc: true,
    },
    staging: {
        resources: 49,
        workloads: ["aws-load-balancer-controller", "ebs-csi", "external-dns", "payments-api"],
        irsa: true,
    },
    prod: {
        resources: 64,
        workloads: [
            "aws-load-balancer-controller",
            "ebs-csi",
            "external-dns",
            "invoice-batch",
            "payments-api",
        ],
        irsa: true,
    },
};

describe("offline plan CLI", function () {
    this.timeout(60_000);
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    for (const [stack, want] of Object.entries(expected)) {
        it(`plans ${stack}: exit 0, summary, JSON plan and identity map`, async () => {
            const json = path.join(tmp, `${stack}.json`);
            const report = path.join(tmp, `report-${stack}`);
            const r = await cli("--stack", stack, "--json", json, "--report", report);
            assert.strictEqual(r.code, 0, r.err);
            assert.match(
                r.out,
                new RegExp(
                    `Plan: ${want.resources} to create\\. Policies: 0 mandatory, 8 advisory violation\\(s\\), 0 undetermined\\. PASSED`,
                ),
            );
            // The catalog's own EC2 and ELB writes on every resource: advisory by nature.
            assert.match(
                r.out,
                /Policies \(eks-identity@v0\.1\.0, \d+ policies\):\n {4}⚠️ {2}\[advisory\] permissions-write-any-resource \(8\)\n/,
            );
            assert.match(r.out, / \+ {3}├─ eks-identity:index:EksCluster +cluster/);
            assert.match(r.err, /• running the .* program against the offline cloud/);

            const plan = JSON.parse(fs.readFileSync(json, "utf8")) as PlanFile;
            assert.strictEqual(plan.version, 1);
            assert.strictEqual(plan.stack, stack);
            assert.strictEqual(plan.resources.length, want.resources);
            // ALB controller statements 4, 5, 6, 13 and EBS CSI 1, 2, 3, 5: their upstream writes on
            // every resource of the kind (listed as advisory by nature in the catalog's tests).
            assert.deepStrictEqual(
                plan.violations.map((v) => [
                    v.policyName,
                    v.enforcementLevel,
                    /statement \d+/.exec(v.message)?.[0],
                ]),
                [
                    ...[4, 5, 6, 13].map((n) => [
                        "permissions-write-any-resource",
                        "advisory",
                        `statement ${n}`,
                    ]),
                    ...[1, 2, 3, 5].map((n) => [
                        "permissions-write-any-resource",
                        "advisory",
                        `statement ${n}`,
                    ]),
                ],
            );
            assert.deepStrictEqual(plan.summary, {
                resources: want.resources,
                mandatory: 0,
                advisory: 8,
                undetermined: 0,
            });
            const workloads = plan.resources
                .filter((x) => x.type === "eks-identity:index:WorkloadIdentity")
                .map((x) => x.name)
                .sort();
            assert.deepStrictEqual(workloads, want.workloads);
            assert.strictEqual(
                plan.resources.some((x) => x.type === "aws:iam/openIdConnectProvider:OpenIdConnectProvider"),
                want.irsa,
            );
            assert.strictEqual(
                plan.resources.filter((x) => x.type === "awsx:ec2:Vpc").length,
                want.vpc ? 1 : 0,
            );
            // Every trust policy is fully known: that is the point of planning offline.
            for (const role of plan.resources.filter((x) => x.type === "aws:iam/role:Role")) {
                assert.ok(
                    !JSON.stringify(role.props.assumeRolePolicy).includes(
                        "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
                    ),
                    role.name,
                );
                JSON.parse(String(role.props.assumeRolePolicy));
            }
            const cluster = plan.resources.find((x) => x.type === "aws:eks/cluster:Cluster")!;
            assert.strictEqual(
                cluster.parent,
                plan.resources.find((x) => x.type === "eks-identity:index:EksCluster")!.urn,
            );

            const md = fs.readFileSync(path.join(report, "identity-map.md"), "utf8");
            for (const w of want.workloads) {
                assert.ok(md.includes(`:role/${w}-role-`), `${w} in the identity map`);
            }
            assert.match(md, /```mermaid\nflowchart LR/);
            const html = fs.readFileSync(path.join(report, "identity-map.html"), "utf8");
            assert.match(html, /<svg[^>]*>/);
            assert.ok(!/\s(?:src|href)=/.test(html), "the page loads nothing");
        });
    }

    it("fails with exit 1 and names the policy when a config plants a mandatory violation", async () => {
        // Allowed by the schema and the component (with a warning), refused by the pack.
        const file = writeConfig("planted", (c) => {
            (c["platform:workloads"] as { serviceAccount: string }[])[3].serviceAccount = "default";
        });
        const json = path.join(tmp, "planted.json");
        const r = await cli("--stack", "planted", "--config", file, "--json", json);
        assert.strictEqual(r.code, 1, r.err);
        assert.match(r.out, /❌ \[mandatory\] service-account-dedicated \(\d+\)/);
        assert.match(r.out, /- aws:iam\/role:Role: payments-api-role/);
        assert.match(r.out, /FAILED/);
        assert.match(r.out, /Warnings:\n.*"default" service account/);
        const plan = JSON.parse(fs.readFileSync(json, "utf8")) as PlanFile;
        assert.ok(plan.summary.mandatory >= 1);
        assert.ok(
            plan.violations.every(
                (v) =>
                    v.policyName === "service-account-dedicated" ||
                    (v.policyName === "permissions-write-any-resource" && v.enforcementLevel === "advisory"),
            ),
            JSON.stringify(plan.violations),
        );
        // The plan file is the pack's own input: in-process evaluation agrees with the gRPC path.
        const key = (v: { policyName: string; enforcementLevel: string; urn?: string }) =>
            `${v.policyName}|${v.enforcementLevel}|${v.urn}`;
        const inProcess = await evaluate(plan.resources);
        assert.deepStrictEqual(inProcess.map(key).sort(), plan.violations.map(key).sort());
    });

    it("a policy config can lower the enforcement: advisory only exits 0", async () => {
        const file = writeConfig("planted", (c) => {
            (c["platform:workloads"] as { serviceAccount: string }[])[3].serviceAccount = "default";
        });
        const policyConfig = path.join(tmp, "advisory.json");
        fs.writeFileSync(policyConfig, JSON.stringify({ "service-account-dedicated": "advisory" }));
        const r = await cli(
            "--stack",
            "planted",
            "--config",
            file,
            "--policy-config",
            policyConfig,
            "--quiet",
        );
        assert.strictEqual(r.code, 0, r.err);
        assert.match(r.out, /⚠️ {2}\[advisory\] service-account-dedicated/);
        assert.ok(!r.out.includes(" +   ├─"), "--quiet leaves the tree out");
    });

    it("exits 2 with every error and its key path for an invalid config, printing no plan", async () => {
        const file = writeConfig("broken", (c) => {
            (c["platform:workloads"] as { mode?: string }[])[0].mode = "pod_identity";
            (c["platform:cluster"] as Record<string, unknown>).irsaa = true;
        });
        const r = await cli("--stack", "broken", "--config", file);
        assert.strictEqual(r.code, 2);
        assert.strictEqual(r.out, "");
        assert.ok(
            r.err.includes(`error: invalid stack config ${path.relative(process.cwd(), file)}:`),
            r.err,
        );
        assert.match(
            r.err,
            /- platform:workloads\[0\]\.mode: Invalid option: expected one of "irsa"\|"pod-identity"\|"both"/,
        );
        assert.match(r.err, /- platform:cluster\.irsaa: unknown key "irsaa"/);
    });

    it("prod's config with dev's credentials: the AWS provider's account guard refuses them, exit 2, nothing planned", async () => {
        const r = await cli("--stack", "prod", "--credentials-account", "111122223333");
        assert.strictEqual(r.code, 2);
        assert.strictEqual(r.out, "");
        assert.strictEqual(
            r.err,
            "error: AWS account ID not allowed: 111122223333 (aws:allowedAccountIds is [\"777788889999\"]): these credentials belong to another account than the stack's; use the stack account's credentials",
        );
        const own = await cli("--stack", "prod", "--credentials-account", "777788889999", "--quiet");
        assert.strictEqual(own.code, 0, own.err);
    });

    it("a stack on an existing cluster the fixture does not hold, or holds in another account: exit 2, nothing planned", async () => {
        const legacy = fs.readFileSync(
            path.join(repoRoot(), "tests", "stacks", "fixtures", "existing", "Pulumi.legacy.yaml"),
            "utf8",
        );
        const write = (name: string, text: string) => {
            const file = path.join(tmp, `Pulumi.${name}.yaml`);
            fs.writeFileSync(file, text);
            return file;
        };
        const gone = await cli(
            "--stack",
            "gone",
            "--config",
            write("gone", legacy.replace("name: legacy", "name: gone")),
        );
        assert.deepStrictEqual([gone.code, gone.out], [2, ""]);
        assert.strictEqual(
            gone.err,
            'error: reading EKS Cluster (gone): couldn\'t find resource: the existing-cluster fixture describes "legacy"; add the output of aws eks describe-cluster --name gone, or fix platform:cluster.existing.name',
        );
        const other = await cli(
            "--stack",
            "other",
            "--config",
            write("other", legacy.replaceAll("111122223333", "444455556666")),
        );
        assert.deepStrictEqual([other.code, other.out], [2, ""]);
        assert.strictEqual(
            other.err,
            "error: existing cluster \"legacy\" is arn:aws:eks:us-west-2:111122223333:cluster/legacy, not a cluster of the stack's partition, region and account (aws/us-west-2/444455556666): the AWS provider sees only clusters there; set aws:region and platform:accountId to the cluster's, or describe a cluster of the stack's account",
        );
    });

    it("--existing-clusters names the describe-cluster outputs a stack on an existing cluster may use", async () => {
        const legacy = fs.readFileSync(
            path.join(repoRoot(), "tests", "stacks", "fixtures", "existing", "Pulumi.legacy.yaml"),
            "utf8",
        );
        const config = path.join(tmp, "Pulumi.renamed.yaml");
        fs.writeFileSync(config, legacy.replace("name: legacy", "name: renamed"));
        // The same cluster described under another name, as discover's folder would hold it.
        const described = (
            JSON.parse(
                fs.readFileSync(path.join(repoRoot(), "plan", "fixtures", "existing-clusters.json"), "utf8"),
            ) as {
                cluster: { name: string; arn: string };
            }[]
        ).map((d) => ({
            ...d,
            cluster: {
                ...d.cluster,
                name: "renamed",
                arn: d.cluster.arn.replace("cluster/legacy", "cluster/renamed"),
            },
        }));
        const clusters = path.join(tmp, "renamed-clusters.json");
        fs.writeFileSync(clusters, JSON.stringify(described));
        const planned = await cli(
            "--stack",
            "renamed",
            "--config",
            config,
            "--existing-clusters",
            clusters,
            "--quiet",
        );
        assert.strictEqual(planned.code, 0, planned.err);
        assert.match(planned.out, /Policies: 0 mandatory/);
        const missing = await cli(
            "--stack",
            "renamed",
            "--config",
            config,
            "--existing-clusters",
            path.join(tmp, "none.json"),
        );
        assert.strictEqual(missing.code, 2);
        assert.match(missing.err, /^error: --existing-clusters .*none\.json does not exist/);
    });

    it("exits 2 when the policy config names no policy of the pack", async () => {
        const policyConfig = path.join(tmp, "typo.json");
        fs.writeFileSync(policyConfig, JSON.stringify({ "service-acount-dedicated": "advisory" }));
        const r = await cli("--stack", "dev", "--policy-config", policyConfig, "--quiet");
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /service-acount-dedicated/);
    });

    it("exits 2 when the policy config misspells a property, naming the policy, the property and the right one", async () => {
        const policyConfig = path.join(tmp, "misspelt.json");
        fs.writeFileSync(policyConfig, JSON.stringify({ "trust-length": { maxLenght: 4096 } }));
        const r = await cli("--stack", "dev", "--policy-config", policyConfig, "--quiet");
        assert.strictEqual(r.code, 2);
        assert.strictEqual(r.out, "");
        assert.match(
            r.err,
            /trust-length\.maxLenght: the policy has no such config property \(its properties: maxLength, warnRatio\); check the spelling/,
        );
    });

    it("exits 2 and names the policy when a policy throws", async () => {
        // The analyzer's fixture pack has a policy that throws on any resource named "boom".
        const file = writeConfig("boom", (c) => {
            (c["platform:nodeGroups"] as { name: string }[])[0].name = "boom";
        });
        const pack = path.join(repoRoot(), "bin", "tests", "plan", "fixtures", "pack");
        const r = await cli("--stack", "boom", "--config", file, "--policy-pack", pack);
        assert.strictEqual(r.code, 2);
        assert.strictEqual(r.out, "");
        assert.match(
            r.err,
            /error: the policy pack failed; no result can be trusted:\n {2}- policy explodes-on-boom: .*deliberate failure for resource 'boom'/,
        );
    });

    it("exits 2 when the policy pack cannot start", async () => {
        const pack = path.join(repoRoot(), "bin", "tests", "plan", "fixtures", "crash");
        const r = await cli("--stack", "dev", "--policy-pack", pack);
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /error: the policy pack failed to start, so nothing was checked/);
    });

    it("a stack file with secrets the program does not read plans, exit 0, and says how each was planned", async () => {
        const file = writeConfig("secrets", (c) => {
            c["aws:secretKey"] = { secure: "v1:c2VjcmV0MQ==:ZW5jcnlwdGVk" };
            c["kubernetes:kubeconfig"] = { secure: "v1:c2VjcmV0Mg==:ZW5jcnlwdGVk" };
        });
        const r = await cli("--stack", "secrets", "--config", file, "--quiet");
        assert.strictEqual(r.code, 0, r.err);
        assert.deepStrictEqual(
            r.err.split("\n").filter((line) => line.includes("is a secret")),
            [
                "• aws:secretKey is a secret: the offline plan cannot decrypt it and the program does not read it; planned as an unknown secret value",
                "• kubernetes:kubeconfig is a secret: the offline plan cannot decrypt it and the program does not read it; planned as an unknown secret value",
            ],
        );
        assert.match(r.out, /^Plan: 47 to create\. Policies: 0 mandatory/m);
    });

    it("exits 2 on a Fargate profile name whose pod execution role would be over IAM's 64, with the key path", async () => {
        const file = writeConfig("names", (c) => {
            c["platform:fargateProfiles"] = [{ name: "a".repeat(38), selectors: [{ namespace: "batch" }] }];
        });
        const r = await cli("--stack", "names", "--config", file);
        assert.strictEqual(r.code, 2);
        assert.strictEqual(r.out, "");
        assert.strictEqual(
            r.err
                .split("\n")
                .filter((line) => line.startsWith("  - "))
                .join("\n"),
            "  - platform:fargateProfiles[0].name: must be at most 37 characters: the profile's pod execution role is named <name>-pod-execution-role plus Pulumi's 8-character autonaming suffix, and IAM role names have at most 64",
        );
    });

    it("--preview plans staging as its first pulumi preview: exit 0, the IRSA trusts' checks deferred to pulumi up", async () => {
        const json = path.join(tmp, "staging-preview.json");
        const r = await cli("--stack", "staging", "--preview", "--quiet", "--json", json);
        assert.strictEqual(r.code, 0, r.err);
        assert.match(
            r.out,
            /\nPlan: 49 to create\. Policies: 0 mandatory, 8 advisory violation\(s\), 45 undetermined, deferred to `pulumi up`\. PASSED in [\d.]+ s\.$/,
        );
        const plan = JSON.parse(fs.readFileSync(json, "utf8")) as PlanFile;
        assert.strictEqual(plan.firstPreview, true);
        const byRole = new Map<string, number>();
        for (const u of plan.undetermined) {
            const role = u.urn!.split("::").pop()!;
            byRole.set(role, (byRole.get(role) ?? 0) + 1);
            assert.match(
                u.message,
                / during preview: undetermined: the trust policy \(assumeRolePolicy\) is unknown at preview/,
            );
        }
        assert.deepStrictEqual(Object.fromEntries(byRole), {
            "aws-load-balancer-controller-role": 15,
            "external-dns-role": 15,
            "payments-api-role": 15,
        });
        // Pod Identity trusts are known at the first preview: the pack checked the vpc-cni and ebs-csi roles.
        const ebs = plan.resources.find((x) => x.name === "ebs-csi-role")!;
        assert.match(
            String(ebs.props.assumeRolePolicy),
            /"aws:RequestTag\/eks-cluster-arn":\["arn:aws:eks:eu-west-1:444455556666:cluster\/staging"\]/,
        );
    });

    it("an aws-cn hosted zone in a us-west-2 stack (which hung the plan inside an apply) ends it with exit 2 and its message", async () => {
        // An aws-cn hosted zone in a us-west-2 stack: the well-known policy's partition check
        // failed inside an apply and the plan waited forever after 43 registrations.
        const file = writeConfig("cn-zone", (c) => {
            const workloads = c["platform:workloads"] as {
                wellKnownPolicies?: { hostedZoneArns?: string[] }[];
            }[];
            workloads[1].wellKnownPolicies![0].hostedZoneArns = [
                "arn:aws-cn:route53:::hostedzone/Z0DEVEXAMPLE1",
            ];
        });
        const r = await cli("--stack", "cn-zone", "--config", file, "--stall-timeout", "30");
        assert.strictEqual(r.code, 2);
        assert.strictEqual(r.out, "");
        assert.match(r.err, /hostedZoneArns\[0\]/);
        // The config check now refuses it before any resource is registered (the check left the
        // apply); the recorder's tests cover an error inside an apply for any program.
        assert.match(r.err, /"arn:aws-cn:route53:::hostedzone\/Z0DEVEXAMPLE1" is in partition aws-cn/);
        assert.doesNotMatch(r.err, /stopped making progress|\n\s+at /);
    });

    it("--stall-timeout takes a number of seconds above 0", async () => {
        for (const value of ["0", "soon", "-1", "1e3"]) {
            const r = await cli("--stack", "dev", "--stall-timeout", value);
            assert.deepStrictEqual(
                [r.code, r.err],
                [2, `error: --stall-timeout takes a number of seconds above 0; got "${value}"`],
            );
        }
    });

    it("exits 2 on usage errors", async () => {
        const r = await cli("--stak", "dev");
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /unknown option '--stak'/);
    });

    it("through a real pipe read late, a 95 KB plan arrives whole, summary last, and the exit code is the plan's", async () => {
        // `| tee` or a CI log: Node writes to a pipe asynchronously, and a pipe holds 64 KiB. The
        // reader starts only after the plan has finished (its last progress line) and a pause,
        // so an exit with writes pending would cut the output at 65536 bytes.
        const workloads = Array.from({ length: 300 }, (_, i) => ({
            name: `w${i}`,
            namespace: `ns${i % 10}`,
            serviceAccount: `sa${i}`,
        }));
        const file = writeConfig("pipe", (c) => (c["platform:workloads"] = workloads));
        const errFile = path.join(tmp, "pipe.err");
        // The analyzer's fixture pack (4 policies) keeps the run short; the pack is not the subject.
        const pack = path.join(repoRoot(), "bin", "tests", "plan", "fixtures", "pack");
        const script = [
            `node bin/plan/cli.js --stack pipe --config '${file}' --policy-pack '${pack}' 2>'${errFile}'`,
            `| { until grep -q "policies evaluated" '${errFile}'; do sleep 0.05; done; sleep 1; cat; }`,
            "; exit ${PIPESTATUS[0]}",
        ].join(" ");
        const child = spawn("bash", ["-c", script], {
            cwd: repoRoot(),
            stdio: ["ignore", "pipe", "inherit"],
        });
        const chunks: Buffer[] = [];
        child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
        const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
        const bytes = Buffer.concat(chunks);
        const out = bytes.toString("utf8");
        const lines = out.trimEnd().split("\n");
        assert.strictEqual(code, 0);
        // 1235 resources: about 95 KB, half as much again as the pipe holds.
        assert.ok(bytes.length > 90_000, `${bytes.length} bytes`);
        assert.match(
            lines[lines.length - 1],
            /^Plan: 1235 to create\. Policies: 0 mandatory, 0 advisory violation\(s\), 0 undetermined\. PASSED in [\d.]+ s\.$/,
        );
    });
});
