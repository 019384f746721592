import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { trustIrsaSubjectWildcard } from "../../../../policy-pack/policies/trust/trust-irsa-subject-wildcard";
import { AUD, SUB, U, irsaWith, role } from "../../factories";
import { messages, UNDETERMINED_TRUST } from "../../harness";

const unknownTrust = () => role("app-role", U, true);

describe("trust-irsa-subject-wildcard", () => {
    const policy = trustIrsaSubjectWildcard as ResourceValidationPolicy;
    const like = (sub: string) =>
        irsaWith({ StringLike: { [SUB]: sub }, StringEquals: { [AUD]: "sts.amazonaws.com" } });
    const message = (value: string) =>
        `Trust statement 0 lets "${SUB}" match "${value}" under StringLike, so every service account matching it can assume the role. ` +
        `Name one service account with "StringEquals": {"${SUB}": "system:serviceaccount:<namespace>:<service-account>"}.`;

    it("passes a single service account, even under StringLike", async () => {
        assert.deepStrictEqual(await messages(policy, like("system:serviceaccount:app:api")), []);
    });

    for (const value of [
        "system:serviceaccount:*:*",
        "system:serviceaccount:*:default",
        "*",
        "system:serviceaccount:app-?:api",
    ]) {
        it(`flags ${value}`, async () => {
            assert.deepStrictEqual(await messages(policy, like(value)), [message(value)]);
        });
    }

    it("flags a namespace-wide subject unless allowNamespaceWide is set; never a wildcard namespace", async () => {
        assert.deepStrictEqual(await messages(policy, like("system:serviceaccount:app:*")), [
            message("system:serviceaccount:app:*"),
        ]);
        assert.deepStrictEqual(
            await messages(policy, like("system:serviceaccount:app:*"), { allowNamespaceWide: true }),
            [],
        );
        assert.deepStrictEqual(
            await messages(policy, like("system:serviceaccount:*:*"), { allowNamespaceWide: true }),
            [message("system:serviceaccount:*:*")],
        );
    });

    it("leaves a wildcard under StringEquals to trust-wildcard-operator (it never matches)", async () => {
        const r = irsaWith({
            StringEquals: { [SUB]: "system:serviceaccount:*:*", [AUD]: "sts.amazonaws.com" },
        });
        assert.deepStrictEqual(await messages(policy, r), []);
    });

    it("checks the literal parts of a statement whose provider ARN is unknown at preview; the rest is undetermined", async () => {
        // The trust as an object (pulumi-eks, terraform-style programs): the Federated principal an
        // unknown ARN, the condition keys and values literal.
        const partlyUnknown = (sub: string) =>
            role(
                "app-role",
                {
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Federated: U },
                            Action: "sts:AssumeRoleWithWebIdentity",
                            Condition: {
                                StringLike: { [SUB]: sub },
                                StringEquals: { [AUD]: "sts.amazonaws.com" },
                            },
                        },
                    ],
                },
                true,
            );
        const undetermined =
            "undetermined: the trust policy's statement 0 (Principal.Federated) is unknown at preview, checked at pulumi up";
        assert.deepStrictEqual(await messages(policy, partlyUnknown("system:serviceaccount:*:*")), [
            message("system:serviceaccount:*:*"),
            undetermined,
        ]);
        assert.deepStrictEqual(await messages(policy, partlyUnknown("system:serviceaccount:app:api")), [
            undetermined,
        ]);
    });

    it("reports an unknown trust policy undetermined, checked at pulumi up", async () => {
        assert.deepStrictEqual(await messages(policy, unknownTrust()), [UNDETERMINED_TRUST]);
    });
});
