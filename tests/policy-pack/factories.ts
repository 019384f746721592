// Happy-path resources, as the engine would send them for a well-built EKS stack: tests copy
// them and mutate one field. Trust policies come from the components' own builders, so the
// pack is checked against what our components really produce.
import { ManagedPolicies, managedPolicyArn } from "../../components/common/iamDocument";
import { serviceTrustPolicy } from "../../components/trust/service";
import { fargateTrustPolicy } from "../../components/trust/service";
import { irsaTrustStatement } from "../../components/trust/irsa";
import { workloadTrustPolicy } from "../../components/trust/workload";
import { policyDocument } from "../../components/common/iamDocument";
import { ResourceInput } from "../../policy-pack/lib/evaluate";
import { UNKNOWN_STRING_SENTINEL } from "../../policy-pack/lib/props";

export const ACCOUNT = "111122223333";
export const ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
export const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`;
export const CLUSTER_ARN = `arn:aws:eks:us-west-2:${ACCOUNT}:cluster/prod`;
export const U = UNKNOWN_STRING_SENTINEL;

export const T = {
    role: "aws:iam/role:Role",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    instanceProfile: "aws:iam/instanceProfile:InstanceProfile",
    oidc: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    cluster: "aws:eks/cluster:Cluster",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    fargateProfile: "aws:eks/fargateProfile:FargateProfile",
    pia: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    addon: "aws:eks/addon:Addon",
    accessEntry: "aws:eks/accessEntry:AccessEntry",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    policy: "aws:iam/policy:Policy",
} as const;

export function urn(type: string, name: string): string {
    return `urn:pulumi:prod::eks::${type}::${name}`;
}

export function roleArn(name: string): string {
    return `arn:aws:iam::${ACCOUNT}:role/${name}`;
}

export function resource(
    type: string,
    name: string,
    props: Record<string, unknown>,
    propertyDependencies?: Record<string, string[]>,
): ResourceInput {
    return {
        urn: urn(type, name),
        type,
        name,
        props,
        ...(propertyDependencies ? { propertyDependencies } : {}),
    };
}

export const aws = (policy: string) => managedPolicyArn("aws", policy);

/** An IRSA trust (one cluster) for `namespace/serviceAccount`, as the components build it. */
export function irsaTrust(namespace = "app", serviceAccount = "api"): string {
    return JSON.stringify(
        policyDocument(irsaTrustStatement({ oidcProviderArn: PROVIDER_ARN, namespace, serviceAccount })),
    );
}

/** The `both`-mode trust (IRSA + Pod Identity) the WorkloadIdentity component builds. */
export function workloadTrust(namespace = "app", serviceAccount = "api"): string {
    return JSON.stringify(
        workloadTrustPolicy({
            mode: "both",
            accountId: ACCOUNT,
            clusters: [{ clusterArn: CLUSTER_ARN, oidcProviderArn: PROVIDER_ARN }],
            namespace,
            serviceAccount,
        }),
    );
}

export const ec2Trust = () => JSON.stringify(serviceTrustPolicy("ec2.amazonaws.com"));
export const eksTrust = () => JSON.stringify(serviceTrustPolicy("eks.amazonaws.com"));
/** The FargateProfile component's pod execution role trust (aws:SourceArn `...:fargateprofile/prod/*`). */
export const fargateTrust = () => JSON.stringify(fargateTrustPolicy("aws", "us-west-2", ACCOUNT, "prod"));

export function role(
    name: string,
    assumeRolePolicy: unknown,
    preview: boolean,
    extra: Record<string, unknown> = {},
) {
    return resource(T.role, name, { name, arn: preview ? U : roleArn(name), assumeRolePolicy, ...extra });
}

/** A property referring to role `name`: the unknown ARN plus a property dependency at preview, the ARN after. */
export function roleRef(property: string, name: string, preview: boolean, asName = false) {
    return {
        value: preview ? U : asName ? name : roleArn(name),
        deps: preview ? { [property]: [urn(T.role, name)] } : undefined,
    };
}

export function attachment(
    name: string,
    roleName: string,
    policyArn: string,
    preview: boolean,
): ResourceInput {
    const ref = roleRef("role", roleName, preview, true);
    // The role input is the role's name, which is known at preview (auto-named in Check).
    return resource(T.attachment, name, { role: preview ? roleName : ref.value, policyArn }, ref.deps);
}

function withRef(
    type: string,
    name: string,
    props: Record<string, unknown>,
    property: string,
    roleName: string,
    preview: boolean,
): ResourceInput {
    const ref = roleRef(property, roleName, preview);
    return resource(type, name, { ...props, [property]: ref.value }, ref.deps);
}

export interface StackOptions {
    /** ARNs unknown and linked through propertyDependencies (preview), or known ARNs only (after update). */
    preview?: boolean;
}

