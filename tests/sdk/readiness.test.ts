import * as assert from "assert";
import { readiness, tooOld } from "../../sdk/readiness";
import { parsePurl } from "../../sdk/purl";

const pkgs = (...purls: string[]) => purls.map((p) => parsePurl(p)!);

describe("sdk/readiness", () => {
    it("an SDK whose deciding package is not listed cannot be decided", () => {
        const r = readiness(
            pkgs(
                "pkg:npm/%40aws-sdk/client-s3@3.600.0",
                "pkg:golang/github.com/aws/aws-sdk-go-v2/service/s3@v1.58.2",
            ),
        );
        assert.strictEqual(r.ready, null);
        assert.deepStrictEqual(
            r.sdks.map((s) => `${s.package} ${s.version} ${s.ready}`),
            [
                "github.com/aws/aws-sdk-go-v2/config null null",
                "github.com/aws/aws-sdk-go-v2/credentials null null",
                "@aws-sdk/credential-provider-node null null",
            ],
        );
        assert.ok(
            r.notes.includes(
                "javascript-v3: @aws-sdk/client-s3 is listed but not @aws-sdk/credential-provider-node, whose version decides: cannot decide; give an SBOM or lockfile that lists every package",
            ),
        );
    });

    it("too old wins over undecided; undecided over ready", () => {
        assert.strictEqual(
            readiness(pkgs("pkg:pypi/boto3@1.34.41", "pkg:gem/aws-sdk-core@3.187.0")).ready,
            false,
        );
        assert.strictEqual(
            readiness(pkgs("pkg:gem/aws-sdk-core@3.188.0", "pkg:pypi/botocore@main")).ready,
            null,
        );
        assert.strictEqual(
            readiness(pkgs("pkg:gem/aws-sdk-core@3.188.0", "pkg:pypi/botocore@1.34.41")).ready,
            true,
        );
        assert.strictEqual(readiness([]).ready, null);
        assert.deepStrictEqual(tooOld(readiness(pkgs("pkg:gem/aws-sdk-core@3.187.0"))), [
            "ruby SDK package aws-sdk-core 3.187.0 predates EKS Pod Identity (needs 3.188.0 or later)",
        ]);
    });

    it("boto3 does not decide, botocore does; PyPI names compare normalised", () => {
        const r = readiness(pkgs("pkg:pypi/boto3@1.40.0", "pkg:pypi/BotoCore@1.33.13"));
        assert.deepStrictEqual(r.sdks, [
            { language: "python", package: "botocore", version: "1.33.13", minimum: "1.34.41", ready: false },
        ]);
    });

    it("lists each version of a package once, so nested npm copies show", () => {
        const r = readiness(
            pkgs("pkg:npm/aws-sdk@2.1549.0", "pkg:npm/aws-sdk@2.1600.0", "pkg:npm/aws-sdk@2.1549.0"),
        );
        assert.deepStrictEqual(
            r.sdks.map((s) => `${s.version} ${s.ready}`),
            ["2.1549.0 false", "2.1600.0 true"],
        );
    });
});
