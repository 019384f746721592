// The policy pack the Pulumi CLI serves (`pulumi preview --policy-pack policy-pack`, `pulumi policy
// publish`). Constructing PolicyPack starts the analyzer's gRPC server, so nothing else imports
// this module: tools and tests use ./lib.
import { PolicyPack } from "@pulumi/policy";
import * as deserialize from "@pulumi/policy/deserialize";
import { PACK_DESCRIPTION, PACK_NAME, policies } from "./lib/policies";
import { DeserializeModule, shareDeserializedProperties } from "./lib/sharedProps";

// Before the server exists: its handlers read the module's function at each call. One
// deserialization per request then also lets its stack policies share one index (lib/stack.ts).
shareDeserializedProperties(deserialize as unknown as DeserializeModule);

new PolicyPack(PACK_NAME, {
    policies,
    description: PACK_DESCRIPTION,
    displayName: "EKS workload identity",
    provider: "aws",
    tags: ["eks", "iam", "irsa", "pod-identity"],
});
