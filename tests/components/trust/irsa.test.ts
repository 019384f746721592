import * as assert from "assert";
import { irsaTrustStatement } from "../../../components/trust/irsa";
import { assertExactJson } from "./exactJson";

const ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
const PROVIDER = `arn:aws:iam::111122223333:oidc-provider/${ISSUER}`;

describe("trust/irsa", () => {
    const expected = (issuer: string, provider: string, subject: string) => ({
        Effect: "Allow",
        Principal: { Federated: provider },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
            StringEquals: {
                [`${issuer}:sub`]: subject,
                [`${issuer}:aud`]: "sts.amazonaws.com",
            },
        },
    });

    it("names exactly the service account and the STS audience under the provider's issuer", () => {
        assertExactJson(
            irsaTrustStatement({ oidcProviderArn: PROVIDER, namespace: "payments", serviceAccount: "api" }),
            expected(ISSUER, PROVIDER, "system:serviceaccount:payments:api"),
        );
    });

    it("takes a given issuer without its scheme and trailing slash", () => {
        const cases = [`https://${ISSUER}`, `https://${ISSUER}/`, `HTTPS://${ISSUER}`, ISSUER];
        for (const oidcIssuer of cases) {
            assertExactJson(
                irsaTrustStatement({
                    oidcProviderArn: PROVIDER,
                    oidcIssuer,
                    namespace: "kube-system",
                    serviceAccount: "ebs-csi-controller-sa",
                }),
                expected(ISSUER, PROVIDER, "system:serviceaccount:kube-system:ebs-csi-controller-sa"),
            );
        }
    });

    it("keeps the provider's partition in the principal (aws-cn)", () => {
        const issuer = "oidc.eks.cn-north-1.amazonaws.com.cn/id/ABCDEF0123456789ABCDEF0123456789";
        const provider = `arn:aws-cn:iam::444455556666:oidc-provider/${issuer}`;
        assertExactJson(
            irsaTrustStatement({ oidcProviderArn: provider, namespace: "a", serviceAccount: "b" }),
            expected(issuer, provider, "system:serviceaccount:a:b"),
        );
    });

    it("refuses a provider ARN it cannot read an issuer from, when none is given", () => {
        assert.throws(
            () =>
                irsaTrustStatement({
                    oidcProviderArn: "arn:aws:iam::111122223333:role/not-a-provider",
                    namespace: "payments",
                    serviceAccount: "api",
                }),
            /^Error: cannot derive the OIDC issuer from "arn:aws:iam::111122223333:role\/not-a-provider": pass oidcIssuer$/,
        );
    });
});
