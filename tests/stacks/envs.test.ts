import * as assert from "assert";
import { loadStackConfigFile, stackConfigPath } from "../../stacks/config";
import { buildPlatform } from "../../stacks/program";
import { run, valueOf } from "../harness";

async function plan(env: string, cloud: { partition: string; region: string; accountId: string }) {
    const config = loadStackConfigFile(stackConfigPath(env));
    return run(() => buildPlatform(config), { cloud, stack: env });
}

describe("shipped stacks", () => {
    it("dev: all Pod Identity, no OIDC provider", async () => {
        const r = await plan("dev", { partition: "aws", region: "us-west-2", accountId: "111122223333" });
        console.log(JSON.stringify(r.inventory(), null, 1));
        const modes = await Promise.all(Object.entries(r.value.workloads).map(async ([k, w]) => [k, await valueOf(w.mode)]));
        console.log(modes, r.warnings);
    });
    it("staging", async () => {
        const r = await plan("staging", { partition: "aws", region: "eu-west-1", accountId: "444455556666" });
        console.log(JSON.stringify(r.inventory(), null, 1), r.warnings);
    });
    it("prod", async () => {
        const r = await plan("prod", { partition: "aws", region: "us-east-1", accountId: "777788889999" });
        console.log(JSON.stringify(r.inventory(), null, 1), r.warnings);
    });
});
