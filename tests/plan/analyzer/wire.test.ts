// Plain values to the Analyzer protocol's messages and back, as the engine converts them.
import * as assert from "node:assert/strict";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import {
    enforcementLevels,
    fromProtoLevel,
    isEnforcementLevel,
    jsonToStruct,
    parseProviderRef,
    propertiesToStruct,
    resourceOptions,
    secretSig,
    secretSigKey,
    toProtoLevel,
    unknownValue,
} from "../../../plan/analyzer/wire";

describe("plan/analyzer/wire", () => {
    it("uses the engine's own sentinels for unknowns and secrets", () => {
        assert.equal(unknownValue, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
        assert.equal(secretSigKey, "4dabf18193072939515e22adb298388d");
        assert.equal(secretSig, "1b47061264138c4ac30d75fd1eb44270");
        // The Node.js SDK's own copies, which the pack's deserializer compares against.
        assert.deepEqual(
            [unknownValue, secretSigKey, secretSig],
            [rpc.unknownValue, rpc.specialSigKey, rpc.specialSecretSig],
        );
    });

    it("maps each enforcement level to its protocol value and back", () => {
        const table: [string, analyzerpb.EnforcementLevel][] = [
            ["advisory", analyzerpb.EnforcementLevel.ADVISORY],
            ["mandatory", analyzerpb.EnforcementLevel.MANDATORY],
            ["remediate", analyzerpb.EnforcementLevel.REMEDIATE],
            ["disabled", analyzerpb.EnforcementLevel.DISABLED],
        ];
        assert.deepEqual(
            table.map(([level]) => level),
            [...enforcementLevels],
        );
        for (const [level, proto] of table) {
            assert.ok(isEnforcementLevel(level), level);
            assert.equal(toProtoLevel(level as never), proto, level);
            assert.equal(fromProtoLevel(proto), level, level);
        }
        for (const notALevel of ["Mandatory", "warn", "", 1, undefined]) {
            assert.equal(isEnforcementLevel(notALevel), false, String(notALevel));
        }
        assert.throws(
            () => fromProtoLevel(99 as analyzerpb.EnforcementLevel),
            /^Error: invalid enforcement level 99 from the policy pack$/,
        );
    });

    it("marshals properties like the engine: no top-level __ keys, no undefined, holes as null", () => {
        const secret = { [secretSigKey]: secretSig, value: "s3cret" };
        const struct = propertiesToStruct(
            {
                name: "r",
                count: 2,
                on: false,
                nothing: null,
                gone: undefined,
                __defaults: ["name"],
                list: [1, undefined, "x"],
                nested: { __kept: 1, dropped: undefined, deeper: [{ a: "b" }] },
                arn: unknownValue,
                password: secret,
            },
            "urn:r",
        );
        assert.deepEqual(struct.toJavaScript(), {
            name: "r",
            count: 2,
            on: false,
            nothing: null,
            list: [1, null, "x"],
            nested: { __kept: 1, deeper: [{ a: "b" }] },
            arn: unknownValue,
            password: secret,
        });
        assert.deepEqual(jsonToStruct({ minLength: 3, tags: ["a"] }, "config").toJavaScript(), {
            minLength: 3,
            tags: ["a"],
        });
    });

    it("refuses values a Struct cannot carry, naming the property path", () => {
        const cases: [Record<string, unknown>, string][] = [
            [{ n: NaN }, "property urn:r.n is NaN, which a protobuf Struct cannot carry"],
            [{ a: [1, Infinity] }, "property urn:r.a[1] is Infinity, which a protobuf Struct cannot carry"],
            [
                { when: { at: new Date(0) } },
                `property urn:r.when.at is a Date; pass plain JSON values (unknowns as "${unknownValue}", ` +
                    `secrets as {"${secretSigKey}": "${secretSig}", "value": ...})`,
            ],
        ];
        for (const [props, message] of cases) {
            assert.throws(
                () => propertiesToStruct(props, "urn:r"),
                (e: unknown) => e instanceof TypeError && e.message === message,
                message,
            );
        }
    });

    it("sends resource options as the engine marshals them", () => {
        assert.deepEqual(resourceOptions("urn:parent", true).toObject(), {
            parent: "urn:parent",
            protect: true,
            ignorechangesList: [],
            deletebeforereplace: false,
            deletebeforereplacedefined: false,
            additionalsecretoutputsList: [],
            aliasesList: [],
            customtimeouts: { create: 0, update: 0, pb_delete: 0, read: 0 },
        });
        const bare = resourceOptions(undefined, undefined).toObject();
        assert.equal(bare.parent, "");
        assert.equal(bare.protect, false);
    });

    it("splits provider references and URNs into urn, type and name", () => {
        const provider = "urn:pulumi:dev::platform::pulumi:providers:aws::default_7_48_0";
        const nested =
            "urn:pulumi:dev::platform::eks-identity:index:EksCluster$pulumi:providers:kubernetes::cluster-k8s";
        const table: [string, { urn: string; type: string; name: string }][] = [
            [
                `${provider}::04da6b54-80e4-46f7-96ec-b56ff0331ba9`,
                { urn: provider, type: "pulumi:providers:aws", name: "default_7_48_0" },
            ],
            [provider, { urn: provider, type: "pulumi:providers:aws", name: "default_7_48_0" }],
            [
                `${nested}::cluster-k8s-provider-id`,
                { urn: nested, type: "pulumi:providers:kubernetes", name: "cluster-k8s" },
            ],
        ];
        for (const [ref, want] of table) {
            assert.deepEqual(parseProviderRef(ref), want, ref);
        }
    });
});
