import * as assert from "assert";
import { spawnSync } from "child_process";
import { readdirSync } from "fs";
import * as path from "path";
import { POLICIES_DIR, POLICY_FILES, policies } from "../../../policy-pack/lib/policies";
import { registry } from "../../../policy-pack/lib/registry";

// Compiled to bin/tests/policy-pack/lib; the policy sources stay in the source tree.
const SOURCE_POLICIES = path.join(__dirname, "..", "..", "..", "..", "policy-pack", "policies");

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
