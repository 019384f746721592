import * as assert from "assert";
import { POD_IDENTITY_MIN_SDK } from "../../../components/identity/sdk";
import {
    comparePackageVersions,
    SDK_FAMILIES,
    SDK_PACKAGES,
    sdkFamilyOf,
    sdkPackageOf,
} from "../../../components/identity/sdkPackages";

describe("identity/sdkPackages", () => {
    it("maps 13 of the EKS table's languages to the packages that decide, each with its source", () => {
        const languages = [...new Set(SDK_PACKAGES.map((p) => p.language))];
        assert.deepStrictEqual(
            Object.keys(POD_IDENTITY_MIN_SDK).filter((l) => !languages.includes(l as never)),
            // The CLIs and PowerShell modules are no package of an application's build.
            ["aws-cli-v1", "aws-cli-v2", "powershell"],
        );
        assert.strictEqual(SDK_PACKAGES.length, 14);
        assert.ok(SDK_PACKAGES.every((p) => p.source.length > 0));
        // Follows the code where the table differs, and says so.
        assert.deepStrictEqual(
            SDK_PACKAGES.filter((p) => p.note).map((p) => `${p.name} ${p.minimum}`),
            ["@aws-sdk/credential-provider-node 3.503.1", "AWSSDK.Core 3.7.302"],
        );
    });

    it("every family is decided by packages that have a row", () => {
        for (const f of SDK_FAMILIES) {
            for (const name of f.decidedBy) {
                assert.strictEqual(sdkPackageOf(f.ecosystem, name)?.language, f.language, name);
            }
        }
        assert.strictEqual(
            sdkFamilyOf("golang", "github.com/aws/aws-sdk-go-v2/service/s3")?.language,
            "go-v2",
        );
        assert.strictEqual(sdkFamilyOf("golang", "github.com/aws/aws-sdk-go")?.language, "go-v1");
        assert.strictEqual(sdkFamilyOf("nuget", "AWSSDK.S3")?.language, "dotnet");
        assert.strictEqual(sdkFamilyOf("pypi", "boto3")?.language, "python");
        assert.strictEqual(sdkFamilyOf("npm", "aws-sdk-client-mock"), undefined);
        assert.strictEqual(sdkPackageOf("nuget", "awssdk.core")?.minimum, "3.7.302");
    });

    it("comparePackageVersions: v prefix, four parts, pre-releases and Go pseudo-versions before their release", () => {
        const cases: [string, string, number | undefined][] = [
            ["v1.25.0", "1.25.0", 0],
            ["v1.24.1-0.20231114000000-abcdef123456", "1.24.1", -1],
            ["v1.24.1-0.20231114000000-abcdef123456", "1.24.0", 1],
            ["3.7.302.15", "3.7.302", 1],
            ["3.7.300.2", "3.7.302", -1],
            ["1.2.0+incompatible", "1.2.0", 0],
            ["3.503.1", "3.503.0", 1],
            ["1.11.215", "1.11.263", -1],
            ["latest", "1.0.0", undefined],
            ["", "1.0.0", undefined],
        ];
        for (const [a, b, expected] of cases) {
            assert.strictEqual(comparePackageVersions(a, b), expected, `${a} vs ${b}`);
        }
    });
});
