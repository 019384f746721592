export * from "./common/policy";
export * from "./identity/trust";
