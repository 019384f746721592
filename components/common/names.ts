// The one table of physical-name rules for every resource type the components create with a name:
// the most characters, the characters allowed, and whether Pulumi autonames it (logical name,
// "-", random characters). The offline plan's fake cloud refuses a name that breaks a rule, as the
// provider or the AWS API would; the stack config check derives its caps from the same rules.
// Types whose physical identity is derived (role policy attachments, access entries, policy
// associations, pod identity associations, the OIDC provider, the KMS key, add-ons named by AWS's
// catalogue) have no name of ours and no rule.

export interface NameRule {
    /** The input property that holds the physical name (a dotted path for nested ones). */
    property: string;
    /** The most characters the API accepts. */
    maxLength: number;
    /** What the whole name must match. */
    pattern: RegExp;
    /** The pattern in words, for messages. */
    allowed: string;
    /**
     * Characters autonaming appends to the logical name when `property` is not given ("-" and the
     * random part), or undefined when the provider does not autoname it.
     */
    autonameSuffix?: number;
    /** Where the rule is written. */
    source: string;
}

/**
 * pulumi-terraform-bridge's AutoName: `<logical name>-<7 random hex characters>` (Randlen 7);
 * pulumi-aws sets it for every `name` field (`prov.SetAutonaming(255, "-")`, provider/resources.go)
 * and per resource where the field has another name or a lower maximum.
 */
export const AWS_AUTONAME_SUFFIX = 8;
/**
 * pulumi-kubernetes `metadata.AssignNameIfAutonamable`: `resource.NewUniqueName(seed, name + "-",
 * 0, 0, nil)`, 8 random hex characters (provider/pkg/metadata/naming.go).
 */
export const KUBERNETES_AUTONAME_SUFFIX = 9;

const IAM_NAME = /^[\w+=,.@-]+$/;
const IAM_ALLOWED = "letters, digits and + = , . @ _ -";
const EKS_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]*$/;
const EKS_ALLOWED = "letters, digits, '-' and '_', starting with a letter or digit";

