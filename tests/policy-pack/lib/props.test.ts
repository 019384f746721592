import * as assert from "assert";
import { UnknownValueError } from "@pulumi/policy";
import { runtimeProps } from "../../../policy-pack/lib/evaluate";
import {
    UNKNOWN,
    UNKNOWN_SENTINELS,
    UNKNOWN_STRING_SENTINEL,
    get,
    isUnknown,
    knownStrings,
    list,
    plain,
    plainProps,
    str,
} from "../../../policy-pack/lib/props";

const U = UNKNOWN_STRING_SENTINEL;

describe("plain", () => {
    it("turns each of @pulumi/policy's seven sentinels into UNKNOWN, and leaves other values as they are", () => {
        assert.strictEqual(UNKNOWN_SENTINELS.size, 7);
        assert.ok(UNKNOWN_SENTINELS.has("04da6b54-80e4-46f7-96ec-b56ff0331ba9"));
        for (const sentinel of UNKNOWN_SENTINELS) {
            assert.strictEqual(plain(sentinel), UNKNOWN, sentinel);
        }
        for (const value of ["", "04da6b54", 0, 1.5, true, false, null, undefined]) {
            assert.strictEqual(plain(value), value);
        }
    });

    it("copies arrays and objects deeply, unknowns anywhere", () => {
        const value = { a: [1, U, { b: U, c: "x" }], d: null, e: { f: [] } };
        const copy = plain(value);
        assert.deepStrictEqual(copy, { a: [1, UNKNOWN, { b: UNKNOWN, c: "x" }], d: null, e: { f: [] } });
        assert.notStrictEqual((copy as { e: unknown }).e, value.e);
    });

    it("reads runtime props (unknownCheckingProxy) without letting UnknownValueError escape", () => {
        const props = runtimeProps({ arn: U, tags: { team: "a" }, list: ["x", U], nested: { key: U } });
        assert.throws(() => props.arn, UnknownValueError);
        assert.deepStrictEqual(plain(props), {
            arn: UNKNOWN,
            tags: { team: "a" },
            list: ["x", UNKNOWN],
            nested: { key: UNKNOWN },
        });
    });
});

describe("plainProps", () => {
    it("returns an object for any input: the copy of an object, else {}", () => {
        const cases: [unknown, object][] = [
            [{ a: U }, { a: UNKNOWN }],
            [U, {}],
            [[1, 2], {}],
            [null, {}],
            [undefined, {}],
            ["text", {}],
        ];
        for (const [input, expected] of cases) {
            assert.deepStrictEqual(plainProps(input), expected, String(input));
        }
    });
});

describe("get, str, list, knownStrings, isUnknown", () => {
    const value = {
        name: "role",
        count: 3,
        arn: UNKNOWN,
        nested: { items: [{ id: "a" }, UNKNOWN] },
        names: ["x", 1, UNKNOWN, "y"],
        unknownList: UNKNOWN,
    };

    it("get walks keys and indexes: UNKNOWN once a step is unknown, undefined once a step is absent", () => {
        const cases: [(string | number)[], unknown][] = [
            [[], value],
            [["name"], "role"],
            [["nested", "items", 0, "id"], "a"],
            [["nested", "items", 1, "id"], UNKNOWN],
            [["arn", "deeper"], UNKNOWN],
            [["name", "deeper"], undefined],
            [["missing", "deeper"], undefined],
        ];
        for (const [path, expected] of cases) {
            assert.strictEqual(get(value, ...path), expected, path.join("."));
        }
        assert.strictEqual(get(UNKNOWN, "a"), UNKNOWN);
    });

    it("str keeps strings and UNKNOWN, drops other types", () => {
        assert.deepStrictEqual(
            ["name", "count", "arn", "missing", "nested"].map((k) => str(value, k)),
            ["role", undefined, UNKNOWN, undefined, undefined],
        );
    });

    it("list returns the items, UNKNOWN for an unknown list, [] for anything else", () => {
        assert.deepStrictEqual(list(value, "names"), ["x", 1, UNKNOWN, "y"]);
        assert.strictEqual(list(value, "unknownList"), UNKNOWN);
        assert.deepStrictEqual(list(value, "name"), []);
        assert.deepStrictEqual(list(value, "missing"), []);
    });

    it("knownStrings keeps only the string items", () => {
        assert.deepStrictEqual(knownStrings(value, "names"), ["x", "y"]);
        assert.deepStrictEqual(knownStrings(value, "unknownList"), []);
        assert.deepStrictEqual(knownStrings(value, "missing"), []);
    });

    it("isUnknown is true for UNKNOWN only, not for the raw sentinel string", () => {
        assert.deepStrictEqual(
            [UNKNOWN, U, undefined, null, "x"].map((v) => isUnknown(v)),
            [true, false, false, false, false],
        );
    });
});
