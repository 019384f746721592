// Small builders shared by the components: the account/partition/region facts every ARN is built
// from, and an IAM role with its managed-policy attachments named by stable keys.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { partitionOfRegion, regionProblem } from "../identity/regions";
import type { WorkloadIdentityArgs } from "../identity/workloadIdentity";
import { managedPolicyArn } from "./iamDocument";
import { isPlain, Problems } from "./validation";

export interface AwsFacts {
    partition: pulumi.Output<string>;
    accountId: pulumi.Output<string>;
    region: pulumi.Output<string>;
}

/** Partition, account and region of the provider the component runs under (data sources, no resources). */
export function awsFacts(parent: pulumi.Resource): AwsFacts {
    const opts = { parent };
    return {
        partition: aws.getPartitionOutput({}, opts).partition,
        accountId: aws.getCallerIdentityOutput({}, opts).accountId,
        region: aws.getRegionOutput({}, opts).region,
    };
}

/** AWS tags as every component takes them: the map, or its values, may come from other resources. */
export type Tags = pulumi.Input<Record<string, pulumi.Input<string>>>;

export interface RoleSpec {
    /** Child resource name of the role; attachments are named `${name}-${policyName}`. */
    name: string;
    description: string;
    assumeRolePolicy: pulumi.Input<string>;
    /** AWS managed policy names, attached with the partition's ARN. */
    managedPolicies: string[];
    path?: string;
    permissionsBoundary?: pulumi.Input<string>;
    maxSessionDuration?: number;
    tags?: Tags;
    roleName?: string;
}

export interface CreatedRole {
    role: aws.iam.Role;
    attachments: aws.iam.RolePolicyAttachment[];
}

export function createRole(
    spec: RoleSpec,
    partition: pulumi.Input<string>,
    parent: pulumi.Resource,
): CreatedRole {
    const role = new aws.iam.Role(
        spec.name,
        {
            name: spec.roleName,
            description: spec.description,
            assumeRolePolicy: spec.assumeRolePolicy,
            path: spec.path,
            permissionsBoundary: spec.permissionsBoundary,
            maxSessionDuration: spec.maxSessionDuration,
            tags: spec.tags,
        },
        { parent },
    );
    const attachments = spec.managedPolicies.map(
        (policyName) =>
            new aws.iam.RolePolicyAttachment(
                `${spec.name}-${policyName}`,
                { role: role.name, policyArn: managedPolicyArnOutput(partition, policyName) },
                { parent },
            ),
    );
    return { role, attachments };
}

export function managedPolicyArnOutput(
    partition: pulumi.Input<string>,
    policyName: string,
): pulumi.Output<string> {
    return pulumi.output(partition).apply((p) => managedPolicyArn(p, policyName));
}

/**
 * Where a component's resources go, as far as it is known before any resource is registered:
 * the partition, and the region. A stack's config check knows it from `aws:region`; a component
 * knows it when it uses the default AWS provider (plannedAwsContext).
 */
export interface AwsContext {
    partition: string;
    region: string;
}

/** The context of a region from the table of known regions, or undefined for a region it does not know. */
export function awsContextOfRegion(region: string | undefined): AwsContext | undefined {
    return region !== undefined && regionProblem(region) === undefined
        ? { partition: partitionOfRegion(region), region }
        : undefined;
}

/**
 * The context `resource` deploys to when it uses the default AWS provider, which takes its
 * region from `aws:region`, else AWS_REGION or AWS_DEFAULT_REGION (Terraform AWS provider
 * `region`, which @pulumi/aws bridges). With an explicit provider the region is that provider's
 * Output: unknown here, so nothing is checked against it (the provider and AWS check it).
 */
export function plannedAwsContext(resource: pulumi.Resource): AwsContext | undefined {
    if (resource.getProvider("aws:iam/role:Role") !== undefined) {
        return undefined;
    }
    return awsContextOfRegion(
        new pulumi.Config("aws").get("region") ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION,
    );
}

/**
 * Why a plain ARN cannot be used where `context` deploys: another partition (IAM and every
 * service refuse or never match an ARN of another partition), or, when `sameRegion` says why
 * the service needs it, another region. Undefined for a value that is not an ARN (its format is
 * checked where the field is) or that fits.
 */
export function arnPlacementProblem(
    arn: string,
    context: AwsContext,
    sameRegion?: string,
): string | undefined {
    const match = /^arn:([^:]*):[^:]*:([^:]*):/.exec(arn);
    if (!match) {
        return undefined;
    }
    const [, partition, region] = match;
    if (partition !== context.partition) {
        const where = `"${arn}" is in partition ${partition}, but the stack deploys to ${context.region} (partition ${context.partition}), where an ARN of another partition never matches`;
        // A global resource (IAM, Route 53, S3) has its namesake in the stack's partition; a
        // regional one of another partition's region has none.
        return region === "" || partitionOfRegion(region) === context.partition
            ? `${where}: use the ${context.partition} ARN (${arn.replace(/^arn:[^:]*:/, `arn:${context.partition}:`)})`
            : `${where}: use a resource of partition ${context.partition} (of ${context.region}, for example)`;
    }
    if (sameRegion !== undefined && region !== context.region) {
        return `"${arn}" is in region ${region}, but the cluster is in ${context.region}: ${sameRegion}`;
    }
    return undefined;
}

/** The ARNs a WorkloadIdentity takes, by property path, with why the region matters where it does. */
function workloadArns(args: WorkloadIdentityArgs): [string, pulumi.Input<string> | undefined, string?][] {
    return [
        ...(args.managedPolicyArns ?? []).map((arn, i): [string, string] => [`managedPolicyArns[${i}]`, arn]),
        ["permissionsBoundary", args.permissionsBoundary],
        ["targetRoleArn", args.targetRoleArn],
        [
            "clusterArn",
            args.clusterArn,
            "the Pod Identity association is made on the cluster in the provider's region, and the trust must name that cluster; pass its ARN",
        ],
        ["oidcProviderArn", args.oidcProviderArn],
        ...(args.additionalClusters ?? []).flatMap((c, i): [string, pulumi.Input<string> | undefined][] => [
            // Other clusters may be in other regions (multi-region), never in another partition.
            [`additionalClusters[${i}].clusterArn`, c.clusterArn],
            [`additionalClusters[${i}].oidcProviderArn`, c.oidcProviderArn],
        ]),
    ];
}

/**
 * Problems of a WorkloadIdentity's plain ARNs where `context` deploys: another partition, or
 * for the cluster's own ARN another region.
 */
export function workloadPlacementProblems(args: WorkloadIdentityArgs, context?: AwsContext): Problems {
    const problems = new Problems();
    if (context) {
        for (const [path, value, sameRegion] of workloadArns(args)) {
            const problem = isPlain(value) ? arnPlacementProblem(value, context, sameRegion) : undefined;
            if (problem) {
                problems.add(path, problem);
            }
        }
    }
    return problems;
}
