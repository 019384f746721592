// @pulumi/eks (4.x) clusters as a source of WorkloadIdentity's cluster inputs. Only types are
// imported from @pulumi/eks: the program that made the cluster brings the package. The outputs
// read are the component's own (pulumi/pulumi-eks nodejs/eks/cluster/cluster.ts createCluster):
// `eksCluster` (the aws.eks.Cluster), `oidcProviderArn` ("" unless createOidcProvider),
// `oidcIssuer` (the issuer without https://) and `kubeconfigJson`.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type * as eks from "@pulumi/eks";
import { podIdentityAgentAddon } from "../addons/podIdentityAgent";
import { Problems } from "../common/validation";

export interface PulumiEksClusterOptions {
    /**
     * The cluster's EKS Pod Identity agent: "present" (the eks-pod-identity-agent add-on already
     * runs), "install" (create that add-on), or "absent" (Pod Identity is refused for every
     * workload given these inputs). Default: "absent", as @pulumi/eks installs no agent.
     */
    podIdentityAgent?: "present" | "install" | "absent";
    /** Namespaces the cluster's Fargate profiles select: Pod Identity is refused there. Default: []. */
    fargateNamespaces?: string[];
    /** Tags of the agent add-on, when installed. Default: {}. */
    tags?: Record<string, string>;
}

/** The cluster inputs of WorkloadIdentityArgs, for an @pulumi/eks cluster: spread them into the args. */
export interface PulumiEksIdentityInputs {
    clusterName: pulumi.Output<string>;
    /** The cluster's IAM OIDC provider ARN: "" when the cluster has none, which IRSA modes refuse. */
    oidcProviderArn: pulumi.Output<string>;
    oidcIssuer: pulumi.Output<string>;
    podIdentityAgent: boolean;
    fargateNamespaces: string[];
}

export interface PulumiEksIdentityCluster {
    /** Spread into WorkloadIdentityArgs: clusterName, oidcProviderArn, oidcIssuer, podIdentityAgent, fargateNamespaces. */
    inputs: PulumiEksIdentityInputs;
    /** The cluster's ARN (the aws.eks.Cluster's). */
    clusterArn: pulumi.Output<string>;
    /** A Kubernetes provider of the cluster's kubeconfig, with server-side apply: pass it in `providers`. */
    kubernetes: k8s.Provider;
    /** What workloads on Pod Identity wait for (the agent add-on when installed): pass it in `dependsOn`. */
    dependsOn: pulumi.Resource[];
}

/**
 * Turns an @pulumi/eks `eks.Cluster` into WorkloadIdentity's cluster inputs and the Kubernetes
 * provider its ServiceAccounts need. Creates the provider `<name>-k8s` and, with
 * `podIdentityAgent: "install"`, the add-on `<name>-eks-pod-identity-agent`, both children of
 * `opts.parent` when given.
 */
export function pulumiEksIdentityCluster(
    name: string,
    cluster: eks.Cluster,
    options: PulumiEksClusterOptions = {},
    opts: { parent?: pulumi.Resource } = {},
): PulumiEksIdentityCluster {
    const agent = options.podIdentityAgent ?? "absent";
    const problems = new Problems();
    if (!["present", "install", "absent"].includes(agent)) {
        problems.add("podIdentityAgent", `"${agent}" is not one of "present", "install", "absent"`);
    }
    problems.throwIfAny("pulumiEksIdentityCluster", name);
    const clusterName = cluster.eksCluster.name;
    const kubernetes = new k8s.Provider(
        `${name}-k8s`,
        { kubeconfig: cluster.kubeconfigJson, enableServerSideApply: true },
        { parent: opts.parent },
    );
    const dependsOn: pulumi.Resource[] = [];
    if (agent === "install") {
        dependsOn.push(
            podIdentityAgentAddon(
                `${name}-eks-pod-identity-agent`,
                { clusterName, tags: options.tags },
                { parent: opts.parent },
            ),
        );
    }
    return {
        inputs: {
            clusterName,
            // "" unless the cluster was made with createOidcProvider (createCore): a WorkloadIdentity
            // in an IRSA mode then fails with that fix; Pod Identity needs no provider.
            oidcProviderArn: cluster.oidcProviderArn,
            oidcIssuer: cluster.oidcIssuer,
            podIdentityAgent: agent !== "absent",
            fargateNamespaces: [...(options.fargateNamespaces ?? [])],
        },
        clusterArn: cluster.eksCluster.arn,
        kubernetes,
        dependsOn,
    };
}
