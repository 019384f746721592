// The shared checks of common/validation.ts: which values they accept (the reasons they give are
// asserted, with their property paths, by the validate.test.ts of each component).
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import {
    arnKey,
    checkTags,
    dnsLabelProblem,
    dnsSubdomainProblem,
    iamRoleNameProblem,
    isPlain,
    labelKeyProblem,
    labelValueProblem,
    parseKubernetesVersion,
    POD_IDENTITY_MIN_KUBERNETES,
    principalArnProblem,
    Problems,
    roleArnProblem,
    TagProblem,
    tagKeyProblem,
    tagValueProblem,
    versionBelow,
} from "../../../components/common/validation";

import { KUBERNETES_VERSION_MALFORMED } from "../../../components/common/validation";
import { validateWorkloadIdentityArgs, WorkloadIdentityProblem } from "../../../components/identity/validate";

/** Asserts which values `check` accepts (undefined) and which it rejects (a reason). */
function accepts(check: (value: string) => string | undefined, valid: string[], invalid: string[]): void {
    for (const value of valid) {
        assert.strictEqual(check(value), undefined, `accepts ${JSON.stringify(value)}`);
    }
    for (const value of invalid) {
        assert.strictEqual(typeof check(value), "string", `rejects ${JSON.stringify(value)}`);
    }
}

describe("common/validation", () => {
    it("isPlain: known at construction time, not an Output, a Promise or missing", () => {
        const cases: [pulumi.Input<string> | undefined, boolean][] = [
            ["payments", true],
            ["", true],
            [pulumi.output("payments"), false],
            [Promise.resolve("payments"), false],
            [undefined, false],
        ];
        for (const [value, expected] of cases) {
            assert.strictEqual(isPlain(value), expected, String(value));
        }
    });

    it("Problems: collects in order, prefixes merged paths", () => {
        const problems = new Problems();
        problems.add("mode", "first");
        problems.merge([{ propertyPath: "kind", reason: "second" }], "wellKnownPolicies[1]");
        problems.merge([{ propertyPath: "namespace", reason: "third" }]);
        assert.deepStrictEqual(problems.list, [
            { propertyPath: "mode", reason: "first" },
            { propertyPath: "wellKnownPolicies[1].kind", reason: "second" },
            { propertyPath: "namespace", reason: "third" },
        ]);
        new Problems().throwIfAny("WorkloadIdentity", "none");
        assert.throws(
            () => problems.throwIfAny("WorkloadIdentity", "bad"),
            pulumi.InputPropertiesError.isInstance,
        );
    });

    it("Kubernetes names: namespaces are DNS-1123 labels, service accounts subdomains", () => {
        accepts(
            dnsLabelProblem,
            ["payments", "a", "kube-system", "a".repeat(63)],
            ["", "Payments", "a_b", "-a", "a-", "a.b", "a".repeat(64)],
        );
        accepts(
            dnsSubdomainProblem,
            ["api", "ebs-csi-controller-sa", "a.b.c", "a".repeat(253)],
            ["", "api_server", "Api", "a..b", ".a", "a".repeat(254)],
        );
    });

    it("IAM ARNs: principals are roles, users or assumed roles; role ARNs are roles", () => {
        accepts(
            principalArnProblem,
            [
                "arn:aws:iam::111122223333:role/platform-admins",
                "arn:aws-cn:iam::111122223333:user/ops/bob",
                "arn:aws-us-gov:iam::111122223333:role/path/to/role",
                "arn:aws:sts::111122223333:assumed-role/admins/session",
            ],
            [
                "arn:aws:iam::123:role/x",
                "arn:aws:iam::111122223333:group/admins",
                "arn:aws:s3:::bucket",
                "admins",
            ],
        );
        accepts(
            roleArnProblem,
            ["arn:aws:iam::111122223333:role/deployer", "arn:aws-cn:iam::111122223333:role/path/x"],
            ["arn:aws:iam::111122223333:user/bob", "arn:aws:sts::111122223333:assumed-role/a/b", "deployer"],
        );
    });

    it("Kubernetes versions: minor versions parse, compare against the Pod Identity minimum", () => {
        const parsed: [string, [number, number] | undefined][] = [
            ["1.33", [1, 33]],
            ["1.9", [1, 9]],
            ["v1.30", undefined],
            ["1.30.1", undefined],
            ["latest", undefined],
        ];
        for (const [value, expected] of parsed) {
            assert.deepStrictEqual(parseKubernetesVersion(value), expected, value);
        }
        assert.deepStrictEqual(POD_IDENTITY_MIN_KUBERNETES, [1, 24]);
        const below: [[number, number], boolean][] = [
            [[1, 23], true],
            [[1, 24], false],
            [[1, 100], false],
            [[0, 99], true],
            [[2, 0], false],
        ];
        for (const [version, expected] of below) {
            assert.strictEqual(
                versionBelow(version, POD_IDENTITY_MIN_KUBERNETES),
                expected,
                version.join("."),
            );
        }
    });

    it("arnKey: the last path segment of an ARN, safe for a resource name", () => {
        const cases: [string, string][] = [
            ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "AmazonS3ReadOnlyAccess"],
            ["arn:aws:iam::111122223333:policy/team/read+write", "read-write"],
            ["arn:aws:route53:::hostedzone/Z0123", "Z0123"],
            ["no-separators", "no-separators"],
        ];
        for (const [arn, key] of cases) {
            assert.strictEqual(arnKey(arn), key, arn);
        }
    });
});

