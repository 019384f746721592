// Checks shared by managed and self-managed node groups.
import {
    checkTags,
    isPlain,
    KUBERNETES_VERSION_MALFORMED,
    labelKeyProblem,
    labelValueProblem,
    parseKubernetesVersion,
    Problems,
} from "../common/validation";
import type { RemoteAccess } from "./nodeRole";
import { Taint, TaintEffect } from "./taint";

export const AMI_TYPES = [
    "AL2023_x86_64_STANDARD",
    "AL2023_ARM_64_STANDARD",
    "AL2023_x86_64_NVIDIA",
    "AL2023_ARM_64_NVIDIA",
    "AL2023_x86_64_NEURON",
    "BOTTLEROCKET_x86_64",
    "BOTTLEROCKET_ARM_64",
    "BOTTLEROCKET_x86_64_NVIDIA",
    "BOTTLEROCKET_ARM_64_NVIDIA",
];
export const CAPACITY_TYPES = ["ON_DEMAND", "SPOT"];
/**
 * EKS takes CAPACITY_BLOCK only with a launch template whose InstanceMarketOptions MarketType is
 * `capacity-block` and whose CapacityReservationSpecification targets the block's reservation
 * (EKS User Guide, capacity-blocks-mng). This component's launch template sets neither, so it is
 * refused rather than accepted and broken at `pulumi up`.
 */
export const UNSUPPORTED_CAPACITY_TYPES: Record<string, string> = {
    CAPACITY_BLOCK:
        "needs a launch template with a capacity-block market type and the block's capacity reservation, which this component does not set: use ON_DEMAND or SPOT, or a node group of your own for a Capacity Block",
};
export const TAINT_EFFECTS: readonly string[] = Object.values(TaintEffect);

/**
 * EKS User Guide, "Amazon EKS service quotas": Nodes per managed node group, 450 by default
 * (adjustable, hence ManagedNodeGroupArgs.nodesPerGroupQuota). Self-managed groups are plain Auto
 * Scaling groups, which EKS does not count.
 */
export const DEFAULT_NODES_PER_MANAGED_GROUP = 450;

/**
 * EKS User Guide, "node-taints-managed-node-groups": a node group takes at most 50 taints (also
 * terraform-provider-aws aws_eks_node_group `taint` MaxItems 50).
 */
export const MAX_TAINTS = 50;

/**
 * EKS API CreateNodegroup / UpdateLabelsPayload, labels: "Key Length Constraints: Minimum length
 * of 1. Maximum length of 63. Value Length Constraints: Minimum length of 1. Maximum length of
 * 63." Stricter than Kubernetes, which allows a 253-character prefix and an empty value.
 */
const MANAGED_LABEL_MAX = 63;

/**
 * The kubelet registers its node with `--node-labels` (self-managed groups here; EKS's bootstrap
 * for managed ones), and refuses labels in the kubernetes.io and k8s.io namespaces outside these
 * (kubernetes/kubernetes pkg/kubelet/apis well_known_labels.go, KubeletLabels and
 * LabelNamespaceSuffixKubelet/Node; KEP "Bounding Self-Labeling Kubelets"), failing to start.
 */
const KUBELET_ALLOWED_LABELS = [
    "beta.kubernetes.io/arch",
    "beta.kubernetes.io/instance-type",
    "beta.kubernetes.io/os",
    "failure-domain.beta.kubernetes.io/region",
    "failure-domain.beta.kubernetes.io/zone",
    "kubernetes.io/arch",
    "kubernetes.io/hostname",
    "kubernetes.io/os",
    "node.kubernetes.io/instance-type",
    "topology.kubernetes.io/region",
    "topology.kubernetes.io/zone",
];
const KUBELET_ALLOWED_SUFFIXES = ["kubelet.kubernetes.io", "node.kubernetes.io"];

function kubeletRefuses(key: string): boolean {
    const slash = key.indexOf("/");
    if (slash < 0) {
        return false;
    }
    const prefix = key.slice(0, slash);
    const reserved = ["kubernetes.io", "k8s.io"].some((ns) => prefix === ns || prefix.endsWith(`.${ns}`));
    const allowed =
        KUBELET_ALLOWED_LABELS.includes(key) ||
        KUBELET_ALLOWED_SUFFIXES.some((ns) => prefix === ns || prefix.endsWith(`.${ns}`));
    return reserved && !allowed;
}

