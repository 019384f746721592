// Benchmark, not a test: the offline plan of a fleet fixture, 10 clusters x 3 node groups x 50
// workloads (modes mixed irsa / pod-identity / both), measured in one run against its floor: the
// same number of bare @pulumi/aws resources registered through the same mocks, no components;
// and against the plan of 1 cluster, for growth. Targets: program / floor <= 1.25; the policy
// pack's analysis after the program <= 25% of the plan; plan cost per resource at 10 clusters
// over 1 <= 1.2. Timings are noisy on 2 cores: each plan is the best of two, compare ratios.
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

export interface PlanFigures {
    clusters: number;
    resources: number;
    custom: number;
    programMs: number;
    /** The policy pack's analysis after the program finished (what it did not overlap). */
    policyMs: number;
    totalMs: number;
    mandatory: number;
    advisory: number;
}

/** The plan of the fleet fixture, program and pack over gRPC, as `npm run plan` runs a stack. */
export async function measurePlan(
    clusters: number,
    workloadsPerCluster: number,
    onProgress?: (message: string) => void,
): Promise<PlanFigures> {
    const plan = await planProgram(
        fleet(clusters, workloadsPerCluster),
        { stack: "fleet", configFile: "(fleet fixture)", cloud: defaultCloud },
        { onProgress },
    );
    return {
        clusters,
        resources: plan.resources.length,
        custom: plan.resources.filter((r) => r.custom).length,
        ...plan.timings,
        mandatory: plan.summary.mandatory,
        advisory: plan.summary.advisory,
    };
}

/** The faster of `runs` plans (2 cores shared: the slower one measured someone else's load). */
export async function bestPlan(
    clusters: number,
    workloadsPerCluster: number,
    runs: number,
): Promise<PlanFigures> {
    let best: PlanFigures | undefined;
    for (let i = 0; i < runs; i++) {
        const f = await measurePlan(clusters, workloadsPerCluster);
        if (!best || f.totalMs < best.totalMs) {
            best = f;
        }
    }
    return best as PlanFigures;
}

/** The policy share of a plan: the analysis after the program over the whole plan. */
export function policyShare(f: PlanFigures): number {
    return f.policyMs / f.totalMs;
}

/** Cost per resource of `large` over that of `small`: 1 is linear. */
export function growth(
    small: { ms: number; resources: number },
    large: { ms: number; resources: number },
): number {
    return large.ms / large.resources / (small.ms / small.resources);
}

export async function main(clusters: number, workloadsPerCluster: number, runs = 2): Promise<PlanFigures[]> {
    // Warm-up: module loading and JIT would otherwise be charged to whichever run goes first.
    await runProgram(floor(200));
    await measurePlan(1, 5);
    const one = await bestPlan(1, workloadsPerCluster, runs);
    const many = await bestPlan(clusters, workloadsPerCluster, runs);
    // The program against its floor without the pack: in the plan, the analysis overlaps the
    // program and shares its 2 cores, which is the pack's cost, not the components'.
    let t0 = Date.now();
    await runProgram(fleet(clusters, workloadsPerCluster));
    const programMs = Date.now() - t0;
    t0 = Date.now();
    await runProgram(floor(many.custom));
    const floorMs = Date.now() - t0;
    console.log(
        `Fleet fixture: ${clusters} clusters x 3 node groups x ${workloadsPerCluster} workloads (best of ${runs})`,
    );
    console.log(
        `  resources planned:          ${many.resources} (${many.custom} custom, ${many.resources - many.custom} components)`,
    );
    console.log(`  program on the mock monitor: ${programMs} ms (no pack)`);
    console.log(`  floor (${many.custom} bare aws.iam.Role): ${floorMs} ms`);
    console.log(`  ratio program / floor:       ${(programMs / floorMs).toFixed(2)} (target <= 1.25)`);
    console.log(
        `  plan: program with the pack beside it ${many.programMs} ms, then the pack ${many.policyMs} ms of a ${many.totalMs} ms plan: ` +
            `policy share ${(100 * policyShare(many)).toFixed(1)}% (target <= 25%)`,
    );
    console.log(`  violations: ${many.mandatory} mandatory, ${many.advisory} advisory`);
    console.log(
        `  1 cluster: ${one.resources} resources, plan ${one.totalMs} ms (program ${one.programMs} ms)`,
    );
    const plan = growth(
        { ms: one.totalMs, resources: one.resources },
        { ms: many.totalMs, resources: many.resources },
    );
    const program = growth(
        { ms: one.programMs, resources: one.resources },
        { ms: many.programMs, resources: many.resources },
    );
    console.log(
        `  growth, plan cost per resource at ${clusters} clusters over 1: ${plan.toFixed(2)} (target <= 1.2); ` +
            `program alone ${program.toFixed(2)}`,
    );
    return [one, many];
}

if (require.main === module) {
    main(Number(process.argv[2] ?? 10), Number(process.argv[3] ?? 50)).catch((error) => {
        console.error(error);
        process.exit(1);
    });
}
