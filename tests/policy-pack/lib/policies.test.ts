import * as assert from "assert";
import { spawnSync } from "child_process";
import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import { ResourceInput, evaluate, validateResources } from "../../../policy-pack/lib/evaluate";
import { PACK_VERSION, POLICIES_DIR, POLICY_FILES, policies } from "../../../policy-pack/lib/policies";
import { registry } from "../../../policy-pack/lib/registry";
import { happyStack } from "../factories";

// Compiled to bin/tests/policy-pack/lib; the policy sources and the fixtures stay in the source tree.
const SOURCE_POLICIES = path.join(__dirname, "..", "..", "..", "..", "policy-pack", "policies");
const FIXTURES = path.join(__dirname, "..", "..", "..", "..", "tests", "policy-pack", "fixtures");

/** `<area>/<name>` of every policy source file, as POLICY_FILES names them. */
function policySourceFiles(): string[] {
    return readdirSync(SOURCE_POLICIES, { withFileTypes: true })
        .filter((area) => area.isDirectory())
        .flatMap((area) =>
            readdirSync(path.join(SOURCE_POLICIES, area.name))
                .filter((f) => f.endsWith(".ts"))
                .map((f) => `${area.name}/${f.replace(/\.ts$/, "")}`),
        )
        .sort();
}

const camelCase = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

describe("policies (the served list)", () => {
    it("lists every file under policy-pack/policies/ once, and no file that is not there", () => {
        assert.deepStrictEqual([...POLICY_FILES].sort(), policySourceFiles());
        assert.strictEqual(new Set(POLICY_FILES).size, POLICY_FILES.length);
    });

    it("serves, in POLICY_FILES order, the policy each file exports and registers under its file name", () => {
        assert.strictEqual(policies.length, POLICY_FILES.length);
        POLICY_FILES.forEach((file, i) => {
            const name = path.posix.basename(file);
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const exported = (require(path.join(POLICIES_DIR, file)) as Record<string, unknown>)[
                camelCase(name)
            ];
            assert.strictEqual(policies[i].name, name);
            assert.strictEqual(policies[i], exported, file);
            assert.strictEqual(registry.get(name), exported, file);
        });
    });

    it("has registered nothing it does not serve", () => {
        assert.deepStrictEqual(registry.names().sort(), policies.map((p) => p.name).sort());
    });

    it("serves 45 uniquely named kebab-case policies with descriptions ending in a full stop", () => {
        assert.strictEqual(policies.length, 45);
        assert.strictEqual(new Set(policies.map((p) => p.name)).size, 45);
        for (const p of policies) {
            assert.match(p.name, /^[a-z]+(-[a-z0-9]+)+$/);
            assert.match(p.description, /^[A-Z].*\.$/);
            assert.ok(p.enforcementLevel === "mandatory" || p.enforcementLevel === "advisory", p.name);
            for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
                assert.ok(schema.description && schema.default !== undefined, `${p.name}.${key}`);
            }
        }
    });

    it("keeps PACK_VERSION in step with policy-pack/package.json", () => {
        const pkg = JSON.parse(
            readFileSync(path.join(__dirname, "..", "..", "..", "..", "policy-pack", "package.json"), "utf8"),
        );
        assert.strictEqual(PACK_VERSION, pkg.version);
    });

    it("starts no analyzer server: a process loading the library prints nothing and exits by itself", () => {
        const lib = path.join(__dirname, "..", "..", "..", "policy-pack", "lib");
        const run = spawnSync(
            process.execPath,
            ["-e", `const lib = require(${JSON.stringify(lib)}); console.error(lib.policies.length);`],
            { encoding: "utf8", timeout: 20000 },
        );
        assert.deepStrictEqual([run.status, run.stdout, run.stderr], [0, "", `${POLICY_FILES.length}\n`]);
    });
});

describe("policy pack: the happy-path stack", () => {
    it("has no violation at all after update (known ARNs, no property dependencies)", async () => {
        assert.deepStrictEqual(await evaluate(happyStack()), []);
    });

    it("has no violation at preview (unknown ARNs, linked through propertyDependencies)", async () => {
        assert.deepStrictEqual(await evaluate(happyStack({ preview: true })), []);
    });
});

interface Fixture {
    description: string;
    expect?: string[];
    resources: ResourceInput[];
}

