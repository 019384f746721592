// Plan files for the tests of what reads them (print, identityMap, report): every field filled,
// the dev stack's cloud and pack by default; each test overrides what it is about.
import { PlanFile, PlanResource } from "../../plan/model";

export const urnOf = (type: string, name: string) => `urn:pulumi:dev::platform::${type}::${name}`;

/** A planned resource; custom unless it is one of this project's components. */
export function planResource(type: string, name: string, extra: Partial<PlanResource> = {}): PlanResource {
    return {
        urn: urnOf(type, name),
        type,
        name,
        custom: !type.startsWith("eks-identity:"),
        dependencies: [],
        propertyDependencies: {},
        protect: false,
        props: {},
        outputs: {},
        ...extra,
    };
}

export function planFile(extra: Partial<PlanFile> = {}): PlanFile {
    return {
        version: 1,
        stack: "dev",
        configFile: "stacks/Pulumi.dev.yaml",
        cloud: { partition: "aws", region: "us-west-2", accountId: "111122223333" },
        policyPack: { name: "eks-identity", version: "0.1.0", policies: 37 },
        resources: [],
        violations: [],
        undetermined: [],
        warnings: [],
        summary: { resources: 0, mandatory: 0, advisory: 0, undetermined: 0 },
        timings: { programMs: 0, policyMs: 0, totalMs: 0 },
        ...extra,
    };
}
