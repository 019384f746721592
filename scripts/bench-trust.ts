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

const rows: string[][] = [];
for (const maxLength of [2048, 4096, 8192]) {
    const row = [String(maxLength)];
    for (const mode of ["irsa", "both", "pod-identity"] as IdentityMode[]) {
        row.push(
            String(
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
        );
    }
    rows.push(row);
}
console.log(
    "Clusters one role can trust (namespace payments, service account payments-api, cluster names prod-NN):",
);
console.log("| trust quota | irsa | both | pod-identity |");
console.log("|---|---|---|---|");
for (const r of rows) {
    console.log(`| ${r.join(" | ")} |`);
}
