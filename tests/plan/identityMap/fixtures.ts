// The planned resources the identity map's tests read: a cluster, roles that every way a trust
// names a service account (IRSA subject, Pod Identity session tags, an association, an add-on's
// associations, both), a node role, an unparsable trust, and violations on them.
import { PlanFile, PlanResource, PlanViolation } from "../../../plan/model";
import { planFile, planResource, urnOf as urn } from "../planFile";

export const ACCOUNT = "111122223333";
export const ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/ABC";
export const CLUSTER_ARN = `arn:aws:eks:us-west-2:${ACCOUNT}:cluster/dev`;

export function role(name: string, statements: object[], parent?: string): PlanResource {
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

export const workload = urn("eks-identity:index:WorkloadIdentity", "payments-api");
export const cluster = planResource("aws:eks/cluster:Cluster", "dev", {
    // As EksCluster makes it: the creator is not made a cluster admin (EKS's default would).
    props: {
        name: "dev",
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
    },
    outputs: { name: "dev", arn: CLUSTER_ARN, identities: [{ oidcs: [{ issuer: `https://${ISSUER}` }] }] },
});
export const paymentsRole = role(
    "payments-api-role",
    [irsa(ISSUER, "system:serviceaccount:payments:payments-api")],
    workload,
);
export const paymentsServiceAccount = planResource("kubernetes:core/v1:ServiceAccount", "payments-api", {
    parent: workload,
});
export const dnsRole = role("external-dns-role", [
    pods({
        "aws:RequestTag/eks-cluster-arn": CLUSTER_ARN,
        "aws:RequestTag/kubernetes-namespace": "external-dns",
        "aws:RequestTag/kubernetes-service-account": "external-dns",
    }),
]);
export const ebsRole = role("ebs-csi-role", [pods()]);
export const cniRole = role("vpc-cni-role", [pods()]);
export const bothRole = role("batch-role", [irsa(ISSUER, "system:serviceaccount:batch:invoice"), pods()]);
export const otherClusterRole = role("other-role", [
    irsa("oidc.eks.eu-west-1.amazonaws.com/id/XYZ", "system:serviceaccount:a:b"),
]);
export const nodeRole = role("node-role", [
    { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
]);
export const unparsable = planResource("aws:iam/role:Role", "pending", {
    props: { assumeRolePolicy: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" },
});

export const resources: PlanResource[] = [
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
            addonName: "vpc-cni",
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

export const onRole: PlanViolation = {
    policyName: "trust-irsa-audience",
    policyPackName: "eks-identity",
    enforcementLevel: "mandatory",
    message: "m",
    urn: paymentsRole.urn,
};
export const onSibling: PlanViolation = {
    ...onRole,
    policyName: "service-account-dedicated",
    enforcementLevel: "advisory",
    urn: paymentsServiceAccount.urn,
};
export const elsewhere: PlanViolation = {
    ...onRole,
    policyName: "node-role-managed-policies",
    urn: nodeRole.urn,
};

const accessPolicy = (name: string, principal: string, policy: string, accessScope: object) =>
    planResource("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", name, {
        props: {
            clusterName: "dev",
            principalArn: `arn:aws:iam::${ACCOUNT}:role/${principal}`,
            policyArn: `arn:aws:eks::aws:cluster-access-policy/${policy}`,
            accessScope,
        },
    });

/** Who may run pods: an administrator, an editor of `batch`, a viewer (who cannot), an editor of another cluster. */
export const accessPolicies: PlanResource[] = [
    accessPolicy("admins", "platform-admins", "AmazonEKSClusterAdminPolicy", { type: "cluster" }),
    accessPolicy("developers", "developers", "AmazonEKSEditPolicy", {
        type: "namespace",
        namespaces: ["batch"],
    }),
    accessPolicy("viewers", "viewers", "AmazonEKSViewPolicy", { type: "cluster" }),
    {
        ...accessPolicy("elsewhere", "other-editors", "AmazonEKSAdminPolicy", { type: "cluster" }),
        props: {
            clusterName: "prod",
            principalArn: `arn:aws:iam::${ACCOUNT}:role/other-editors`,
            policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy",
            accessScope: { type: "cluster" },
        },
    },
];

/** The node role's group, launched from a template whose hop limit 2 lets pods reach IMDS. */
export const nodeGroup: PlanResource[] = [
    planResource("aws:ec2/launchTemplate:LaunchTemplate", "general-lt", {
        props: { metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 } },
        outputs: { arn: `arn:aws:ec2:us-west-2:${ACCOUNT}:launch-template/lt-0123456789abcdef0` },
    }),
    planResource("aws:eks/nodeGroup:NodeGroup", "general", {
        props: {
            clusterName: "dev",
            nodeRoleArn: nodeRole.outputs.arn,
            launchTemplate: { id: "lt-0123456789abcdef0", version: "1" },
        },
    }),
    planResource("aws:eks/nodeGroup:NodeGroup", "spot", {
        props: { clusterName: "dev", nodeRoleArn: nodeRole.outputs.arn },
    }),
];

export function plan(list: PlanResource[], violations: PlanViolation[] = []): PlanFile {
    return planFile({
        resources: list,
        violations,
        summary: { resources: list.length, mandatory: 2, advisory: 1, undetermined: 0 },
    });
}
