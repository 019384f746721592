// The stack config: schema.ts (shapes, zod), semantics.ts (cross-field rules and the components'
// validators), args.ts (what each config item becomes), load.ts (files and the engine's bag),
// problems.ts (key paths, the one error), cidr.ts (network arithmetic), readiness.ts (the SDK's
// Pod Identity readiness from a workload's SBOM or declaration). This file only re-exports.
export * from "./schema";
export * from "./problems";
export * from "./load";
export * from "./args";
export { semanticProblems } from "./semantics";
export { readinessOf, ReadinessEvidence, ReadinessVerdict, WorkloadReadiness } from "./readiness";