export const NAME_RULES: Readonly<Record<string, NameRule>> = {
    "aws:iam/role:Role": {
        property: "name",
        maxLength: 64,
        pattern: IAM_NAME,
        allowed: IAM_ALLOWED,
        autonameSuffix: AWS_AUTONAME_SUFFIX,
        source: 'IAM API CreateRole RoleName: 1-64, [\\w+=,.@-]+; terraform-provider-aws internal/service/iam/role.go "name": validResourceName(roleNameMaxLen); pulumi-aws provider/resources.go aws_iam_role "name": tfbridge.AutoName("name", 64, "-")',
    },
    "aws:iam/instanceProfile:InstanceProfile": {
        property: "name",
        maxLength: 128,
        pattern: IAM_NAME,
        allowed: IAM_ALLOWED,
        autonameSuffix: AWS_AUTONAME_SUFFIX,
        source: "IAM API CreateInstanceProfile InstanceProfileName: 1-128, [\\w+=,.@-]+; autonamed by pulumi-aws's default (SetAutonaming)",
    },
    "aws:iam/policy:Policy": {
        property: "name",
        maxLength: 128,
        pattern: IAM_NAME,
        allowed: IAM_ALLOWED,
        autonameSuffix: AWS_AUTONAME_SUFFIX,
        source: "IAM API CreatePolicy PolicyName: 1-128, [\\w+=,.@-]+; autonamed by pulumi-aws's default (SetAutonaming)",
    },
    "aws:iam/rolePolicy:RolePolicy": {
        property: "name",
        maxLength: 128,
        pattern: IAM_NAME,
        allowed: IAM_ALLOWED,
        autonameSuffix: AWS_AUTONAME_SUFFIX,
        source: "IAM API PutRolePolicy PolicyName: 1-128, [\\w+=,.@-]+; terraform-provider-aws internal/service/iam validRolePolicyName (at most 128, ^[\\w+=,.@-]+$, after botocore's iam service-2.json); autonamed by pulumi-aws's default (SetAutonaming)",
    },
    "aws:eks/cluster:Cluster": {
        property: "name",
        maxLength: 100,
        pattern: EKS_NAME,
        allowed: EKS_ALLOWED,
        autonameSuffix: AWS_AUTONAME_SUFFIX,
        source: "EKS API CreateCluster name: 1-100, ^[0-9A-Za-z][A-Za-z0-9\\-_]*$; terraform-provider-aws internal/service/eks validClusterName (1-100, ^[0-9A-Za-z][0-9A-Za-z_-]*$); autonamed by pulumi-aws's default (SetAutonaming)",
    },
    "aws:eks/nodeGroup:NodeGroup": {
        property: "nodeGroupName",
        maxLength: 63,
        pattern: EKS_NAME,
        allowed: EKS_ALLOWED,
        autonameSuffix: AWS_AUTONAME_SUFFIX,
        // The EKS API reference gives CreateNodegroup nodegroupName no length or pattern; the
        // provider enforces 63.
        source: 'terraform-provider-aws internal/service/eks/node_group.go "node_group_name": validation.StringLenBetween(0, 63); pulumi-aws eks.NodeGroup nodeGroupName: "can\'t be longer than 63 characters. It must start with a letter or digit, but can also include hyphens and underscores"; resources.go "node_group_name": tfbridge.AutoName("nodeGroupName", 255, "-")',
    },
    "aws:eks/fargateProfile:FargateProfile": {
        property: "fargateProfileName",
        maxLength: 63,
        pattern: EKS_NAME,
        allowed: EKS_ALLOWED,
        autonameSuffix: AWS_AUTONAME_SUFFIX,
        // Not verified against AWS: the EKS API reference gives CreateFargateProfile
        // fargateProfileName no length or pattern, and terraform-provider-aws
        // internal/service/eks/fargate_profile.go checks only validation.NoZeroValues. 63 and
        // the pattern are cdk-eks-blueprints' FargateProfileConstraints, the node group's rule;
        // the stack caps profile names at 37 (their IAM role) anyway.
        source: 'cdk-eks-blueprints FargateProfileConstraints: 1-63 (not in the EKS API reference; terraform checks only that it is not empty); resources.go "fargate_profile_name": tfbridge.AutoName("fargateProfileName", 255, "-")',
    },
    "aws:ec2/launchTemplate:LaunchTemplate": {
        property: "name",
        // The provider is stricter than the API (125, not 128): its limit is the one a plan hits.
        maxLength: 125,
        pattern: /^[a-zA-Z0-9().\/_-]{3,}$/,
        allowed: "at least 3 letters, digits and ( ) . / _ -",
        autonameSuffix: AWS_AUTONAME_SUFFIX,
        source: 'EC2 API CreateLaunchTemplate LaunchTemplateName: 3-128, [a-zA-Z0-9\\(\\)\\.\\-/_]+; terraform-provider-aws internal/service/ec2 ValidLaunchTemplateName: at least 3, "cannot be longer than 125 characters", ^[0-9A-Za-z()./_\\-]+$; autonamed by pulumi-aws\'s default (SetAutonaming)',
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        property: "name",
        maxLength: 255,
        pattern: /^(?!sg-)[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/,
        allowed: "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with sg-",
        autonameSuffix: AWS_AUTONAME_SUFFIX,
        source: "EC2 API CreateSecurityGroup GroupName (VPC): up to 255 of a-zA-Z0-9 ._-:/()#,@[]+=&;{}!$*, not sg-* (the provider's own error: \"cannot begin with sg-\"); autonamed by pulumi-aws's default (SetAutonaming)",
    },
    "aws:autoscaling/group:Group": {
        property: "name",
        maxLength: 255,
        // ASCII 33 to 126 without ':' (no space, no control or non-ASCII character).
        pattern: /^[!-9;-~]+$/,
        allowed: "ASCII characters 33 to 126 (no spaces) except ':'",
        autonameSuffix: AWS_AUTONAME_SUFFIX,
        source: 'Auto Scaling API CreateAutoScalingGroup AutoScalingGroupName: 1-255 (XmlStringMaxLen255); "The name can contain any ASCII character 33 to 126 including most punctuation characters, digits, and upper and lowercased letters. You cannot use a colon (:) in the name." (AWS SDK for Kotlin, CreateAutoScalingGroupRequest.autoScalingGroupName, from the API model); autonamed by pulumi-aws\'s default (SetAutonaming)',
    },
    "kubernetes:core/v1:ServiceAccount": {
        property: "metadata.name",
        maxLength: 253,
        pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
        allowed: "a lowercase DNS-1123 subdomain (letters, digits, '-' and '.')",
        autonameSuffix: KUBERNETES_AUTONAME_SUFFIX,
        source: "Kubernetes object names: DNS-1123 subdomain, at most 253 characters (kubernetes.io/docs/concepts/overview/working-with-objects/names)",
    },
};

/** The physical name a resource gets: the one given, or its logical name autonamed. */
export function physicalNameOf(
    rule: NameRule,
    logicalName: string,
    inputs: Record<string, unknown>,
): { name: string; autonamed: boolean } | undefined {
    let value: unknown = inputs;
    for (const key of rule.property.split(".")) {
        value =
            typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    }
    if (typeof value === "string") {
        return { name: value, autonamed: false };
    }
    if (value === undefined && rule.autonameSuffix !== undefined) {
        // The random part is hex: its length is all that matters here.
        return { name: `${logicalName}-${"0".repeat(rule.autonameSuffix - 1)}`, autonamed: true };
    }
    return undefined;
}

/**
 * Why `type`'s physical name breaks its rule, or undefined when it keeps it (or has no rule, or
 * the name is not known yet).
 */
export function nameProblem(
    type: string,
    logicalName: string,
    inputs: Record<string, unknown>,
): string | undefined {
    const rule = NAME_RULES[type];
    const physical = rule && physicalNameOf(rule, logicalName, inputs);
    if (!rule || !physical) {
        return undefined;
    }
    const what = physical.autonamed
        ? `the autonamed ${rule.property} "${logicalName}-" + ${rule.autonameSuffix! - 1} random characters (${physical.name.length} characters)`
        : `${rule.property} "${physical.name}" (${physical.name.length} characters)`;
    if (physical.name.length > rule.maxLength) {
        return `${what} is longer than the ${rule.maxLength} characters allowed (${rule.source})`;
    }
    // The autonamed suffix is hex: only the logical name's characters can break the pattern.
    if (!rule.pattern.test(physical.autonamed ? `${logicalName}-0` : physical.name)) {
        return `${what} must be ${rule.allowed} (${rule.source})`;
    }
    return undefined;
}

/**
 * The longest name a component may take so that its child `${name}${childSuffix}` of `type`,
 * autonamed, keeps the rule: e.g. a Fargate profile's `-pod-execution-role` IAM role leaves
 * 64 - 19 - 8 = 37 characters.
 */
export function maxNameForChild(type: string, childSuffix: string): number {
    const rule = NAME_RULES[type];
    return rule.maxLength - childSuffix.length - (rule.autonameSuffix ?? 0);
}
