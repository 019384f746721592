import * as assert from "assert";
import { LOCKFILES, lockfileKind } from "../../sdk/lockfiles";
import { FoundPackage } from "../../sdk/purl";

const fail = (what: string): never => {
    throw new Error(what);
};
const isSdk = (p: FoundPackage) => /^(botocore|github\.com\/aws\/)/.test(p.name);
const read = (kind: string, text: string) =>
    LOCKFILES[kind](text, fail, isSdk).map((p) => `${p.ecosystem}:${p.name}@${p.version}`);

describe("sdk/lockfiles", () => {
    it("requirements.txt: pins with extras, markers and hashes; comments and options skipped", () => {
        const text = [
            "--index-url https://example.org/simple",
            "boto3[crt]==1.34.41 ; python_version >= '3.8' \\",
            "    --hash=sha256:0000",
            "botocore===1.34.41  # resolved",
            "requests>=2",
            "",
        ].join("\n");
        assert.deepStrictEqual(read("requirements.txt", text), [
            "pypi:boto3@1.34.41",
            "pypi:botocore@1.34.41",
        ]);
        assert.strictEqual(lockfileKind("requirements-prod.txt"), "requirements.txt");
        assert.strictEqual(lockfileKind("notes.txt"), undefined);
    });

    it("go.sum: the highest version with a content hash; /go.mod-only versions were only considered", () => {
        const text = [
            "github.com/aws/aws-sdk-go-v2/config v1.18.0/go.mod h1:a=",
            "github.com/aws/aws-sdk-go-v2/config v1.27.11 h1:b=",
            "github.com/aws/aws-sdk-go-v2/config v1.9.0 h1:c=",
            "github.com/aws/aws-sdk-go-v2/config v1.30.0/go.mod h1:d=",
        ].join("\n");
        assert.deepStrictEqual(read("go.sum", text), ["golang:github.com/aws/aws-sdk-go-v2/config@v1.27.11"]);
        assert.throws(() => read("go.sum", "github.com/aws/aws-sdk-go v1.47.11\n"), {
            message: 'line 1 is not "module version h1:hash"',
        });
    });

    it("go.mod: require lines and blocks; a replaced AWS module is refused", () => {
        const text =
            "module m\n\nrequire github.com/aws/aws-sdk-go v1.47.11\nrequire (\n\tgolang.org/x/net v0.23.0 // indirect\n)\n";
        assert.deepStrictEqual(read("go.mod", text), [
            "golang:github.com/aws/aws-sdk-go@v1.47.11",
            "golang:golang.org/x/net@v0.23.0",
        ]);
        assert.throws(() => read("go.mod", `${text}replace github.com/aws/aws-sdk-go => ../fork\n`), {
            message:
                "line 7: replace github.com/aws/aws-sdk-go: the version built is not the one required; give go.sum, or an SBOM of the built binary",
        });
    });

    it("Gemfile.lock: GEM specs at four spaces, platform suffix dropped, dependencies skipped", () => {
        const text =
            "GEM\n  remote: https://rubygems.org/\n  specs:\n    aws-sdk-core (3.191.3)\n      jmespath (~> 1)\n    nokogiri (1.16.2-x86_64-linux)\n\nPLATFORMS\n  x86_64-linux\n";
        assert.deepStrictEqual(read("Gemfile.lock", text), [
            "gem:aws-sdk-core@3.191.3",
            "gem:nokogiri@1.16.2",
        ]);
        assert.throws(() => read("Gemfile.lock", "PATH\n  specs:\n"), { message: /^has no GEM section/ });
    });

    it("package-lock.json version 1 nests dependencies", () => {
        const text = JSON.stringify({
            lockfileVersion: 1,
            dependencies: {
                "aws-sdk": { version: "2.1500.0", dependencies: { uuid: { version: "8.0.0" } } },
            },
        });
        assert.deepStrictEqual(read("package-lock.json", text), ["npm:aws-sdk@2.1500.0", "npm:uuid@8.0.0"]);
    });

    it("names what is wrong in a TOML or Gradle lockfile by its line", () => {
        assert.throws(() => read("Cargo.lock", '[[package]]\nname = "aws-config"\n\n[[package]]\n'), {
            message: "line 1: [[package]] without version",
        });
        assert.throws(() => read("gradle.lockfile", "software.amazon.awssdk:auth=runtimeClasspath\n"), {
            message: 'line 1 is not "group:artifact:version=configurations"',
        });
        assert.throws(() => read("composer.lock", "{}"), {
            message: "has no packages list: is it a composer.lock?",
        });
    });
});
