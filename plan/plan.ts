// The offline plan: run a stack's program on the mock monitor against the fake cloud, then serve
// the policy pack in its own process over the Analyzer gRPC protocol, as `pulumi preview
// --policy-pack` does, and collect what it says. No AWS account, no credentials, no Pulumi CLI.
import * as fs from "fs";
import * as path from "path";
import { partitionOfRegion } from "../components/identity/regions";
import {
    allowedAccountIds,
    loadStackConfigFile,
    repoRoot,
    stackConfigPath,
    StackConfig,
} from "../stacks/config";
import { buildPlatform } from "../stacks/program";
import { AnalyzerResource, AnalyzerSession, AnalyzerViolation, StreamingAnalysis } from "./analyzer/session";
import { CloudContext, describedCluster, NameRuleError, readExistingClusters } from "./cloud";
import { ConflictError } from "./uniqueness";
import { accessSection, WorkloadEvidence, workloadEvidence } from "./identityMap";
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
    /**
     * The account the plan's simulated credentials belong to. @default the stack's account. Set
     * it to see what the AWS provider does with another account's credentials: it refuses them.
     */
    credentialsAccount?: string;
    /**
     * Plan as a stack's first `pulumi preview`: every output the provider computes (ARNs, ids,
     * the OIDC issuer) is unknown, and so is every input built from one, as the engine sends them
     * to the policy pack. @default false: the fake cloud's computed values, as at `pulumi up`.
     */
    preview?: boolean;
    /**
     * End the plan with a StallError naming what it waits for when the program makes no progress
     * for this long. @default 60000 (DEFAULT_STALL_TIMEOUT_MS)
     */
    stallTimeoutMs?: number;
    /** For a stack on an existing cluster: the clusters it may name. @default existingClustersFixture() */
    existingClustersFile?: string;
}

/**
 * The AWS provider's answer to credentials of an account `aws:allowedAccountIds` does not name: it
 * stops when it configures, before any resource is read or changed (Terraform AWS provider,
 * `allowed_account_ids`: "AWS account ID not allowed").
 */
export class AccountNotAllowedError extends Error {
    constructor(
        readonly account: string,
        readonly allowed: string[],
    ) {
        super(
            `AWS account ID not allowed: ${account} (aws:allowedAccountIds is ${JSON.stringify(allowed)}): these credentials belong to another account than the stack's; use the stack account's credentials`,
        );
        this.name = "AccountNotAllowedError";
    }
}

/** The existing clusters the offline plan knows: `aws eks describe-cluster` outputs, one list. */
export function existingClustersFixture(): string {
    return path.join(repoRoot(), "plan", "fixtures", "existing-clusters.json");
}

/**
 * The stack's cloud: its partition, region and account; for a stack on an existing cluster, the
 * clusters of `clustersFile` (default: existingClustersFixture()).
 */