export interface ScalingArgs {
    minSize?: number;
    maxSize?: number;
    desiredSize?: number;
}

export const DEFAULT_SCALING = { minSize: 1, maxSize: 3, desiredSize: 2 };

export interface CommonNodeGroupArgs extends ScalingArgs {
    subnetIds?: unknown;
    labels?: Record<string, string>;
    taints?: Taint[];
    remoteAccess?: RemoteAccess;
    vpcId?: unknown;
    clusterSecurityGroupId?: unknown;
    kubernetesVersion?: string;
    diskSizeGiB?: number;
    tags?: unknown;
}

/**
 * Checks both kinds share. `managed` adds what the EKS managed node group API refuses beyond
 * Kubernetes: longer label keys, empty label values, more nodes than the quota.
 */
export function validateCommonNodeGroupArgs(
    args: CommonNodeGroupArgs,
    problems: Problems,
    managed?: { nodesPerGroupQuota?: number },
): void {
    if (args.subnetIds === undefined) {
        problems.add("subnetIds", "subnetIds is required: pass the private subnets the nodes run in");
    } else if (isPlain(args.subnetIds) && Array.isArray(args.subnetIds) && args.subnetIds.length === 0) {
        problems.add("subnetIds", "subnetIds is empty: pass at least one private subnet id");
    }
    const min = args.minSize ?? DEFAULT_SCALING.minSize;
    const max = args.maxSize ?? DEFAULT_SCALING.maxSize;
    const desired = args.desiredSize ?? Math.min(Math.max(DEFAULT_SCALING.desiredSize, min), max);
    if (!Number.isInteger(min) || min < 0) {
        problems.add("minSize", `minSize must be a whole number >= 0; got ${min}`);
    }
    if (!Number.isInteger(max) || max < 1) {
        problems.add("maxSize", `maxSize must be a whole number >= 1; got ${max}`);
    }
    if (min > max) {
        problems.add(
            "minSize",
            `minSize (${min}) is greater than maxSize (${max}): lower minSize or raise maxSize`,
        );
    }
    const quota = managed?.nodesPerGroupQuota ?? DEFAULT_NODES_PER_MANAGED_GROUP;
    if (managed && (!Number.isInteger(quota) || quota < 1)) {
        problems.add(
            "nodesPerGroupQuota",
            `must be the account's "Nodes per managed node group" quota, a whole number >= 1; got ${quota}: set your quota or remove it for EKS's default of ${DEFAULT_NODES_PER_MANAGED_GROUP}`,
        );
    } else if (managed && max > quota) {
        problems.add(
            "maxSize",
            `maxSize (${max}) is over EKS's quota of ${quota} nodes per managed node group (EKS service quotas, "Nodes per managed node group"): lower maxSize, split the capacity across groups, or raise the quota and set nodesPerGroupQuota`,
        );
    }
    if (!Number.isInteger(desired)) {
        problems.add("desiredSize", `desiredSize must be a whole number; got ${desired}`);
    } else if (desired < min || desired > max) {
        problems.add(
            "desiredSize",
            `desiredSize (${desired}) must lie between minSize (${min}) and maxSize (${max}): set it within them, or move the bound`,
        );
    }
    for (const [key, value] of Object.entries(args.labels ?? {})) {
        const problem =
            labelKeyProblem(key) ??
            (managed && key.length > MANAGED_LABEL_MAX
                ? `"${key}" is ${key.length} characters; EKS managed node groups take label keys of at most ${MANAGED_LABEL_MAX} (EKS API CreateNodegroup, labels), prefix included: shorten it, or use a self-managed group`
                : undefined) ??
            (kubeletRefuses(key)
                ? `"${key}" is in the kubernetes.io/k8s.io namespace, which the kubelet refuses to set on its own node (only kubelet.kubernetes.io/*, node.kubernetes.io/* and the well-known topology, os and arch labels): use a prefix of your own, e.g. example.com/role, or label the node after it joins`
                : undefined) ??
            (typeof value !== "string"
                ? `the value of "${key}" must be a string: quote it`
                : (labelValueProblem(key, value) ??
                  (managed && value === ""
                      ? `the value of "${key}" is empty, which EKS managed node groups refuse (EKS API CreateNodegroup, labels: 1-63 characters): give it a value`
                      : undefined)));
        if (problem) {
            problems.add(`labels.${key}`, problem);
        }
    }
    const taints = args.taints ?? [];
    if (taints.length > MAX_TAINTS) {
        problems.add(
            "taints",
            `${taints.length} taints; a node group takes at most ${MAX_TAINTS} (EKS User Guide, node taints on managed node groups): remove ${taints.length - MAX_TAINTS}`,
        );
    }
    const seen = new Map<string, number>();
    taints.forEach((taint, i) => {
        if (!TAINT_EFFECTS.includes(taint.effect)) {
            problems.add(
                `taints[${i}].effect`,
                `unknown taint effect "${taint.effect}": use one of ${TAINT_EFFECTS.join(", ")}`,
            );
        }
        if (!taint.key) {
            problems.add(`taints[${i}].key`, "a taint needs a key: set key, e.g. dedicated");
            return;
        }
        // Taint keys and values follow the label rules (EKS User Guide, node taints on managed
        // node groups; Kubernetes core/v1 validation, validateNodeTaints).
        const keyProblem = labelKeyProblem(taint.key);
        if (keyProblem) {
            problems.add(`taints[${i}].key`, keyProblem.replace("label key", "taint key"));
        }
        const valueProblem =
            taint.value === undefined ? undefined : labelValueProblem(taint.key, taint.value);
        if (valueProblem) {
            problems.add(`taints[${i}].value`, valueProblem.replace("label value", "taint value"));
        }
        // Kubernetes refuses two taints with the same key and effect on one node.
        const pair = `${taint.key}:${taint.effect}`;
        if (seen.has(pair)) {
            problems.add(
                `taints[${i}]`,
                `repeats the key "${taint.key}" and effect ${taint.effect} of taints[${seen.get(pair)}], which Kubernetes refuses on one node: remove one or change its effect`,
            );
        } else {
            seen.set(pair, i);
        }
    });
    if (args.remoteAccess) {
        if ((args.remoteAccess.sourceSecurityGroupIds ?? []).length === 0) {
            problems.add(
                "remoteAccess.sourceSecurityGroupIds",
                "SSH remote access without source security groups would open port 22 to the world: list the security groups allowed to connect (or use SSM instead)",
            );
        }
        if (!args.remoteAccess.sshKeyName) {
            problems.add(
                "remoteAccess.sshKeyName",
                "remote access needs the EC2 key pair name: set sshKeyName",
            );
        }
        if (args.vpcId === undefined) {
            problems.add(
                "vpcId",
                "remote access creates an SSH security group in the cluster VPC: set vpcId",
            );
        }
        if (args.clusterSecurityGroupId === undefined) {
            problems.add(
                "clusterSecurityGroupId",
                "nodes with remote access still need the cluster security group: set clusterSecurityGroupId",
            );
        }
    }
    if (args.kubernetesVersion !== undefined && !parseKubernetesVersion(args.kubernetesVersion)) {
        problems.add(
            "kubernetesVersion",
            `"${args.kubernetesVersion}" is not a Kubernetes minor version: use the form "1.33"`,
            { code: KUBERNETES_VERSION_MALFORMED, data: { version: args.kubernetesVersion } },
        );
    }
    checkTags(args.tags, problems);
    if (args.diskSizeGiB !== undefined && (!Number.isInteger(args.diskSizeGiB) || args.diskSizeGiB < 20)) {
        problems.add(
            "diskSizeGiB",
            `diskSizeGiB must be a whole number of at least 20; got ${args.diskSizeGiB}`,
        );
    }
}

export function scaling(args: ScalingArgs): { minSize: number; maxSize: number; desiredSize: number } {
    const minSize = args.minSize ?? DEFAULT_SCALING.minSize;
    const maxSize = args.maxSize ?? DEFAULT_SCALING.maxSize;
    return {
        minSize,
        maxSize,
        desiredSize: args.desiredSize ?? Math.min(Math.max(DEFAULT_SCALING.desiredSize, minSize), maxSize),
    };
}
