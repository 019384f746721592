import * as assert from "assert";
import { parsePolicy } from "../../../../policy-pack/lib/iam/parser";
import {
    isAccountRootPrincipal,
    isWorkloadTrust,
    parseServiceAccountSubject,
    podIdentityStatements,
    principalsOtherThan,
    serviceStatements,
    trustedServices,
    webIdentityStatements,
} from "../../../../policy-pack/lib/iam/trustStatements";
import {
    ACCOUNT,
    ISSUER,
    PROVIDER_ARN,
    ec2Trust,
    fargateTrust,
    irsaTrust,
    workloadTrust,
} from "../../factories";

const OTHER_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/OTHER`;

/** A trust policy of the given statements (Effect Allow unless given). */
function trust(...statements: Record<string, unknown>[]) {
    return parsePolicy({
        Version: "2012-10-17",
        Statement: statements.map((s) => ({ Effect: "Allow", Action: "sts:AssumeRole", ...s })),
    });
}

describe("webIdentityStatements", () => {
    it("returns the Allow statements trusting OIDC providers, with each provider's issuer", () => {
        const both = webIdentityStatements(parsePolicy(workloadTrust()));
        assert.deepStrictEqual(
            both.map((w) => [w.statement.index, w.issuers]),
            [[0, [ISSUER]]],
        );
        const policy = trust(
            { Principal: { Federated: [PROVIDER_ARN, OTHER_PROVIDER] } },
            { Effect: "Deny", Principal: { Federated: PROVIDER_ARN } },
            { Principal: { Federated: "cognito-identity.amazonaws.com" } },
        );
        assert.deepStrictEqual(
            webIdentityStatements(policy).map((w) => [w.statement.index, w.issuers]),
            [[0, [ISSUER, "oidc.eks.eu-west-1.amazonaws.com/id/OTHER"]]],
        );
    });
});

describe("serviceStatements, podIdentityStatements, isWorkloadTrust, trustedServices", () => {
    it("find Allow statements by service principal, case-insensitively", () => {
        const policy = trust(
            { Principal: { Service: "EC2.amazonaws.com" } },
            { Principal: { Service: ["pods.eks.amazonaws.com", "ec2.amazonaws.com"] } },
            { Effect: "Deny", Principal: { Service: "ec2.amazonaws.com" } },
        );
        assert.deepStrictEqual(
            serviceStatements(policy, "ec2.amazonaws.com").map((s) => s.index),
            [0, 1],
        );
        assert.deepStrictEqual(
            podIdentityStatements(policy).map((s) => s.index),
            [1],
        );
        assert.deepStrictEqual(trustedServices(policy), ["ec2.amazonaws.com", "pods.eks.amazonaws.com"]);
    });

    it("isWorkloadTrust: IRSA or Pod Identity, not node, cluster or Fargate service trust", () => {
        const cases: [string, boolean][] = [
            [irsaTrust(), true],
            [workloadTrust(), true],
            [
                JSON.stringify({
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: "pods.eks.amazonaws.com" },
                            Action: "sts:AssumeRole",
                        },
                    ],
                }),
                true,
            ],
            [ec2Trust(), false],
            [fargateTrust(), false],
        ];
        for (const [document, expected] of cases) {
            assert.strictEqual(isWorkloadTrust(parsePolicy(document)), expected, document);
        }
    });
});

describe("principalsOtherThan", () => {
    it("lists every principal but the given services: wildcard, other services, AWS, federated, canonical users", () => {
        const [mixed] = trust({
            Principal: {
                Service: ["pods.eks.amazonaws.com", "ec2.amazonaws.com"],
                AWS: `arn:aws:iam::${ACCOUNT}:root`,
                Federated: PROVIDER_ARN,
                CanonicalUser: "abc123",
            },
        }).statements;
        assert.deepStrictEqual(principalsOtherThan(mixed, ["PODS.eks.amazonaws.com"]), [
            "ec2.amazonaws.com",
            `arn:aws:iam::${ACCOUNT}:root`,
            PROVIDER_ARN,
            "abc123",
        ]);
        const [star] = trust({ Principal: "*" }).statements;
        assert.deepStrictEqual(principalsOtherThan(star, ["pods.eks.amazonaws.com"]), ["*"]);
        const [only] = trust({ Principal: { Service: "pods.eks.amazonaws.com" } }).statements;
        assert.deepStrictEqual(principalsOtherThan(only, ["pods.eks.amazonaws.com"]), []);
    });
});

describe("parseServiceAccountSubject and isAccountRootPrincipal", () => {
    it("split system:serviceaccount:<namespace>:<name> subjects only", () => {
        const cases: [string, { namespace: string; serviceAccount: string } | undefined][] = [
            ["system:serviceaccount:app:api", { namespace: "app", serviceAccount: "api" }],
            ["system:serviceaccount:kube-system:*", { namespace: "kube-system", serviceAccount: "*" }],
            ["system:serviceaccount::", { namespace: "", serviceAccount: "" }],
            ["system:serviceaccount:app", undefined],
            ["system:serviceaccount:app:api:extra", undefined],
            ["system:node:ip-10-0-0-1", undefined],
        ];
        for (const [subject, expected] of cases) {
            assert.deepStrictEqual(parseServiceAccountSubject(subject), expected, subject);
        }
    });

    it("recognise an account root as an ARN of any partition or a bare 12-digit account id", () => {
        const cases: [string, boolean][] = [
            [`arn:aws:iam::${ACCOUNT}:root`, true],
            [`arn:aws-cn:iam::${ACCOUNT}:root`, true],
            [ACCOUNT, true],
            [`arn:aws:iam::${ACCOUNT}:role/root`, false],
            ["arn:aws:iam::1:root", false],
            ["12345678901", false],
            ["*", false],
        ];
        for (const [principal, expected] of cases) {
            assert.strictEqual(isAccountRootPrincipal(principal), expected, principal);
        }
    });
});
