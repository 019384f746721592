import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { CoreDnsAddon } from "../../../components";
import { run, valueOf } from "../../harness";

describe("CoreDnsAddon", () => {
    it("the managed coredns add-on of the cluster, overwriting conflicts, and nothing else", async () => {
        const r = await run(() => new CoreDnsAddon("coredns", { clusterName: "dev" }));
        assert.deepStrictEqual(r.names(), [
            "eks-identity:index:CoreDnsAddon::coredns",
            "aws:eks/addon:Addon::coredns-coredns",
        ]);
        const addon = r.one("aws:eks/addon:Addon", "coredns-coredns");
        assert.deepStrictEqual(addon.inputs, {
            clusterName: "dev",
            addonName: "coredns",
            resolveConflictsOnUpdate: "OVERWRITE",
        });
        assert.strictEqual(addon.parent, r.one("eks-identity:index:CoreDnsAddon", "coredns").urn);
        assert.strictEqual(await valueOf(r.value.addonArn), addon.outputs.arn);
    });

    it("passes version, configuration values and tags as given, Outputs included", async () => {
        const r = await run(
            () =>
                new CoreDnsAddon("coredns", {
                    clusterName: pulumi.output("prod"),
                    addonVersion: pulumi.output("v1.11.4-eksbuild.2"),
                    configurationValues: pulumi.output('{"replicaCount":3}'),
                    tags: pulumi.output({ environment: "prod" }),
                }),
        );
        assert.deepStrictEqual(r.one("aws:eks/addon:Addon", "coredns-coredns").inputs, {
            clusterName: "prod",
            addonName: "coredns",
            addonVersion: "v1.11.4-eksbuild.2",
            configurationValues: '{"replicaCount":3}',
            resolveConflictsOnUpdate: "OVERWRITE",
            tags: { environment: "prod" },
        });
    });
});
