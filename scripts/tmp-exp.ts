import * as path from "path";
import { AnalyzerSession } from "../plan/analyzer";
import { toAnalyzerResource, toPlanResource } from "../plan/plan";
import { runProgram } from "../plan/recorder";
import { EksCluster, WorkloadIdentity } from "../components";

async function main() {
    const r = await runProgram(() => {
        const c = new EksCluster("c", { subnetIds: ["a", "b"], irsa: true });
        for (let i = 0; i < 100; i++) {
            new WorkloadIdentity(`w${i}`, { clusterName: c.clusterName, oidcProviderArn: c.oidcProviderArn, namespace: "n", serviceAccount: `s${i}`, mode: "both", kubernetesProvider: c.provider });
        }
    });
    const resources = r.registrations.map(toPlanResource).filter((x) => !x.type.startsWith("pulumi:providers")).map(toAnalyzerResource);
    for (const dir of [process.argv[2] ?? "bin/policy-pack"]) {
        const s = await AnalyzerSession.start({ packDir: path.resolve(dir) });
        for (const conc of [1, 4, 16]) {
            const t = Date.now();
            let next = 0;
            await Promise.all(Array.from({ length: conc }, async () => { while (next < resources.length) { await s.analyze(resources[next++]); } }));
            const cpu = process.cpuUsage();
            console.log(dir, "conc", conc, resources.length, ((Date.now() - t) / resources.length).toFixed(2), "ms/res", "parent cpu total", (cpu.user / 1000).toFixed(0));
        }
        await s.close();
    }
}
main();
