// The offline plan: run a stack's program on the mock monitor against the fake cloud, then serve
// the policy pack in its own process over the Analyzer gRPC protocol, as `pulumi preview
// --policy-pack` does, and collect what it says. No AWS account, no credentials, no Pulumi CLI.
import * as fs from "fs";
import * as path from "path";
import { partitionOfRegion } from "../components/identity/regions";
import { loadStackConfigFile, repoRoot, stackConfigPath, StackConfig } from "../stacks/config";
import { buildPlatform } from "../stacks/program";
import { analyzeAll, AnalyzerResource } from "./analyzer";
import { CloudContext } from "./cloud";
import { PLAN_FILE_VERSION, PlanFile, PlanResource } from "./model";
import { Registration, runProgram } from "./recorder";

export interface PlanOptions {
    stack: string;
    /** Stack config file. @default stacks/Pulumi.<stack>.yaml */
    configFile?: string;
    /** Policy config JSON, as `pulumi preview --policy-pack-config` takes. */
    policyConfigFile?: string;
    /** Compiled policy pack. @default bin/policy-pack */
    packDir?: string;
    /** Progress lines (to stderr in the CLI). */
    onProgress?: (message: string) => void;
}

export function cloudOf(config: StackConfig): CloudContext {
    return {
        partition: partitionOfRegion(config.region),
        region: config.region,
        accountId: config.platform.accountId,
    };
}

export function toPlanResource(r: Registration): PlanResource {
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        custom: r.custom,
        parent: r.parent,
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
        provider: r.provider,
        protect: r.protect,
        props: r.inputs,
        outputs: r.outputs,
    };
}

export function toAnalyzerResource(r: PlanResource): AnalyzerResource {
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        props: r.props,
        parent: r.parent,
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
        provider: r.provider,
        protect: r.protect,
    };
}

export function readPolicyConfig(file: string | undefined): Record<string, unknown> | undefined {
    if (!file) {
        return undefined;
    }
    try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    } catch (error) {
        throw new Error(`policy config ${file}: ${(error as Error).message}`);
    }
}

/** Runs `program` under the fake cloud and the policy pack; the plan of any Pulumi program. */
export async function planProgram(
    program: () => unknown,
    meta: { stack: string; configFile: string; cloud: CloudContext },
    options: Omit<PlanOptions, "stack" | "configFile">,
): Promise<PlanFile> {
    const progress = options.onProgress ?? (() => undefined);
    const t0 = Date.now();
    progress(
        `running the ${meta.stack} program against the offline cloud (${meta.cloud.partition}, ${meta.cloud.region}, ${meta.cloud.accountId})`,
    );
    const result = await runProgram(program, {
        cloud: meta.cloud,
        preview: true,
        project: "platform",
        stack: meta.stack,
    });
    const resources = result.registrations.map(toPlanResource);
    const t1 = Date.now();
    progress(`${resources.length} resources planned in ${t1 - t0} ms; evaluating the policy pack`);
    const analysis = await analyzeAll(
        {
            packDir: options.packDir ?? path.join(repoRoot(), "bin", "policy-pack"),
            policyConfig: readPolicyConfig(options.policyConfigFile),
            stack: meta.stack,
            project: "platform",
        },
        resources.filter((r) => !r.type.startsWith("pulumi:providers:")).map(toAnalyzerResource),
    );
    const t2 = Date.now();
    progress(`${analysis.info.policies.length} policies evaluated in ${t2 - t1} ms`);
    const violations = analysis.violations.map((v) => ({
        policyName: v.policyName,
        policyPackName: v.policyPackName,
        enforcementLevel: v.enforcementLevel,
        message: v.message,
        urn: v.urn,
    }));
    return {
        version: PLAN_FILE_VERSION,
        stack: meta.stack,
        configFile: meta.configFile,
        cloud: meta.cloud,
        policyPack: {
            name: analysis.info.name,
            version: analysis.info.version,
            policies: analysis.info.policies.length,
        },
        resources,
        violations,
        undetermined: analysis.undetermined,
        warnings: result.warnings,
        summary: {
            resources: resources.length,
            mandatory: violations.filter((v) => v.enforcementLevel === "mandatory").length,
            advisory: violations.filter((v) => v.enforcementLevel === "advisory").length,
            undetermined: analysis.undetermined.length,
        },
        timings: { programMs: t1 - t0, policyMs: t2 - t1, totalMs: t2 - t0 },
    };
}

/** Plans one stack of this project: its config file, validated, then the program and the pack. */
export async function planStack(options: PlanOptions): Promise<PlanFile> {
    const configFile =
        path.relative(process.cwd(), options.configFile ?? stackConfigPath(options.stack)) || ".";
    const config = loadStackConfigFile(configFile);
    return planProgram(
        () => buildPlatform(config),
        { stack: options.stack, configFile, cloud: cloudOf(config) },
        options,
    );
}
