// Which package of each AWS SDK carries the container credential provider EKS Pod Identity uses,
// and from which version of that package. The EKS User Guide's table (pod-id-minimum-sdk, held in
// POD_IDENTITY_MIN_SDK) names SDK releases; a software bill of materials or a lockfile names
// packages, and for several SDKs the two numbers differ. Each row cites where its number comes
// from. Where the table and the SDK's own code or changelog disagree, the row follows the code
// and says so in `note`, which the `npm run sdk` output repeats.
import { SdkLanguage } from "./sdk";

/** A package ecosystem, by its package URL type (github.com/package-url/purl-spec, PURL-TYPES). */
export type Ecosystem =
    "npm" | "pypi" | "golang" | "cargo" | "maven" | "nuget" | "gem" | "composer" | "conan";

export interface SdkPackage {
    language: SdkLanguage;
    ecosystem: Ecosystem;
    /** The package as its ecosystem names it: `group/artifact` for Maven, the module path for Go. */
    name: string;
    /** The oldest version of this package whose default credential chain reaches Pod Identity. */
    minimum: string;
    /** Where the minimum comes from. */
    source: string;
    /** Where the EKS User Guide's table says otherwise, and why this row differs. */
    note?: string;
}

/**
 * A package that shows an SDK is shipped, though the version that decides is another package's
 * (`decidedBy`): an SBOM that lists one without the deciding package cannot be decided.
 */
export interface SdkFamily {
    language: SdkLanguage;
    ecosystem: Ecosystem;
    /** Matches the lowercased package name. */
    member: RegExp;
    decidedBy: string[];
}

const EKS_TABLE = "EKS User Guide, pod-id-minimum-sdk";

