// Construction-time checks of WellKnownPolicy. Only plain strings are inspected: an Output
// or a Promise is checked again, resolved, by wellKnownPolicyDocument.
import * as pulumi from "@pulumi/pulumi";
import { arnPlacementProblem, AwsContext } from "../../common/aws";
import { Problem, isPlain } from "../../common/validation";
import { ScopeField, WellKnownPolicy } from "./args";
import { arnProblem } from "./arns";
import { CatalogEntry } from "./entry";
import { CATALOG, WELL_KNOWN_KINDS } from "./kinds";
import { IP_FAMILIES } from "./vpc-cni";

const SCOPE_FIELDS: readonly ScopeField[] = [
    "clusterName",
    "requireClusterTag",
    "hostedZoneArns",
    "kmsKeyArns",
    "fileSystemArns",
    "nodeRoleArns",
    "interruptionQueueArn",
    "ipFamily",
    "secretArns",
    "parameterArns",
    "bucketArns",
    "workspaceArns",
    "logGroupPrefix",
];

const LIST_FIELDS: ReadonlySet<ScopeField> = new Set([
    "hostedZoneArns",
    "kmsKeyArns",
    "fileSystemArns",
    "nodeRoleArns",
    "secretArns",
    "parameterArns",
    "bucketArns",
    "workspaceArns",
]);

// EKS cluster names: 1-100 characters, letters, digits, '-' and '_', starting with a letter or digit.
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
// CloudWatch Logs group names: 1-512 of [.-_/#A-Za-z0-9]; the prefix gets a '*' appended, so none here.
const LOG_GROUP_PREFIX = /^[.\-_/#A-Za-z0-9]{1,511}$/;

function kindsUsing(field: ScopeField): string[] {
    return [...CATALOG.values()]
        .filter((e) => e.required.includes(field) || e.optional.includes(field))
        .map((e) => e.kind);
}

function scalarProblem(field: ScopeField, value: string): string | undefined {
    switch (field) {
        case "clusterName":
            return CLUSTER_NAME.test(value)
                ? undefined
                : `clusterName "${value}" is not an EKS cluster name: use 1-100 letters, digits, '-' and '_', starting with a letter or digit`;
        case "ipFamily":
            return (IP_FAMILIES as readonly string[]).includes(value)
                ? undefined
                : `ipFamily "${value}" is not supported: use "ipv4" or "ipv6"`;
        case "logGroupPrefix":
            return LOG_GROUP_PREFIX.test(value)
                ? undefined
                : `logGroupPrefix "${value}" is not a log group name prefix: use letters, digits and . - _ / #, without '*' (one is appended)`;
        default:
            return arnProblem(field, field, value);
    }
}

/** Problems of one field the kind reads; `present` collects the fields that count as set. */
function fieldProblems(
    entry: CatalogEntry,
    field: ScopeField,
    value: unknown,
    present: Set<ScopeField>,
): Problem[] {
    const problems: Problem[] = [];
    const required = entry.required.includes(field);
    if (value === undefined) {
        if (required) {
            problems.push({
                propertyPath: field,
                reason: `${field} is required for kind "${entry.kind}": set it (there is no default that grants access to every resource)`,
            });
        }
        return problems;
    }
    if (field === "requireClusterTag") {
        if (typeof value !== "boolean") {
            problems.push({ propertyPath: field, reason: `${field} must be a boolean` });
        } else if (value) {
            present.add(field);
        }
        return problems;
    }
    if (!LIST_FIELDS.has(field)) {
        present.add(field);
        if (isPlain(value as pulumi.Input<string>)) {
            const problem =
                typeof value === "string" ? scalarProblem(field, value) : `${field} must be a string`;
            if (problem) {
                problems.push({ propertyPath: field, reason: problem });
            }
        }
        return problems;
    }
    if (!Array.isArray(value)) {
        // An Output of a whole list: checked once resolved.
        present.add(field);
        return problems;
    }
    if (value.length === 0) {
        if (required) {
            problems.push({
                propertyPath: field,
                reason: `${field} is empty for kind "${entry.kind}": list at least one ARN (an empty list never falls back to "*")`,
            });
        }
        return problems;
    }
    present.add(field);
    value.forEach((item: pulumi.Input<string>, i) => {
        if (isPlain(item)) {
            const label = `${field}[${i}]`;
            const problem =
                typeof item === "string" ? arnProblem(field, label, item) : `${label} must be a string`;
            if (problem) {
                problems.push({ propertyPath: label, reason: problem });
            }
        }
    });
    return problems;
}

/**
 * Plain ARNs of another partition than the one the policy is used in: an `arn:aws:` ARN never
 * matches in aws-cn. The same rule wellKnownPolicyDocument applies to resolved values, made here
 * before any resource exists when the partition is known.
 */
function placementProblems(args: WellKnownPolicy, context: AwsContext): Problem[] {
    const problems: Problem[] = [];
    for (const field of SCOPE_FIELDS) {
        const value: unknown = args[field];
        const items: unknown[] = Array.isArray(value) ? value : [value];
        items.forEach((item, i) => {
            const label = Array.isArray(value) ? `${field}[${i}]` : field;
            const problem =
                typeof item === "string" && field !== "clusterName" && field !== "logGroupPrefix"
                    ? arnPlacementProblem(item, context)
                    : undefined;
            if (problem) {
                problems.push({ propertyPath: label, reason: `${label} ${problem}` });
            }
        });
    }
    return problems;
}

/**
 * Checks known at construction time: unknown kind, required scope missing or empty, fields that
 * do not apply to the kind, malformed plain-string ARNs and values. `propertyPath` is relative to
 * the args object ("hostedZoneArns[1]", "kind"); Outputs and Promises are not inspected.
 */
export function validateWellKnownPolicy(args: WellKnownPolicy, context?: AwsContext): Problem[] {
    const entry = typeof args.kind === "string" ? CATALOG.get(args.kind) : undefined;
    if (entry === undefined) {
        return [
            {
                propertyPath: "kind",
                reason: `kind "${String(args.kind)}" is not a well-known add-on: use one of ${WELL_KNOWN_KINDS.join(", ")}`,
            },
        ];
    }
    const problems: Problem[] = [];
    const present = new Set<ScopeField>();
    for (const field of SCOPE_FIELDS) {
        const value = args[field];
        if (entry.required.includes(field) || entry.optional.includes(field)) {
            problems.push(...fieldProblems(entry, field, value, present));
        } else if (value !== undefined) {
            problems.push({
                propertyPath: field,
                reason: `${field} does not apply to kind "${entry.kind}": remove it (it is read by ${kindsUsing(field).join(", ")})`,
            });
        }
    }
    const cross = entry.crossFieldProblem?.(present);
    if (cross) {
        problems.push(cross);
    }
    if (context && problems.length === 0) {
        problems.push(...placementProblems(args, context));
    }
    return problems;
}
