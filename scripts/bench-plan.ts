// Benchmark, not a test: the offline plan of a fleet fixture, 10 clusters x 3 node groups x 50
// workloads (modes mixed irsa / pod-identity / both), measured in one run against its floor: the
// same number of bare @pulumi/aws resources registered through the same mocks, no components.
// Targets: plan / floor <= 1.25; policy evaluation <= 15% of the plan. Timings are noisy on 2
// cores: compare the ratios, run it twice.
// Run: npx tsc -p . && node bin/scripts/bench-plan.js [clusters] [workloadsPerCluster]
import * as aws from "@pulumi/aws";
import { EksCluster, IDENTITY_MODES, ManagedNodeGroup, WorkloadIdentity } from "../components";
import { defaultCloud } from "../plan/cloud";
import { planProgram } from "../plan/plan";
import { runProgram } from "../plan/recorder";

/** Workload modes, assigned in turn. */
export const MODES = IDENTITY_MODES;

/** The fleet fixture as a program: per cluster 3 managed node groups and the workloads. */
export function fleet(clusters: number, workloadsPerCluster: number): () => void {
    return () => {
        for (let c = 0; c < clusters; c++) {
            fleetCluster(c, workloadsPerCluster);
        }
    };
}

/** Cluster `fleet-<c>` with its node groups and workloads. */
function fleetCluster(c: number, workloadsPerCluster: number): void {
    const name = `fleet-${c}`;
    const cluster = new EksCluster(name, {
        clusterName: name,
        subnetIds: ["subnet-0a", "subnet-0b", "subnet-0c"],
        irsa: true,
        podIdentity: true,
        accessEntries: [
            {
                principalArn: `arn:aws:iam::${defaultCloud.accountId}:role/platform-admins`,
                accessPolicies: [{ policyName: "AmazonEKSClusterAdminPolicy" }],
            },
        ],
    });
    for (let g = 0; g < 3; g++) {
        new ManagedNodeGroup(`${name}-ng${g}`, {
            clusterName: cluster.clusterName,
            subnetIds: ["subnet-0a", "subnet-0b"],
        });
    }
    for (let w = 0; w < workloadsPerCluster; w++) {
        new WorkloadIdentity(
            `${name}-w${w}`,
            {
                clusterName: cluster.clusterName,
                clusterArn: cluster.clusterArn,
                oidcProviderArn: cluster.oidcProviderArn,
                oidcIssuer: cluster.oidcIssuer,
                namespace: `team-${w % 10}`,
                serviceAccount: `app-${w}`,
                mode: MODES[w % MODES.length],
                managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
            },
            { providers: { kubernetes: cluster.kubernetesProvider() } },
        );
    }
}

/** The floor: `count` bare roles, no components. */
export function floor(count: number): () => void {
    return () => {
        for (let i = 0; i < count; i++) {
            new aws.iam.Role(`bare-${i}`, { assumeRolePolicy: '{"Version":"2012-10-17","Statement":[]}' });
        }
    };
}

async function main(clusters: number, workloadsPerCluster: number): Promise<void> {
    // Warm-up: module loading and JIT would otherwise be charged to whichever run goes first.
    await runProgram(floor(200));
    const plan = await planProgram(
        fleet(clusters, workloadsPerCluster),
        { stack: "fleet", configFile: "(fleet fixture)", cloud: defaultCloud },
        { onProgress: (m) => console.log(`  • ${m}`) },
    );
    const custom = plan.resources.filter((r) => r.custom).length;
    const t0 = Date.now();
    await runProgram(floor(custom));
    const floorMs = Date.now() - t0;
    const programMs = plan.timings.programMs;
    console.log(`Fleet fixture: ${clusters} clusters x 3 node groups x ${workloadsPerCluster} workloads`);
    console.log(
        `  resources planned:          ${plan.resources.length} (${custom} custom, ${plan.resources.length - custom} components)`,
    );
    console.log(`  program on the mock monitor: ${programMs} ms`);
    console.log(`  floor (${custom} bare aws.iam.Role): ${floorMs} ms`);
    console.log(`  ratio program / floor:       ${(programMs / floorMs).toFixed(2)} (target <= 1.25)`);
    console.log(
        `  policy evaluation (gRPC):    ${plan.timings.policyMs} ms, ${((100 * plan.timings.policyMs) / plan.timings.totalMs).toFixed(1)}% of the plan (target <= 15%)`,
    );
    console.log(
        `  whole plan:                  ${plan.timings.totalMs} ms; violations: ${plan.summary.mandatory} mandatory, ${plan.summary.advisory} advisory`,
    );
}

if (require.main === module) {
    main(Number(process.argv[2] ?? 10), Number(process.argv[3] ?? 50)).catch((error) => {
        console.error(error);
        process.exit(1);
    });
}
