import * as assert from "assert";
import { StackValidationPolicy } from "@pulumi/policy";
import {
    EvaluateInputError,
    evaluate,
    resourceValidationArgs,
    runtimeProps,
} from "../../../policy-pack/lib/evaluate";
import { PACK_VERSION } from "../../../policy-pack/lib/policies";
import { T, U, happyStack, hopLimit2, resource, urn } from "../factories";

describe("evaluate", () => {
    it("reports like the runtime: description, newline, message; resource URN; mandatory level", async () => {
        assert.deepStrictEqual(await evaluate(hopLimit2()), [
            {
                policyName: "imds-launch-template",
                enforcementLevel: "mandatory",
                message:
                    "A launch template must require IMDSv2 tokens (httpTokens: required) and set httpPutResponseHopLimit no higher than the configured maximum, so pods cannot reach the node role.\n" +
                    "metadataOptions.httpPutResponseHopLimit is 2, which lets pods reach the node role through IMDS. Set it to 1.",
                urn: urn(T.launchTemplate, "node-lt"),
            },
        ]);
    });

    it("applies config properties, enforcement levels, overrides and `all`", async () => {
        assert.deepStrictEqual(
            await evaluate(hopLimit2(), { config: { "imds-launch-template": { maxHopLimit: 2 } } }),
            [],
        );
        const [advisory] = await evaluate(hopLimit2(), { config: { "imds-launch-template": "advisory" } });
        assert.strictEqual(advisory.enforcementLevel, "advisory");
        assert.deepStrictEqual(await evaluate(hopLimit2(), { config: { all: "disabled" } }), []);
        const [remediate] = await evaluate(hopLimit2(), {
            config: { "imds-launch-template": "disabled" },
            enforcementLevels: { "imds-launch-template": "remediate" },
        });
        assert.strictEqual(remediate.enforcementLevel, "mandatory");
    });

    it("rejects unknown policies, properties and wrongly typed values in one error", async () => {
        await assert.rejects(
            evaluate([], {
                config: {
                    nope: "advisory",
                    "imds-launch-template": { maxHopLimit: "1", bogus: 1 },
                    "trust-length": "loud" as never,
                },
            }),
            (e: unknown) =>
                e instanceof EvaluateInputError &&
                e.message ===
                    'invalid policy config:\n  nope: no such policy in the pack\n  imds-launch-template.maxHopLimit: expected integer, got "1"\n  imds-launch-template.bogus: the policy has no such config property\n  trust-length: enforcementLevel must be one of advisory, mandatory, remediate, disabled, got "loud"',
        );
    });

    it("turns an escaping UnknownValueError into the runtime's advisory diagnostic", async () => {
        const naive: StackValidationPolicy = {
            name: "naive",
            description: "Reads props without care.",
            enforcementLevel: "mandatory",
            validateStack: (args) => {
                void args.resources[0].props.arn.length;
            },
        };
        assert.deepStrictEqual(await evaluate([resource(T.role, "r", { arn: U })], { policies: [naive] }), [
            {
                policyName: "naive",
                enforcementLevel: "advisory",
                message: `can't run policy 'naive' from policy pack 'eks-identity@v${PACK_VERSION}' during preview: string value at .arn can't be known during preview`,
            },
        ]);
    });

    it("runs every pack policy on a preview stack without any 'can't run' diagnostic", async () => {
        const violations = await evaluate(
            happyStack({ preview: true }).map((r) => ({ ...r, props: { ...r.props, tags: U } })),
        );
        assert.deepStrictEqual(violations, []);
    });
});

describe("resourceValidationArgs", () => {
    it("builds the runtime's args: resource fields, empty options with the parent, type checks by __pulumiType", () => {
        const notApplicable = (reason?: string): never => {
            throw new Error(reason);
        };
        const getConfig = <C extends object>() => ({ maxLength: 1 }) as C;
        const stackTags = new Map([["env", "prod"]]);
        const r = {
            ...resource(T.role, "r", { name: "r", arn: U }),
            parent: urn("pulumi:pulumi:Stack", "eks-prod"),
        };
        const props = runtimeProps(r.props);
        const args = resourceValidationArgs(r, props, { getConfig, stackTags, notApplicable });
        assert.deepStrictEqual(
            [args.type, args.urn, args.name, args.opts],
            [
                T.role,
                urn(T.role, "r"),
                "r",
                {
                    protect: false,
                    ignoreChanges: [],
                    aliases: [],
                    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
                    additionalSecretOutputs: [],
                    parent: urn("pulumi:pulumi:Stack", "eks-prod"),
                },
            ],
        );
        assert.strictEqual(args.props, props);
        assert.strictEqual(args.stackTags, stackTags);
        assert.strictEqual(args.getConfig, getConfig);
        assert.strictEqual(args.notApplicable, notApplicable);
        const Role = { __pulumiType: T.role };
        const Bucket = { __pulumiType: "aws:s3/bucket:Bucket" };
        assert.deepStrictEqual([args.isType(Role as never), args.isType(Bucket as never)], [true, false]);
        assert.deepStrictEqual(
            [args.asType(Role as never), args.asType(Bucket as never)],
            [props, undefined],
        );
        const orphan = resourceValidationArgs(
            resource(T.role, "o", {}),
            {},
            { getConfig, stackTags, notApplicable },
        );
        assert.strictEqual("parent" in orphan.opts, false);
    });
});
