import * as assert from "assert";
import { clusterLocalRoleSeparation } from "../../../../policy-pack/policies/cluster/cluster-local-role-separation";
import { ACCOUNT, T, ec2Trust, find, happyStack, resource, role, roleRef } from "../../factories";
import { stackMessages } from "../../harness";

const OUTPOST = {
    controlPlaneInstanceType: "m5d.large",
    outpostArns: [`arn:aws:outposts:us-west-2:${ACCOUNT}:outpost/op-1`],
};

/** A local cluster on Outposts whose nodes' instance profile uses `nodeRole`. */
function localStack(nodeRole: string, preview = false) {
    const cluster = roleRef("roleArn", "local-cluster-role", preview);
    const profile = roleRef("role", nodeRole, preview);
    return [
        role("local-cluster-role", ec2Trust(), preview),
        role("local-node-role", ec2Trust(), preview),
        resource(
            T.cluster,
            "local",
            { name: "local", roleArn: cluster.value, outpostConfig: OUTPOST },
            cluster.deps,
        ),
        resource(T.instanceProfile, "nodes", { name: "nodes", role: profile.value }, profile.deps),
    ];
}

describe("cluster-local-role-separation", () => {
    const policy = clusterLocalRoleSeparation;

    it("passes a local cluster whose nodes have their own role, after update and at preview, and the happy stack", async () => {
        for (const preview of [false, true]) {
            assert.deepStrictEqual(await stackMessages(policy, localStack("local-node-role", preview)), []);
        }
        assert.deepStrictEqual(await stackMessages(policy, happyStack()), []);
    });

    it("flags the local cluster's role handed to nodes through an instance profile", async () => {
        for (const preview of [false, true]) {
            assert.deepStrictEqual(await stackMessages(policy, localStack("local-cluster-role", preview)), [
                `Role "local-cluster-role" (cluster role through roleArn of aws:eks/cluster:Cluster "local") of a local cluster on Outposts is also a node role through role of aws:iam/instanceProfile:InstanceProfile "nodes": ` +
                    `every pod on those nodes gets the control plane's permissions through IMDS. Give the nodes their own node role.`,
            ]);
        }
    });

    it("leaves a cloud cluster's role to the other policies (no outpostConfig)", async () => {
        const stack = localStack("local-cluster-role");
        delete find(stack, "local").props.outpostConfig;
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
    });
});
