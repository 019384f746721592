// The plan benchmark's programs, run small (its timings are never asserted): the fleet fixture's
// clusters, node groups and workloads with their modes cycling, and the floor of bare roles.
import * as assert from "node:assert/strict";
import { runProgram } from "../../plan/recorder";
import { fleet, floor, MODES } from "../../scripts/bench-plan";

describe("scripts/bench-plan", () => {
    it("the fleet: per cluster 3 node groups and the workloads, modes in turn", async () => {
        const { registrations } = await runProgram(fleet(2, 4));
        const names = (type: string) => registrations.filter((r) => r.type === type).map((r) => r.name);
        assert.deepEqual(names("eks-identity:index:EksCluster"), ["fleet-0", "fleet-1"]);
        assert.deepEqual(names("eks-identity:index:ManagedNodeGroup"), [
            "fleet-0-ng0",
            "fleet-0-ng1",
            "fleet-0-ng2",
            "fleet-1-ng0",
            "fleet-1-ng1",
            "fleet-1-ng2",
        ]);
        assert.deepEqual(names("eks-identity:index:WorkloadIdentity"), [
            "fleet-0-w0",
            "fleet-0-w1",
            "fleet-0-w2",
            "fleet-0-w3",
            "fleet-1-w0",
            "fleet-1-w1",
            "fleet-1-w2",
            "fleet-1-w3",
        ]);
        assert.deepEqual(MODES, ["irsa", "pod-identity", "both"]);
        // Workloads 1 and 2 of each cluster are pod-identity and both: an association each; 0 and 3 irsa.
        assert.deepEqual(
            registrations
                .filter((r) => r.type === "aws:eks/podIdentityAssociation:PodIdentityAssociation")
                .map((r) => [r.inputs.clusterName, r.inputs.namespace, r.inputs.serviceAccount])
                .sort(),
            [
                ["fleet-0", "team-1", "app-1"],
                ["fleet-0", "team-2", "app-2"],
                ["fleet-1", "team-1", "app-1"],
                ["fleet-1", "team-2", "app-2"],
            ],
        );
    });

    it("the floor: that many bare roles and nothing else", async () => {
        const { registrations } = await runProgram(floor(3));
        assert.deepEqual(
            registrations.map((r) => [r.type, r.name, r.inputs.assumeRolePolicy]),
            [0, 1, 2].map((i) => [
                "aws:iam/role:Role",
                `bare-${i}`,
                '{"Version":"2012-10-17","Statement":[]}',
            ]),
        );
    });
});
