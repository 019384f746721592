import * as assert from "assert";
import { trustValidDocument } from "../../../../policy-pack/policies/trust/trust-valid-document";
import { U, ec2Trust, role } from "../../factories";
import { messages, UNDETERMINED_TRUST } from "../../harness";

const unknownTrust = () => role("r", U, true);

describe("trust-valid-document", () => {
    const policy = trustValidDocument;

    it("reports a trust policy it cannot parse", async () => {
        // The JSON error's wording is Node's and varies by version.
        const [bad, ...rest] = await messages(policy, role("r", "{not json", false));
        assert.deepStrictEqual(rest, []);
        assert.match(
            bad,
            /^The trust policy could not be parsed \(policy is not valid JSON: .+\), so it was not checked\. Fix the document\.$/,
        );
        assert.deepStrictEqual(
            await messages(policy, role("r", JSON.stringify({ Version: "2012-10-17" }), false)),
            [
                `The trust policy could not be parsed (policy has no Statement), so it was not checked. Fix the document.`,
            ],
        );
    });

    it("passes a valid document; reports an unknown one undetermined, checked at pulumi up", async () => {
        assert.deepStrictEqual(await messages(policy, role("r", ec2Trust(), false)), []);
        assert.deepStrictEqual(await messages(policy, unknownTrust()), [UNDETERMINED_TRUST]);
    });
});
