import * as assert from "assert";
import { serviceAccountDedicated } from "../../../../policy-pack/policies/service-account/service-account-dedicated";
import { T, U, irsaTrust, resource, role } from "../../factories";
import { messages } from "../../harness";

describe("service-account-dedicated", () => {
    const policy = serviceAccountDedicated;
    const ADVICE = "Create a dedicated service account for the workload and bind the role to it.";

    it("flags every way of binding a role to the default service account", async () => {
        assert.deepStrictEqual(
            await messages(policy, resource(T.pia, "p", { namespace: "app", serviceAccount: "default" })),
            [
                `The Pod Identity association binds its role to the "default" service account of "app". ${ADVICE}`,
            ],
        );
        assert.deepStrictEqual(
            await messages(
                policy,
                resource(T.serviceAccount, "d", {
                    metadata: { name: "default", annotations: { "eks.amazonaws.com/role-arn": U } },
                }),
            ),
            [`The "default" service account carries the eks.amazonaws.com/role-arn annotation. ${ADVICE}`],
        );
        assert.deepStrictEqual(await messages(policy, role("r", irsaTrust("app", "default"), false)), [
            `Trust statement 0 lets "system:serviceaccount:app:default" assume the role. ${ADVICE}`,
        ]);
        assert.deepStrictEqual(
            await messages(
                policy,
                resource(T.addon, "a", {
                    podIdentityAssociations: [{ roleArn: U, serviceAccount: "default" }],
                }),
            ),
            [
                `A podIdentityAssociations entry of the add-on binds a role to the "default" service account. ${ADVICE}`,
            ],
        );
    });

    it("passes dedicated accounts and unknown values", async () => {
        assert.deepStrictEqual(
            await messages(policy, resource(T.pia, "p", { namespace: "app", serviceAccount: U })),
            [],
        );
        assert.deepStrictEqual(await messages(policy, role("r", irsaTrust(), false)), []);
    });
});
