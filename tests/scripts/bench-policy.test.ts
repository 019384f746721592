// The policy benchmark's generated stack (its timing is never asserted): the resource pattern,
// preview-shaped unknowns linked through propertyDependencies, and the exact count asked for.
import * as assert from "node:assert/strict";
import { unknownValue } from "../../plan/analyzer/wire";
import { generate } from "../../scripts/bench-policy";

const urn = (type: string, name: string) => `urn:pulumi:bench::eks::${type}::${name}`;
const ROLE = "aws:iam/role:Role";

describe("scripts/bench-policy", () => {
    it("per workload a role, attachment, association and ServiceAccount; a node group every 10", () => {
        const resources = generate(12);
        const role0 = { role: [urn(ROLE, "app-0")] };
        assert.deepEqual(
            resources.map((r) => [r.type, r.name, r.propertyDependencies]),
            [
                [ROLE, "app-0", undefined],
                ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "app-0-s3", role0],
                ["aws:eks/podIdentityAssociation:PodIdentityAssociation", "app-0", { roleArn: role0.role }],
                ["kubernetes:core/v1:ServiceAccount", "app-0", { metadata: role0.role }],
                ["aws:ec2/launchTemplate:LaunchTemplate", "lt-0", undefined],
                ["aws:eks/nodeGroup:NodeGroup", "ng-0", { nodeRoleArn: role0.role }],
                [ROLE, "app-1", undefined],
                [
                    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                    "app-1-s3",
                    { role: [urn(ROLE, "app-1")] },
                ],
                [
                    "aws:eks/podIdentityAssociation:PodIdentityAssociation",
                    "app-1",
                    { roleArn: [urn(ROLE, "app-1")] },
                ],
                ["kubernetes:core/v1:ServiceAccount", "app-1", { metadata: [urn(ROLE, "app-1")] }],
                [ROLE, "app-2", undefined],
                [
                    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                    "app-2-s3",
                    { role: [urn(ROLE, "app-2")] },
                ],
            ],
        );
        assert.ok(resources.every((r) => r.urn === urn(r.type, r.name)));
    });

    it("roles trust both ways with known documents; ARNs are unknown, as in a first preview", () => {
        const [role, , association, serviceAccount] = generate(4);
        const issuer = "oidc.eks.us-west-2.amazonaws.com/id/C0";
        assert.equal(role.props.arn, unknownValue);
        assert.deepEqual(JSON.parse(String(role.props.assumeRolePolicy)), {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${issuer}` },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: {
                            [`${issuer}:sub`]: "system:serviceaccount:ns0:sa0",
                            [`${issuer}:aud`]: "sts.amazonaws.com",
                        },
                    },
                },
                {
                    Effect: "Allow",
                    Principal: { Service: "pods.eks.amazonaws.com" },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                    Condition: {
                        StringEquals: {
                            "aws:SourceAccount": "111122223333",
                            "aws:RequestTag/kubernetes-namespace": "ns0",
                        },
                    },
                },
            ],
        });
        assert.deepEqual(association.props, {
            clusterName: "prod",
            namespace: "ns0",
            serviceAccount: "sa0",
            roleArn: unknownValue,
        });
        assert.deepEqual(serviceAccount.props, {
            metadata: {
                name: "sa0",
                namespace: "ns0",
                annotations: { "eks.amazonaws.com/role-arn": unknownValue },
            },
        });
    });

    it("returns exactly the count asked for, issuers cycling over 50 clusters", () => {
        const resources = generate(10_000);
        assert.equal(resources.length, 10_000);
        const issuers = new Set(
            resources
                .filter((r) => r.type === ROLE)
                .map((r) => /id\/(C\d+)/.exec(String(r.props.assumeRolePolicy))?.[1]),
        );
        assert.equal(issuers.size, 50);
    });
});
