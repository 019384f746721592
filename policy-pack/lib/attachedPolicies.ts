// Policies attached to a role, by ARN or by name: AWS managed policy names, allow/deny lists in
// policy config, and how an attachment is named in a message.
import { str } from "./props";
import { AttachedPolicy } from "./stack";

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
