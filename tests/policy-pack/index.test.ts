import * as assert from "assert";
import * as path from "path";
import { AnalyzerSession } from "../../plan/analyzer/session";
import { evaluate } from "../../policy-pack/lib/evaluate";
import { PACK_NAME, PACK_VERSION, policies } from "../../policy-pack/lib/policies";
import { find, hopLimit2 } from "./factories";

// policy-pack/index.ts constructs the PolicyPack, which serves the analyzer over gRPC: it is
// started here as the Pulumi CLI starts it (@pulumi/pulumi's run-policy-pack), from the compiled
// pack the offline plan runs (bin/policy-pack, whose policy files are .js).
const PACK_DIR = path.join(__dirname, "..", "..", "policy-pack");

describe("policy-pack/index.ts: the pack the Pulumi CLI serves", () => {
    let session: AnalyzerSession;

    before(async () => {
        session = await AnalyzerSession.start({ packDir: PACK_DIR });
    });
    after(async () => {
        await session?.close();
    });

    it("serves the library's policies, in order, under the pack's name, version and display name", () => {
        assert.deepStrictEqual(
            [session.info.name, session.info.version, session.info.displayName],
            [PACK_NAME, PACK_VERSION, "EKS workload identity"],
        );
        assert.deepStrictEqual(
            session.info.policies.map((p) => [p.name, p.description, p.enforcementLevel]),
            policies.map((p) => [p.name, p.description, p.enforcementLevel]),
        );
    });

    it("reports what evaluate() reports for a launch template with hop limit 2", async () => {
        const lt = find(hopLimit2(), "node-lt");
        const served = await session.analyze(lt);
        const inProcess = await evaluate([lt], { stackPolicies: false });
        assert.deepStrictEqual(
            served.map((v) => [v.policyName, v.enforcementLevel, v.message, v.urn]),
            inProcess.map((v) => [v.policyName, v.enforcementLevel, v.message, v.urn]),
        );
        assert.deepStrictEqual(
            served.map((v) => v.policyName),
            ["imds-launch-template"],
        );
    });
});
