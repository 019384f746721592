import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import { StackValidationPolicy } from "@pulumi/policy";
import {
    EvaluateInputError,
    evaluate,
    MAX_PROPS_DEPTH,
    prepareProps,
    ResourceInput,
    resourceValidationArgs,
    runtimeProps,
} from "../../../policy-pack/lib/evaluate";
import { UNKNOWN_STRING_SENTINEL } from "../../../policy-pack/lib/props";
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

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE = "5cf8f73096256a8f31e491e813e4eb8e";
const ASSET = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE = "0def7320c3a5731c473e5ecbe6d01bc7";

describe("prepareProps", () => {
    const prepared = (value: unknown) => {
        const problems: string[] = [];
        return { value: prepareProps(value, "props", problems), problems };
    };

    it("downgrades a resource reference to its ID, or its URN without one, as the SDK does for consumers without references", () => {
        assert.deepStrictEqual(
            prepared({
                custom: { [SIG]: RESOURCE, urn: "urn:pulumi:dev::p::aws:ec2/vpc:Vpc::vpc", id: "vpc-0abc" },
                component: { [SIG]: RESOURCE, urn: "urn:pulumi:dev::p::eks-identity:index:EksCluster::c" },
                emptyId: { [SIG]: RESOURCE, urn: "urn:pulumi:dev::p::aws:ec2/vpc:Vpc::v2", id: "" },
                unknownId: {
                    [SIG]: RESOURCE,
                    urn: "urn:pulumi:dev::p::aws:ec2/vpc:Vpc::v3",
                    id: UNKNOWN_STRING_SENTINEL,
                },
            }),
            {
                value: {
                    custom: "vpc-0abc",
                    component: "urn:pulumi:dev::p::eks-identity:index:EksCluster::c",
                    emptyId: "urn:pulumi:dev::p::aws:ec2/vpc:Vpc::v2",
                    unknownId: UNKNOWN_STRING_SENTINEL,
                },
                problems: [],
            },
        );
    });

    it("plans an encrypted secret as unknown and keeps a readable one, its value prepared too", () => {
        assert.deepStrictEqual(
            prepared({
                sealed: { [SIG]: SECRET, ciphertext: "v1:abc" },
                open: { [SIG]: SECRET, value: { vpc: { [SIG]: RESOURCE, urn: "urn:x", id: "vpc-1" } } },
            }),
            {
                value: { sealed: UNKNOWN_STRING_SENTINEL, open: { [SIG]: SECRET, value: { vpc: "vpc-1" } } },
                problems: [],
            },
        );
    });

    it("keeps well-formed assets and archives as they are", () => {
        const value = {
            code: { [SIG]: ASSET, text: "print(1)" },
            bundle: {
                [SIG]: ARCHIVE,
                assets: {
                    "a.py": { [SIG]: ASSET, path: "a.py" },
                    lib: { [SIG]: ARCHIVE, uri: "https://x/lib.zip" },
                },
            },
            dir: { [SIG]: ARCHIVE, path: "./dist" },
        };
        assert.deepStrictEqual(prepared(value), { value, problems: [] });
    });

    it(`accepts ${MAX_PROPS_DEPTH} levels of nesting and refuses one more, with the path`, () => {
        const nest = (levels: number) => {
            let v: unknown = 1;
            for (let i = 0; i < levels; i++) {
                v = { a: v };
            }
            return v;
        };
        assert.deepStrictEqual(prepared(nest(MAX_PROPS_DEPTH)).problems, []);
        assert.deepStrictEqual(prepared(nest(MAX_PROPS_DEPTH + 1)).problems, [
            `props${".a".repeat(37)}....: nested deeper than ${MAX_PROPS_DEPTH} levels; no resource's inputs nest this deep`,
        ]);
    });

    it("names every malformed envelope at once, with its path", () => {
        assert.deepStrictEqual(
            prepared({
                "a-b": [{ [SIG]: SECRET }],
                ref: { [SIG]: RESOURCE, id: "x" },
            }).problems,
            [
                `props["a-b"][0] (secret "${SECRET}"): a secret without \`value\`; give { "${SIG}": "${SECRET}", "value": <the value> }`,
                `props.ref (resource reference "${RESOURCE}"): a resource reference needs \`urn\`, the referenced resource's URN`,
            ],
        );
    });
});

describe("evaluate on envelopes", () => {
    const fixture = (name: string): ResourceInput[] =>
        JSON.parse(
            readFileSync(
                path.join(
                    __dirname,
                    "..",
                    "..",
                    "..",
                    "..",
                    "tests",
                    "policy-pack",
                    "fixtures",
                    "bad",
                    `${name}.json`,
                ),
                "utf8",
            ),
        ).resources;
    const withTrust = (resources: ResourceInput[], trust: unknown): ResourceInput[] =>
        resources.map((r) => ({ ...r, props: { ...r.props, assumeRolePolicy: trust } }));

    it("checks a trust policy inside a secret exactly as the plain one; an encrypted one as an unknown one", async () => {
        const plain = fixture("principal-star");
        const trust = plain[0].props.assumeRolePolicy;
        const expected = await evaluate(plain);
        assert.deepStrictEqual(
            expected.map((v) => v.policyName),
            ["trust-no-wildcard-principal"],
        );
        assert.deepStrictEqual(await evaluate(withTrust(plain, { [SIG]: SECRET, value: trust })), expected);
        assert.deepStrictEqual(
            await evaluate(withTrust(plain, { [SIG]: SECRET, ciphertext: "v1:AAAA" })),
            await evaluate(withTrust(plain, UNKNOWN_STRING_SENTINEL)),
        );
    });

    it("evaluates props holding a resource reference as props holding its ID", async () => {
        const stack = hopLimit2();
        const lt = stack.findIndex((r) => r.type === T.launchTemplate);
        const withRef = stack.map((r, i) =>
            i === lt
                ? {
                      ...r,
                      props: {
                          ...r.props,
                          vpcSecurityGroupIds: [{ [SIG]: RESOURCE, urn: "urn:sg", id: "sg-1" }],
                      },
                  }
                : r,
        );
        const withId = stack.map((r, i) =>
            i === lt ? { ...r, props: { ...r.props, vpcSecurityGroupIds: ["sg-1"] } } : r,
        );
        const expected = await evaluate(withId);
        assert.strictEqual(expected.length, 1);
        assert.deepStrictEqual(await evaluate(withRef), expected);
    });

    it("refuses garbage handed to the library, every problem at once", async () => {
        await assert.rejects(
            evaluate([{}, { urn: "u", type: "t", name: "n", props: { x: { [SIG]: "nope" } } }] as never),
            (e: unknown) =>
                e instanceof EvaluateInputError &&
                e.message ===
                    "invalid resources:\n  resources[0].urn: expected a non-empty string\n  resources[0].type: expected a non-empty string\n  resources[0].name: expected a non-empty string\n  resources[0].props: expected an object (the resource's inputs; {} when it has none)",
        );
        await assert.rejects(
            evaluate([{ urn: "u", type: "t", name: "n", props: { x: { [SIG]: "nope" } } }]),
            (e: unknown) =>
                e instanceof EvaluateInputError &&
                e.message.startsWith(
                    'invalid resource properties:\n  resources[0].props.x (signature "nope"): not a signature Pulumi sends to a policy pack',
                ),
        );
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
