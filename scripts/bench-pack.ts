// Benchmark, not a test: what one Analyze call costs with our pack against a pack whose one policy
// does nothing (scripts/bench-empty-pack), on the same path: the fleet fixture's resources sent
// by the plan's StreamingAnalysis to a pack process started as the CLI starts one. Each pack gets
// a warm-up pass, then a timed one; reported as wall time and CPU per call (the pack process's,
// read from /proc, and this process's, the client's). The difference is our policies.
// Run: npx tsc -b tsconfig.json && node bin/scripts/bench-pack.js [clusters] [workloadsPerCluster]
import * as fs from "fs";
import * as path from "path";
import { AnalyzerResource, AnalyzerSession, StreamingAnalysis } from "../plan/analyzer/session";
import { defaultCloud } from "../plan/cloud";
import { toAnalyzerResource, toPlanResource } from "../plan/plan";
import { runProgram } from "../plan/recorder";
import { repoRoot } from "../stacks/config";
import { fleet } from "./bench-plan";

export interface PackFigures {
    pack: string;
    calls: number;
    /** Per Analyze call, in ms. */
    wallMs: number;
    packCpuMs: number;
    clientCpuMs: number;
}

/** CPU time (user + system) of a process so far, in ms; NaN where /proc is not there. */
export function processCpuMs(pid: number): number {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
        return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
        return NaN;
    }
}

/** The fleet fixture's resources as the plan sends them to the pack. */
export async function fleetResources(
    clusters: number,
    workloadsPerCluster: number,
): Promise<AnalyzerResource[]> {
    const run = await runProgram(fleet(clusters, workloadsPerCluster), {
        cloud: defaultCloud,
        preview: true,
        project: "platform",
        stack: "fleet",
    });
    return run.registrations
        .filter((r) => !r.type.startsWith("pulumi:providers:"))
        .map((r) => toAnalyzerResource(toPlanResource(r)));
}

export async function measurePack(packDir: string, resources: AnalyzerResource[]): Promise<PackFigures> {
    const session = await AnalyzerSession.start({ packDir, stack: "fleet", project: "platform" });
    try {
        const pass = async () => {
            const analysis = new StreamingAnalysis(Promise.resolve(session));
            resources.forEach((r) => analysis.add(r));
            await analysis.finish([]);
        };
        await pass();
        const pack0 = processCpuMs(session.pid);
        const client0 = process.cpuUsage();
        const start = process.hrtime.bigint();
        await pass();
        const wall = Number(process.hrtime.bigint() - start) / 1e6;
        const client = process.cpuUsage(client0);
        const n = resources.length;
        return {
            pack: path.basename(packDir),
            calls: n,
            wallMs: wall / n,
            packCpuMs: (processCpuMs(session.pid) - pack0) / n,
            clientCpuMs: (client.user + client.system) / 1000 / n,
        };
    } finally {
        await session.close();
    }
}

export async function main(clusters = 10, workloadsPerCluster = 50): Promise<PackFigures[]> {
    const resources = await fleetResources(clusters, workloadsPerCluster);
    const bin = path.join(repoRoot(), "bin");
    const ours = await measurePack(path.join(bin, "policy-pack"), resources);
    const empty = await measurePack(path.join(bin, "scripts", "bench-empty-pack"), resources);
    const ms = (x: number) => x.toFixed(3);
    console.log(`Analyze calls, ${resources.length} fleet resources, warm pack (second pass):`);
    for (const f of [ours, empty]) {
        console.log(
            `  ${f.pack.padEnd(17)} ${ms(f.wallMs)} ms a call; CPU ${ms(f.packCpuMs)} ms in the pack, ${ms(f.clientCpuMs)} ms in the client`,
        );
    }
    console.log(
        `  ratio our pack / empty pack:  ${(ours.wallMs / empty.wallMs).toFixed(2)} wall, ` +
            `${(ours.packCpuMs / empty.packCpuMs).toFixed(2)} pack CPU (no target: the rest is the protocol and the @pulumi/policy server)`,
    );
    return [ours, empty];
}

if (require.main === module) {
    main(Number(process.argv[2] ?? 10), Number(process.argv[3] ?? 50)).catch((error) => {
        console.error(error);
        process.exit(1);
    });
}
