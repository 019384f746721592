// The registry: kind id -> entry. Order is the order `WELL_KNOWN_KINDS` and error messages list.
import * as pulumi from "@pulumi/pulumi";
import { amazonManagedPrometheus } from "./amazon-managed-prometheus";
import { awsLoadBalancerController } from "./aws-load-balancer-controller";
import { certManager } from "./cert-manager";
import { clusterAutoscaler } from "./cluster-autoscaler";
import { cloudwatchObservability } from "./cloudwatch-observability";
import { ebsCsi } from "./ebs-csi";
import { efsCsi } from "./efs-csi";
import { WellKnownPolicy } from "./args";
import { CatalogEntry } from "./entry";
import { externalDns } from "./external-dns";
import { externalSecrets } from "./external-secrets";
import { karpenter } from "./karpenter";
import { velero } from "./velero";
import { WellKnownKind } from "./args";
import { vpcCni } from "./vpc-cni";

const ENTRIES: readonly CatalogEntry[] = [
    awsLoadBalancerController,
    externalDns,
    certManager,
    ebsCsi,
    efsCsi,
    clusterAutoscaler,
    karpenter,
    vpcCni,
    externalSecrets,
    velero,
    cloudwatchObservability,
    amazonManagedPrometheus,
];

export const CATALOG: ReadonlyMap<string, CatalogEntry> = new Map(ENTRIES.map((e) => [e.kind, e]));

export const WELL_KNOWN_KINDS: readonly WellKnownKind[] = Object.freeze(ENTRIES.map((e) => e.kind));

/**
 * Well-known policies with `clusterName` filled in for the kinds that scope by it (required or
 * optional), where the caller left it unset: what a program that owns the cluster passes.
 */
export function withClusterName(
    policies: WellKnownPolicy[] | undefined,
    clusterName: pulumi.Input<string>,
): WellKnownPolicy[] | undefined {
    return policies?.map((p) => {
        const entry = CATALOG.get(p.kind);
        const uses = entry && [...entry.required, ...entry.optional].includes("clusterName");
        return uses && p.clusterName === undefined ? { ...p, clusterName } : p;
    });
}
