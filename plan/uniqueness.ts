// What AWS and Kubernetes hold once per scope. A second resource that claims what another one of
// the run already holds deploys the first and fails on the second at `pulumi up` (409
// ResourceInUseException / EntityAlreadyExists / AlreadyExists), so the fake cloud fails the
// plan, naming both resources. Only names the program gives are claimed: an autonamed one gets
// random characters from the provider and never collides.
//
// Sources, read for each rule:
// - IAM role, policy and instance profile names are unique in the account and "not distinguished
//   by case" (IAM API CreateRole/CreatePolicy RoleName/PolicyName; IAM User Guide, IAM
//   identifiers). An inline policy name is unique within its role (PutRolePolicy replaces it),
//   and one role has one attachment of a policy ARN (AttachRolePolicy is idempotent: two Pulumi
//   resources for it detach each other's on delete).
// - An IAM OIDC provider is one per issuer URL in the account (CreateOpenIDConnectProvider:
//   EntityAlreadyExists).
// - EKS: cluster names are unique in the region; node group, Fargate profile and add-on names
//   within the cluster; one access entry per principal and one access policy association per
//   (principal, policy) (AssociateAccessPolicy on the same pair replaces its scope); one Pod
//   Identity association per (cluster, namespace, service account), the add-on's own
//   `podIdentityAssociations` included (../shared/REFERENCE.md, Limits; eksctl-io/eksctl#7753:
//   "ResourceInUseException: Association already exists"). An add-on's service accounts live in
//   the namespace the add-on defines: kube-system for every AWS add-on this product installs,
//   unless `namespaceConfig` says otherwise (EKS API CreateAddon namespaceConfig).
// - EC2 launch template and Auto Scaling group names are unique in the region
//   (CreateLaunchTemplate: InvalidLaunchTemplateName.AlreadyExistsException;
//   CreateAutoScalingGroup: AlreadyExists).
// - Kubernetes: one object per (cluster, group/version kind, namespace, name).

type State = Record<string, unknown>;

/** The value the mock monitor gives an input not known during a preview. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface Claim {
    /** What is held, in words and with its scope: `IAM role name "x"`. */
    what: string;
    /** The same, normalised as the service compares it. */
    key: string;
}

/** Namespace of an add-on's service accounts when the add-on is given none. */
const ADDON_DEFAULT_NAMESPACE = "kube-system";

function known(...values: unknown[]): boolean {
    return values.every((v) => typeof v === "string" && v !== "" && v !== UNKNOWN);
}

/**
 * What a registration of `type` with `inputs` holds once in its scope. `provider` is the
 * Kubernetes provider reference of a Kubernetes object (its cluster).
 */
