import * as assert from "assert";
import { permissionsWriteAnyResource } from "../../../../policy-pack/policies/permissions/permissions-write-any-resource";
import { APP, happyStack, inlineOn, resource, T, U } from "../../factories";
import { stackMessages } from "../../harness";

const CNI = `Workload role "cni-role" (workload role through serviceAccountRoleArn of aws:eks/addon:Addon "vpc-cni")`;
const FIX = "Name the resources, or scope the statement with an aws:ResourceTag / aws:RequestTag condition.";

describe("permissions-write-any-resource", () => {
    const policy = permissionsWriteAnyResource;
    const others = async (statement: Record<string, unknown>) =>
        (await stackMessages(policy, [...happyStack(), inlineOn("app-role", statement)])).filter((m) =>
            m.startsWith(APP),
        );

    it("is advisory; passes the compliant stack, whose CNI role has the policy AWS prescribes for vpc-cni, unless that exemption is removed", async () => {
        assert.strictEqual(policy.enforcementLevel, "advisory");
        assert.deepStrictEqual(await stackMessages(policy, happyStack()), []);
        assert.deepStrictEqual(await stackMessages(policy, happyStack(), { exemptManagedPolicies: [] }), [
            `${CNI}: AWS managed policy AmazonEKS_CNI_Policy statement 0 ("AmazonEKSCNIPolicy") allows ec2:AssignPrivateIpAddresses, ec2:AttachNetworkInterface, ec2:CreateNetworkInterface, ec2:DeleteNetworkInterface, ec2:DetachNetworkInterface and 2 more on every resource, though each can be scoped. ${FIX}`,
            `${CNI}: AWS managed policy AmazonEKS_CNI_Policy statement 1 ("AmazonEKSCNIPolicyENITag") allows ec2:CreateTags on every resource, though each can be scoped. ${FIX}`,
        ]);
    });

    it("flags writes that have a resource type on *; passes reads, named resources, tag-scoped writes and actions without a resource type (sts:GetCallerIdentity)", async () => {
        assert.deepStrictEqual(await others({ Action: ["s3:PutObject", "s3:GetObject"], Resource: "*" }), [
            `${APP}: inline policy "extra" statement 0 allows s3:PutObject on every resource, though each can be scoped. ${FIX}`,
        ]);
        assert.deepStrictEqual(await others({ Action: "sqs:Send*", Resource: "*" }), [
            `${APP}: inline policy "extra" statement 0 allows sqs:SendMessage on every resource, though each can be scoped. ${FIX}`,
        ]);
        for (const statement of [
            { Action: "s3:PutObject", Resource: "arn:aws:s3:::uploads/*" },
            { Action: "ec2:DescribeInstances", Resource: "*" },
            {
                Action: "ec2:CreateTags",
                Resource: "*",
                Condition: { StringEquals: { "aws:RequestTag/team": "payments" } },
            },
            {
                Action: "ec2:DeleteVolume",
                Resource: "*",
                Condition: { StringLike: { "ec2:ResourceTag/CSIVolumeName": "*" } },
            },
            { Action: "sts:GetCallerIdentity", Resource: "*" },
        ]) {
            assert.deepStrictEqual(await others(statement), [], JSON.stringify(statement));
        }
    });

    it("an unknown document is undetermined, not passed", async () => {
        const unknown = [
            ...happyStack({ preview: true }),
            resource(T.rolePolicy, "app-later", { role: "app-role", name: "later", policy: U }),
        ];
        assert.deepStrictEqual(await stackMessages(policy, unknown), [
            'undetermined: what role "app-role" gets from inline policy "later" is unknown at preview, checked at pulumi up',
        ]);
    });
});
