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
} as const;