describe("common/validation: problem codes", () => {
    it("Problems keeps codes and data through merge, and sends only path and reason to the engine", () => {
        const inner = new Problems();
        inner.add("kubernetesVersion", "bad version", {
            code: KUBERNETES_VERSION_MALFORMED,
            data: { version: "1.x" },
        });
        const outer = new Problems();
        outer.add("name", "too long");
        outer.merge(inner.list, "nodeGroups[0]");
        assert.deepStrictEqual(outer.list, [
            { propertyPath: "name", reason: "too long" },
            {
                propertyPath: "nodeGroups[0].kubernetesVersion",
                reason: "bad version",
                code: KUBERNETES_VERSION_MALFORMED,
                data: { version: "1.x" },
            },
        ]);
        assert.throws(
            () => outer.throwIfAny("X", "x"),
            (e: unknown) => {
                assert.ok(e instanceof pulumi.InputPropertiesError);
                assert.deepStrictEqual(e.errors, [
                    { propertyPath: "name", reason: "too long" },
                    { propertyPath: "nodeGroups[0].kubernetesVersion", reason: "bad version" },
                ]);
                assert.strictEqual(
                    e.message,
                    'X "x" has 2 invalid input(s):\n  - name: too long\n  - nodeGroups[0].kubernetesVersion: bad version',
                );
                return true;
            },
        );
        assert.doesNotThrow(() => new Problems().throwIfAny("X", "x"));
    });

    it("WorkloadIdentity reports what depends on the cluster by code, with the data its reason was made of", () => {
        const coded = (args: Record<string, unknown>) =>
            validateWorkloadIdentityArgs({
                clusterName: "c",
                namespace: "payments",
                serviceAccount: "api",
                ...args,
            } as never).list.map((p) => [p.propertyPath, p.code, p.data]);
        assert.deepStrictEqual(coded({ mode: "irsa" }), [
            ["oidcProviderArn", WorkloadIdentityProblem.irsaWithoutOidcProvider, undefined],
        ]);
        assert.deepStrictEqual(coded({ mode: "pod-identity", podIdentityAgent: false }), [
            ["podIdentityAgent", WorkloadIdentityProblem.podIdentityWithoutAgent, undefined],
        ]);
        assert.deepStrictEqual(
            coded({
                mode: "both",
                oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/x",
                kubernetesVersion: "1.23",
            }),
            [
                [
                    "kubernetesVersion",
                    WorkloadIdentityProblem.kubernetesTooOldForPodIdentity,
                    { version: "1.23", minimum: "1.24" },
                ],
            ],
        );
        assert.deepStrictEqual(coded({ mode: "pod-identity", kubernetesVersion: "one" }), [
            ["kubernetesVersion", KUBERNETES_VERSION_MALFORMED, { version: "one" }],
        ]);
        assert.deepStrictEqual(coded({ mode: "pod-identity", fargateNamespaces: ["payments"] }), [
            ["namespace", WorkloadIdentityProblem.podIdentityOnFargate, { namespace: "payments" }],
        ]);
    });
});

