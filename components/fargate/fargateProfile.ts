import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, awsFacts, createRole, plannedAwsContext } from "../common/aws";
import { eksFargateProblem } from "../identity/regions";
import { ManagedPolicies } from "../common/iamDocument";
import { fargateTrustPolicy } from "../trust/service";
import { fargateNamespacePatternProblem } from "./selector";
import { checkTags, isPlain, labelKeyProblem, labelValueProblem, Problems } from "../common/validation";

/** EKS service quotas: "Label pairs per Fargate profile selector", 5 (as selectors per profile, 5). */
export const MAX_FARGATE_SELECTOR_LABELS = 5;

/** The pod execution role's child name is the profile's name and this (the config caps names by it). */
export const POD_EXECUTION_ROLE_SUFFIX = "-pod-execution-role";

export interface FargateSelector {
    /** Namespace whose pods run on Fargate. */
    namespace: string;
    /** Pod labels that must also match. Default: {} (every pod of the namespace). */
    labels?: Record<string, string>;
}

export interface FargateProfileArgs {
    /** Name of the EKS cluster. */
    clusterName: pulumi.Input<string>;
    /** Private subnets for Fargate pods. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Pod selectors (1 to 5). */
    selectors: FargateSelector[];
    /** Tags. Default: {}. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * An EKS Fargate profile with its own pod execution role (AmazonEKSFargatePodExecutionRolePolicy
 * only; trust scoped to this cluster's profiles). Pods on Fargate get AWS credentials through
 * IRSA only: the Pod Identity agent cannot run on Fargate.
 */
export class FargateProfile extends pulumi.ComponentResource {
    /** Name of the Fargate profile. */
    public readonly profileName: pulumi.Output<string>;
    /** ARN of the profile's own pod execution role. */
    public readonly podExecutionRoleArn: pulumi.Output<string>;
    /** Namespaces this profile serves (Pod Identity is refused for them). */
    public readonly namespaces: pulumi.Output<string[]>;

    constructor(name: string, args: FargateProfileArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-identity:index:FargateProfile", name, {}, opts);
        validateFargateProfileArgs(args, plannedAwsContext(this)).throwIfAny("FargateProfile", name);

        const tags = args.tags ?? {};
        const facts = awsFacts(this);
        const trust = pulumi
            .all([facts.partition, facts.region, facts.accountId, args.clusterName])
            .apply(([partition, region, accountId, clusterName]) =>
                JSON.stringify(fargateTrustPolicy(partition, region, accountId, clusterName)),
            );
        const role = createRole(
            {
                name: `${name}${POD_EXECUTION_ROLE_SUFFIX}`,
                description: "EKS Fargate pod execution role",
                assumeRolePolicy: trust,
                managedPolicies: [ManagedPolicies.fargatePodExecution],
                tags,
            },
            facts.partition,
            this,
        );
        const profile = new aws.eks.FargateProfile(
            `${name}-profile`,
            {
                clusterName: args.clusterName,
                podExecutionRoleArn: role.role.arn,
                subnetIds: args.subnetIds,
                selectors: args.selectors.map((s) => ({ namespace: s.namespace, labels: s.labels })),
                tags,
            },
            { parent: this, dependsOn: role.attachments },
        );
        this.profileName = profile.fargateProfileName;
        this.podExecutionRoleArn = role.role.arn;
        this.namespaces = pulumi.output(args.selectors.map((s) => s.namespace));
        this.registerOutputs({
            profileName: this.profileName,
            podExecutionRoleArn: this.podExecutionRoleArn,
        });
    }
}

/** The code of the problem "no EKS on Fargate in this region", which a stack reports once for all profiles. */
export const FARGATE_UNAVAILABLE = "fargate-unavailable";

/** Every problem of `args`; `context` is the region the cluster is in, when known up front. */
export function validateFargateProfileArgs(args: FargateProfileArgs, context?: AwsContext): Problems {
    const problems = new Problems();
    const unavailable = context && eksFargateProblem(context.region);
    if (unavailable) {
        // Reported against the cluster: it is the cluster's region that has no Fargate.
        problems.add("clusterName", unavailable, { code: FARGATE_UNAVAILABLE });
    }
    if (args.clusterName === undefined) {
        problems.add("clusterName", "clusterName is required");
    }
    if (args.subnetIds === undefined || (isPlain(args.subnetIds) && args.subnetIds.length === 0)) {
        problems.add("subnetIds", "Fargate needs private subnets: pass at least one subnet id");
    }
    const selectors = args.selectors ?? [];
    if (selectors.length === 0 || selectors.length > 5) {
        problems.add("selectors", `a Fargate profile takes 1 to 5 selectors; got ${selectors.length}`);
    }
    selectors.forEach((s, i) => {
        const problem = fargateNamespacePatternProblem(s.namespace ?? "");
        if (problem) {
            problems.add(`selectors[${i}].namespace`, problem);
        }
        const labels = Object.entries(s.labels ?? {});
        if (labels.length > MAX_FARGATE_SELECTOR_LABELS) {
            problems.add(
                `selectors[${i}].labels`,
                `${labels.length} labels; a Fargate profile selector matches at most ${MAX_FARGATE_SELECTOR_LABELS} (EKS service quotas, "Label pairs per Fargate profile selector"): keep the ${MAX_FARGATE_SELECTOR_LABELS} that pick the pods`,
            );
        }
        // A selector matches pod labels: the Kubernetes label rules apply.
        for (const [key, value] of labels) {
            const labelProblem =
                labelKeyProblem(key) ??
                (typeof value === "string"
                    ? labelValueProblem(key, value)
                    : `the value of "${key}" must be a string: quote it`);
            if (labelProblem) {
                problems.add(`selectors[${i}].labels.${key}`, labelProblem);
            }
        }
    });
    checkTags(args.tags, problems);
    // Callers in other languages (or YAML) can send fields TypeScript would reject.
    const loose = args as unknown as Record<string, unknown>;
    for (const key of ["nodeRoleArn", "podExecutionRoleArn"]) {
        if (loose[key] !== undefined) {
            problems.add(
                key,
                "a Fargate profile creates its own pod execution role and never uses a node role (it trusts eks-fargate-pods.amazonaws.com, not ec2): remove it",
            );
        }
    }
    return problems;
}
