// The one body of tests for the twin files components/trust/eksIdentity.ts and
// policy-pack/lib/iam/eksIdentity.ts: each side's test file runs it on its own copy, and both
// check that the two texts are identical (the pack is published alone, so it cannot import the
// components' copy).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as components from "../components/trust/eksIdentity";
import * as pack from "../policy-pack/lib/iam/eksIdentity";

type Twin = typeof components;
const root = path.resolve(__dirname, "..", "..");
const TWIN_PATHS = ["components/trust/eksIdentity.ts", "policy-pack/lib/iam/eksIdentity.ts"];

export function describeEksIdentityTwin(side: "components" | "policy-pack"): void {
    const twin: Twin = side === "components" ? components : pack;
    describe(`${side}: eksIdentity (twin file)`, () => {
        it("has the same text as its twin", () => {
            const [a, b] = TWIN_PATHS.map((p) => fs.readFileSync(path.join(root, p), "utf8"));
            assert.ok(a.length > 0);
            assert.strictEqual(b, a, `${TWIN_PATHS[1]} differs from ${TWIN_PATHS[0]}: edit both together`);
        });

        it("names the EKS identity constants", () => {
            assert.deepStrictEqual(
                [twin.STS_AUDIENCE, twin.POD_IDENTITY_PRINCIPAL, twin.WEB_IDENTITY_ACTION],
                ["sts.amazonaws.com", "pods.eks.amazonaws.com", "sts:AssumeRoleWithWebIdentity"],
            );
        });

        it("issuerHostPath drops the scheme (any case) and one trailing slash", () => {
            const cases: [string, string][] = [
                [
                    "https://oidc.eks.us-west-2.amazonaws.com/id/ABC/",
                    "oidc.eks.us-west-2.amazonaws.com/id/ABC",
                ],
                ["HTTPS://oidc.eks.eu-west-1.amazonaws.com/id/X", "oidc.eks.eu-west-1.amazonaws.com/id/X"],
                ["oidc.eks.cn-north-1.amazonaws.com.cn/id/Y", "oidc.eks.cn-north-1.amazonaws.com.cn/id/Y"],
                ["http://example.com/", "http://example.com"],
                ["", ""],
            ];
            assert.deepStrictEqual(
                cases.map(([input]) => twin.issuerHostPath(input)),
                cases.map(([, expected]) => expected),
            );
        });

        it("issuerFromProviderArn reads the issuer after :oidc-provider/, in any partition", () => {
            assert.strictEqual(
                twin.issuerFromProviderArn(
                    "arn:aws-cn:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/Y",
                ),
                "oidc.eks.cn-north-1.amazonaws.com.cn/id/Y",
            );
            assert.strictEqual(twin.issuerFromProviderArn("arn:aws:iam::111122223333:role/x"), undefined);
            assert.strictEqual(twin.issuerFromProviderArn(""), undefined);
        });

        it("serviceAccountSubject and policyLength", () => {
            assert.strictEqual(
                twin.serviceAccountSubject("payments", "payments-api"),
                "system:serviceaccount:payments:payments-api",
            );
            assert.strictEqual(twin.policyLength('{ "a" :\n\t"b c" }'), '{"a":"bc"}'.length);
        });
    });
}
