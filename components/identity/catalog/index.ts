// A catalog of least-privilege IAM policies for well-known EKS add-ons: one file per add-on,
// each citing the upstream policy it follows. This file only re-exports.
export type { CatalogContext, ResolvedWellKnownPolicy, WellKnownPolicy } from "./args";
export { IpFamily, WellKnownKind } from "./args";
export { WELL_KNOWN_KINDS, withClusterName } from "./kinds";
export { validateWellKnownPolicy } from "./validate";
export { wellKnownPolicyDocument, wellKnownPolicyJson } from "./document";
