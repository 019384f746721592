import * as assert from "assert";
import { trustWorkloadAccountRoot } from "../../../../policy-pack/policies/trust/trust-workload-account-root";
import { ACCOUNT, U, ec2Trust, editTrust, irsaTrust, role, workloadTrust } from "../../factories";
import { messages, UNDETERMINED_TRUST } from "../../harness";

const unknownTrust = () => role("r", U, true);

describe("trust-workload-account-root", () => {
    const policy = trustWorkloadAccountRoot;
    const withRoot = (trust: string, principal: string) => {
        const r = role("r", trust, false);
        editTrust(r, (doc) =>
            doc.Statement.push({ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole" }),
        );
        return r;
    };

    it("flags a workload role that also trusts the account root (ARN or bare account id)", async () => {
        for (const principal of [`arn:aws:iam::${ACCOUNT}:root`, ACCOUNT]) {
            assert.deepStrictEqual(await messages(policy, withRoot(workloadTrust(), principal)), [
                `Trust statement 2 of this workload role trusts the account root "${principal}", so any principal of that account allowed sts:AssumeRole can use the workload's permissions. ` +
                    `Remove the statement, or name the one role that needs access.`,
            ]);
        }
    });

    it("passes a non-workload role trusting the root, and a workload role trusting a named role", async () => {
        assert.deepStrictEqual(
            await messages(policy, withRoot(ec2Trust(), `arn:aws:iam::${ACCOUNT}:root`)),
            [],
        );
        assert.deepStrictEqual(
            await messages(policy, withRoot(irsaTrust(), `arn:aws:iam::${ACCOUNT}:role/ci`)),
            [],
        );
    });

    it("reports an unknown trust policy undetermined, checked at pulumi up", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), [UNDETERMINED_TRUST]);
    });
});
