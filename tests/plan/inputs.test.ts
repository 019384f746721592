import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    checkKnownStack,
    checkOutputDir,
    checkOutputFile,
    checkPolicyConfigForPack,
    checkPolicyConfigNames,
    InputError,
    knownStacks,
    readPolicyConfigFile,
    stackNameProblem,
} from "../../plan/inputs";

const message = (fn: () => unknown): string => {
    try {
        fn();
    } catch (e) {
        assert.ok(e instanceof InputError, String(e));
        return e.message;
    }
    throw new Error("no error");
};

describe("plan/inputs", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-inputs-"));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("takes Pulumi's stack names: A-Za-z0-9_.- only, 1 to 100 characters", () => {
        for (const ok of ["dev", "Prod-2", "team_a.eu-west-1", "9", ".", "x".repeat(100)]) {
            assert.strictEqual(stackNameProblem(ok), undefined, ok);
        }
        assert.deepStrictEqual(
            ["", "x".repeat(101), "org/dev", "dev prod", "dév", "a:b"].map(stackNameProblem),
            [
                "a stack name may not be empty",
                "a stack name cannot exceed 100 characters (got 101)",
                'a stack name may only contain alphanumeric, hyphens, underscores, or periods: invalid character "/" at position 3',
                'a stack name may only contain alphanumeric, hyphens, underscores, or periods: invalid character " " at position 3',
                'a stack name may only contain alphanumeric, hyphens, underscores, or periods: invalid character "é" at position 1',
                'a stack name may only contain alphanumeric, hyphens, underscores, or periods: invalid character ":" at position 1',
            ],
        );
    });

    it("knows the stacks by their files and names them when one does not exist", () => {
        assert.deepStrictEqual(knownStacks(), ["dev", "prod", "staging"]);
        assert.strictEqual(checkKnownStack("staging", "--stack"), undefined);
        assert.strictEqual(
            message(() => checkKnownStack("qa", "--stacks")),
            `--stacks qa: no such stack (${path.relative(process.cwd(), path.join(__dirname, "..", "..", "..", "stacks", "Pulumi.qa.yaml"))} does not exist); the stacks are dev, prod, staging`,
        );
    });

    it("refuses an output file that is a folder and an output folder that is a file", () => {
        const file = path.join(tmp, "f");
        fs.writeFileSync(file, "");
        assert.strictEqual(checkOutputFile(path.join(tmp, "new.json"), "--json"), undefined);
        assert.strictEqual(checkOutputDir(path.join(tmp, "new"), "--report"), undefined);
        assert.strictEqual(
            message(() => checkOutputFile(tmp, "--json")),
            `--json ${tmp} is a directory: name the file to write, e.g. ${path.join(tmp, "plan.json")}`,
        );
        assert.strictEqual(
            message(() => checkOutputDir(file, "--report")),
            `--report ${file} is a file, not a folder: name a folder to write into`,
        );
        assert.strictEqual(
            message(() => checkOutputFile(path.join(file, "a", "plan.json"), "--json")),
            `--json ${path.join(file, "a", "plan.json")} cannot be written: ${file} is a file, not a folder`,
        );
    });

    it("reads a policy config as the Pulumi CLI parses it, then checks it against a pack's policies", () => {
        const file = path.join(tmp, "config.json");
        fs.writeFileSync(
            file,
            '\ufeff{"all": "advisory", "p1": {"enforcementLevel": "mandatory", "max": 3}}',
        );
        const config = readPolicyConfigFile(file, "--policy-config");
        assert.deepStrictEqual(config, { all: "advisory", p1: { enforcementLevel: "mandatory", max: 3 } });
        const policies = [
            {
                name: "p1",
                enforcementLevel: "advisory" as const,
                configSchema: { properties: { max: { type: "integer" } } },
            },
        ];
        assert.strictEqual(checkPolicyConfigNames(config, policies, file, "--policy-config"), undefined);
        assert.strictEqual(
            message(() =>
                checkPolicyConfigNames(
                    { p2: "mandatory", p3: "advisory" },
                    policies,
                    file,
                    "--policy-config",
                ),
            ),
            `--policy-config ${file}: invalid policy configuration:\n  p2: no such policy in the pack (policies: p1)\n  p3: no such policy in the pack (policies: p1)`,
        );
        fs.writeFileSync(file, '{"p1": "loud", "p2": 7}');
        assert.strictEqual(
            message(() => readPolicyConfigFile(file, "--policy-config")),
            `--policy-config ${file}: invalid policy configuration:\n  p1: "loud" is not a valid enforcement level (advisory, mandatory, remediate, disabled)\n  p2: 7 is not a valid value; must be a string or object`,
        );
    });

    it("checks a policy config against this project's pack before anything starts", () => {
        const file = path.join(tmp, "typo.json");
        fs.writeFileSync(file, '{"all": "mandatory", "trust-length": "advisory"}');
        assert.strictEqual(checkPolicyConfigForPack(file, "--policy-config"), undefined);
        fs.writeFileSync(file, '{"trust-lenght": "advisory"}');
        assert.match(
            message(() => checkPolicyConfigForPack(file, "--policy-config")),
            /^--policy-config \S+typo\.json: invalid policy configuration:\n {2}trust-lenght: no such policy in the pack \(policies: cluster-local-role-separation, cluster-role-managed-policies, .*, trust-workload-account-root\)$/,
        );
    });
});
