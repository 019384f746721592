import * as assert from "assert";

/** Exact JSON: key order included, as IAM stores a policy and counts its length. */
export function assertExactJson(actual: unknown, expected: unknown, message?: string): void {
    assert.strictEqual(JSON.stringify(actual), JSON.stringify(expected), message);
}