export const SDK_PACKAGES: readonly SdkPackage[] = [
    {
        // credential-provider-node 3.503.1 is the first whose remoteProvider chains fromHttp (which
        // allows 169.254.170.23 and reads AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE) ahead of
        // fromContainerMetadata; 3.503.0 and older only try fromContainerMetadata, which refuses
        // that host ("is not a valid container metadata service hostname"). Read in the packages'
        // dist-cjs as npm serves them (credential-provider-node@3.503.1 depends on
        // @aws-sdk/credential-provider-http 3.503.1; 3.503.0 and 3.502.0 do not).
        language: "javascript-v3",
        ecosystem: "npm",
        name: "@aws-sdk/credential-provider-node",
        minimum: "3.503.1",
        source: "aws/aws-sdk-js-v3 pull 5739 (fix #5709: fromHttp added to the default chain), credential-provider-node@3.503.1 dist-cjs remoteProvider",
        note: "the EKS table says 3.458.0, the release that added the EKS Auth client; the default chain reaches Pod Identity only from @aws-sdk/credential-provider-node 3.503.1 (aws/aws-sdk-js-v3 #5709)",
    },
    {
        // aws-sdk@2.1550.0 lib/credentials/remote_credentials.js reads
        // AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE and allows 169.254.170.23; 2.1549.0 does neither.
        language: "javascript-v2",
        ecosystem: "npm",
        name: "aws-sdk",
        minimum: "2.1550.0",
        source: `${EKS_TABLE}; aws-sdk@2.1550.0 lib/credentials/remote_credentials.js (2.1549.0 lacks it)`,
    },
    {
        // Both modules released 2023-11-14 (tag release-2023-11-14): "Add support for dynamic auth
        // token from file and EKS container host in absolute/relative URIs in the HTTP credential
        // provider." config resolves the environment, credentials/endpointcreds makes the call.
        language: "go-v2",
        ecosystem: "golang",
        name: "github.com/aws/aws-sdk-go-v2/config",
        minimum: "1.25.0",
        source: "aws/aws-sdk-go-v2 config/CHANGELOG.md v1.25.0 (2023-11-14), tag release-2023-11-14",
    },
    {
        language: "go-v2",
        ecosystem: "golang",
        name: "github.com/aws/aws-sdk-go-v2/credentials",
        minimum: "1.16.0",
        source: "aws/aws-sdk-go-v2 credentials/CHANGELOG.md v1.16.0 (2023-11-14), tag release-2023-11-14",
    },
    {
        language: "go-v1",
        ecosystem: "golang",
        name: "github.com/aws/aws-sdk-go",
        minimum: "1.47.11",
        source: `${EKS_TABLE}; aws/aws-sdk-go pull 4961 (aws/defaults: auth token from file and EKS container host)`,
    },
    {
        // botocore 1.32.0 added the EKS container provider ("feature:ContainerProvider: Added
        // Support for EKS container credentials"), but read the token file once; 1.34.41 fixed it
        // ("bugfix:ContainerProvider: Properly refreshes token from file from EKS"), so an older
        // botocore loses its credentials when the agent rotates the token. boto3 only pins botocore.
        language: "python",
        ecosystem: "pypi",
        name: "botocore",
        minimum: "1.34.41",
        source: `${EKS_TABLE}; boto/botocore CHANGELOG.rst 1.32.0 (feature) and 1.34.41 (token refresh bugfix)`,
    },
    {
        // smithy-rs 07c8074 "Support EKS Pod Identity credentials (#3416)" is first in smithy-rs
        // tag release-2024-03-12, where aws/rust-runtime/aws-config/Cargo.toml is 1.1.8 (the SDK's
        // release-2024-03-13); aws/rust-runtime/aws-config/src/ecs.rs reads the token file there.
        language: "rust",
        ecosystem: "cargo",
        name: "aws-config",
        minimum: "1.1.8",
        source: "smithy-lang/smithy-rs pull 3416, tag release-2024-03-12: aws-config 1.1.8 (aws/rust-runtime/aws-config/src/ecs.rs)",
    },
    {
        // Java 2.x versions every artifact alike; ContainerCredentialsProvider is in `auth`. Its
        // changelog lets the EKS host in from 2.21.26; the table's 2.21.30 is kept, the release
        // the SDK shipped Pod Identity with (EKS Auth client).
        language: "java-v2",
        ecosystem: "maven",
        name: "software.amazon.awssdk/auth",
        minimum: "2.21.30",
        source: `${EKS_TABLE}; aws/aws-sdk-java-v2 changelogs/2.21.x-CHANGELOG.md 2.21.26 and 2.21.30`,
    },
    {
        language: "java-v1",
        ecosystem: "maven",
        name: "com.amazonaws/aws-java-sdk-core",
        minimum: "1.12.746",
        source: `${EKS_TABLE}; aws/aws-sdk-java issue 3062 (1.12.596 gets no Pod Identity credentials) and pull 3104`,
    },
    {
        // The Kotlin SDK versions its artifacts alike; the default chain's EcsCredentialsProvider
        // (aws.sdk.kotlin:aws-config) reads the Pod Identity variables (aws/aws-sdk-kotlin #1292).
        language: "kotlin",
        ecosystem: "maven",
        name: "aws.sdk.kotlin/aws-config",
        minimum: "1.0.1",
        source: `${EKS_TABLE}; aws/aws-sdk-kotlin issue 1292`,
    },
    {
        // The table's 3.7.734.0 is the bundle (zip) version; NuGet's AWSSDK.Core carries the
        // provider from 3.7.302 (aws/aws-sdk-net discussion 3214, maintainer's answer).
        language: "dotnet",
        ecosystem: "nuget",
        name: "AWSSDK.Core",
        minimum: "3.7.302",
        source: "aws/aws-sdk-net discussion 3214 (AWSSDK.Core 3.7.302)",
        note: "the EKS table's 3.7.734.0 is the SDK bundle's version, which no NuGet package carries; AWSSDK.Core has Pod Identity from 3.7.302",
    },
    {
        language: "ruby",
        ecosystem: "gem",
        name: "aws-sdk-core",
        minimum: "3.188.0",
        source: `${EKS_TABLE}; aws/aws-sdk-ruby gems/aws-sdk-core/CHANGELOG.md 3.188.0 (2023-11-22): AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE in ECSCredentials, EKS link-local address`,
    },
    {
        language: "php",
        ecosystem: "composer",
        name: "aws/aws-sdk-php",
        minimum: "3.287.1",
        source: EKS_TABLE,
    },
    {
        language: "cpp",
        ecosystem: "conan",
        name: "aws-sdk-cpp",
        minimum: "1.11.263",
        source: EKS_TABLE,
    },
];

