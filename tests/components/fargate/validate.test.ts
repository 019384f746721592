// Construction-time checks of FargateProfileArgs (validateFargateProfileArgs), through the component.
import * as assert from "assert";
import { FargateProfile, FargateProfileArgs } from "../../../components";
import { errorPaths, runExpectingError } from "../../harness";

const args: FargateProfileArgs = {
    clusterName: "prod",
    subnetIds: ["subnet-a", "subnet-b"],
    selectors: [{ namespace: "batch" }, { namespace: "jobs", labels: { fargate: "yes" } }],
};

describe("FargateProfile", () => {
    it("refuses a node role, bad namespaces and missing selectors", async () => {
        const loose = {
            ...args,
            nodeRoleArn: "arn:aws:iam::111122223333:role/nodes",
            selectors: [{ namespace: "Batch_Jobs" }],
        } as FargateProfileArgs;
        const { error, registrations } = await runExpectingError(() => new FargateProfile("bad", loose));
        assert.deepStrictEqual(errorPaths(error), ["nodeRoleArn", "selectors[0].namespace"]);
        assert.match(
            error.errors.find((e) => e.propertyPath === "nodeRoleArn")!.reason,
            /never uses a node role/,
        );
        assert.strictEqual(registrations.length, 1);
        const empty = await runExpectingError(
            () => new FargateProfile("bad", { ...args, selectors: [], subnetIds: [] }),
        );
        assert.deepStrictEqual(errorPaths(empty.error), ["selectors", "subnetIds"]);
    });

    it("refuses selector labels Kubernetes would refuse, more than 5 per selector, and reserved tags", async () => {
        const labels = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`l${i}`, "x"]));
        const { error, registrations } = await runExpectingError(
            () =>
                new FargateProfile("batch", {
                    ...args,
                    selectors: [
                        { namespace: "batch", labels: { "app name": "report", tier: "a/b" } },
                        { namespace: "jobs", labels },
                    ],
                    tags: { "aws:team": "data" },
                }),
        );
        assert.deepStrictEqual(errorPaths(error), [
            "selectors[0].labels.app name",
            "selectors[0].labels.tier",
            "selectors[1].labels",
            "tags.aws:team",
        ]);
        assert.match(
            error.errors.find((e) => e.propertyPath === "selectors[1].labels")!.reason,
            /^6 labels; a Fargate profile selector matches at most 5 \(EKS service quotas, "Label pairs per Fargate profile selector"\)/,
        );
        assert.strictEqual(registrations.length, 1);
    });
});
