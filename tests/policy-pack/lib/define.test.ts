import * as assert from "assert";
import { PolicyConfigSchema } from "@pulumi/policy";
import { UnknownValueError } from "@pulumi/policy";
import {
    configWithDefaults,
    resourcePolicy,
    stackPolicy,
    trustPolicyCheck,
    Undetermined,
} from "../../../policy-pack/lib/define";
import { evaluate } from "../../../policy-pack/lib/evaluate";
import { ParsedPolicy } from "../../../policy-pack/lib/iam/parser";
import { Plain, UNKNOWN } from "../../../policy-pack/lib/props";
import { StackIndex } from "../../../policy-pack/lib/stack";
import { T, U, ec2Trust, happyStack, resource, role, urn } from "../factories";
import { runResource, runStack, UNDETERMINED_TRUST } from "../harness";

/** The pack's checks of one role's trust policy, in the pack's order. */
const TRUST_CHECKS = [
    "trust-irsa-subject-required",
    "trust-irsa-audience-required",
    "trust-irsa-subject-wildcard",
    "trust-irsa-condition-operators",
    "trust-irsa-issuer-keys",
    "trust-irsa-action",
    "trust-no-wildcard-principal",
    "trust-workload-account-root",
    "trust-wildcard-operator",
    "trust-length",
    "trust-valid-document",
    "trust-pod-identity-actions",
    "trust-pod-identity-scope",
    "trust-pod-identity-principal-mixing",
    "trust-fargate-source-arn",
];

const schema: PolicyConfigSchema = {
    properties: {
        maxLength: { type: "integer", default: 2048 },
        allowed: { type: "array", default: ["sts.amazonaws.com"] },
        strict: { type: "boolean", default: false },
        note: { type: "string" },
    },
};

describe("configWithDefaults", () => {
    it("overlays the configured properties on the schema's defaults, without enforcementLevel or undefined values", () => {
        const cases: [PolicyConfigSchema | undefined, object, object][] = [
            [undefined, {}, {}],
            [undefined, { extra: 1 }, { extra: 1 }],
            [schema, {}, { maxLength: 2048, allowed: ["sts.amazonaws.com"], strict: false }],
            [
                schema,
                { maxLength: 4096, note: "n", enforcementLevel: "mandatory", strict: undefined },
                { maxLength: 4096, allowed: ["sts.amazonaws.com"], strict: false, note: "n" },
            ],
        ];
        for (const [s, configured, expected] of cases) {
            assert.deepStrictEqual(configWithDefaults(s, configured), expected, JSON.stringify(configured));
        }
    });

    it("copies array defaults, so a policy mutating its config cannot change the schema", () => {
        const config = configWithDefaults<{ allowed: string[] }>(schema, {});
        config.allowed.push("vault");
        assert.deepStrictEqual(schema.properties.allowed.default, ["sts.amazonaws.com"]);
    });
});

describe("resourcePolicy", () => {
    const seen: { props: Plain; config: unknown }[] = [];
    const policy = resourcePolicy<{ maxLength: number; allowed: string[]; strict: boolean }>({
        name: "demo-role",
        description: "Demo.",
        enforcementLevel: "advisory",
        configSchema: schema,
        resourceType: T.role,
        validate: (props, report, config) => {
            seen.push({ props, config });
            report(`role ${String(props.name)}`);
        },
    });
    beforeEach(() => (seen.length = 0));

    it("keeps name, description, level and schema, and tags its validation with the type for the runtime", () => {
        assert.deepStrictEqual(
            [policy.name, policy.description, policy.enforcementLevel, policy.configSchema],
            ["demo-role", "Demo.", "advisory", schema],
        );
        assert.strictEqual(
            (policy.validateResource as unknown as { __pulumiType: string }).__pulumiType,
            T.role,
        );
    });

    it("hands validate plain props (unknowns as UNKNOWN) and the config with defaults; reports pass through", async () => {
        const outcome = await runResource(policy, role("r", U, true), { maxLength: 10 });
        assert.deepStrictEqual(outcome.messages, ["role r"]);
        assert.deepStrictEqual(seen, [
            {
                props: { name: "r", arn: UNKNOWN, assumeRolePolicy: UNKNOWN },
                config: { maxLength: 10, allowed: ["sts.amazonaws.com"], strict: false },
            },
        ]);
    });

    it("is not applicable to other types; with several types it names them all and carries no single type", async () => {
        const other = resource(T.oidc, "o", { url: "https://x" });
        assert.deepStrictEqual(await runResource(policy, other), {
            messages: [],
            urns: [],
            notApplicable: "Policy only applies to resources of type 'aws:iam/role:Role'",
        });
        assert.deepStrictEqual(seen, []);
        const multi = resourcePolicy({
            name: "demo-multi",
            description: "Demo.",
            enforcementLevel: "mandatory",
            resourceType: [T.role, T.oidc],
            validate: (props, report) => report(String(props.url ?? props.name)),
        });
        assert.strictEqual(
            (multi.validateResource as unknown as { __pulumiType?: string }).__pulumiType,
            undefined,
        );
        assert.strictEqual("configSchema" in multi, false);
        assert.deepStrictEqual((await runResource(multi, other)).messages, ["https://x"]);
        assert.deepStrictEqual(
            (await runResource(multi, resource(T.nodeGroup, "ng", {}))).notApplicable,
            "Policy only applies to resources of type 'aws:iam/role:Role', 'aws:iam/openIdConnectProvider:OpenIdConnectProvider'",
        );
    });
});

