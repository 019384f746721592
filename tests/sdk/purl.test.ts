import * as assert from "assert";
import { parsePurl } from "../../sdk/purl";

describe("sdk/purl", () => {
    it("reads the ecosystem, the namespace and name, and the version of a package URL", () => {
        const cases: [string, string | undefined][] = [
            [
                "pkg:npm/%40aws-sdk/credential-provider-node@3.600.0",
                "npm @aws-sdk/credential-provider-node 3.600.0",
            ],
            ["pkg:npm/@aws-sdk/client-sts@3.600.0", "npm @aws-sdk/client-sts 3.600.0"],
            [
                "pkg:golang/github.com/aws/aws-sdk-go-v2/config@v1.24.0?type=module",
                "golang github.com/aws/aws-sdk-go-v2/config v1.24.0",
            ],
            [
                "pkg:maven/software.amazon.awssdk/auth@2.21.30?type=jar",
                "maven software.amazon.awssdk/auth 2.21.30",
            ],
            ["pkg:pypi/Boto_Core@1.34.41", "pypi boto-core 1.34.41"],
            ["pkg:conan/aws-sdk-cpp@1.11.283?rrev=a2b3#sub/path", "conan aws-sdk-cpp 1.11.283"],
            ["pkg:NuGet/AWSSDK.Core@3.7.302.15", "nuget AWSSDK.Core 3.7.302.15"],
            ["pkg:gem/aws-sdk-core", "gem aws-sdk-core "],
            ["botocore==1.34.41", undefined],
            ["pkg:npm/%E0%A4%A@1.0.0", undefined],
        ];
        for (const [purl, expected] of cases) {
            const p = parsePurl(purl);
            assert.strictEqual(p && `${p.ecosystem} ${p.name} ${p.version}`, expected, purl);
        }
    });
});
