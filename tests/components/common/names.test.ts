// The name rules: the table's limits, what each physical name becomes, and every refusal's words.
import * as assert from "assert";
import {
    AWS_AUTONAME_SUFFIX,
    KUBERNETES_AUTONAME_SUFFIX,
    maxNameForChild,
    NAME_RULES,
    nameProblem,
    physicalNameOf,
} from "../../../components/common/names";

describe("components/common/names", () => {
    it("one rule per named type the components create: property, maximum, autonaming", () => {
        assert.deepStrictEqual(
            Object.fromEntries(
                Object.entries(NAME_RULES).map(([type, r]) => [
                    type,
                    [r.property, r.maxLength, r.autonameSuffix],
                ]),
            ),
            {
                "aws:iam/role:Role": ["name", 64, 8],
                "aws:iam/instanceProfile:InstanceProfile": ["name", 128, 8],
                "aws:iam/policy:Policy": ["name", 128, 8],
                "aws:iam/rolePolicy:RolePolicy": ["name", 128, 8],
                "aws:eks/cluster:Cluster": ["name", 100, 8],
                "aws:eks/nodeGroup:NodeGroup": ["nodeGroupName", 63, 8],
                "aws:eks/fargateProfile:FargateProfile": ["fargateProfileName", 63, 8],
                "aws:ec2/launchTemplate:LaunchTemplate": ["name", 125, 8],
                "aws:ec2/securityGroup:SecurityGroup": ["name", 255, 8],
                "aws:autoscaling/group:Group": ["name", 255, 8],
                "kubernetes:core/v1:ServiceAccount": ["metadata.name", 253, 9],
            },
        );
        assert.strictEqual(AWS_AUTONAME_SUFFIX, 8);
        assert.strictEqual(KUBERNETES_AUTONAME_SUFFIX, 9);
    });

    it("physicalNameOf: the given name, or the logical name autonamed, nested properties too", () => {
        const role = NAME_RULES["aws:iam/role:Role"];
        const sa = NAME_RULES["kubernetes:core/v1:ServiceAccount"];
        assert.deepStrictEqual(physicalNameOf(role, "x-role", { name: "given" }), {
            name: "given",
            autonamed: false,
        });
        assert.deepStrictEqual(physicalNameOf(role, "x-role", {}), {
            name: "x-role-0000000",
            autonamed: true,
        });
        assert.deepStrictEqual(physicalNameOf(sa, "x-sa", { metadata: { name: "api" } }), {
            name: "api",
            autonamed: false,
        });
        assert.deepStrictEqual(physicalNameOf(sa, "x-sa", { metadata: {} }), {
            name: "x-sa-00000000",
            autonamed: true,
        });
        // Not known yet (an Output the mock monitor leaves out is a non-string): nothing to check.
        assert.strictEqual(physicalNameOf(role, "x-role", { name: 42 }), undefined);
    });

    it("nameProblem: at the limit passes, one over is refused with the rule and its source", () => {
        const role = "aws:iam/role:Role";
        const source = NAME_RULES[role].source;
        // 37 + "-pod-execution-role" (19) + "-" and 7 = 64.
        assert.strictEqual(nameProblem(role, `${"a".repeat(37)}-pod-execution-role`, {}), undefined);
        assert.strictEqual(
            nameProblem(role, `${"a".repeat(38)}-pod-execution-role`, {}),
            `the autonamed name "${"a".repeat(38)}-pod-execution-role-" + 7 random characters (65 characters) is longer than the 64 characters allowed (${source})`,
        );
        assert.strictEqual(nameProblem(role, "r", { name: "a".repeat(64) }), undefined);
        assert.strictEqual(
            nameProblem(role, "r", { name: "a".repeat(65) }),
            `name "${"a".repeat(65)}" (65 characters) is longer than the 64 characters allowed (${source})`,
        );
    });

    it("nameProblem: refused characters, given or autonamed", () => {
        const eks = NAME_RULES["aws:eks/nodeGroup:NodeGroup"].source;
        assert.strictEqual(
            nameProblem("aws:eks/nodeGroup:NodeGroup", "ng", { nodeGroupName: "-ng" }),
            `nodeGroupName "-ng" (3 characters) must be letters, digits, '-' and '_', starting with a letter or digit (${eks})`,
        );
        assert.strictEqual(
            nameProblem("aws:iam/role:Role", "my role", {})?.startsWith(
                'the autonamed name "my role-" + 7 random characters (15 characters) must be letters, digits and + = , . @ _ -',
            ),
            true,
        );
        assert.match(
            nameProblem("aws:ec2/securityGroup:SecurityGroup", "x", { name: "sg-1" }) ?? "",
            /not starting with sg-/,
        );
        assert.strictEqual(nameProblem("aws:iam/role:Role", "ok.name@x", {}), undefined);
        assert.strictEqual(nameProblem("aws:eks/addon:Addon", "a".repeat(500), {}), undefined);
    });

    it("the rules the sources give, where the provider is stricter than the API or the old rule was loose", () => {
        const lt = "aws:ec2/launchTemplate:LaunchTemplate";
        // terraform-provider-aws ValidLaunchTemplateName: 3 to 125 (the EC2 API says 128).
        assert.strictEqual(nameProblem(lt, "x", { name: "a".repeat(125) }), undefined);
        assert.match(
            nameProblem(lt, "x", { name: "a".repeat(126) }) ?? "",
            /longer than the 125 characters allowed/,
        );
        assert.match(nameProblem(lt, "x", { name: "ab" }) ?? "", /must be at least 3 letters, digits/);
        // Auto Scaling: ASCII 33 to 126, no colon; the old rule let spaces and colons through.
        const asg = "aws:autoscaling/group:Group";
        assert.strictEqual(nameProblem(asg, "x", { name: "nodes-(a)_b.c" }), undefined);
        for (const bad of ["nodes a", "nodes:a", "nödes"]) {
            assert.match(
                nameProblem(asg, "x", { name: bad }) ?? "",
                /ASCII characters 33 to 126 \(no spaces\) except ':'/,
                bad,
            );
        }
        // Every source names where its rule is written.
        for (const [type, rule] of Object.entries(NAME_RULES)) {
            assert.ok(/API|terraform|pulumi|cdk|kubernetes\.io/.test(rule.source), type);
        }
    });

    it("maxNameForChild: the room a child leaves its component's name", () => {
        const table: [string, string, number][] = [
            ["aws:iam/role:Role", "-pod-execution-role", 37],
            ["aws:iam/role:Role", "-node-role", 46],
            ["aws:iam/role:Role", "-role", 51],
            ["aws:eks/fargateProfile:FargateProfile", "-profile", 47],
            ["aws:eks/nodeGroup:NodeGroup", "-ng", 52],
        ];
        for (const [type, suffix, want] of table) {
            assert.strictEqual(maxNameForChild(type, suffix), want, `${type} ${suffix}`);
        }
    });
});
