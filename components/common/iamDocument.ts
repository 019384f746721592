// IAM policy document shapes (the JSON IAM reads) and the partition-aware ARNs of the AWS managed
// policies the components attach. ARNs are always built from the partition AWS reports (aws,
// aws-cn, aws-us-gov), never `arn:aws`. Trust policies are built in components/trust/.

export type ConditionValues = string | string[];
/** Operator (`StringEquals`, `ArnLike`, ...) to condition key to value(s). */
export type Condition = Record<string, Record<string, ConditionValues>>;

export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Principal?: "*" | Record<string, string | string[]>;
    Action: string | string[];
    Resource?: string | string[];
    Condition?: Condition;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

export function policyDocument(...statements: PolicyStatement[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

/** The ARN of an AWS managed policy in `partition`, e.g. `arn:aws-cn:iam::aws:policy/AmazonEKSClusterPolicy`. */
export function managedPolicyArn(partition: string, policyName: string): string {
    return `arn:${partition}:iam::aws:policy/${policyName}`;
}

/** Managed policies by name, as AWS publishes them. */
export const ManagedPolicies = {
    clusterPolicy: "AmazonEKSClusterPolicy",
    vpcResourceController: "AmazonEKSVPCResourceController",
    workerNodePolicy: "AmazonEKSWorkerNodePolicy",
    ecrPullOnly: "AmazonEC2ContainerRegistryPullOnly",
    ecrReadOnly: "AmazonEC2ContainerRegistryReadOnly",
    ssmManagedInstanceCore: "AmazonSSMManagedInstanceCore",
    cniPolicy: "AmazonEKS_CNI_Policy",
    fargatePodExecution: "AmazonEKSFargatePodExecutionRolePolicy",
    // EKS Auto Mode (EKS User Guide, auto-cluster-iam-role and auto-create-node-role).
    computePolicy: "AmazonEKSComputePolicy",
    blockStoragePolicy: "AmazonEKSBlockStoragePolicy",
    loadBalancingPolicy: "AmazonEKSLoadBalancingPolicy",
    networkingPolicy: "AmazonEKSNetworkingPolicy",
    workerNodeMinimalPolicy: "AmazonEKSWorkerNodeMinimalPolicy",
} as const;

/**
 * The policy language versions IAM accepts (IAM User Guide, "IAM JSON policy elements: Version":
 * 2012-10-17, the current one, and 2008-10-17, the original, without policy variables).
 */
export const IAM_POLICY_VERSIONS = ["2012-10-17", "2008-10-17"] as const;

/** Top-level and statement elements of the IAM policy grammar (IAM User Guide, "Grammar of the IAM JSON policy language"). */
const DOCUMENT_KEYS = ["Version", "Id", "Statement"];
const STATEMENT_KEYS = [
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

/**
 * Characters a policy document may hold: tab, line feed, carriage return and U+0020 to U+00FF
 * (IAM User Guide, "IAM and AWS STS quotas", IAM name requirements).
 */
const POLICY_CHARACTERS = /^[\t\n\r\u0020-\u00ff]*$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" && value !== null && !Array.isArray(value);
const isStringOrStrings = (value: unknown): boolean =>
    typeof value === "string" ||
    (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string"));

/**
 * Why `json` is not an identity-based IAM policy document IAM would accept (PutRolePolicy and
 * AssumeRole's session policy refuse it as MalformedPolicyDocument), with the fix; undefined when
 * it is one. Checks the grammar's shape, not what the actions mean: a typo there is IAM's to
 * ignore, and Access Analyzer's to warn about.
 */
export function identityPolicyProblem(json: string): string | undefined {
    let doc: unknown;
    try {
        doc = JSON.parse(json);
    } catch (error) {
        return `is not valid JSON (${(error as Error).message}): pass an IAM policy document as a JSON string, e.g. {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}]}`;
    }
    const bad = [...json].find((c) => !POLICY_CHARACTERS.test(c));
    if (bad !== undefined) {
        return `holds ${JSON.stringify(bad)} (U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}), which IAM refuses in a policy (only tab, line breaks and U+0020 to U+00FF): replace it`;
    }
    if (!isObject(doc)) {
        return `is ${Array.isArray(doc) ? "a JSON array" : `the JSON ${typeof doc}`}, not an IAM policy document: pass one object, {"Version":"2012-10-17","Statement":[...]}`;
    }
    const issues: string[] = [];
    for (const key of Object.keys(doc).filter((k) => !DOCUMENT_KEYS.includes(k))) {
        issues.push(
            `unknown top-level key "${key}" (IAM takes ${DOCUMENT_KEYS.join(", ")}): remove it or move it into a statement`,
        );
    }
    if (doc.Version !== undefined && !(IAM_POLICY_VERSIONS as readonly unknown[]).includes(doc.Version)) {
        issues.push(
            `Version ${JSON.stringify(doc.Version)} is not a policy language version: use "2012-10-17"`,
        );
    }
    const statements = doc.Statement;
    if (statements === undefined) {
        issues.push(
            'it has no Statement: add "Statement": [{"Effect": ..., "Action": ..., "Resource": ...}]',
        );
    } else if (Array.isArray(statements) && statements.length === 0) {
        issues.push(
            "Statement is an empty list, which IAM refuses: add at least one statement or remove the policy",
        );
    } else if (!Array.isArray(statements) && !isObject(statements)) {
        issues.push(
            `Statement must be a statement object or a list of them; got ${typeof statements}: write [{"Effect": "Allow", "Action": ..., "Resource": ...}]`,
        );
    } else {
        const list = Array.isArray(statements) ? statements : [statements];
        list.forEach((s, i) => {
            const at = Array.isArray(statements) ? `Statement[${i}]` : "Statement";
            if (!isObject(s)) {
                issues.push(`${at} must be an object with Effect, Action and Resource`);
                return;
            }
            for (const key of Object.keys(s).filter((k) => !STATEMENT_KEYS.includes(k))) {
                issues.push(
                    `${at} has unknown key "${key}" (a statement takes ${STATEMENT_KEYS.join(", ")}): check its spelling`,
                );
            }
            if (s.Effect !== "Allow" && s.Effect !== "Deny") {
                issues.push(
                    `${at}.Effect is ${s.Effect === undefined ? "missing" : JSON.stringify(s.Effect)}: use "Allow" or "Deny" (case-sensitive)`,
                );
            }
            if (s.Principal !== undefined || s.NotPrincipal !== undefined) {
                issues.push(
                    `${at} names a Principal, which a permissions or session policy cannot (the role is the principal): remove it`,
                );
            }
            const action = s.Action ?? s.NotAction;
            if ((s.Action === undefined) === (s.NotAction === undefined) || !isStringOrStrings(action)) {
                issues.push(
                    `${at} needs exactly one of Action or NotAction, a string or a non-empty list of strings such as "s3:GetObject"`,
                );
            }
            const resource = s.Resource ?? s.NotResource;
            if (
                (s.Resource === undefined) === (s.NotResource === undefined) ||
                !isStringOrStrings(resource)
            ) {
                issues.push(
                    `${at} needs exactly one of Resource or NotResource, a string or a non-empty list of ARNs`,
                );
            }
            if (
                s.Condition !== undefined &&
                (!isObject(s.Condition) || !Object.values(s.Condition).every(isObject))
            ) {
                issues.push(
                    `${at}.Condition must map operators to {key: value} objects, e.g. {"StringEquals": {"aws:ResourceTag/team": "payments"}}`,
                );
            }
            if (s.Sid !== undefined && (typeof s.Sid !== "string" || !/^[A-Za-z0-9]*$/.test(s.Sid))) {
                issues.push(
                    `${at}.Sid ${JSON.stringify(s.Sid)} may hold only letters and digits in an IAM policy: rename it`,
                );
            }
        });
    }
    return issues.length > 0 ? `is not an IAM policy document IAM accepts: ${issues.join("; ")}` : undefined;
}

/**
 * IAM's size limits (IAM User Guide, "IAM and AWS STS quotas", IAM and STS character quotas):
 * all inline policies of a role together 10,240 characters, a managed policy 6,144, both with
 * whitespace not counted; the plaintext of a session policy 2,048 (STS API AssumeRole, Policy).
 */
export const POLICY_SIZE_LIMITS = {
    inlineRoleAggregate: 10240,
    managedPolicy: 6144,
    sessionPolicy: 2048,
} as const;
