// Benchmark, not a test: how many clusters one workload role can trust before its trust policy
// exceeds IAM's length quota, per mode, for the quotas REFERENCE.md names (2,048 default; 4,096 and
// 8,192 after a quota increase). Uses the builders the components use, EKS's canonical ARN and
// issuer shapes, and a typical workload (namespace "payments", service account "payments-api").
// Run: npx tsc -p . && node bin/scripts/bench-trust.js
import { canonicalCluster, clustersThatFit } from "../components/identity/quota";
import { IdentityMode } from "../components/identity/mode";

const ACCOUNT = "111122223333";
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];

const cluster = (i: number) =>
    canonicalCluster(
        {
            partition: "aws",
            region: REGIONS[i % REGIONS.length],
            accountId: ACCOUNT,
            clusterName: `prod-${String(i).padStart(2, "0")}`,
        },
        i,
    );

/** The quotas REFERENCE.md names, and the modes in the table's column order. */
export const QUOTAS = [2048, 4096, 8192];
export const MODES: IdentityMode[] = ["irsa", "both", "pod-identity"];

/** Per quota: how many clusters fit in one role's trust for each of MODES. */
export function trustTable(quotas: number[] = QUOTAS): { maxLength: number; clusters: number[] }[] {
    return quotas.map((maxLength) => ({
        maxLength,
        clusters: MODES.map((mode) =>
            clustersThatFit(
                {
                    mode,
                    namespace: "payments",
                    serviceAccount: "payments-api",
                    maxLength,
                    cluster,
                    accountId: ACCOUNT,
                },
                1000,
            ),
        ),
    }));
}

function main(): void {
    console.log(
        "Clusters one role can trust (namespace payments, service account payments-api, cluster names prod-NN):",
    );
    console.log("| trust quota | irsa | both | pod-identity |");
    console.log("|---|---|---|---|");
    for (const row of trustTable()) {
        console.log(`| ${[row.maxLength, ...row.clusters].join(" | ")} |`);
    }
}

if (require.main === module) {
    main();
}
