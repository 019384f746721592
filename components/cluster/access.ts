// EKS access entries: who may reach the Kubernetes API, and with which access policies
// (https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html). Their own module so the
// validator and the component share the enums without importing each other.
import * as pulumi from "@pulumi/pulumi";

/** What an EKS access policy applies to. */
export const AccessScope = {
    /** The whole cluster. */
    Cluster: "cluster",
    /** The namespaces listed beside it. */
    Namespace: "namespace",
} as const;
export type AccessScope = (typeof AccessScope)[keyof typeof AccessScope];

/** The kind of principal an access entry admits (https://docs.aws.amazon.com/eks/latest/userguide/creating-access-entries.html). */
export const AccessEntryType = {
    /** A person or a pipeline; the only type access policies apply to. */
    Standard: "STANDARD",
    /** The node role of self-managed Linux nodes. */
    Ec2Linux: "EC2_LINUX",
    /** The node role of self-managed Windows nodes. */
    Ec2Windows: "EC2_WINDOWS",
} as const;
export type AccessEntryType = (typeof AccessEntryType)[keyof typeof AccessEntryType];

/** An EKS access policy granted to an access entry. */
export interface AccessPolicy {
    /** Name of the EKS access policy, e.g. `AmazonEKSViewPolicy`, `AmazonEKSClusterAdminPolicy`. See https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html */
    policyName: string;
    /** `cluster` or `namespace`. Default: "cluster". */
    scope?: AccessScope;
    /** Namespaces the policy applies to; required with scope `namespace`, forbidden otherwise. */
    namespaces?: string[];
}

/** Grants an IAM principal access to the Kubernetes API through the EKS access-entry API. */
export interface AccessEntry {
    /**
     * IAM role or user ARN (`arn:aws:iam::<account>:role/<name>`), as text or from another resource
     * (a role's `arn`). A plain ARN is checked here; one from another resource is checked by EKS.
     */
    principalArn: pulumi.Input<string>;
    /**
     * Stable key of the entry's child resources (their names derive from it). Default: the
     * principal's role or user name with its path, from a plain principalArn. Required when
     * principalArn comes from another resource: a resource name must be known when the child
     * registers. Letters, digits, `-`, `_` and `.`, at most 64.
     */
    key?: string;
    /** `STANDARD`, `EC2_LINUX` or `EC2_WINDOWS`. Default: "STANDARD". */
    type?: AccessEntryType;
    /** Kubernetes groups the principal maps to (for RBAC bindings you manage). Default: []. */
    kubernetesGroups?: string[];
    /** Kubernetes user name. Default: chosen by EKS. */
    userName?: string;
    /** EKS access policies to associate (STANDARD entries only). Default: []. */
    accessPolicies?: AccessPolicy[];
}
