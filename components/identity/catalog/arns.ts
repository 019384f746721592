// ARN builders (always from the context's partition, region and account) and the formats each
// scope field accepts. Formats follow the Service Authorization Reference's resource types
// (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
import { roleArnProblem } from "../../common/validation";
import { CatalogContext, ScopeField } from "./args";

export const PARTITION = /^aws(-cn|-us-gov|-iso|-iso-[a-z]|-eusc)?$/;
const P = "aws(?:-cn|-us-gov|-iso|-iso-[a-z]|-eusc)?";
const REGION = "[a-z]{2}(?:-[a-z]+)+-\\d+";
export const REGION_PATTERN = new RegExp(`^${REGION}$`);
export const ACCOUNT_PATTERN = /^\d{12}$/;

/** `arn:<partition>:<service>:<region>:<account>:<resource>` in the context's region and account. */
export function regionalArn(ctx: CatalogContext, service: string, resource: string): string {
    return `arn:${ctx.partition}:${service}:${ctx.region}:${ctx.accountId}:${resource}`;
}

export function ec2Arn(ctx: CatalogContext, resource: string): string {
    return regionalArn(ctx, "ec2", resource);
}

/** EC2 images, snapshots and SSM public parameters carry no account in their ARN (they can be shared or public). */
export function accountlessArn(ctx: CatalogContext, service: string, resource: string): string {
    return `arn:${ctx.partition}:${service}:${ctx.region}::${resource}`;
}

/** Global services (IAM, Route 53, Shield, S3 buckets) have no region; Route 53 and S3 no account either. */
export function globalArn(ctx: CatalogContext, service: string, resource: string, account = ""): string {
    return `arn:${ctx.partition}:${service}::${account}:${resource}`;
}

/** The partition an ARN names, or undefined for a string that is not an ARN. */
export function arnPartition(arn: string): string | undefined {
    const match = /^arn:([^:]+):/.exec(arn);
    return match ? match[1] : undefined;
}

interface ArnFormat {
    /** What the field holds, for reasons: "a Route 53 hosted zone ARN". */
    what: string;
    /** The shape to use, for reasons. */
    shape: string;
    pattern: RegExp;
}

function format(what: string, shape: string, body: string): ArnFormat {
    return { what, shape, pattern: new RegExp(`^arn:${P}:${body}$`) };
}

// Names follow each service's documented character set. Wildcards are accepted only where the
// real name has a part the caller cannot know (the random suffix of a secret) or where a path
// prefix is the natural unit (SSM parameter hierarchies); zones, buckets, keys, file systems and
// workspaces are named one by one.
const ARN_FORMATS: Partial<Record<ScopeField, ArnFormat>> = {
    hostedZoneArns: format(
        "a Route 53 hosted zone ARN",
        "arn:<partition>:route53:::hostedzone/<zone id>",
        "route53:::hostedzone/[A-Z0-9]{1,32}",
    ),
    kmsKeyArns: format(
        "a KMS key ARN",
        "arn:<partition>:kms:<region>:<account>:key/<key id>",
        `kms:${REGION}:\\d{12}:key/(?:mrk-)?[a-f0-9-]{32,36}`,
    ),
    fileSystemArns: format(
        "an EFS file system ARN",
        "arn:<partition>:elasticfilesystem:<region>:<account>:file-system/fs-<id>",
        `elasticfilesystem:${REGION}:\\d{12}:file-system/fs-[0-9a-f]{8,40}`,
    ),
    interruptionQueueArn: format(
        "an SQS queue ARN",
        "arn:<partition>:sqs:<region>:<account>:<queue name>",
        `sqs:${REGION}:\\d{12}:[A-Za-z0-9_-]{1,75}(?:\\.fifo)?`,
    ),
    secretArns: format(
        "a Secrets Manager secret ARN",
        "arn:<partition>:secretsmanager:<region>:<account>:secret:<name>",
        `secretsmanager:${REGION}:\\d{12}:secret:[A-Za-z0-9/_+=.@*?-]{1,512}`,
    ),
    parameterArns: format(
        "an SSM parameter ARN",
        "arn:<partition>:ssm:<region>:<account>:parameter/<name without leading />",
        `ssm:${REGION}:\\d{12}:parameter/[A-Za-z0-9_.*?-][A-Za-z0-9/_.*?-]{0,2047}`,
    ),
    bucketArns: format(
        "an S3 bucket ARN",
        "arn:<partition>:s3:::<bucket name> (no object path)",
        "s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]",
    ),
    workspaceArns: format(
        "an Amazon Managed Service for Prometheus workspace ARN",
        "arn:<partition>:aps:<region>:<account>:workspace/ws-<id>",
        `aps:${REGION}:\\d{12}:workspace/ws-[A-Za-z0-9-]{1,64}`,
    ),
};

/** Why `value` is not a valid ARN for `field` (naming `label`, e.g. `hostedZoneArns[0]`), or undefined. */
export function arnProblem(field: ScopeField, label: string, value: string): string | undefined {
    if (field === "nodeRoleArns") {
        const problem = roleArnProblem(value);
        return problem ? `${label} ${problem}` : undefined;
    }
    const f = ARN_FORMATS[field];
    if (f === undefined || f.pattern.test(value)) {
        return undefined;
    }
    return `${label} "${value}" is not ${f.what}: use ${f.shape}`;
}
