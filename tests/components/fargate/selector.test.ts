// Fargate selector patterns as the EKS User Guide defines them: `*` none, one or several
// characters, `?` exactly one, anywhere; the guide's own examples first.
import * as assert from "assert";
import {
    fargateNamespaceMatches,
    fargateNamespacePatternProblem,
    fargatePatternFor,
} from "../../../components/fargate/selector";

describe("components/fargate/selector", () => {
    it("matches as the guide's examples say", () => {
        const cases: [string, string, boolean][] = [
            ["prod*", "prod", true],
            ["prod*", "prod-metrics", true],
            ["value?", "valuea", true],
            ["value?", "value", false],
            ["value?", "value-a", false],
            ["*dev", "team-dev", true],
            ["*dev", "dev", true],
            ["*dev", "dev-team", false],
            ["frontend*?", "frontend", false],
            ["frontend*?", "frontend1", true],
            ["frontend*?", "frontend-app", true],
            ["batch", "batch", true],
            ["batch", "batch2", false],
            ["b*t*h", "batch", true],
            ["*", "anything", true],
            ["a*b*c", "aXbYbZc", true],
            ["a*b*c", "aXbYc-", false],
        ];
        for (const [pattern, namespace, expected] of cases) {
            assert.strictEqual(
                fargateNamespaceMatches(pattern, namespace),
                expected,
                `${pattern} ~ ${namespace}`,
            );
        }
        assert.strictEqual(fargatePatternFor(["payments", "team-*"], "team-a"), "team-*");
        assert.strictEqual(fargatePatternFor(["payments", "team-*"], "teams"), undefined);
    });

    it("takes namespace characters and the two wildcards, nothing else", () => {
        assert.deepStrictEqual(["team-*", "*dev", "prod?", "batch"].map(fargateNamespacePatternProblem), [
            undefined,
            undefined,
            undefined,
            undefined,
        ]);
        assert.deepStrictEqual(
            ["Batch", "team_a", "prod.*", "-x", "", "a".repeat(64)].map(fargateNamespacePatternProblem),
            [
                `"Batch" must be a Kubernetes namespace (lower-case letters, digits and '-') in which '*' and '?' may stand for characters`,
                `"team_a" must be a Kubernetes namespace (lower-case letters, digits and '-') in which '*' and '?' may stand for characters`,
                `"prod.*" must be a Kubernetes namespace (lower-case letters, digits and '-') in which '*' and '?' may stand for characters`,
                `"-x" must start and end with a letter, a digit or a wildcard`,
                `"" must be 1 to 63 characters`,
                `"${"a".repeat(64)}" must be 1 to 63 characters`,
            ],
        );
    });
});
