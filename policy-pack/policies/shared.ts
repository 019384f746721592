// Helpers several policy files share: reading a role's trust policy, naming managed policies.
import { EnforcementLevel, PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { Report, resourcePolicy } from "../lib/policy";
import { Plain, get, str } from "../lib/props";
import { readPolicy } from "../lib/read";
import { AttachedPolicy, RoleInfo, RoleUseKind, Types } from "../lib/stack";
import { ParsedPolicy } from "../lib/trust";

export interface TrustPolicyDefinition<C> {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: PolicyConfigSchema;
    check(policy: ParsedPolicy, report: Report, config: C, props: Plain): void;
}

/**
 * A resource policy over `aws:iam/role:Role` trust policies. An unknown trust policy (preview,
 * built from unknown ARNs) is skipped: it is checked again at update, when it is known.
 */
export function trustPolicy<C = Record<string, never>>(
    def: TrustPolicyDefinition<C>,
): ResourceValidationPolicy {
    return resourcePolicy<C>({
        name: def.name,
        description: def.description,
        enforcementLevel: def.enforcementLevel,
        ...(def.configSchema ? { configSchema: def.configSchema } : {}),
        resourceType: Types.role,
        validate: (props, report, config) => {
            const read = readPolicy(get(props, "assumeRolePolicy"));
            if ("policy" in read) {
                def.check(read.policy, report, config, props);
            }
        },
    });
}

/** An AWS managed policy ARN's name (`arn:<partition>:iam::aws:policy/<path/>Name`), else undefined. */
export function awsManagedPolicyName(arn: string): string | undefined {
    const match = /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
    return match ? match[1] : undefined;
}

/**
 * True when `arn` (or, for a customer-managed policy of the stack, `customerManagedName`) is on
 * `list`: entries are ARNs (matched exactly) or names. A name matches AWS managed policies only,
 * and customer-managed policies of the stack by their `name`, so a customer policy elsewhere that
 * happens to be called `AmazonEKSWorkerNodePolicy` is not mistaken for the AWS one.
 */
export function policyOnList(list: string[], arn: string | undefined, customerManagedName?: string): boolean {
    return list.some((entry) => {
        if (entry.startsWith("arn:")) {
            return entry === arn;
        }
        return (arn !== undefined && awsManagedPolicyName(arn) === entry) || customerManagedName === entry;
    });
}

export const policyListSchema = (description: string, defaults: string[]) => ({
    type: "array" as const,
    items: { type: "string" as const },
    description,
    default: defaults,
});

/** `role "node-role" (node role through nodeRoleArn of aws:eks/nodeGroup:NodeGroup "ng")`, for messages. */
export function roleLabel(role: RoleInfo, kind: RoleUseKind): string {
    const use = role.uses.find((u) => u.kind === kind);
    return `role "${role.role.name}"${use ? ` (${kind} role through ${use.how})` : ""}`;
}

/** The display name of an attached policy: its ARN, or the stack's customer-managed policy it links to. */
export function attachedPolicyLabel(policy: AttachedPolicy): string {
    if (typeof policy.arn === "string") {
        return policy.arn;
    }
    return policy.customerManaged
        ? `customer-managed policy "${policy.customerManaged.name}"`
        : "(unknown policy)";
}

/** Whether an attached policy is on a list of names/ARNs; undefined when it cannot be known yet. */
export function attachedOnList(list: string[], policy: AttachedPolicy): boolean | undefined {
    const customerName = policy.customerManaged ? str(policy.customerManaged.props, "name") : undefined;
    const arn = typeof policy.arn === "string" ? policy.arn : undefined;
    if (arn === undefined && typeof customerName !== "string") {
        return undefined;
    }
    return policyOnList(list, arn, typeof customerName === "string" ? customerName : undefined);
}
