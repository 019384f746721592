import * as assert from "assert";
import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import { ResourceInput, evaluate, validateResources } from "../../policy-pack/lib/evaluate";
import { happyStack } from "./factories";

// Compiled to bin/tests/policy-pack; the JSON stays in the source tree.
const FIXTURES = path.join(__dirname, "..", "..", "..", "tests", "policy-pack", "fixtures");

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
        assert.strictEqual(bad.length, 33);
        assert.strictEqual(good.length, 2);
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