describe("common/validation: IAM role names, AWS tags, Kubernetes labels", () => {
    it("iamRoleNameProblem: 1-64 of letters, digits and +=,.@_- (IAM CreateRole RoleName)", () => {
        accepts(iamRoleNameProblem, ["a", "Payments_API+v2=eu,prod.@team-1", "r".repeat(64)], []);
        assert.match(iamRoleNameProblem("")!, /^an IAM role name cannot be empty: .*or remove roleName/);
        assert.strictEqual(
            iamRoleNameProblem("r".repeat(65)),
            `"${"r".repeat(65)}" is 65 characters; IAM role names have at most 64: shorten it`,
        );
        assert.strictEqual(
            iamRoleNameProblem("payments/api role"),
            '"payments/api role" has "/", " ", which IAM refuses in a role name: use only letters, digits and + = , . @ _ -',
        );
    });

    it("tagKeyProblem and tagValueProblem: IAM's tag rules, lengths in Unicode characters", () => {
        accepts(
            tagKeyProblem,
            [
                "environment",
                "cost center",
                "team:owner/name=+-@_.",
                "k".repeat(128),
                "Ümlaut",
                "ä".repeat(128),
            ],
            [],
        );
        const key = (k: string) => tagKeyProblem(k);
        assert.strictEqual(key(""), "a tag key cannot be empty: name the tag or remove it");
        assert.match(key("k".repeat(129))!, /is 129 characters; AWS allows at most 128: shorten it$/);
        for (const reserved of ["aws:cost", "AWS:cost", "Aws:cost"]) {
            assert.match(
                key(reserved)!,
                /starts with "aws:", which AWS reserves for its own tags \(in any case\): rename it/,
            );
        }
        assert.match(
            key("owner#1")!,
            /has characters AWS refuses: use only letters, digits, spaces and _ \. : \/ = \+ - @$/,
        );
        assert.strictEqual(tagValueProblem("k", ""), undefined);
        assert.strictEqual(tagValueProblem("k", "v".repeat(256)), undefined);
        assert.strictEqual(
            tagValueProblem("owner", "v".repeat(257)),
            'the value of tag "owner" is 257 characters; AWS allows at most 256: shorten it',
        );
        assert.match(tagValueProblem("owner", "a&b")!, /has characters AWS refuses/);
    });

    it("checkTags: each bad tag at its key, more than 50 at the map, by code", () => {
        const problems = new Problems();
        const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
        checkTags({ ...many, "aws:team": "x", "": "y" }, problems);
        assert.deepStrictEqual(
            problems.list.map((p) => [p.propertyPath, p.code]),
            [
                ["tags.aws:team", TagProblem.invalid],
                ["tags", TagProblem.invalid],
                ["tags", TagProblem.tooMany],
            ],
        );
        assert.strictEqual(problems.list[2].reason, "53 tags; an IAM role takes at most 50: remove 3");
        const output = new Problems();
        checkTags(pulumi.output({ "aws:x": "y" }), output);
        assert.deepStrictEqual(output.list, []);
    });

    it("labelKeyProblem and labelValueProblem: Kubernetes' syntax (IsQualifiedName, IsValidLabelValue)", () => {
        accepts(
            labelKeyProblem,
            ["pool", "Pool_2", "example.com/pool", "a.b", `${"p".repeat(253)}/n`, "n".repeat(63)],
            [
                "",
                "-pool",
                "pool-",
                "pool name",
                "n".repeat(64),
                "Example.com/pool",
                "example.com/",
                "/pool",
                "a/b/c",
                `${"p".repeat(254)}/n`,
                "example_com/pool",
            ],
        );
        accepts(
            (v) => labelValueProblem("k", v),
            ["", "gpu", "GPU_v1.2-a", "v".repeat(63)],
            ["v".repeat(64), "-gpu", "gpu.", "a b", "a/b", "a:b"],
        );
        assert.match(labelKeyProblem("a/b/c")!, /^"a\/b\/c" has more than one "\/": use \[prefix\/\]name/);
    });
});
