// Builds the policy document for a kind. Pure over resolved args; the JSON variant resolves
// Inputs first and validates what is knowable before any `apply`.
import * as pulumi from "@pulumi/pulumi";
import { PolicyDocument, policyDocument } from "../../common/iamDocument";
import { Problem, Problems } from "../../common/validation";
import { CatalogContext, ResolvedWellKnownPolicy, WellKnownPolicy } from "./args";
import { ACCOUNT_PATTERN, PARTITION, REGION_PATTERN, arnPartition } from "./arns";
import { CATALOG } from "./kinds";
import { validateWellKnownPolicy } from "./validate";

function contextProblems(ctx: CatalogContext): Problem[] {
    const problems: Problem[] = [];
    if (!PARTITION.test(ctx.partition)) {
        problems.push({
            propertyPath: "ctx.partition",
            reason: `partition "${ctx.partition}" is not an AWS partition (aws, aws-cn, aws-us-gov, ...)`,
        });
    }
    if (!REGION_PATTERN.test(ctx.region)) {
        problems.push({
            propertyPath: "ctx.region",
            reason: `region "${ctx.region}" is not an AWS region name`,
        });
    }
    if (!ACCOUNT_PATTERN.test(ctx.accountId)) {
        problems.push({
            propertyPath: "ctx.accountId",
            reason: `accountId "${ctx.accountId}" is not a 12-digit account id`,
        });
    }
    return problems;
}

/** ARNs must live in the partition the policy is used in: an `arn:aws:` ARN never matches in aws-cn. */
function partitionProblems(args: ResolvedWellKnownPolicy, partition: string): Problem[] {
    const problems: Problem[] = [];
    for (const [field, value] of Object.entries(args)) {
        const items: unknown[] = Array.isArray(value) ? value : [value];
        items.forEach((item, i) => {
            const itemPartition = typeof item === "string" ? arnPartition(item) : undefined;
            if (itemPartition !== undefined && itemPartition !== partition) {
                const label = Array.isArray(value) ? `${field}[${i}]` : field;
                problems.push({
                    propertyPath: label,
                    reason: `${label} "${String(item)}" is in partition "${itemPartition}", the policy in "${partition}": use an ARN of partition "${partition}"`,
                });
            }
        });
    }
    return problems;
}

/** Pure: the least-privilege policy document for resolved args. Throws on invalid input (validate first). */
export function wellKnownPolicyDocument(args: ResolvedWellKnownPolicy, ctx: CatalogContext): PolicyDocument {
    const problems = [...validateWellKnownPolicy(args), ...contextProblems(ctx)];
    if (problems.length === 0) {
        problems.push(...partitionProblems(args, ctx.partition));
    }
    if (problems.length > 0) {
        const lines = problems.map((p) => `  - ${p.propertyPath}: ${p.reason}`).join("\n");
        throw new Error(`invalid well-known policy args for kind "${String(args.kind)}":\n${lines}`);
    }
    const entry = CATALOG.get(args.kind);
    if (entry === undefined) {
        throw new Error(`unreachable: kind "${args.kind}" passed validation`);
    }
    return policyDocument(...entry.statements(args, ctx));
}

/**
 * Resolves Inputs and returns the policy JSON, for `aws.iam.RolePolicy.policy`. Problems knowable
 * now (plain values) throw `pulumi.InputPropertiesError` immediately, not inside `apply`.
 */
export function wellKnownPolicyJson(
    args: WellKnownPolicy,
    ctx: pulumi.Input<CatalogContext>,
): pulumi.Output<string> {
    const problems = new Problems();
    problems.merge(validateWellKnownPolicy(args));
    problems.throwIfAny("wellKnownPolicyJson", args.kind);
    return pulumi
        .all([pulumi.output(args), pulumi.output(ctx)])
        .apply(([resolved, context]) =>
            JSON.stringify(
                wellKnownPolicyDocument(resolved as ResolvedWellKnownPolicy, context as CatalogContext),
            ),
        );
}
