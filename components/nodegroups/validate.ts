// Checks shared by managed and self-managed node groups.
import {
    checkTags,
    isPlain,
    KUBERNETES_VERSION_MALFORMED,
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

export function validateCommonNodeGroupArgs(args: CommonNodeGroupArgs, problems: Problems): void {
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
    if (desired < min || desired > max) {
        problems.add(
            "desiredSize",
            `desiredSize (${desired}) must lie between minSize (${min}) and maxSize (${max})`,
        );
    }
    (args.taints ?? []).forEach((taint, i) => {
        if (!TAINT_EFFECTS.includes(taint.effect)) {
            problems.add(
                `taints[${i}].effect`,
                `unknown taint effect "${taint.effect}": use one of ${TAINT_EFFECTS.join(", ")}`,
            );
        }
        if (!taint.key) {
            problems.add(`taints[${i}].key`, "a taint needs a key");
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
