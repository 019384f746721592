// Small builders shared by the components: the account/partition/region facts every ARN is built
// from, and an IAM role with its managed-policy attachments named by stable keys.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { managedPolicyArn } from "./iamDocument";

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
