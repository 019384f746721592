// The automation library: one environment (preview/up/refresh/destroy/outputs), fleets, typed
// stack config, the backend choice, the workspace interface the orchestration is built on, and
// its two implementations: this machine (LocalWorkspaceFactory) and Pulumi Deployments (RemoteWorkspaceFactory).
export * from "./backend";
export * from "./config";
export * from "./errors";
export * from "./events";
export * from "./fleet";
export * from "./operations";
export * from "./policy";
export * from "./remote";
export * from "./retry";
export * from "./workspace";
export { main as cliMain } from "./cli";
export type { CliDeps, CliIo } from "./cli";
