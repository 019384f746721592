import * as assert from "assert";
import {
    compareVersions,
    POD_IDENTITY_MIN_SDK,
    SdkLanguage,
    sdkProblem,
} from "../../../components/identity/sdk";

describe("identity/sdk", () => {
    it("has a minimum for every SDK language of the enum, and nothing else", () => {
        assert.deepStrictEqual(Object.keys(POD_IDENTITY_MIN_SDK), Object.values(SdkLanguage));
        assert.strictEqual(POD_IDENTITY_MIN_SDK.python, "1.34.41");
        assert.strictEqual(POD_IDENTITY_MIN_SDK["go-v2"], "release-2023-11-14");
    });

    it("compareVersions: dotted versions numerically, release tags by date, never one against the other", () => {
        const cases: [string, string, number | undefined][] = [
            ["1.34.41", "1.34.41", 0],
            ["1.34.40", "1.34.41", -1],
            ["1.35", "1.34.41", 1],
            ["1.34", "1.34.0", 0],
            ["2.1550.0", "2.999.9", 1],
            ["3.7.734.0", "3.7.734", 0],
            ["release-2023-11-14", "release-2023-11-14", 0],
            ["release-2024-01-02", "release-2023-11-14", 1],
            ["release-2023-10-30", "release-2023-11-14", -1],
            ["release-2023-11-14", "1.0.0", undefined],
            ["1.0.0", "release-2023-11-14", undefined],
            ["v1.2.3", "1.2.3", undefined],
            ["1.2.x", "1.2.3", undefined],
            ["", "1.2.3", undefined],
        ];
        for (const [a, b, expected] of cases) {
            assert.strictEqual(compareVersions(a, b), expected, `${a} vs ${b}`);
        }
    });

    it("sdkProblem: which field is wrong, or none at the minimum and later", () => {
        const cases: [string, string, "language" | "version" | undefined][] = [
            ["python", "1.34.41", undefined],
            ["python", "1.35.10", undefined],
            ["go-v2", "release-2023-11-14", undefined],
            ["javascript-v3", "3.458.0", undefined],
            ["python", "1.34.40", "version"],
            ["go-v2", "release-2023-11-13", "version"],
            ["java-v2", "2.21", "version"],
            ["python", "latest", "version"],
            ["go-v2", "1.30.0", "version"],
            ["pyhton", "1.35.10", "language"],
            ["cobol", "1.0", "language"],
        ];
        for (const [language, version, field] of cases) {
            assert.strictEqual(sdkProblem(language, version)?.field, field, `${language}@${version}`);
        }
    });
});
