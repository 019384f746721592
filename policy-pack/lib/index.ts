// The library face of the pack: the served policies, `evaluate`, the parser and the helpers other
// tools use (each policy is also the named export of its own file, policies/<area>/<name>.ts).
// Importing this module never starts the analyzer server (policy-pack/index.ts does).
export * from "./policies";
export * from "./evaluate";
export * from "./iam/parser";
export * from "./iam/trustStatements";
export * from "./iam/eksIdentity";
export { UNKNOWN_STRING_SENTINEL } from "./props";
export { configWithDefaults } from "./define";
export { NODE_ROLE_ALLOWED_DEFAULT } from "../policies/node/node-role-managed-policies";
export { NODE_ROLE_DENIED_DEFAULT } from "../policies/node/node-role-forbidden-policies";
export { CLUSTER_ROLE_ALLOWED_DEFAULT } from "../policies/cluster/cluster-role-managed-policies";