export function cloudOf(config: StackConfig, clustersFile?: string): CloudContext {
    return {
        partition: partitionOfRegion(config.region),
        region: config.region,
        accountId: config.platform.accountId,
        ...(config.platform.cluster.existing
            ? { existingClusters: readExistingClusters(clustersFile ?? existingClustersFixture()) }
            : {}),
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
        ...(r.importId ? { importId: r.importId } : {}),
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

function noop(): void {}

/** Below this many resources the analysis after the program is too short to report on. */
export const ANALYSIS_PROGRESS_MIN = 200;

/**
 * While the pack finishes after the program: a line as the analysis passes each quarter of the
 * resources (those not yet passed), so a large plan is never silent for seconds; at most three.
 */
export function reportAnalysis(analysis: StreamingAnalysis, progress: (message: string) => void): void {
    const total = analysis.added;
    if (total < ANALYSIS_PROGRESS_MIN) {
        return;
    }
    const marks = [1, 2, 3].map((q) => Math.ceil((q * total) / 4)).filter((m) => m > analysis.analysed);
    analysis.onAnalysed = (done) => {
        if (marks.length > 0 && done >= marks[0]) {
            marks.shift();
            progress(`policy pack: ${done} of ${total} resources analysed`);
        }
    };
}

/** Runs `program` under the fake cloud and the policy pack; the plan of any Pulumi program. */
export async function planProgram(
    program: () => unknown,
    meta: {
        stack: string;
        configFile: string;
        cloud: CloudContext;
        /** What the stack config says of each workload, for the access section's migration reasons. */
        evidence?: WorkloadEvidence[];
    },
    options: Omit<PlanOptions, "stack" | "configFile">,
): Promise<PlanFile> {
    const progress = options.onProgress ?? (() => undefined);
    const t0 = Date.now();
    progress(
        `running the ${meta.stack} program against the offline cloud (${meta.cloud.partition}, ${meta.cloud.region}, ${meta.cloud.accountId})`,
    );
    // The pack starts beside the program, as the CLI starts analyzers before it runs the program,
    // and analyzes each resource as its registration completes, as the engine does. The program
    // waits until the pack's process exists: the pack's engine server binds on an event-loop turn,
    // and a program's synchronous construction (seconds for a fleet) would otherwise hold back the
    // spawn, so the pack would boot only after it instead of on the other core meanwhile.
    let spawned!: () => void;
    const packSpawned = new Promise<void>((resolve) => (spawned = resolve));
    const sessionStart = AnalyzerSession.start({
        packDir: options.packDir ?? path.join(repoRoot(), "bin", "policy-pack"),
        policyConfig: readPolicyConfig(options.policyConfigFile),
        stack: meta.stack,
        project: "platform",
        onSpawned: spawned,
    });
    sessionStart.catch(() => undefined);
    await Promise.race([packSpawned, sessionStart.then(noop, noop)]);
    const analysis = new StreamingAnalysis(sessionStart);
    const analyzed = (r: { type: string }) => !r.type.startsWith("pulumi:providers:");
    let registered = 0;
    let result: Awaited<ReturnType<typeof runProgram>>;
    try {
        result = await runProgram(program, {
            cloud: meta.cloud,
            preview: true,
            firstPreview: options.preview ?? false,
            project: "platform",
            stack: meta.stack,
            stallTimeoutMs: options.stallTimeoutMs,
            onRegister: (r) => {
                if (++registered % 500 === 0) {
                    progress(`${registered} resources registered`);
                }
                if (analyzed(r)) {
                    analysis.add(toAnalyzerResource(toPlanResource(r)));
                }
            },
        });
    } catch (error) {
        await sessionStart.then(
            (s) => s.close(),
            () => undefined,
        );
        throw error;
    }
    const resources: PlanResource[] = result.registrations.map(toPlanResource);
    const warnings: PlanFile["warnings"] = result.warnings;
    const t1 = Date.now();
    progress(`${resources.length} resources planned in ${t1 - t0} ms; finishing the policy pack's analysis`);
    reportAnalysis(analysis, progress);
    const session = await sessionStart;
    let analyzerViolations: AnalyzerViolation[];
    try {
        analyzerViolations = await analysis.finish(resources.filter(analyzed).map(toAnalyzerResource));
    } finally {
        await session.close();
    }
    const t2 = Date.now();
    progress(
        `${session.info.policies.length} policies evaluated; ${t2 - t1} ms after the program finished (pack start ${session.startupMs} ms, beside the program)`,
    );
    const violations = analyzerViolations.map((v) => ({
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
        ...(options.preview ? { firstPreview: true as const } : {}),
        policyPack: {
            name: session.info.name,
            version: session.info.version,
            policies: session.info.policies.length,
        },
        resources,
        violations,
        undetermined: session.undetermined,
        warnings,
        access: await accessSection({ resources, violations }, meta.evidence),
        summary: {
            resources: resources.length,
            mandatory: violations.filter((v) => v.enforcementLevel === "mandatory").length,
            advisory: violations.filter((v) => v.enforcementLevel === "advisory").length,
            undetermined: session.undetermined.length,
        },
        timings: { programMs: t1 - t0, policyMs: t2 - t1, totalMs: t2 - t0 },
    };
}

/** Plans one stack of this project: its config file, validated, then the program and the pack. */
export async function planStack(options: PlanOptions): Promise<PlanFile> {
    const configFile =
        path.relative(process.cwd(), options.configFile ?? stackConfigPath(options.stack)) || ".";
    const config = loadStackConfigFile(configFile);
    for (const key of config.secrets) {
        options.onProgress?.(
            `${key} is a secret: the offline plan cannot decrypt it and the program does not read it; planned as an unknown secret value`,
        );
    }
    const account = options.credentialsAccount ?? config.platform.accountId;
    const allowed = allowedAccountIds(config.platform);
    if (!allowed.includes(account)) {
        throw new AccountNotAllowedError(account, allowed);
    }
    const cloud = cloudOf(config, options.existingClustersFile);
    const existing = config.platform.cluster.existing;
    if (existing && cloud.existingClusters) {
        // Before the program: a missing or foreign cluster is one message, not a failed lookup.
        describedCluster(cloud, cloud.existingClusters, existing.name);
    }
    try {
        return await planProgram(
            () => buildPlatform(config),
            { stack: options.stack, configFile, cloud, evidence: workloadEvidence(config) },
            options,
        );
    } catch (error) {
        if (error instanceof NameRuleError) {
            error.configPath = configPathOfName(config, error);
            if (error.configPath) {
                error.message += `; it comes from ${error.configPath}`;
            }
        }
        if (error instanceof ConflictError) {
            const paths = [error.holder, error.urn].map((urn) =>
                configPathOfLogicalName(config, urn.slice(urn.lastIndexOf("::") + 2)),
            );
            error.configPaths = [...new Set(paths.filter((p): p is string => p !== undefined))];
            if (error.configPaths.length > 0) {
                error.message += `; they come from ${error.configPaths.join(" and ")}`;
            }
        }
        throw error;
    }
}

/**
 * The config key a refused name comes from, where the plan can tell: a name given is a config
 * value (a roleName, an inline policy's name); an autonamed one is `${name}-...` after a list
 * item's `name` (the longest that prefixes it, as "api" and "api-v2" both prefix "api-v2-role").
 */
export function configPathOfName(config: StackConfig, error: NameRuleError): string | undefined {
    if (!error.physical.autonamed) {
        return pathOfValue(config.platform, "platform", error.physical.name);
    }
    return configPathOfLogicalName(config, error.logicalName);
}

/**
 * The list item a resource's logical name comes from: `${name}-...` after a node group's,
 * Fargate profile's or workload's `name`, the longest that prefixes it.
 */
export function configPathOfLogicalName(config: StackConfig, logicalName: string): string | undefined {
    const p = config.platform;
    const lists: [string, { name: string }[]][] = [
        ["nodeGroups", p.nodeGroups],
        ["fargateProfiles", p.fargateProfiles],
        ["workloads", p.workloads],
    ];
    let best: { path: string; length: number } | undefined;
    for (const [key, items] of lists) {
        items.forEach((item, i) => {
            if (logicalName.startsWith(`${item.name}-`) && item.name.length > (best?.length ?? -1)) {
                best = { path: `platform:${key}[${i}].name`, length: item.name.length };
            }
        });
    }
    return best?.path;
}

function pathOfValue(value: unknown, at: string, wanted: string): string | undefined {
    if (value === wanted) {
        return at;
    }
    if (typeof value !== "object" || value === null) {
        return undefined;
    }
    for (const [key, item] of Object.entries(value)) {
        const found = pathOfValue(
            item,
            Array.isArray(value) ? `${at}[${key}]` : at === "platform" ? `${at}:${key}` : `${at}.${key}`,
            wanted,
        );
        if (found) {
            return found;
        }
    }
    return undefined;
}
