import * as assert from "assert";
import { imdsLaunchConfiguration } from "../../../../policy-pack/policies/imds/imds-launch-configuration";
import { U, resource } from "../../factories";
import { messages } from "../../harness";

describe("imds-launch-configuration", () => {
    const policy = imdsLaunchConfiguration;
    const lc = (metadataOptions: unknown) =>
        resource(
            "aws:ec2/launchConfiguration:LaunchConfiguration",
            "lc",
            metadataOptions === undefined ? { iamInstanceProfile: "node-profile" } : { metadataOptions },
        );

    it("passes required tokens with hop limit 1, or IMDS disabled", async () => {
        assert.deepStrictEqual(
            await messages(policy, lc({ httpTokens: "required", httpPutResponseHopLimit: 1 })),
            [],
        );
        assert.deepStrictEqual(await messages(policy, lc({ httpEndpoint: "disabled" })), []);
    });

    it("flags pulumi-eks NodeGroup v1's launch configuration (no metadataOptions) and a hop limit of 2", async () => {
        assert.deepStrictEqual(await messages(policy, lc(undefined)), [
            `metadataOptions.httpTokens is unset (IMDSv1 allowed). Set metadataOptions.httpTokens to "required".`,
            `metadataOptions.httpPutResponseHopLimit is unset, so the AMI decides (2 on EKS AL2023 AMIs), which lets pods reach the node role. Set it to 1.`,
        ]);
        assert.deepStrictEqual(
            await messages(policy, lc({ httpTokens: "required", httpPutResponseHopLimit: 2 })),
            [
                `metadataOptions.httpPutResponseHopLimit is 2, which lets pods reach the node role through IMDS. Set it to 1.`,
            ],
        );
    });

    it("checks what is known at preview and honours maxHopLimit", async () => {
        assert.deepStrictEqual(await messages(policy, lc({ httpTokens: U, httpPutResponseHopLimit: 2 })), [
            `metadataOptions.httpPutResponseHopLimit is 2, which lets pods reach the node role through IMDS. Set it to 1.`,
        ]);
        assert.deepStrictEqual(await messages(policy, lc(U)), []);
        assert.deepStrictEqual(
            await messages(policy, lc({ httpTokens: "required", httpPutResponseHopLimit: 2 }), {
                maxHopLimit: 2,
            }),
            [],
        );
    });
});
