import * as assert from "assert";
import { wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, WORKSPACE, FULL } from "./fixtures";

describe("identity/catalog/amazon-managed-prometheus", () => {
    describe("full documents", () => {
        it("amazon-managed-prometheus", () => {
            assert.deepStrictEqual(wellKnownPolicyDocument(FULL["amazon-managed-prometheus"], CTX), {
                Version: "2012-10-17",
                Statement: [
                    { Sid: "RemoteWrite", Effect: "Allow", Action: "aps:RemoteWrite", Resource: WORKSPACE },
                    {
                        Sid: "Query",
                        Effect: "Allow",
                        Action: [
                            "aps:QueryMetrics",
                            "aps:GetSeries",
                            "aps:GetLabels",
                            "aps:GetMetricMetadata",
                        ],
                        Resource: WORKSPACE,
                    },
                ],
            });
        });
    });
});
