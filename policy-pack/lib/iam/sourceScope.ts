// Confused-deputy conditions (aws:SourceAccount, aws:SourceArn) the service-principal trust
// policies share: what counts as naming one account, and which EKS ARN patterns do.
import { ParsedStatement, conditionsOnKey, hasWildcard, isRestrictingCondition } from "./parser";

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** True when a value is nothing but wildcards (`*`, `?*`, ...): it matches anything. */
export function matchesAnything(value: string): boolean {
    return /^[*?]*$/.test(value);
}

/**
 * True when the statement has a restricting `aws:SourceAccount` condition whose values are all
 * literal 12-digit account ids (no wildcard, no IfExists / ForAllValues, no negated operator).
 */
export function hasLiteralSourceAccount(statement: ParsedStatement): boolean {
    return conditionsOnKey(statement, "aws:SourceAccount").some(
        (c) => isRestrictingCondition(c) && c.values.every((v) => ACCOUNT_ID.test(v)),
    );
}

/**
 * What keeps an EKS ARN pattern (`arn:<partition>:eks:<region>:<account>:<resource>`) from naming
 * one region, one account and (for `resourceType`) one cluster: an empty list when it does.
 * `resourceType` (`fargateprofile`) requires `<resourceType>/<cluster>` with a literal cluster
 * name, optionally followed by `/...` (e.g. `/*` for every profile of the cluster).
 */
export function eksArnProblems(value: string, resourceType?: string): string[] {
    const parts = value.split(":");
    if (parts.length < 6 || parts[0] !== "arn" || parts[2] !== "eks") {
        return [resourceType ? `not an EKS ${resourceType} ARN` : "not an EKS ARN"];
    }
    const [, , , region, account] = parts;
    const resource = parts.slice(5).join(":");
    const problems: string[] = [];
    if (!REGION.test(region)) {
        problems.push(hasWildcard(region) || region === "" ? "no literal region" : `bad region "${region}"`);
    }
    if (!ACCOUNT_ID.test(account)) {
        problems.push("no literal 12-digit account");
    }
    if (resourceType) {
        const prefix = `${resourceType}/`;
        if (!resource.startsWith(prefix)) {
            return [`not an EKS ${resourceType} ARN`];
        }
        const cluster = resource.slice(prefix.length).split("/")[0];
        if (cluster === "" || hasWildcard(cluster)) {
            problems.push("no literal cluster name");
        }
    } else if (resource === "" || matchesAnything(resource)) {
        problems.push("no resource");
    }
    return problems;
}