/** Packages that show an SDK is there, each decided by the packages named in `decidedBy`. */
export const SDK_FAMILIES: readonly SdkFamily[] = [
    {
        language: "javascript-v3",
        ecosystem: "npm",
        member: /^@aws-sdk\//,
        decidedBy: ["@aws-sdk/credential-provider-node"],
    },
    { language: "javascript-v2", ecosystem: "npm", member: /^aws-sdk$/, decidedBy: ["aws-sdk"] },
    {
        language: "go-v2",
        ecosystem: "golang",
        member: /^github\.com\/aws\/aws-sdk-go-v2(\/|$)/,
        decidedBy: ["github.com/aws/aws-sdk-go-v2/config", "github.com/aws/aws-sdk-go-v2/credentials"],
    },
    {
        language: "go-v1",
        ecosystem: "golang",
        member: /^github\.com\/aws\/aws-sdk-go$/,
        decidedBy: ["github.com/aws/aws-sdk-go"],
    },
    {
        language: "python",
        ecosystem: "pypi",
        member: /^(boto3|botocore|aiobotocore)$/,
        decidedBy: ["botocore"],
    },
    {
        language: "rust",
        ecosystem: "cargo",
        member: /^aws-(config|sdk-[a-z0-9-]+)$/,
        decidedBy: ["aws-config"],
    },
    {
        language: "java-v2",
        ecosystem: "maven",
        member: /^software\.amazon\.awssdk\//,
        decidedBy: ["software.amazon.awssdk/auth"],
    },
    {
        language: "java-v1",
        ecosystem: "maven",
        member: /^com\.amazonaws\/aws-java-sdk-/,
        decidedBy: ["com.amazonaws/aws-java-sdk-core"],
    },
    {
        language: "kotlin",
        ecosystem: "maven",
        member: /^aws\.sdk\.kotlin\//,
        decidedBy: ["aws.sdk.kotlin/aws-config"],
    },
    { language: "dotnet", ecosystem: "nuget", member: /^awssdk\./, decidedBy: ["AWSSDK.Core"] },
    { language: "ruby", ecosystem: "gem", member: /^aws-sdk-/, decidedBy: ["aws-sdk-core"] },
    { language: "php", ecosystem: "composer", member: /^aws\/aws-sdk-php$/, decidedBy: ["aws/aws-sdk-php"] },
    { language: "cpp", ecosystem: "conan", member: /^aws-sdk-cpp$/, decidedBy: ["aws-sdk-cpp"] },
];

/** The row for a package, if it is one that decides (names compared ignoring case). */
export function sdkPackageOf(ecosystem: string, name: string): SdkPackage | undefined {
    const key = name.toLowerCase();
    return SDK_PACKAGES.find((p) => p.ecosystem === ecosystem && p.name.toLowerCase() === key);
}

/** The SDK a package belongs to, if any. */
export function sdkFamilyOf(ecosystem: string, name: string): SdkFamily | undefined {
    const key = name.toLowerCase();
    return SDK_FAMILIES.find((f) => f.ecosystem === ecosystem && f.member.test(key));
}

/**
 * A package version as numbers, for ordering: `v` prefix, Go's `+incompatible` and build metadata
 * dropped; a pre-release (`-rc.1`, Go's pseudo-versions `v1.24.1-0.2023...`) orders before its
 * release. Undefined when the version is not dotted numbers.
 */
function versionParts(version: string): { numbers: number[]; pre: boolean } | undefined {
    const m = /^v?(\d+(?:\.\d+)*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(version.trim());
    return m ? { numbers: m[1].split(".").map(Number), pre: m[2] !== undefined } : undefined;
}

/** Orders two package versions; undefined when either is not a dotted version. */
export function comparePackageVersions(a: string, b: string): number | undefined {
    const pa = versionParts(a);
    const pb = versionParts(b);
    if (!pa || !pb) {
        return undefined;
    }
    for (let i = 0; i < Math.max(pa.numbers.length, pb.numbers.length); i++) {
        const diff = (pa.numbers[i] ?? 0) - (pb.numbers[i] ?? 0);
        if (diff !== 0) {
            return Math.sign(diff);
        }
    }
    return pa.pre === pb.pre ? 0 : pa.pre ? -1 : 1;
}
