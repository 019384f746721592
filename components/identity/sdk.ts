// Minimum AWS SDK versions that support EKS Pod Identity (EKS User Guide, pod-id-minimum-sdk).
// An older SDK silently falls back to the node role, so a declared older SDK is an error.

/** The AWS SDKs and CLIs by the keys of the EKS User Guide's table. */
export const SdkLanguage = {
    JavaV2: "java-v2",
    JavaV1: "java-v1",
    GoV1: "go-v1",
    GoV2: "go-v2",
    Python: "python",
    AwsCliV1: "aws-cli-v1",
    AwsCliV2: "aws-cli-v2",
    JavascriptV2: "javascript-v2",
    JavascriptV3: "javascript-v3",
    Kotlin: "kotlin",
    Ruby: "ruby",
    Rust: "rust",
    Cpp: "cpp",
    Dotnet: "dotnet",
    Powershell: "powershell",
    Php: "php",
} as const;
export type SdkLanguage = (typeof SdkLanguage)[keyof typeof SdkLanguage];

/** Language key to the oldest version with Pod Identity support. */
export const POD_IDENTITY_MIN_SDK: Readonly<Record<SdkLanguage, string>> = {
    "java-v2": "2.21.30",
    "java-v1": "1.12.746",
    "go-v1": "1.47.11",
    "go-v2": "release-2023-11-14",
    python: "1.34.41",
    "aws-cli-v1": "1.30.0",
    "aws-cli-v2": "2.15.0",
    "javascript-v2": "2.1550.0",
    "javascript-v3": "3.458.0",
    kotlin: "1.0.1",
    ruby: "3.188.0",
    rust: "release-2024-03-13",
    cpp: "1.11.263",
    dotnet: "3.7.734.0",
    powershell: "4.1.502",
    php: "3.287.1",
};

function parts(version: string): number[] | undefined {
    const release = /^release-(\d{4})-(\d{2})-(\d{2})$/.exec(version);
    if (release) {
        return release.slice(1).map(Number);
    }
    return /^\d+(\.\d+)*$/.test(version) ? version.split(".").map(Number) : undefined;
}

/** Compares dotted versions (or `release-YYYY-MM-DD` tags); undefined when not comparable. */
export function compareVersions(a: string, b: string): number | undefined {
    const pa = parts(a);
    const pb = parts(b);
    if (!pa || !pb || a.startsWith("release-") !== b.startsWith("release-")) {
        return undefined;
    }
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (diff !== 0) {
            return Math.sign(diff);
        }
    }
    return 0;
}

/** Why `language`@`version` cannot use Pod Identity, or undefined when it can. */
export function sdkProblem(
    language: string,
    version: string,
): { field: "language" | "version"; reason: string } | undefined {
    // Other languages send any string; an unknown one has no minimum.
    const minimum = (POD_IDENTITY_MIN_SDK as Readonly<Record<string, string | undefined>>)[language];
    if (!minimum) {
        return {
            field: "language",
            reason: `unknown SDK language "${language}": use one of ${Object.keys(POD_IDENTITY_MIN_SDK).join(", ")}`,
        };
    }
    const comparison = compareVersions(version, minimum);
    if (comparison === undefined) {
        return { field: "version", reason: `"${version}" is not a version like ${minimum}` };
    }
    if (comparison < 0) {
        return {
            field: "version",
            reason: `${language} SDK ${version} predates EKS Pod Identity (needs ${minimum} or later) and would silently use the node role: upgrade the SDK or use mode "irsa"`,
        };
    }
    return undefined;
}
