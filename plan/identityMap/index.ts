// The identity map: who can act as which role, through which path, and what the role can do.
// workloads.ts finds ServiceAccount -> role links, permissions.ts reads what a role grants,
// reach.ts who else reaches a role, migration.ts why a workload is not on Pod Identity yet,
// access.ts puts them together as the plan's `access` section, markdown.ts and mermaid.ts write
// it for pull requests (plan/report.ts writes the page). This file only re-exports.
export * from "./access";
export * from "./markdown";
export * from "./mermaid";
export * from "./migration";
export * from "./permissions";
export * from "./reach";
export * from "./workloads";
