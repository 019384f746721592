import * as assert from "assert";
import { trustLength } from "../../../../policy-pack/policies/trust/trust-length";
import { U, role } from "../../factories";
import { messages, UNDETERMINED_TRUST } from "../../harness";

const unknownTrust = () => role("r", U, true);

describe("trust-length", () => {
    const policy = trustLength;
    const long = (length: number) => {
        // Pad a Sid so the whitespace-free length is exactly `length`.
        const base = JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "",
                    Effect: "Allow",
                    Principal: { Service: "ec2.amazonaws.com" },
                    Action: "sts:AssumeRole",
                },
            ],
        });
        const doc = JSON.parse(base);
        doc.Statement[0].Sid = "S".repeat(length - base.length);
        // Whitespace is not counted: pretty-print it.
        return role("r", JSON.stringify(doc, null, 4), false);
    };

    it("passes at 80% of the quota, warns above it, reports over it", async () => {
        assert.deepStrictEqual(await messages(policy, long(1638)), []);
        assert.deepStrictEqual(await messages(policy, long(1639)), [
            `The trust policy is 1639 of 2048 characters (over 80%). Plan for EKS Pod Identity or a quota increase before adding another cluster.`,
        ]);
        assert.deepStrictEqual(await messages(policy, long(2049)), [
            `The trust policy is 2049 characters long (without whitespace), over the quota of 2048: IAM will reject it. ` +
                `Move clusters to EKS Pod Identity (one statement serves every cluster), split the role, or raise the quota and set maxLength.`,
        ]);
    });

    it("uses the configured quota", async () => {
        assert.deepStrictEqual(await messages(policy, long(2049), { maxLength: 4096 }), []);
        assert.deepStrictEqual(await messages(policy, long(1700), { warnRatio: 0.9 }), []);
    });

    it("reports an unknown trust policy undetermined, checked at pulumi up", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), [UNDETERMINED_TRUST]);
    });
});
