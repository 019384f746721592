import * as assert from "assert";
import { UNKNOWN, UNKNOWN_STRING_SENTINEL } from "../../../policy-pack/lib/props";
import { readPolicy, shown, statementLabel } from "../../../policy-pack/lib/read";

const U = UNKNOWN_STRING_SENTINEL;
const ec2Trust = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

describe("readPolicy", () => {
    it("tells unknown, absent and parsed documents apart", () => {
        const cases: [unknown, object][] = [
            [UNKNOWN, { unknown: true }],
            [U, { unknown: true }],
            [undefined, { absent: true }],
            [null, { absent: true }],
            ["", { absent: true }],
            [{ Version: "2012-10-17" }, { error: "policy has no Statement" }],
        ];
        for (const [input, expected] of cases) {
            assert.deepStrictEqual(readPolicy(input), expected, String(input));
        }
    });

    it("counts a document as unknown when a sentinel is anywhere in it: as a value or inside JSON text", () => {
        const withUnknownPrincipal = {
            ...ec2Trust,
            Statement: [{ ...ec2Trust.Statement[0], Principal: { AWS: U } }],
        };
        assert.deepStrictEqual(readPolicy(withUnknownPrincipal), { unknown: true });
        assert.deepStrictEqual(readPolicy(JSON.stringify(withUnknownPrincipal)), { unknown: true });
        assert.deepStrictEqual(readPolicy({ ...ec2Trust, Statement: [UNKNOWN] }), { unknown: true });
    });

    it("reports a document that is not JSON with the parser's message", () => {
        const read = readPolicy("{not json");
        assert.ok("error" in read);
        assert.match(read.error, /^policy is not valid JSON: /);
    });

    it("parses a JSON string or an object, once per text: the same parsed policy for equal text", () => {
        const text = JSON.stringify(ec2Trust);
        const first = readPolicy(text);
        assert.ok("policy" in first);
        assert.deepStrictEqual(first.policy.statements[0].principals.service, ["ec2.amazonaws.com"]);
        assert.deepStrictEqual(first.policy.statements[0].actions, ["sts:AssumeRole"]);
        const again = readPolicy(text);
        const asObject = readPolicy(ec2Trust);
        assert.ok("policy" in again && "policy" in asObject);
        assert.strictEqual(again.policy, first.policy);
        assert.strictEqual(asObject.policy, first.policy);
    });
});

describe("shown and statementLabel", () => {
    it("name values and statements for messages", () => {
        assert.deepStrictEqual(
            [shown(UNKNOWN), shown(undefined), shown("arn:aws:iam::1:role/x")],
            ["(unknown until apply)", "(unset)", "arn:aws:iam::1:role/x"],
        );
        assert.deepStrictEqual(
            [statementLabel({ index: 2 }), statementLabel({ index: 0, sid: "Irsa" })],
            ["statement 2", 'statement 0 ("Irsa")'],
        );
    });
});
