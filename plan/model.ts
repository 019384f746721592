// The offline plan's data: what the program registered and what the policy pack said of it. The
// JSON plan file (`--json`) is this shape; its `resources` array is also what the policy pack's
// CLI (`policy-pack/lib/cli.ts`) takes as input.
import { CloudContext } from "./cloud";

/** Format version of the plan file; bump on incompatible changes. */
export const PLAN_FILE_VERSION = 1;

/** One resource as the engine would send it to a policy pack (inputs as `props`). */
export interface PlanResource {
    urn: string;
    type: string;
    name: string;
    /** Whether it is a custom (provider) resource; false for components. */
    custom: boolean;
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    provider?: string;
    protect: boolean;
    /** The ID of the existing resource imported into this one (the `import` option; `pulumi preview` shows `= import`). */
    importId?: string;
    /** Inputs, with provider-computed values resolved by the fake cloud. */
    props: Record<string, unknown>;
    /** Outputs the fake cloud computed (custom) or the component registered. */
    outputs: Record<string, unknown>;
}

export interface PlanViolation {
    policyName: string;
    policyPackName: string;
    enforcementLevel: string;
    message: string;
    urn?: string;
}

export interface PlanFile {
    version: number;
    stack: string;
    configFile: string;
    cloud: CloudContext;
    /** Set when planned as a stack's first `pulumi preview` (computed values unknown). */
    firstPreview?: true;
    policyPack: { name: string; version: string; policies: number };
    resources: PlanResource[];
    violations: PlanViolation[];
    /** Policies that could not decide because a value was unknown (never a silent pass). */
    undetermined: { policyName: string; urn?: string; message: string }[];
    warnings: { message: string; urn?: string }[];
    summary: {
        resources: number;
        mandatory: number;
        advisory: number;
        undetermined: number;
    };
    /**
     * `programMs`: the program on the mock monitor (the pack analyzes resources meanwhile, as the
     * engine does, and the pack process starts beside it); `policyMs`: what the policy pack adds
     * after the program is done; `totalMs`: the whole plan.
     */
    timings: { programMs: number; policyMs: number; totalMs: number };
}
