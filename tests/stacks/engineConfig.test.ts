import * as assert from "assert";
import * as fs from "fs";
import * as YAML from "yaml";
import { fromEngineConfig, parseStackConfig, stackConfigPath } from "../../stacks/config";

/** What the engine hands a program for a stack file: every value as text, structures as JSON. */
function asEngineWould(config: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(
        Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
}

describe("stack config as the engine passes it", () => {
    for (const env of ["dev", "staging", "prod"]) {
        it(`${env}: the engine's text form parses to the same config as the YAML file`, () => {
            const file = stackConfigPath(env);
            const yaml = YAML.parse(fs.readFileSync(file, "utf8")).config as Record<string, unknown>;
            const fromEngine = parseStackConfig(fromEngineConfig(asEngineWould(yaml)), file);
            const fromFile = parseStackConfig(yaml, file);
            assert.deepStrictEqual(fromEngine, fromFile);
        });
    }

    it("keeps numeric-looking strings (account ids) as strings and decodes objects, lists and booleans", () => {
        assert.deepStrictEqual(
            fromEngineConfig({
                "platform:accountId": "012345678901",
                "platform:protect": "true",
                "platform:tags": '{"team":"platform"}',
                "platform:nodeGroups": "[]",
                "aws:region": "us-west-2",
                "platform:identityDefault": "pod-identity",
            }),
            {
                "platform:accountId": "012345678901",
                "platform:protect": true,
                "platform:tags": { team: "platform" },
                "platform:nodeGroups": [],
                "aws:region": "us-west-2",
                "platform:identityDefault": "pod-identity",
            },
        );
    });
});