/** A compliant stack: cluster, OIDC provider, managed node group, Fargate, vpc-cni with IRSA, one workload in `both` mode. */
export function happyStack(options: StackOptions = {}): ResourceInput[] {
    const preview = options.preview ?? false;
    const sa = roleRef("metadata", "app-role", preview);
    return [
        role("cluster-role", eksTrust(), preview),
        attachment("cluster-policy", "cluster-role", aws(ManagedPolicies.clusterPolicy), preview),
        withRef(T.cluster, "prod", { name: "prod" }, "roleArn", "cluster-role", preview),
        resource(T.oidc, "oidc", { url: `https://${ISSUER}`, clientIdLists: ["sts.amazonaws.com"] }),
        role("node-role", ec2Trust(), preview),
        attachment("node-worker", "node-role", aws(ManagedPolicies.workerNodePolicy), preview),
        attachment("node-ecr", "node-role", aws(ManagedPolicies.ecrPullOnly), preview),
        resource(T.launchTemplate, "node-lt", {
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        }),
        withRef(
            T.nodeGroup,
            "ng",
            { clusterName: "prod", launchTemplate: { id: preview ? U : "lt-0123", version: "1" } },
            "nodeRoleArn",
            "node-role",
            preview,
        ),
        role("fargate-role", fargateTrust(), preview),
        attachment("fargate-policy", "fargate-role", aws(ManagedPolicies.fargatePodExecution), preview),
        withRef(
            T.fargateProfile,
            "batch",
            { clusterName: "prod", selectors: [{ namespace: "batch" }] },
            "podExecutionRoleArn",
            "fargate-role",
            preview,
        ),
        role("cni-role", irsaTrust("kube-system", "aws-node"), preview),
        attachment("cni-policy", "cni-role", aws(ManagedPolicies.cniPolicy), preview),
        withRef(
            T.addon,
            "vpc-cni",
            { clusterName: "prod", addonName: "vpc-cni" },
            "serviceAccountRoleArn",
            "cni-role",
            preview,
        ),
        role("app-role", workloadTrust(), preview),
        withRef(
            T.pia,
            "app",
            { clusterName: "prod", namespace: "app", serviceAccount: "api" },
            "roleArn",
            "app-role",
            preview,
        ),
        resource(
            T.serviceAccount,
            "api",
            {
                metadata: {
                    name: "api",
                    namespace: "app",
                    annotations: { "eks.amazonaws.com/role-arn": sa.value },
                },
            },
            sa.deps,
        ),
    ];
}

/** The resource named `name` (throws when absent, so a typo fails loudly). */
export function find(resources: ResourceInput[], name: string, type?: string): ResourceInput {
    const found = resources.find((r) => r.name === name && (!type || r.type === type));
    if (!found) {
        throw new Error(`no resource ${name}`);
    }
    return found;
}

/** A deep copy, so mutating a test's stack never leaks into another. */
export function clone<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

/** Parse, mutate and re-serialise a role's trust policy. */
export function editTrust(
    r: ResourceInput,
    edit: (doc: { Statement: Record<string, unknown>[] }) => void,
): void {
    const doc = JSON.parse(r.props.assumeRolePolicy as string);
    edit(doc);
    r.props.assumeRolePolicy = JSON.stringify(doc);
}

/** The IRSA condition keys of ISSUER's provider. */
export const SUB = `${ISSUER}:sub`;
export const AUD = `${ISSUER}:aud`;

/** The components' IRSA trust (role "app-role") with its condition block replaced. */
export function irsaWith(
    condition: Record<string, unknown>,
    extra: Record<string, unknown> = {},
): ResourceInput {
    const r = role("app-role", irsaTrust(), false);
    editTrust(r, (doc) => {
        doc.Statement[0].Condition = condition;
        Object.assign(doc.Statement[0], extra);
    });
    return r;
}

/** Role "app-role" with the components' both-mode trust, its Pod Identity statement (1) edited. */
export function podRole(edit?: (statement: Record<string, unknown>) => void): ResourceInput {
    const r = role("app-role", workloadTrust(), false);
    if (edit) {
        editTrust(r, (doc) => edit(doc.Statement[1]));
    }
    return r;
}

/** How stack policies name the happy stack's node role. */
export const NODE = `Node role "node-role" (node role through nodeRoleArn of aws:eks/nodeGroup:NodeGroup "ng")`;

/** A stack test run twice: after update (known ARNs) and at preview (unknown ARNs, property dependencies). */
export const MODES = [false, true].map((preview) => ({ preview, label: preview ? "preview" : "update" }));

/** The happy stack with the @pulumi/eks launch-template default (hop limit 2): one mandatory violation. */
export function hopLimit2(): ResourceInput[] {
    const stack = happyStack();
    find(stack, "node-lt").props.metadataOptions = { httpTokens: "required", httpPutResponseHopLimit: 2 };
    return stack;
}

/** The compliant stack's Pod Identity workload role, as the permission policies name it. */
export const APP = `Workload role "app-role" (workload role through roleArn of aws:eks/podIdentityAssociation:PodIdentityAssociation "app")`;

/** An inline policy (aws:iam/rolePolicy) of one Allow statement on role `roleName`. */
export const inlineOn = (roleName: string, statement: Record<string, unknown>, name = "extra") =>
    resource(T.rolePolicy, `${roleName}-${name}`, {
        role: roleName,
        name,
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", ...statement }] }),
    });
