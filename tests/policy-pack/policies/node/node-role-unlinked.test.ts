import * as assert from "assert";
import { nodeRoleUnlinked } from "../../../../policy-pack/policies/node/node-role-unlinked";
import { T, U, clone, find, happyStack, resource, urn } from "../../factories";
import { stackMessages } from "../../harness";

describe("node-role-unlinked", () => {
    const policy = nodeRoleUnlinked;
    /** The happy stack at preview with the node group's nodeRoleArn as a remote component sends it. */
    const unlinked = () => {
        const stack = happyStack({ preview: true });
        delete find(stack, "ng").propertyDependencies;
        return stack;
    };

    it("passes the happy stack after update and at preview (linked through propertyDependencies)", async () => {
        assert.deepStrictEqual(await stackMessages(policy, happyStack()), []);
        assert.deepStrictEqual(await stackMessages(policy, happyStack({ preview: true })), []);
    });

    it("reports a nodeRoleArn unknown at preview with no property dependency as undetermined, naming node group and property", async () => {
        assert.deepStrictEqual(await stackMessages(policy, unlinked()), [
            `undetermined: nodeRoleArn of aws:eks/nodeGroup:NodeGroup "ng" is unknown at preview and has no property dependency, so the node-role policies cannot see its role, checked at pulumi up`,
        ]);
    });

    it("names what an unknown reference depends on when it is no role, and every unlinked reference at once", async () => {
        const stack = unlinked();
        const component = urn("eks:index:Cluster", "shop");
        find(stack, "ng").propertyDependencies = { nodeRoleArn: [component] };
        stack.push(resource("eks:index:Cluster", "shop", {}));
        stack.push(
            resource(T.cluster, "auto", { name: "auto", computeConfig: { enabled: true, nodeRoleArn: U } }),
            resource(T.accessEntry, "nodes", { clusterName: "prod", type: "EC2_LINUX", principalArn: U }),
            resource(T.accessEntry, "admin", { clusterName: "prod", type: "STANDARD", principalArn: U }),
        );
        assert.deepStrictEqual(await stackMessages(policy, clone(stack)), [
            `undetermined: nodeRoleArn of aws:eks/nodeGroup:NodeGroup "ng" is unknown at preview and depends on no role or instance profile of the stack (only eks:index:Cluster "shop"), so the node-role policies cannot see its role; ` +
                `computeConfig.nodeRoleArn of aws:eks/cluster:Cluster "auto" is unknown at preview and has no property dependency, so the node-role policies cannot see its role; ` +
                `principalArn of aws:eks/accessEntry:AccessEntry "nodes" is unknown at preview and has no property dependency, so the node-role policies cannot see its role, checked at pulumi up`,
        ]);
    });

    it("is silent on a known ARN of a role outside the stack (nothing unknown to report)", async () => {
        const stack = unlinked();
        find(stack, "ng").props.nodeRoleArn = "arn:aws:iam::111122223333:role/elsewhere";
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
    });
});
