import * as assert from "assert";
import { hybridNodeRoleTrust } from "../../../../policy-pack/policies/hybrid/hybrid-node-role-trust";
import { ACCOUNT, T, U, resource, role, roleArn, roleRef } from "../../factories";
import { stackMessages } from "../../harness";

const ANCHOR = `arn:aws:rolesanywhere:us-west-2:${ACCOUNT}:trust-anchor/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`;
const HYBRID = `Hybrid nodes role "hybrid" (node role through principalArn of aws:eks/accessEntry:AccessEntry "hybrid-nodes")`;

/** The EKS User Guide's IAM Roles Anywhere trust (hybrid-nodes-creds), with `condition` on both statements. */
function rolesAnywhereTrust(condition?: Record<string, unknown>): string {
    const statement = (Action: unknown, extra: Record<string, unknown> = {}) => ({
        Effect: "Allow",
        Principal: { Service: "rolesanywhere.amazonaws.com" },
        Action,
        ...(condition || Object.keys(extra).length ? { Condition: { ...extra, ...condition } } : {}),
    });
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            statement(["sts:TagSession", "sts:SetSourceIdentity"]),
            statement("sts:AssumeRole", {
                StringEquals: { "sts:RoleSessionName": "${aws:PrincipalTag/x509Subject/CN}" },
            }),
        ],
    });
}

function hybridStack(trust: string, preview = false, type = "HYBRID_LINUX") {
    const ref = roleRef("principalArn", "hybrid", preview);
    return [
        role("hybrid", trust, preview),
        resource(
            T.accessEntry,
            "hybrid-nodes",
            { clusterName: "prod", type, principalArn: ref.value },
            ref.deps,
        ),
    ];
}

const unscoped = (statement: number, detail: string) =>
    `${HYBRID} trust statement ${statement} trusts rolesanywhere.amazonaws.com ${detail}, so any certificate any trust anchor of the account accepts gets the role. ` +
    `Add "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:rolesanywhere:<region>:<account>:trust-anchor/<id>"}}.`;

describe("hybrid-node-role-trust", () => {
    const policy = hybridNodeRoleTrust;

    it("passes the documented trust, scoped to the trust anchor, after update and at preview", async () => {
        for (const preview of [false, true]) {
            const trust = rolesAnywhereTrust({ ArnEquals: { "aws:SourceArn": ANCHOR } });
            assert.deepStrictEqual(await stackMessages(policy, hybridStack(trust, preview)), []);
        }
    });

    it("flags each Roles Anywhere statement without aws:SourceArn, or with a wildcard that is no trust anchor", async () => {
        assert.deepStrictEqual(await stackMessages(policy, hybridStack(rolesAnywhereTrust())), [
            unscoped(0, "without an aws:SourceArn condition"),
            unscoped(1, "without an aws:SourceArn condition"),
        ]);
        const wildcard = rolesAnywhereTrust({
            ArnLike: { "aws:SourceArn": `arn:aws:rolesanywhere:us-west-2:${ACCOUNT}:trust-anchor/*` },
        });
        const detail = `with aws:SourceArn "arn:aws:rolesanywhere:us-west-2:${ACCOUNT}:trust-anchor/*", which is not a trust anchor ARN`;
        assert.deepStrictEqual(await stackMessages(policy, hybridStack(wildcard)), [
            unscoped(0, detail),
            unscoped(1, detail),
        ]);
    });

    it("leaves an unknown trust (preview) and roles of other access entry types to other policies", async () => {
        assert.deepStrictEqual(await stackMessages(policy, hybridStack(U, true)), []);
        assert.deepStrictEqual(
            await stackMessages(policy, hybridStack(rolesAnywhereTrust(), false, "STANDARD")),
            [],
        );
    });

    it("follows terraform-aws-eks's intermediate role (enable_ira) and checks its Roles Anywhere trust", async () => {
        const intermediate = (condition?: Record<string, unknown>) =>
            role(
                "hybrid-inter",
                JSON.stringify({
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: "rolesanywhere.amazonaws.com" },
                            Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
                            ...(condition ? { Condition: condition } : {}),
                        },
                    ],
                }),
                false,
            );
        const trustsIntermediate = JSON.stringify({
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { AWS: roleArn("hybrid-inter") },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                },
            ],
        });
        const stack = (condition?: Record<string, unknown>) => [
            ...hybridStack(trustsIntermediate),
            intermediate(condition),
        ];
        assert.deepStrictEqual(
            await stackMessages(policy, stack({ ArnEquals: { "aws:SourceArn": [ANCHOR] } })),
            [],
        );
        assert.deepStrictEqual(await stackMessages(policy, stack()), [
            `${HYBRID} trusts intermediate role "hybrid-inter", whose trust statement 0 trusts rolesanywhere.amazonaws.com without an aws:SourceArn condition, so any certificate any trust anchor of the account accepts gets the role. ` +
                `Add "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:rolesanywhere:<region>:<account>:trust-anchor/<id>"}}.`,
        ]);
    });
});
