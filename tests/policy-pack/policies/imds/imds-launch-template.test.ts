import * as assert from "assert";
import { imdsLaunchTemplate } from "../../../../policy-pack/policies/imds/imds-launch-template";
import { T, U, resource } from "../../factories";
import { messages } from "../../harness";

describe("imds-launch-template", () => {
    const policy = imdsLaunchTemplate;
    const lt = (metadataOptions: unknown) =>
        resource(T.launchTemplate, "lt", metadataOptions === undefined ? {} : { metadataOptions });

    it("passes required tokens with hop limit 1, or IMDS disabled", async () => {
        assert.deepStrictEqual(
            await messages(policy, lt({ httpTokens: "required", httpPutResponseHopLimit: 1 })),
            [],
        );
        assert.deepStrictEqual(await messages(policy, lt({ httpEndpoint: "disabled" })), []);
    });

    it("flags the @pulumi/eks default (hop limit 2) and a missing metadataOptions", async () => {
        assert.deepStrictEqual(
            await messages(policy, lt({ httpTokens: "required", httpPutResponseHopLimit: 2 })),
            [
                `metadataOptions.httpPutResponseHopLimit is 2, which lets pods reach the node role through IMDS. Set it to 1.`,
            ],
        );
        assert.deepStrictEqual(await messages(policy, lt(undefined)), [
            `metadataOptions.httpTokens is unset (IMDSv1 allowed). Set metadataOptions.httpTokens to "required".`,
            `metadataOptions.httpPutResponseHopLimit is unset, so the AMI decides (2 on EKS AL2023 AMIs), which lets pods reach the node role. Set it to 1.`,
        ]);
        assert.deepStrictEqual(
            await messages(policy, lt({ httpTokens: "optional", httpPutResponseHopLimit: 1 })),
            [`metadataOptions.httpTokens is "optional". Set metadataOptions.httpTokens to "required".`],
        );
    });

    it("checks what is known and honours maxHopLimit", async () => {
        assert.deepStrictEqual(await messages(policy, lt({ httpTokens: U, httpPutResponseHopLimit: U })), []);
        assert.deepStrictEqual(await messages(policy, lt(U)), []);
        assert.deepStrictEqual(
            await messages(policy, lt({ httpTokens: "required", httpPutResponseHopLimit: 2 }), {
                maxHopLimit: 2,
            }),
            [],
        );
    });
});
