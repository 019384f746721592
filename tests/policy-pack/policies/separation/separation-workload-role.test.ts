import * as assert from "assert";
import { separationWorkloadRole } from "../../../../policy-pack/policies/separation/separation-workload-role";
import { MODES, T, U, find, happyStack, roleArn, urn } from "../../factories";
import { stackMessages } from "../../harness";

describe("separation-workload-role", () => {
    const policy = separationWorkloadRole;

    for (const { preview, label } of MODES) {
        it(`flags a workload role used as the node role (${label})`, async () => {
            const stack = happyStack({ preview });
            const ng = find(stack, "ng");
            ng.props.nodeRoleArn = preview ? U : roleArn("app-role");
            ng.propertyDependencies = preview ? { nodeRoleArn: [urn(T.role, "app-role")] } : undefined;
            assert.deepStrictEqual(await stackMessages(policy, stack), [
                `Role "app-role" is a workload role (through roleArn of aws:eks/podIdentityAssociation:PodIdentityAssociation "app") and also the node role (through nodeRoleArn of aws:eks/nodeGroup:NodeGroup "ng"). Give the workload its own role.`,
            ]);
        });
    }

    it("passes the happy stack", async () => {
        assert.deepStrictEqual(await stackMessages(policy, happyStack({ preview: true })), []);
    });
});
