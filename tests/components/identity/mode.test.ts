import * as assert from "assert";
import {
    IDENTITY_MODES,
    IdentityMode,
    isIdentityMode,
    usesIrsa,
    usesPodIdentity,
} from "../../../components/identity/mode";

describe("identity/mode", () => {
    it("three modes, in the order messages list them, the same values as the enum", () => {
        assert.deepStrictEqual(IDENTITY_MODES, ["irsa", "pod-identity", "both"]);
        assert.deepStrictEqual(IdentityMode, { Irsa: "irsa", PodIdentity: "pod-identity", Both: "both" });
    });

    it("which mechanisms each mode uses: both is both", () => {
        const cases: [IdentityMode, boolean, boolean][] = [
            ["irsa", true, false],
            ["pod-identity", false, true],
            ["both", true, true],
        ];
        for (const [mode, irsa, podIdentity] of cases) {
            assert.deepStrictEqual([usesIrsa(mode), usesPodIdentity(mode)], [irsa, podIdentity], mode);
        }
    });

    it("isIdentityMode: only the three spellings", () => {
        const cases: [unknown, boolean][] = [
            ["irsa", true],
            ["pod-identity", true],
            ["both", true],
            ["pod_identity", false],
            ["IRSA", false],
            ["", false],
            [undefined, false],
            [1, false],
        ];
        for (const [value, expected] of cases) {
            assert.strictEqual(isIdentityMode(value), expected, String(value));
        }
    });
});
