// The registry: kind id -> entry. Order is the order `WELL_KNOWN_KINDS` and error messages list.
import { amazonManagedPrometheus } from "./amazon-managed-prometheus";
import { awsLoadBalancerController } from "./aws-load-balancer-controller";
import { certManager } from "./cert-manager";
import { clusterAutoscaler } from "./cluster-autoscaler";
import { cloudwatchObservability } from "./cloudwatch-observability";
import { ebsCsi } from "./ebs-csi";
import { efsCsi } from "./efs-csi";
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
