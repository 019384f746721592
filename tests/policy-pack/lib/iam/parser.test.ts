import * as assert from "assert";
import * as fc from "fast-check";
import { irsaTrustStatement } from "../../../../components/trust/irsa";
import { podIdentityTrustStatement } from "../../../../components/trust/podIdentity";
import { workloadTrustPolicy } from "../../../../components/trust/workload";
import { policyDocument } from "../../../../components/common/iamDocument";
import {
    PolicyParseError,
    parseOperator,
    parsePolicy,
    statementCoversAction,
} from "../../../../policy-pack/lib/iam/parser";
import {
    parseServiceAccountSubject,
    podIdentityStatements,
    webIdentityStatements,
} from "../../../../policy-pack/lib/iam/trustStatements";
import { ACCOUNT, CLUSTER_ARN, ISSUER, PROVIDER_ARN } from "../../factories";

const OTHER_ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/OTHER";
const OTHER_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${OTHER_ISSUER}`;

describe("parsePolicy: round-trips what components/trust/ builds", () => {
    it("IRSA: one web-identity statement naming its issuer, sub and aud", () => {
        const doc = policyDocument(
            irsaTrustStatement({ oidcProviderArn: PROVIDER_ARN, namespace: "app", serviceAccount: "api" }),
        );
        const policy = parsePolicy(JSON.stringify(doc));
        const [ws] = webIdentityStatements(policy);
        assert.deepStrictEqual(ws.issuers, [ISSUER]);
        assert.deepStrictEqual(
            ws.statement.conditions.map((c) => [c.operator, c.key, c.values]),
            [
                ["StringEquals", `${ISSUER}:sub`, ["system:serviceaccount:app:api"]],
                ["StringEquals", `${ISSUER}:aud`, ["sts.amazonaws.com"]],
            ],
        );
        assert.deepStrictEqual(ws.statement.actions, ["sts:AssumeRoleWithWebIdentity"]);
        assert.strictEqual(policy.length, JSON.stringify(doc).length);
    });

    it("Pod Identity: service principal, both actions, list-valued cluster condition", () => {
        const doc = policyDocument(
            podIdentityTrustStatement({
                accountId: ACCOUNT,
                clusterArns: [CLUSTER_ARN],
                namespace: "app",
                serviceAccount: "api",
            }),
        );
        const [s] = podIdentityStatements(parsePolicy(doc));
        assert.deepStrictEqual(s.principals, {
            aws: [],
            service: ["pods.eks.amazonaws.com"],
            federated: [],
            canonicalUser: [],
            wildcard: false,
        });
        assert.deepStrictEqual(s.actions, ["sts:AssumeRole", "sts:TagSession"]);
        assert.deepStrictEqual(
            s.conditions.map((c) => [c.key, c.values]),
            [
                ["aws:SourceAccount", [ACCOUNT]],
                ["aws:RequestTag/eks-cluster-arn", [CLUSTER_ARN]],
                ["aws:RequestTag/kubernetes-namespace", ["app"]],
                ["aws:RequestTag/kubernetes-service-account", ["api"]],
            ],
        );
    });

    it("both mode, multi-cluster: one IRSA statement per cluster, then one Pod Identity statement", () => {
        const doc = workloadTrustPolicy({
            mode: "both",
            accountId: ACCOUNT,
            clusters: [
                { clusterArn: CLUSTER_ARN, oidcProviderArn: PROVIDER_ARN },
                { clusterArn: `${CLUSTER_ARN}-b`, oidcProviderArn: OTHER_PROVIDER },
            ],
            namespace: "app",
            serviceAccount: "api",
        });
        const policy = parsePolicy(JSON.stringify(doc, null, 2));
        assert.deepStrictEqual(
            webIdentityStatements(policy).map((w) => [w.statement.index, w.issuers]),
            [
                [0, [ISSUER]],
                [1, [OTHER_ISSUER]],
            ],
        );
        assert.deepStrictEqual(
            podIdentityStatements(policy).map((s) => s.index),
            [2],
        );
        assert.deepStrictEqual(podIdentityStatements(policy)[0].conditions[1].values, [
            CLUSTER_ARN,
            `${CLUSTER_ARN}-b`,
        ]);
    });
});

describe("parsePolicy: shapes IAM accepts", () => {
    const compact = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}`;

    it("gives the same statements for any whitespace, a single Statement object, strings or lists", () => {
        const spaced = `{\n\t"Version" : "2012-10-17",\r\n "Statement" : [ { "Effect":"Allow", "Principal" : { "Service" : [ "ec2.amazonaws.com" ] }, "Action" : [ "sts:AssumeRole" ] } ] }  `;
        const a = parsePolicy(compact);
        const b = parsePolicy(spaced);
        assert.deepStrictEqual(a.statements, b.statements);
        assert.strictEqual(parsePolicy(JSON.stringify(JSON.parse(compact), null, "\t")).length, a.length);
        assert.deepStrictEqual(parsePolicy(JSON.parse(compact)).statements, a.statements);
    });

    it("normalises operators: set prefixes, IfExists, case", () => {
        assert.deepStrictEqual(parseOperator("ForAllValues:StringLikeIfExists"), {
            rawOperator: "ForAllValues:StringLikeIfExists",
            operator: "StringLike",
            knownOperator: true,
            setOperator: "ForAllValues",
            ifExists: true,
        });
        assert.deepStrictEqual(parseOperator("foranyvalue:stringequals"), {
            rawOperator: "foranyvalue:stringequals",
            operator: "StringEquals",
            knownOperator: true,
            setOperator: "ForAnyValue",
            ifExists: false,
        });
        assert.strictEqual(parseOperator("Bogus").knownOperator, false);
    });

    it("stringifies numbers/booleans in condition values and handles wildcard principals", () => {
        const p = parsePolicy({
            Statement: [
                {
                    Effect: "Allow",
                    Principal: "*",
                    Action: "sts:AssumeRole",
                    Condition: { Bool: { "aws:SecureTransport": true } },
                },
            ],
        });
        assert.strictEqual(p.statements[0].principals.wildcard, true);
        assert.deepStrictEqual(p.statements[0].conditions[0].values, ["true"]);
    });

    it("rejects what is not a policy with a message", () => {
        for (const [input, message] of [
            ["[]", "policy must be a JSON object"],
            ["{}", "policy has no Statement"],
            [`{"Statement":[{"Effect":"Maybe"}]}`, `Statement[0].Effect must be "Allow" or "Deny"`],
            [
                `{"Statement":[{"Effect":"Allow","Principal":{"Robot":"x"}}]}`,
                `unknown principal kind "Robot"`,
            ],
            [
                `{"Statement":[{"Effect":"Allow","Action":[{}]}]}`,
                "Action must be a string or a list of strings, got {}",
            ],
        ] as const) {
            assert.throws(
                () => parsePolicy(input),
                (e: unknown) => e instanceof PolicyParseError && e.message === message,
            );
        }
    });

    it("matches actions with IAM wildcards, case-insensitively", () => {
        const [s] = parsePolicy({
            Statement: { Effect: "Allow", Action: ["STS:Assume*"], Resource: "*" },
        }).statements;
        assert.strictEqual(statementCoversAction(s, "sts:AssumeRole"), true);
        assert.strictEqual(statementCoversAction(s, "sts:TagSession"), false);
    });
});