describe("stackPolicy", () => {
    it("validates the stack's linked index with the config's defaults; a report carries its URN", async () => {
        const indexes: StackIndex[] = [];
        const policy = stackPolicy<{ maxLength: number }>({
            name: "demo-stack",
            description: "Demo.",
            enforcementLevel: "mandatory",
            configSchema: schema,
            validate: (index, report, config) => {
                indexes.push(index);
                for (const r of index.rolesUsedAs("node")) {
                    report(`node role ${r.role.name}, max ${config.maxLength}`, r.role.urn);
                }
            },
        });
        assert.deepStrictEqual(
            [policy.name, policy.description, policy.enforcementLevel, policy.configSchema],
            ["demo-stack", "Demo.", "mandatory", schema],
        );
        const outcome = await runStack(policy, happyStack({ preview: true }));
        assert.deepStrictEqual(outcome, {
            messages: ["node role node-role, max 2048"],
            urns: [urn(T.role, "node-role")],
        });
        assert.ok(indexes[0] instanceof StackIndex);
        assert.strictEqual(indexes[0].resources.length, happyStack().length);
    });
});

describe("trustPolicyCheck", () => {
    it("checks roles whose assumeRolePolicy parses; an unknown one is undetermined, absent and broken ones are not checked", async () => {
        const checked: [ParsedPolicy, Plain][] = [];
        const policy = trustPolicyCheck({
            name: "demo-trust",
            description: "Demo.",
            enforcementLevel: "advisory",
            check: (parsed, report, _config, props) => {
                checked.push([parsed, props]);
                report(`${parsed.statements.length} statement(s)`);
            },
        });
        assert.strictEqual(
            (policy.validateResource as unknown as { __pulumiType: string }).__pulumiType,
            T.role,
        );
        const unchecked = [resource(T.role, "r", { name: "r" }), role("r", "{not json", false)];
        for (const r of unchecked) {
            assert.deepStrictEqual(await runResource(policy, r), { messages: [], urns: [] });
        }
        // Unknown as a whole, or through a sentinel inside its text.
        for (const trust of [U, `{"Statement":[{"Principal":{"Federated":"${U}"}}]}`]) {
            assert.deepStrictEqual(await runResource(policy, role("r", trust, true)), {
                messages: [],
                urns: [],
                undetermined: UNDETERMINED_TRUST,
            });
        }
        // In object form, the known statements (here none) are checked, the unknown one named.
        assert.deepStrictEqual(await runResource(policy, role("r", { Statement: [U] }, true)), {
            messages: ["0 statement(s)"],
            urns: [undefined],
            undetermined:
                "undetermined: the trust policy's statement 0 is unknown at preview, checked at pulumi up",
        });
        assert.deepStrictEqual(
            checked.map(([parsed]) => parsed.statements),
            [[]],
        );
        assert.deepStrictEqual((await runResource(policy, role("node", ec2Trust(), false))).messages, [
            "1 statement(s)",
        ]);
        assert.deepStrictEqual(checked[1][0].statements[0].principals.service, ["ec2.amazonaws.com"]);
        assert.strictEqual(checked[1][1].name, "node");
    });
});