export function claimsOf(type: string, inputs: State, provider?: string): Claim[] {
    const s = (key: string): unknown => inputs[key];
    const iam = (kind: string, name: unknown): Claim[] =>
        known(name)
            ? [{ what: `IAM ${kind} name "${name}"`, key: `iam-${kind}:${String(name).toLowerCase()}` }]
            : [];
    switch (type) {
        case "aws:iam/role:Role":
            return iam("role", s("name"));
        case "aws:iam/policy:Policy":
            return iam("policy", s("name"));
        case "aws:iam/instanceProfile:InstanceProfile":
            return iam("instance profile", s("name"));
        case "aws:iam/rolePolicy:RolePolicy": {
            const [role, name] = [s("role"), s("name")];
            return known(role, name)
                ? [
                      {
                          what: `inline policy "${name}" of role "${role}"`,
                          key: `role-policy:${String(role).toLowerCase()}/${name}`,
                      },
                  ]
                : [];
        }
        case "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
            const [role, arn] = [s("role"), s("policyArn")];
            return known(role, arn)
                ? [
                      {
                          what: `attachment of ${arn} to role "${role}"`,
                          key: `attachment:${String(role).toLowerCase()}/${arn}`,
                      },
                  ]
                : [];
        }
        case "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
            const url = s("url");
            return known(url)
                ? [
                      {
                          what: `IAM OIDC provider for ${url}`,
                          key: `oidc:${String(url).replace(/^https:\/\//, "")}`,
                      },
                  ]
                : [];
        }
        case "aws:eks/cluster:Cluster":
            return known(s("name"))
                ? [{ what: `EKS cluster name "${s("name")}"`, key: `eks-cluster:${s("name")}` }]
                : [];
        // @pulumi/eks's remote components (plan/pulumiEks.ts): the cluster they name, the add-on they make.
        case "eks:index:Cluster":
            return known(s("name"))
                ? [{ what: `EKS cluster name "${s("name")}"`, key: `eks-cluster:${s("name")}` }]
                : [];
        case "eks:index:VpcCniAddon":
            return inCluster("add-on", s("clusterName"), "vpc-cni");
        case "aws:eks/nodeGroup:NodeGroup":
            return inCluster("node group", s("clusterName"), s("nodeGroupName"));
        case "aws:eks/fargateProfile:FargateProfile":
            return inCluster("Fargate profile", s("clusterName"), s("fargateProfileName"));
        case "aws:eks/addon:Addon": {
            const [cluster, addon] = [s("clusterName"), s("addonName")];
            const namespace =
                (s("namespaceConfig") as State | undefined)?.namespace ?? ADDON_DEFAULT_NAMESPACE;
            const associations = ((s("podIdentityAssociations") as State[] | undefined) ?? []).flatMap((a) =>
                podIdentity(cluster, namespace, a.serviceAccount),
            );
            return [...inCluster("add-on", cluster, addon), ...associations];
        }
        case "aws:eks/podIdentityAssociation:PodIdentityAssociation":
            return podIdentity(s("clusterName"), s("namespace"), s("serviceAccount"));
        case "aws:eks/accessEntry:AccessEntry": {
            const [cluster, principal] = [s("clusterName"), s("principalArn")];
            return known(cluster, principal)
                ? [
                      {
                          what: `access entry of ${principal} in cluster "${cluster}"`,
                          key: `access-entry:${cluster}/${principal}`,
                      },
                  ]
                : [];
        }
        case "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": {
            const [cluster, principal, policy] = [s("clusterName"), s("principalArn"), s("policyArn")];
            return known(cluster, principal, policy)
                ? [
                      {
                          what: `association of ${policy} with ${principal} in cluster "${cluster}"`,
                          key: `access-policy:${cluster}/${principal}/${policy}`,
                      },
                  ]
                : [];
        }
        case "aws:ec2/launchTemplate:LaunchTemplate":
            return known(s("name"))
                ? [{ what: `launch template name "${s("name")}"`, key: `launch-template:${s("name")}` }]
                : [];
        case "aws:autoscaling/group:Group":
            return known(s("name"))
                ? [{ what: `Auto Scaling group name "${s("name")}"`, key: `asg:${s("name")}` }]
                : [];
        default:
            return type.startsWith("kubernetes:") ? kubernetesObject(type, inputs, provider) : [];
    }
}

function inCluster(kind: string, cluster: unknown, name: unknown): Claim[] {
    return known(cluster, name)
        ? [{ what: `${kind} name "${name}" in cluster "${cluster}"`, key: `eks-${kind}:${cluster}/${name}` }]
        : [];
}

function podIdentity(cluster: unknown, namespace: unknown, serviceAccount: unknown): Claim[] {
    return known(cluster, namespace, serviceAccount)
        ? [
              {
                  what: `Pod Identity association of ${namespace}/${serviceAccount} in cluster "${cluster}"`,
                  key: `pod-identity:${cluster}/${namespace}/${serviceAccount}`,
              },
          ]
        : [];
}

function kubernetesObject(type: string, inputs: State, provider: string | undefined): Claim[] {
    const metadata = (inputs.metadata as State | undefined) ?? {};
    const kind = type.slice("kubernetes:".length);
    const namespace = metadata.namespace ?? "";
    if (!known(metadata.name) || !(namespace === "" || known(namespace))) {
        return [];
    }
    const at = namespace === "" ? String(metadata.name) : `${String(namespace)}/${String(metadata.name)}`;
    const cluster = provider ?? "default";
    return [{ what: `Kubernetes ${kind} ${at} in one cluster`, key: `k8s:${cluster}:${kind}:${at}` }];
}

/**
 * One run's ledger of what is held: `claim` returns the URN that already holds what `urn` now
 * claims, with what it is, or undefined when nothing collides.
 */
export class UniquenessLedger {
    private readonly holders = new Map<string, string>();

    claim(urn: string, claims: Claim[]): { what: string; holder: string } | undefined {
        for (const c of claims) {
            const holder = this.holders.get(c.key);
            if (holder !== undefined && holder !== urn) {
                return { what: c.what, holder };
            }
        }
        claims.forEach((c) => this.holders.set(c.key, urn));
        return undefined;
    }
}

/**
 * Two resources of the run claim what AWS or Kubernetes holds once: the second fails at
 * `pulumi up`. `urn` is the second, `holder` the first.
 */
export class ConflictError extends Error {
    /** The stack config keys the two resources come from, where the plan can tell. */
    configPaths: string[] = [];
    constructor(
        readonly urn: string,
        readonly holder: string,
        readonly what: string,
    ) {
        super(
            `${urn}: ${what} is already held by ${holder}; the second is refused at \`pulumi up\` (there is one per scope): rename or remove one`,
        );
        this.name = "ConflictError";
    }
}
