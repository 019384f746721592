// The components and the policy pack are published separately (pulumi package add; pulumi policy
// publish), so neither imports the other. The few helpers both need are written twice; these
// properties keep the two copies equal.
import * as assert from "assert";
import fc from "fast-check";
import { policyLength as componentLength } from "../../../components/common/policy";
import * as components from "../../../components/identity/trust";
import * as pack from "../../../policy-pack/lib/trust";

const issuerish = fc.oneof(
    fc.string(),
    fc.constantFrom(
        "https://oidc.eks.us-west-2.amazonaws.com/id/ABC/",
        "HTTPS://oidc.eks.eu-west-1.amazonaws.com/id/X",
        "oidc.eks.cn-north-1.amazonaws.com.cn/id/Y",
    ),
);

describe("helpers shared by the components and the policy pack", () => {
    it("issuerHostPath agrees", () => {
        fc.assert(fc.property(issuerish, (s) => components.issuerHostPath(s) === pack.issuerHostPath(s)));
    });

    it("issuerFromProviderArn agrees", () => {
        const arns = fc.oneof(
            fc.string(),
            issuerish.map((i) => `arn:aws:iam::111122223333:oidc-provider/${i}`),
        );
        fc.assert(
            fc.property(arns, (a) => components.issuerFromProviderArn(a) === pack.issuerFromProviderArn(a)),
        );
    });

    it("serviceAccountSubject and the constants agree", () => {
        fc.assert(
            fc.property(
                fc.string(),
                fc.string(),
                (ns, sa) => components.serviceAccountSubject(ns, sa) === pack.serviceAccountSubject(ns, sa),
            ),
        );
        assert.strictEqual(components.STS_AUDIENCE, pack.STS_AUDIENCE);
        assert.strictEqual(components.POD_IDENTITY_PRINCIPAL, pack.POD_IDENTITY_SERVICE);
    });

    it("policyLength agrees (whitespace is not counted)", () => {
        fc.assert(fc.property(fc.json(), (json) => componentLength(json) === pack.policyLength(json)));
    });
});
