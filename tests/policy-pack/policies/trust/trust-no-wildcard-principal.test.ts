import * as assert from "assert";
import { trustNoWildcardPrincipal } from "../../../../policy-pack/policies/trust/trust-no-wildcard-principal";
import { U, ec2Trust, editTrust, role, workloadTrust } from "../../factories";
import { messages, UNDETERMINED_TRUST } from "../../harness";

const unknownTrust = () => role("r", U, true);

describe("trust-no-wildcard-principal", () => {
    const policy = trustNoWildcardPrincipal;

    it("passes named principals", async () => {
        assert.deepStrictEqual(await messages(policy, role("r", workloadTrust(), false)), []);
    });

    for (const principal of ["*", { AWS: "*" }, { AWS: ["arn:aws:iam::1:root", "*"] }]) {
        it(`flags Principal ${JSON.stringify(principal)}`, async () => {
            const r = role("r", ec2Trust(), false);
            editTrust(r, (doc) => (doc.Statement[0].Principal = principal));
            assert.deepStrictEqual(await messages(policy, r), [
                `Trust statement 0 trusts every principal ("*"). Name the trusted principal: the OIDC provider (IRSA), pods.eks.amazonaws.com (Pod Identity) or a role ARN.`,
            ]);
        });
    }

    it("flags Allow with NotPrincipal", async () => {
        const r = role("r", ec2Trust(), false);
        editTrust(r, (doc) => {
            doc.Statement[0].NotPrincipal = { AWS: "arn:aws:iam::1:user/x" };
            delete doc.Statement[0].Principal;
        });
        assert.deepStrictEqual(await messages(policy, r), [
            `Trust statement 0 allows through NotPrincipal, which trusts every principal it does not list. Name the trusted principals in "Principal".`,
        ]);
    });

    it("ignores Deny statements; reports an unknown trust undetermined", async () => {
        const r = role("r", ec2Trust(), false);
        editTrust(r, (doc) =>
            doc.Statement.push({ Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" }),
        );
        assert.deepStrictEqual(await messages(policy, r), []);
        assert.deepStrictEqual(await messages(policy, unknownTrust()), [UNDETERMINED_TRUST]);
    });
});