describe("parser properties (fast-check)", () => {
    const name = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/);

    it("any namespace/service account round-trips through the IRSA builder, the parser and the subject splitter", () => {
        fc.assert(
            fc.property(name, name, (namespace, serviceAccount) => {
                const doc = policyDocument(
                    irsaTrustStatement({ oidcProviderArn: PROVIDER_ARN, namespace, serviceAccount }),
                );
                const [ws] = webIdentityStatements(parsePolicy(JSON.stringify(doc, null, 3)));
                const sub = ws.statement.conditions.find((c) => c.key.endsWith(":sub"))!;
                assert.deepStrictEqual(parseServiceAccountSubject(sub.values[0]), {
                    namespace,
                    serviceAccount,
                });
            }),
            { numRuns: 200 },
        );
    });

    it("parsing ignores whitespace and string-vs-list for any Pod Identity statement", () => {
        fc.assert(
            fc.property(name, name, fc.boolean(), (namespace, serviceAccount, disableSessionTags) => {
                const doc = policyDocument(
                    podIdentityTrustStatement({
                        accountId: ACCOUNT,
                        clusterArns: [CLUSTER_ARN],
                        namespace,
                        serviceAccount,
                        disableSessionTags,
                    }),
                );
                const listed = JSON.parse(JSON.stringify(doc));
                const condition = listed.Statement[0].Condition.StringEquals as Record<string, unknown>;
                for (const key of Object.keys(condition)) {
                    condition[key] = Array.isArray(condition[key]) ? condition[key] : [condition[key]];
                }
                assert.deepStrictEqual(
                    parsePolicy(JSON.stringify(listed, null, 1)).statements,
                    parsePolicy(doc).statements,
                );
            }),
            { numRuns: 200 },
        );
    });
});
