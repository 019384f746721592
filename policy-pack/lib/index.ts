// The library face of the pack: every policy, `evaluate`, the parser and the helpers other tools
// use. Importing this module never starts the analyzer server (policy-pack/index.ts does).
export * from "./policies";
export * from "./evaluate";
export * from "./trust";
export { UNKNOWN_STRING_SENTINEL } from "./props";
export { configWithDefaults } from "./policy";
