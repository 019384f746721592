import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { wellKnownPolicyDocument, wellKnownPolicyJson } from "../../../../components/identity/catalog";
import { CTX, ZONE, FULL } from "./fixtures";

describe("identity/catalog/document", () => {
    describe("partitions", () => {
        it("rejects an ARN of another partition than the context's", () => {
            assert.throws(
                () =>
                    wellKnownPolicyDocument(FULL["external-dns"], {
                        partition: "aws-cn",
                        region: "cn-north-1",
                        accountId: "222233334444",
                    }),
                /hostedZoneArns\[0\]: .*is in partition "aws", the policy in "aws-cn"/,
            );
        });

        it("rejects a malformed context", () => {
            assert.throws(
                () =>
                    wellKnownPolicyDocument(FULL["cert-manager"], {
                        partition: "aws",
                        region: "us-west-2",
                        accountId: "123",
                    }),
                /ctx.accountId: accountId "123" is not a 12-digit account id/,
            );
        });
    });

    describe("validation", () => {
        it("wellKnownPolicyDocument throws on what validation reports", () => {
            assert.throws(
                () => wellKnownPolicyDocument({ kind: "velero", bucketArns: [] }, CTX),
                /bucketArns: bucketArns is empty for kind "velero"/,
            );
        });
    });

    describe("wellKnownPolicyJson", () => {
        it("resolves Inputs and renders the document", async () => {
            const json = wellKnownPolicyJson(
                { kind: "cert-manager", hostedZoneArns: [pulumi.output(ZONE)] },
                pulumi.output(CTX),
            );
            const value = await new Promise<string>((resolve) => json.apply(resolve));
            assert.deepStrictEqual(JSON.parse(value), wellKnownPolicyDocument(FULL["cert-manager"], CTX));
        });

        it("throws InputPropertiesError up front for plain problems", () => {
            assert.throws(
                () => wellKnownPolicyJson({ kind: "external-dns", hostedZoneArns: [] }, CTX),
                (err: unknown) =>
                    pulumi.InputPropertiesError.isInstance(err) &&
                    err.errors?.[0]?.propertyPath === "hostedZoneArns" &&
                    /hostedZoneArns is empty/.test(err.message),
            );
        });
    });
});
