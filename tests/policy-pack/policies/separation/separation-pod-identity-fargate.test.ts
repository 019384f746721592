import * as assert from "assert";
import { separationPodIdentityFargate } from "../../../../policy-pack/policies/separation/separation-pod-identity-fargate";
import { find, happyStack } from "../../factories";
import { stackMessages } from "../../harness";

describe("separation-pod-identity-fargate", () => {
    const policy = separationPodIdentityFargate;

    it("flags Pod Identity for a namespace a Fargate profile serves (wildcard selectors too)", async () => {
        const stack = happyStack();
        find(stack, "batch").props.selectors = [{ namespace: "ap*" }];
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `Pod Identity association "app" targets namespace "app", which Fargate profile "batch" serves; Pod Identity does not work on Fargate. Use IRSA for this workload, or run it on EC2 nodes.`,
        ]);
        find(stack, "batch").props.clusterName = "other";
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
    });
});
