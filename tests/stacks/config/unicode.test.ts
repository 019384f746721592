// Look-alike and invisible characters in config keys and names (stacks/config/unicode.ts).
import * as assert from "assert";
import {
    asAscii,
    characterName,
    findSuspicious,
    suspiciousReason,
    TABLE_SIZE,
    unicodeProblems,
    visible,
} from "../../../stacks/config/unicode";

describe("look-alike and invisible characters", () => {
    it("the table names each character by code point and Unicode name", () => {
        const table: [string, string][] = [
            ["\u0430", "U+0430 CYRILLIC SMALL LETTER A"],
            ["\u0435", "U+0435 CYRILLIC SMALL LETTER IE"],
            ["\u03bf", "U+03BF GREEK SMALL LETTER OMICRON"],
            ["\u0391", "U+0391 GREEK CAPITAL LETTER ALPHA"],
            ["\uff41", "U+FF41 FULLWIDTH LATIN SMALL LETTER A"],
            ["\uff21", "U+FF21 FULLWIDTH LATIN CAPITAL LETTER A"],
            ["\uff10", "U+FF10 FULLWIDTH DIGIT ZERO"],
            ["\uff0d", "U+FF0D FULLWIDTH HYPHEN-MINUS"],
            ["\uff3f", "U+FF3F FULLWIDTH LOW LINE"],
            ["\u200b", "U+200B ZERO WIDTH SPACE"],
            ["\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"],
            ["\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"],
            ["\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"],
            ["\u00a0", "U+00A0 NO-BREAK SPACE"],
            ["\u3000", "U+3000 IDEOGRAPHIC SPACE"],
            ["\u2013", "U+2013 EN DASH"],
        ];
        for (const [c, name] of table) {
            assert.strictEqual(characterName(c), name);
        }
        assert.strictEqual(characterName("a"), undefined);
        assert.strictEqual(characterName("\u00e9"), undefined, "é is a letter of its own, not a look-alike");
        // 69 look-alikes, the 94 full-width forms, 7 invisible, 12 bidi controls, 16 spaces.
        assert.strictEqual(TABLE_SIZE, 198);
    });

    it("finds each character with its position in code points, and the ASCII text it stands for", () => {
        const text = "\u{1F600}p\u0430y\u200bments\u00a0api";
        assert.deepStrictEqual(
            findSuspicious(text).map((f) => [f.position, f.kind]),
            [
                [3, "lookalike"],
                [5, "invisible"],
                [11, "space"],
            ],
        );
        assert.strictEqual(asAscii(text), "\u{1F600}payments api");
        assert.strictEqual(visible("p\u0430y"), '"p\\u0430y"');
    });

    it("the reason names the character, what it looks like, and the text to type instead", () => {
        assert.strictEqual(
            suspiciousReason("p\u0430yments-api", "value"),
            'the value "p\\u0430yments-api" is not what it looks like: character 2 is U+0430 CYRILLIC SMALL LETTER A, which looks like "a"; AWS, Kubernetes, Pulumi and the policy pack compare code points, not looks: type it as "payments-api"',
        );
        assert.strictEqual(
            suspiciousReason("namesp\u0430ce", "key"),
            'the key "namesp\\u0430ce" is not what it looks like: character 7 is U+0430 CYRILLIC SMALL LETTER A, which looks like "a"; AWS, Kubernetes, Pulumi and the policy pack compare code points, not looks: rename the key to "namespace"',
        );
        assert.strictEqual(suspiciousReason("payments-api", "value"), undefined);
    });

    it("a long text (a policy document) gets the fix in words, not the whole text again", () => {
        const policy = `{\u201cVersion\u201d:"2012-10-17","Statement":[${'{"Effect":"Allow"},'.repeat(5)}]}`;
        const reason = suspiciousReason(policy, "value")!;
        assert.ok(
            reason.startsWith("the value is not what it looks like: character 2 is U+201C LEFT DOUBLE"),
        );
        assert.ok(
            reason.endsWith("type each as the ASCII character it looks like, and delete the invisible ones"),
        );
    });

    it("checks every key and string value with its path; tag values only for hidden characters; secrets skipped", () => {
        const problems = unicodeProblems({
            "platform:workloads": [{ name: "ok", namespace: "k\u0443be-system" }],
            "platform:clust\u0435r": {},
            "platform:tags": { team: "\u041c\u043e\u0441\u043a\u0432\u0430", owner: "a\u200db" },
            "platform:nodeGroups": [{ labels: { "te\u0430m": "x" } }],
            "aws:secretKey": { secure: "v1:\u0430" },
        });
        assert.deepStrictEqual(
            problems.map((p) => p.propertyPath),
            [
                "platform:workloads[0].namespace",
                "platform:clust\u0435r",
                "platform:tags.owner",
                "platform:nodeGroups[0].labels.te\u0430m",
            ],
        );
    });
});