function load(kind: "bad" | "good"): [string, Fixture][] {
    const dir = path.join(FIXTURES, kind);
    return readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .sort()
        .map((f) => {
            const fixture = JSON.parse(readFileSync(path.join(dir, f), "utf8")) as Fixture;
            validateResources(fixture.resources);
            return [f.replace(/\.json$/, ""), fixture];
        });
}

describe("fixture corpus (REFERENCE.md, Known misconfigurations)", () => {
    const bad = load("bad");
    const good = load("good");

    it("has a bad fixture for every listed misconfiguration and some good ones", () => {
        assert.strictEqual(bad.length, 41);
        assert.strictEqual(good.length, 9);
    });

    for (const [name, fixture] of bad) {
        it(`catches ${name}: ${fixture.description}`, async () => {
            const violations = await evaluate(fixture.resources);
            const fired = [...new Set(violations.map((v) => v.policyName))].sort();
            assert.deepStrictEqual(fired, [...fixture.expect!].sort());
        });
    }

    for (const [name, fixture] of good) {
        it(`has no mandatory violation on ${name}`, async () => {
            const violations = await evaluate(fixture.resources);
            assert.deepStrictEqual(
                violations.filter((v) => v.enforcementLevel === "mandatory"),
                [],
            );
        });
    }

    it("flags the @pulumi/eks default node role (CNI policy) and launch template (hop limit 2) at mandatory level", async () => {
        const fixture = new Map(bad).get("pulumi-eks-default-node-role")!;
        const violations = await evaluate(fixture.resources);
        assert.deepStrictEqual(
            violations.map((v) => [v.policyName, v.enforcementLevel, v.urn, v.message.split("\n")[1]]),
            [
                [
                    "imds-launch-template",
                    "mandatory",
                    "urn:pulumi:prod::shop::aws:ec2/launchTemplate:LaunchTemplate::eks-launchTemplate",
                    "metadataOptions.httpPutResponseHopLimit is 2, which lets pods reach the node role through IMDS. Set it to 1.",
                ],
                [
                    "node-role-managed-policies",
                    "mandatory",
                    "urn:pulumi:prod::shop::aws:iam/rolePolicyAttachment:RolePolicyAttachment::eks-instanceRole-3eb088f2",
                    `Node role "eks-instanceRole-role" (node role through role of aws:iam/instanceProfile:InstanceProfile "eks-instanceProfile") carries arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy, which is not on the node-role allow-list: every pod on the node can use it through IMDS. ` +
                        `Detach it and grant it to the workload's own role (IRSA or Pod Identity), or add it to allowedPolicies.`,
                ],
            ],
        );
    });

    it("accepts the SourceAccount-only Pod Identity trust (disableSessionTags) under the lenient config", async () => {
        const lenient = JSON.parse(
            readFileSync(
                path.join(FIXTURES, "..", "..", "..", "policy-pack", "config", "lenient.json"),
                "utf8",
            ),
        );
        const fixture = new Map(bad).get("pod-identity-source-account-only")!;
        assert.deepStrictEqual(await evaluate(fixture.resources, { config: lenient }), []);
    });

    it("report-only.json, the day-one config: every bad fixture's findings reported, none mandatory", async () => {
        const reportOnly = JSON.parse(
            readFileSync(
                path.join(FIXTURES, "..", "..", "..", "policy-pack", "config", "report-only.json"),
                "utf8",
            ),
        );
        for (const [name, fixture] of bad) {
            const asShipped = await evaluate(fixture.resources);
            const adopted = await evaluate(fixture.resources, { config: reportOnly });
            assert.ok(asShipped.length > 0, name);
            assert.deepStrictEqual(
                adopted.map((v) => [v.policyName, v.urn, v.message]),
                asShipped.map((v) => [v.policyName, v.urn, v.message]),
                name,
            );
            assert.ok(
                adopted.every((v) => v.enforcementLevel === "advisory"),
                name,
            );
        }
    });

    it("stays clean on the components' happy stack (preview and update) under the strict config", async () => {
        const strict = JSON.parse(
            readFileSync(
                path.join(FIXTURES, "..", "..", "..", "policy-pack", "config", "strict.json"),
                "utf8",
            ),
        );
        for (const preview of [false, true]) {
            assert.deepStrictEqual(await evaluate(happyStack({ preview }), { config: strict }), []);
        }
    });
});
