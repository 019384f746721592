import * as assert from "assert";
import { podIdentityTrustStatement } from "../../../../components/trust/podIdentity";
import { literalViews, partialPolicy, unknownPaths } from "../../../../policy-pack/lib/iam/partial";
import { parsePolicy } from "../../../../policy-pack/lib/iam/parser";
import { UNKNOWN } from "../../../../policy-pack/lib/props";
import { ACCOUNT, CLUSTER_ARN } from "../../factories";

const podIdentity = podIdentityTrustStatement({
    accountId: ACCOUNT,
    clusterArns: [CLUSTER_ARN],
    namespace: "app",
    serviceAccount: "api",
});
// An IRSA statement before its cluster exists: the provider ARN and the issuer's keys unknown.
const irsaAtPreview = {
    Effect: "Allow",
    Principal: { Federated: UNKNOWN },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: { StringEquals: UNKNOWN },
};

describe("iam/partial", () => {
    it("unknownPaths: every unknown leaf by its path", () => {
        assert.deepStrictEqual(unknownPaths(irsaAtPreview), [
            "Principal.Federated",
            "Condition.StringEquals",
        ]);
        assert.deepStrictEqual(unknownPaths({ a: [1, UNKNOWN] }), ["a[1]"]);
        assert.deepStrictEqual(unknownPaths(UNKNOWN), ["(the value)"]);
        assert.deepStrictEqual(unknownPaths(podIdentity), []);
    });

    it("the known statements parsed at their positions; the unknown ones named with what is unknown", () => {
        const partial = partialPolicy({ Version: "2012-10-17", Statement: [irsaAtPreview, podIdentity] });
        assert.deepStrictEqual(partial?.unknown, [
            "statement 0 (Principal.Federated, Condition.StringEquals)",
        ]);
        const whole = parsePolicy({ Statement: podIdentity });
        assert.deepStrictEqual(partial?.known, {
            version: "2012-10-17",
            statements: [{ ...whole.statements[0], index: 1 }],
            length: whole.length,
        });
    });

    it("literalViews: the unknowns filled twice, the provider as the one the literal condition keys name", () => {
        const issuer = "oidc.eks.us-west-2.amazonaws.com/id/ABC";
        const view = literalViews(
            {
                Effect: "Allow",
                Principal: { Federated: UNKNOWN },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { StringEquals: { [`${issuer}:sub`]: UNKNOWN } },
            },
            3,
        );
        assert.deepStrictEqual(
            view?.variants.map((v) => [v.statement.index, v.statement.principals.federated, v.filled]),
            [0, 1].map((k) => [
                3,
                [`arn:aws:iam::000000000000:oidc-provider/${issuer}`],
                [`arn:aws:iam::000000000000:oidc-provider/${issuer}`, `preview-unknown-${k}`],
            ]),
        );
        assert.deepStrictEqual(
            view?.variants.map((v) => v.statement.conditions.map((c) => c.values)),
            [[["preview-unknown-0"]], [["preview-unknown-1"]]],
        );
        // An unknown where a statement needs structure (a whole condition block) leaves nothing to check.
        assert.strictEqual(
            literalViews({ Effect: "Allow", Action: "sts:AssumeRole", Condition: UNKNOWN }, 0),
            undefined,
        );
        assert.strictEqual(partialPolicy({ Statement: [irsaAtPreview] })?.literal.length, 0);
    });

    it("an unknown outside the statements is named; a single statement object is read as a list of one", () => {
        assert.deepStrictEqual(partialPolicy({ Version: UNKNOWN, Statement: podIdentity })?.unknown, [
            "Version",
        ]);
        assert.strictEqual(
            partialPolicy({ Version: UNKNOWN, Statement: podIdentity })?.known.statements.length,
            1,
        );
    });

    it("nothing to separate: the document, its Statement or its text unknown, or a known statement that is not one", () => {
        for (const document of [
            UNKNOWN,
            { Statement: UNKNOWN },
            `{"Statement":[${JSON.stringify(podIdentity)}]}`,
            { Version: "2012-10-17" },
            { Statement: [irsaAtPreview, { Effect: "Maybe" }] },
        ]) {
            assert.strictEqual(partialPolicy(document), undefined, JSON.stringify(document));
        }
    });
});
