import * as assert from "assert";
import { trustFargateSourceArn } from "../../policy-pack/policies/trust/trust-fargate-source-arn";
import { trustLength } from "../../policy-pack/policies/trust/trust-length";
import { trustNoWildcardPrincipal } from "../../policy-pack/policies/trust/trust-no-wildcard-principal";
import { trustValidDocument } from "../../policy-pack/policies/trust/trust-valid-document";
import { trustWildcardOperator } from "../../policy-pack/policies/trust/trust-wildcard-operator";
import { trustWorkloadAccountRoot } from "../../policy-pack/policies/trust/trust-workload-account-root";
import { ACCOUNT, U, editTrust, ec2Trust, fargateTrust, irsaTrust, role, workloadTrust } from "./factories";
import { messages } from "./harness";

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

    it("ignores Deny statements and unknown trust", async () => {
        const r = role("r", ec2Trust(), false);
        editTrust(r, (doc) =>
            doc.Statement.push({ Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" }),
        );
        assert.deepStrictEqual(await messages(policy, r), []);
        assert.deepStrictEqual(await messages(policy, unknownTrust()), []);
    });
});

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

    it("skips an unknown trust policy", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), []);
    });
});

describe("trust-wildcard-operator", () => {
    const policy = trustWildcardOperator;

    it("flags wildcards under StringEquals, not under StringLike/ArnLike", async () => {
        const r = role("r", irsaTrust(), false);
        editTrust(r, (doc) => {
            const c = doc.Statement[0].Condition as Record<string, Record<string, string>>;
            c.StringEquals["x:sub"] = "system:serviceaccount:*:*";
        });
        assert.deepStrictEqual(await messages(policy, r), [
            `Trust statement 0 compares "x:sub" with "system:serviceaccount:*:*" under StringEquals, where "*" and "?" are literal: it never matches. ` +
                `Use a value without wildcards, or StringLike if a pattern is really meant.`,
        ]);
        assert.deepStrictEqual(await messages(policy, role("f", fargateTrust(), false)), []);
    });

    it("skips an unknown trust policy", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), []);
    });
});

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

    it("skips an unknown trust policy", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), []);
    });
});

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

    it("passes a valid or unknown document", async () => {
        assert.deepStrictEqual(await messages(policy, role("r", ec2Trust(), false)), []);
        assert.deepStrictEqual(await messages(policy, unknownTrust()), []);
    });
});

describe("trust-fargate-source-arn", () => {
    const policy = trustFargateSourceArn;

    const withSourceArn = (value: string, extra: Record<string, unknown> = {}) => {
        const r = role("f", fargateTrust(), false);
        editTrust(
            r,
            (doc) => (doc.Statement[0].Condition = { ArnLike: { "aws:SourceArn": value }, ...extra }),
        );
        return r;
    };
    const ADVICE = `Use "ArnLike": {"aws:SourceArn": "arn:<partition>:eks:<region>:<account>:fargateprofile/<cluster>/*"} with a literal region, account and cluster, or add "StringEquals": {"aws:SourceAccount": "<account-id>"}.`;
    const tooWide = (detail: string) =>
        `Trust statement 0 trusts eks-fargate-pods.amazonaws.com with aws:SourceArn ${detail}, which matches Fargate profiles of other accounts, regions or clusters (confused deputy). ${ADVICE}`;

    it("passes the FargateProfile component's trust (arn:aws:eks:us-west-2:111122223333:fargateprofile/prod/*)", async () => {
        const r = role("f", fargateTrust(), false);
        assert.deepStrictEqual(JSON.parse(r.props.assumeRolePolicy as string).Statement[0].Condition, {
            ArnLike: { "aws:SourceArn": `arn:aws:eks:us-west-2:${ACCOUNT}:fargateprofile/prod/*` },
        });
        assert.deepStrictEqual(await messages(policy, r), []);
        assert.deepStrictEqual(
            await messages(policy, withSourceArn(`arn:aws:eks:us-west-2:${ACCOUNT}:fargateprofile/prod`)),
            [],
        );
    });

    it("flags a wildcard account, a wildcard region and a missing cluster", async () => {
        assert.deepStrictEqual(
            await messages(policy, withSourceArn("arn:aws:eks:us-west-2:*:fargateprofile/prod/*")),
            [tooWide(`"arn:aws:eks:us-west-2:*:fargateprofile/prod/*" (no literal 12-digit account)`)],
        );
        assert.deepStrictEqual(
            await messages(policy, withSourceArn(`arn:aws:eks:*:${ACCOUNT}:fargateprofile/prod/*`)),
            [tooWide(`"arn:aws:eks:*:${ACCOUNT}:fargateprofile/prod/*" (no literal region)`)],
        );
        assert.deepStrictEqual(
            await messages(policy, withSourceArn(`arn:aws:eks:us-west-2:${ACCOUNT}:fargateprofile/*`)),
            [tooWide(`"arn:aws:eks:us-west-2:${ACCOUNT}:fargateprofile/*" (no literal cluster name)`)],
        );
        assert.deepStrictEqual(await messages(policy, withSourceArn("arn:aws:eks:*:*:fargateprofile/*")), [
            tooWide(
                `"arn:aws:eks:*:*:fargateprofile/*" (no literal region, no literal 12-digit account, no literal cluster name)`,
            ),
        ]);
        assert.deepStrictEqual(
            await messages(policy, withSourceArn(`arn:aws:eks:us-west-2:${ACCOUNT}:cluster/prod`)),
            [tooWide(`"arn:aws:eks:us-west-2:${ACCOUNT}:cluster/prod" (not an EKS fargateprofile ARN)`)],
        );
    });

    it("accepts a wildcard Fargate profile ARN only next to a literal aws:SourceAccount", async () => {
        const wildcard = "arn:aws:eks:*:*:fargateprofile/*";
        assert.deepStrictEqual(
            await messages(
                policy,
                withSourceArn(wildcard, { StringEquals: { "aws:SourceAccount": ACCOUNT } }),
            ),
            [],
        );
        assert.strictEqual(
            (await messages(policy, withSourceArn(wildcard, { StringLike: { "aws:SourceAccount": "*" } })))
                .length,
            1,
        );
        assert.strictEqual(
            (await messages(policy, withSourceArn("*", { StringEquals: { "aws:SourceAccount": ACCOUNT } })))
                .length,
            1,
        );
    });

    it("flags a Fargate trust without aws:SourceArn", async () => {
        const r = role("f", fargateTrust(), false);
        editTrust(r, (doc) => delete doc.Statement[0].Condition);
        assert.deepStrictEqual(await messages(policy, r), [
            `Trust statement 0 trusts eks-fargate-pods.amazonaws.com without an aws:SourceArn condition on Fargate profile ARNs, so another account's Fargate profile could use the role (confused deputy). ` +
                `Add "ArnLike": {"aws:SourceArn": "arn:<partition>:eks:<region>:<account>:fargateprofile/<cluster>/*"}.`,
        ]);
    });

    it("skips an unknown trust policy", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), []);
    });
});