describe("Undetermined", () => {
    it("is the runtime's UnknownValueError, so evaluate() and the CLI report it advisory, per policy and resource", async () => {
        const e = new Undetermined("the cluster's OIDC issuer");
        assert.ok(e instanceof UnknownValueError);
        assert.strictEqual(e.message, "undetermined: the cluster's OIDC issuer, checked at pulumi up");
        assert.strictEqual(e.what, "the cluster's OIDC issuer");
    });

    it("an IRSA role at preview: every trust check of the pack is undetermined (advisory), none passes in silence", async () => {
        const irsaRole = role("app-role", U, true);
        const found = await evaluate([irsaRole]);
        const undetermined = found.filter((v) => v.message.endsWith(`during preview: ${UNDETERMINED_TRUST}`));
        assert.deepStrictEqual(
            undetermined.map((v) => [v.policyName, v.enforcementLevel, v.urn]),
            TRUST_CHECKS.map((name) => [name, "advisory", irsaRole.urn]),
        );
        assert.deepStrictEqual(
            found.filter((v) => !undetermined.includes(v)).map((v) => v.policyName),
            [],
        );
        assert.strictEqual(
            undetermined[0].message,
            `can't run policy 'trust-irsa-subject-required' from policy pack 'eks-identity@v0.1.0' during preview: ${UNDETERMINED_TRUST}`,
        );
    });

    it("a trust in object form with unknown parts: its known statements checked, the unknown one undetermined", async () => {
        const bothAtPreview = {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Federated: U },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: { StringEquals: U },
                },
                // The known Pod Identity statement, but without sts:TagSession and its tags.
                {
                    Effect: "Allow",
                    Principal: { Service: "pods.eks.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
                },
            ],
        };
        const r = role("app-role", bothAtPreview, true);
        const found = await evaluate([r]);
        const unknownPart =
            // Keys in the order the wire gives them (a protobuf Struct's, sorted).
            "undetermined: the trust policy's statement 0 (Condition.StringEquals, Principal.Federated) is unknown at preview, checked at pulumi up";
        assert.deepStrictEqual(
            found
                .filter((v) => v.policyName === "trust-pod-identity-actions")
                .map((v) => v.message.split("\n")),
            [
                [
                    "A statement trusting pods.eks.amazonaws.com must allow both sts:AssumeRole and sts:TagSession.",
                    'Trust statement 1 trusts pods.eks.amazonaws.com without sts:TagSession, so EKS Pod Identity cannot use the role. Set "Action": ["sts:AssumeRole", "sts:TagSession"].',
                ],
                [
                    `can't run policy 'trust-pod-identity-actions' from policy pack 'eks-identity@v0.1.0' during preview: ${unknownPart}`,
                ],
            ],
        );
        assert.deepStrictEqual(
            found
                .filter((v) => v.enforcementLevel === "mandatory")
                .map((v) => [v.policyName, v.message.split("\n")[1]]),
            [
                [
                    "trust-pod-identity-scope",
                    'Trust statement 1 trusts pods.eks.amazonaws.com without "aws:RequestTag/kubernetes-namespace" and "aws:RequestTag/kubernetes-service-account" conditions, so any Pod Identity association in the account can use the role. Add "StringEquals": {"aws:RequestTag/kubernetes-namespace": "<namespace>", "aws:RequestTag/kubernetes-service-account": "<service-account>"} (optionally "aws:RequestTag/eks-cluster-arn": "<cluster-arn>" to pin the cluster). If the association sets disableSessionTags (EKS then sends no session tags), lower trust-pod-identity-scope to advisory or set its requireSessionTags to false in the policy config.',
                ],
            ],
        );
        // Every trust check is undetermined for the unknown statement; trust-length and
        // trust-valid-document need the whole document.
        const undetermined = found.filter((v) => v.message.includes("during preview: undetermined: "));
        assert.deepStrictEqual(
            undetermined.map((v) => v.policyName),
            TRUST_CHECKS,
        );
        assert.deepStrictEqual(
            undetermined.filter((v) => !v.message.endsWith(unknownPart)).map((v) => v.policyName),
            ["trust-length", "trust-valid-document"],
        );
    });
});
