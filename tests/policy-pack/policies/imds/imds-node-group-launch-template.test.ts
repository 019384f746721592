import * as assert from "assert";
import { imdsNodeGroupLaunchTemplate } from "../../../../policy-pack/policies/imds/imds-node-group-launch-template";
import { T, U, resource } from "../../factories";
import { messages } from "../../harness";

describe("imds-node-group-launch-template", () => {
    const policy = imdsNodeGroupLaunchTemplate;

    it("flags a node group without a launch template", async () => {
        assert.deepStrictEqual(await messages(policy, resource(T.nodeGroup, "ng", { nodeRoleArn: U })), [
            `The node group has no launchTemplate, so IMDS runs with the AMI defaults (hop limit 2 on EKS AL2023 AMIs). Add a launch template with metadataOptions { httpTokens: "required", httpPutResponseHopLimit: 1 }.`,
        ]);
        assert.deepStrictEqual(
            await messages(policy, resource(T.nodeGroup, "ng", { launchTemplate: U })),
            [],
        );
    });
});
