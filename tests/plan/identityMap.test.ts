// The identity map read from planned resources alone: who gets which role, by which mechanism,
// with which permissions and violations; and its Markdown.
import * as assert from "assert";
import { identityMap, identityMapMarkdown } from "../../plan/identityMap";
import { PlanFile, PlanResource, PlanViolation } from "../../plan/model";
import { planFile, planResource, urnOf as urn } from "./planFile";

const ACCOUNT = "111122223333";
const ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/ABC";
const CLUSTER_ARN = `arn:aws:eks:us-west-2:${ACCOUNT}:cluster/dev`;

function role(name: string, statements: object[], parent?: string): PlanResource {
    return planResource("aws:iam/role:Role", name, {
        parent,
        props: { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
        outputs: { name: `${name}-1a2b3c4`, arn: `arn:aws:iam::${ACCOUNT}:role/${name}-1a2b3c4` },
    });
}

const irsa = (issuer: string, subject: string) => ({
    Effect: "Allow",
    Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer}` },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: {
        StringEquals: { [`${issuer}:sub`]: subject, [`${issuer}:aud`]: "sts.amazonaws.com" },
    },
});
const pods = (tags: Record<string, string> = {}) => ({
    Effect: "Allow",
    Principal: { Service: "pods.eks.amazonaws.com" },
    Action: ["sts:AssumeRole", "sts:TagSession"],
    Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT, ...tags } },
});

const workload = urn("eks-identity:index:WorkloadIdentity", "payments-api");
const cluster = planResource("aws:eks/cluster:Cluster", "dev", {
    outputs: { name: "dev", arn: CLUSTER_ARN, identities: [{ oidcs: [{ issuer: `https://${ISSUER}` }] }] },
});
const paymentsRole = role(
    "payments-api-role",
    [irsa(ISSUER, "system:serviceaccount:payments:payments-api")],
    workload,
);
const paymentsServiceAccount = planResource("kubernetes:core/v1:ServiceAccount", "payments-api", {
    parent: workload,
});
const dnsRole = role("external-dns-role", [
    pods({
        "aws:RequestTag/eks-cluster-arn": CLUSTER_ARN,
        "aws:RequestTag/kubernetes-namespace": "external-dns",
        "aws:RequestTag/kubernetes-service-account": "external-dns",
    }),
]);
const ebsRole = role("ebs-csi-role", [pods()]);
const cniRole = role("vpc-cni-role", [pods()]);
const bothRole = role("batch-role", [irsa(ISSUER, "system:serviceaccount:batch:invoice"), pods()]);
const otherClusterRole = role("other-role", [
    irsa("oidc.eks.eu-west-1.amazonaws.com/id/XYZ", "system:serviceaccount:a:b"),
]);
const nodeRole = role("node-role", [
    { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
]);
const unparsable = planResource("aws:iam/role:Role", "pending", {
    props: { assumeRolePolicy: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" },
});

const resources: PlanResource[] = [
    cluster,
    paymentsRole,
    paymentsServiceAccount,
    planResource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "payments-s3", {
        props: {
            role: "payments-api-role-1a2b3c4",
            policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        },
    }),
    planResource("aws:iam/rolePolicy:RolePolicy", "payments-queue", {
        props: { role: "payments-api-role-1a2b3c4", name: "read-queue" },
    }),
    dnsRole,
    ebsRole,
    planResource("aws:eks/podIdentityAssociation:PodIdentityAssociation", "ebs-csi", {
        props: {
            clusterName: "dev",
            namespace: "kube-system",
            serviceAccount: "ebs-csi-controller-sa",
            roleArn: ebsRole.outputs.arn,
        },
    }),
    cniRole,
    planResource("aws:eks/addon:Addon", "vpc-cni", {
        props: {
            clusterName: "dev",
            podIdentityAssociations: [{ roleArn: cniRole.outputs.arn, serviceAccount: "aws-node" }],
        },
    }),
    bothRole,
    planResource("aws:eks/podIdentityAssociation:PodIdentityAssociation", "invoice", {
        props: {
            clusterName: "dev",
            namespace: "batch",
            serviceAccount: "invoice",
            roleArn: bothRole.outputs.arn,
        },
    }),
    otherClusterRole,
    nodeRole,
    unparsable,
];

const onRole: PlanViolation = {
    policyName: "trust-irsa-audience",
    policyPackName: "eks-identity",
    enforcementLevel: "mandatory",
    message: "m",
    urn: paymentsRole.urn,
};
const onSibling: PlanViolation = {
    ...onRole,
    policyName: "service-account-dedicated",
    enforcementLevel: "advisory",
    urn: paymentsServiceAccount.urn,
};
const elsewhere: PlanViolation = { ...onRole, policyName: "node-role-managed-policies", urn: nodeRole.urn };

function plan(list: PlanResource[], violations: PlanViolation[] = []): PlanFile {
    return planFile({
        resources: list,
        violations,
        summary: { resources: list.length, mandatory: 2, advisory: 1, undetermined: 0 },
    });
}

describe("plan/identityMap", () => {
    const header = [
        "# Identity map of stack `dev`",
        "",
        "Planned offline from `stacks/Pulumi.dev.yaml` (aws, us-west-2, account 111122223333); " +
            "policy pack eks-identity@v0.1.0: 2 mandatory, 1 advisory violation(s).",
        "",
    ];

    it("maps each service account to its role, mode, permissions and violations, per cluster", () => {
        const identity = (r: PlanResource, namespace: string, serviceAccount: string, mode: string) => ({
            namespace,
            serviceAccount,
            roleName: String(r.outputs.name),
            roleUrn: r.urn,
            mode,
            permissions: [] as string[],
            violations: [] as PlanViolation[],
        });
        assert.deepStrictEqual(identityMap(plan(resources, [onRole, onSibling, elsewhere])), [
            {
                cluster: "dev",
                identities: [
                    // In both the IRSA trust and (through its association) Pod Identity.
                    identity(bothRole, "batch", "invoice", "both"),
                    // Named by the trust's session-tag conditions.
                    identity(dnsRole, "external-dns", "external-dns", "pod-identity"),
                    // Named by an add-on's podIdentityAssociations: kube-system.
                    identity(cniRole, "kube-system", "aws-node", "pod-identity"),
                    // Named by a PodIdentityAssociation using the role.
                    identity(ebsRole, "kube-system", "ebs-csi-controller-sa", "pod-identity"),
                    {
                        ...identity(paymentsRole, "payments", "payments-api", "irsa"),
                        permissions: ["AmazonS3ReadOnlyAccess", "inline:read-queue"],
                        // The role's own and its siblings' under the same component, not others.
                        violations: [onRole, onSibling],
                    },
                ],
            },
            // An issuer of no planned cluster: the map names the issuer.
            {
                cluster: "oidc.eks.eu-west-1.amazonaws.com/id/XYZ",
                identities: [identity(otherClusterRole, "a", "b", "irsa")],
            },
        ]);
    });

    it("Markdown: a table and a Mermaid graph per cluster, violations marked", () => {
        const small = plan(resources.slice(0, 5), [onRole, onSibling]);
        assert.strictEqual(
            identityMapMarkdown(small, identityMap(small)),
            [
                ...header,
                "## Cluster `dev`",
                "",
                "| Namespace | Service account | Role | Mode | Permissions | Violations |",
                "|---|---|---|---|---|---|",
                "| payments | payments-api | payments-api-role-1a2b3c4 | irsa | AmazonS3ReadOnlyAccess, inline:read-queue | ❌ trust-irsa-audience<br>⚠️ service-account-dedicated |",
                "",
                "```mermaid",
                "flowchart LR",
                '    sa_payments_payments_api["payments/payments-api"] -->|irsa| role_payments_api_role_1a2b3c4["payments-api-role-1a2b3c4 ⚠"]',
                '    role_payments_api_role_1a2b3c4 --> perm_payments_api_role_1a2b3c4_AmazonS3ReadOnlyAccess["AmazonS3ReadOnlyAccess"]',
                '    role_payments_api_role_1a2b3c4 --> perm_payments_api_role_1a2b3c4_inline_read_queue["inline:read-queue"]',
                "    class role_payments_api_role_1a2b3c4 violation",
                "    classDef violation fill:#fdd,stroke:#c00",
                "```",
                "",
            ].join("\n"),
        );
    });

    it("Markdown of a plan without workload identities says so", () => {
        const none = plan([cluster, nodeRole]);
        assert.deepStrictEqual(identityMap(none), []);
        assert.strictEqual(
            identityMapMarkdown(none, []),
            [...header, "No workload identities (IRSA or Pod Identity roles) in this plan.", ""].join("\n"),
        );
    });
});
