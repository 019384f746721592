// Construction-time checks of EksClusterArgs: every problem at once, before any child exists.
import * as pulumi from "@pulumi/pulumi";
import {
    isPlain,
    parseKubernetesVersion,
    POD_IDENTITY_MIN_KUBERNETES,
    principalArnProblem,
    roleArnProblem,
    Problems,
    versionBelow,
    dnsLabelProblem,
} from "../common/validation";
import { arnPlacementProblem, AwsContext } from "../common/aws";
import { AccessEntryType, AccessScope } from "./access";
import type { EksClusterArgs } from "./eksCluster";

export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];
export const ACCESS_ENTRY_TYPES: readonly string[] = Object.values(AccessEntryType);
export const ACCESS_SCOPE_TYPES: readonly string[] = Object.values(AccessScope);
export const DEFAULT_KUBERNETES_VERSION = "1.33";
/**
 * Auto Mode's built-in node pools, all of them by default (EKS User Guide, set-builtin-node-pools:
 * "general-purpose" and "system"; node pool names are case-sensitive).
 */
export const AUTO_MODE_NODE_POOLS: readonly string[] = ["general-purpose", "system"];
export const DEFAULT_AUTO_MODE_NODE_POOLS: string[] = [...AUTO_MODE_NODE_POOLS];
export const IP_FAMILIES: readonly string[] = ["ipv4", "ipv6"];
export const AUTO_MODE_RUNS_AGENT =
    "EKS Auto Mode runs the Pod Identity agent itself (EKS User Guide, automode): it cannot be turned off; remove podIdentity";

/**
 * The Kubernetes minor versions EKS offers, each with the day its extended support ends: "On the
 * end of extended support date, you can no longer create new Amazon EKS clusters with the
 * unsupported version", and existing control planes are upgraded (EKS User Guide,
 * kubernetes-versions, "Amazon EKS Kubernetes release calendar" and the extended support FAQ;
 * awsdocs/amazon-eks-user-guide latest/ug/versioning/kubernetes-versions.adoc at 0138560, which
 * lists 1.29 to 1.34). 1.35 (EKS release 2026-01-27, extended support to 2028-03-27) is from
 * endoflife.date/amazon-eks, which follows the same calendar. A version EKS releases later is
 * added here; until then the check refuses it with that fix.
 */
export const EKS_KUBERNETES_VERSIONS: Readonly<Record<string, string>> = {
    "1.29": "2026-03-23",
    "1.30": "2026-07-23",
    "1.31": "2026-11-26",
    "1.32": "2027-03-23",
    "1.33": "2027-07-29",
    "1.34": "2027-12-02",
    "1.35": "2028-03-27",
};

/** The versions EKS still offers on `day` (YYYY-MM-DD), oldest first. */
export function offeredKubernetesVersions(day: string): string[] {
    return Object.entries(EKS_KUBERNETES_VERSIONS)
        .filter(([, end]) => end > day)
        .map(([version]) => version);
}

/** Why EKS does not offer `version` on `day` (YYYY-MM-DD), or undefined when it does. */
export function kubernetesVersionProblem(version: string, day: string): string | undefined {
    const offered = offeredKubernetesVersions(day);
    const end = EKS_KUBERNETES_VERSIONS[version];
    if (end !== undefined && end > day) {
        return undefined;
    }
    const why =
        end !== undefined
            ? `EKS ended extended support for ${version} on ${end}: it creates no cluster on it and upgrades those that run it`
            : `EKS does not offer Kubernetes ${version}`;
    return `${why}; use one of ${offered.join(", ")} (a version EKS released after this project's table, EKS_KUBERNETES_VERSIONS in components/cluster/validate.ts, must be added there)`;
}

/** Today as YYYY-MM-DD (UTC), the day the version table is read for. */
export function today(): string {
    return new Date().toISOString().slice(0, 10);
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function cidrProblem(value: string): string | undefined {
    const m = CIDR.exec(value);
    if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) {
        return `"${value}" is not an IPv4 CIDR block such as 203.0.113.0/24`;
    }
    return undefined;
}

/** Child name of an access entry: the principal's type and path, stable across reordering. */
/** Keys of access entries: they become part of resource names. */
const ACCESS_ENTRY_KEY = /^[A-Za-z0-9_.-]{1,64}$/;

export function accessEntryKey(principalArn: string): string {
    return principalArn
        .split(":")
        .pop()!
        .replace(/[^A-Za-z0-9_.-]/g, "-");
}

/**
 * Every problem of `args`. `context` is where the cluster goes when that is known up front (the
 * stack's region, or the default provider's): ARNs of another partition, or a KMS key of another
 * region, are refused then. `day` (YYYY-MM-DD) is the day the Kubernetes version table is read for.
 */
export function validateEksClusterArgs(
    args: EksClusterArgs,
    context?: AwsContext,
    day: string = today(),
): Problems {
    const problems = new Problems();
    const placement = (path: string, value: pulumi.Input<string> | undefined, sameRegion?: string): void => {
        const problem =
            context && isPlain(value) ? arnPlacementProblem(value, context, sameRegion) : undefined;
        if (problem) {
            problems.add(path, problem);
        }
    };
    if (args.subnetIds === undefined) {
        problems.add(
            "subnetIds",
            "subnetIds is required: pass the private subnet ids of an existing VPC (at least two, in different Availability Zones)",
        );
    } else if (isPlain(args.subnetIds) && args.subnetIds.length < 2) {
        problems.add(
            "subnetIds",
            `EKS needs subnets in at least two Availability Zones; got ${args.subnetIds.length}: pass at least two subnet ids`,
        );
    }
    if (isPlain(args.subnetIds)) {
        // The provider's vpc_config.subnet_ids is a set: a repeat is dropped, and the cluster
        // gets fewer subnets (maybe fewer zones) than the list shows.
        args.subnetIds.forEach((id, i, all) => {
            const first = all.indexOf(id);
            if (isPlain(id) && first !== i) {
                problems.add(
                    `subnetIds[${i}]`,
                    `"${id}" is subnetIds[${first}] too: list each subnet once (a repeat is dropped, and the cluster gets fewer subnets than listed)`,
                );
            }
        });
    }

    const version = args.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
    const parsed = parseKubernetesVersion(version);
    if (!parsed) {
        problems.add(
            "kubernetesVersion",
            `"${version}" is not a Kubernetes minor version: use the form "1.33"`,
        );
    } else if (kubernetesVersionProblem(version, day) !== undefined) {
        const tooOld = (args.podIdentity ?? true) && versionBelow(parsed, POD_IDENTITY_MIN_KUBERNETES);
        problems.add(
            "kubernetesVersion",
            kubernetesVersionProblem(version, day)! +
                (tooOld ? "; EKS Pod Identity also needs Kubernetes 1.24 or later" : ""),
        );
    } else if ((args.podIdentity ?? true) && versionBelow(parsed, POD_IDENTITY_MIN_KUBERNETES)) {
        problems.add(
            "kubernetesVersion",
            `EKS Pod Identity needs Kubernetes 1.24 or later; got ${version}: upgrade the cluster or set podIdentity to false and use irsa`,
        );
    }

    const autoMode = args.autoMode ?? false;
    if (autoMode && args.podIdentity === false) {
        problems.add("podIdentity", AUTO_MODE_RUNS_AGENT);
    }
    if (!autoMode) {
        for (const key of ["autoModeNodePools", "ec2NodeGroups"] as const) {
            if (args[key] !== undefined) {
                problems.add(
                    key,
                    `applies only to an EKS Auto Mode cluster: set autoMode to true, or remove ${key}`,
                );
            }
        }
    }
    const pools = args.autoModeNodePools ?? [];
    pools.forEach((pool, i) => {
        if (!AUTO_MODE_NODE_POOLS.includes(pool)) {
            problems.add(
                `autoModeNodePools[${i}]`,
                `"${pool}" is not a built-in Auto Mode node pool: use ${AUTO_MODE_NODE_POOLS.map((p) => `"${p}"`).join(" or ")} (case-sensitive), or [] for none and your own NodePools`,
            );
        } else if (pools.indexOf(pool) !== i) {
            problems.add(`autoModeNodePools[${i}]`, `"${pool}" is listed twice: list each node pool once`);
        }
    });
    const ipFamily = args.ipFamily ?? "ipv4";
    if (!IP_FAMILIES.includes(ipFamily)) {
        problems.add("ipFamily", `unknown IP family "${ipFamily}": use "ipv4" or "ipv6"`);
    } else if (ipFamily === "ipv6") {
        // EKS API, KubernetesNetworkConfigRequest: serviceIpv4Cidr "Don't specify a value if you
        // select ipv6 for ipFamily"; services take addresses from fc00::/7, no custom block; and
        // "You can't specify ipv6 for clusters in China Regions".
        if (args.serviceIpv4Cidr !== undefined) {
            problems.add(
                "serviceIpv4Cidr",
                "an ipv6 cluster takes its service range from EKS (fc00::/7, EKS API KubernetesNetworkConfigRequest): remove serviceIpv4Cidr, or use ipFamily ipv4",
            );
        }
        if (context?.partition === "aws-cn") {
            problems.add(
                "ipFamily",
                `EKS creates no ipv6 cluster in the China Regions (EKS API, KubernetesNetworkConfigRequest ipFamily); got region ${context.region}: use ipFamily ipv4`,
            );
        }
    }

    // vpc-cni needs an identity; under Auto Mode the agent is always there to give it one.
    if (!autoMode && !(args.irsa ?? false) && !(args.podIdentity ?? true)) {
        problems.add(
            "podIdentity",
            "vpc-cni needs its own identity so that the node role does not carry AmazonEKS_CNI_Policy: enable podIdentity or irsa",
        );
    }

    const publicAccess = args.endpointPublicAccess ?? false;
    const privateAccess = args.endpointPrivateAccess ?? true;
    if (!publicAccess && !privateAccess) {
        problems.add(
            "endpointPrivateAccess",
            "the API server endpoint would be unreachable: enable endpointPrivateAccess or endpointPublicAccess",
        );
    }
    if (args.publicAccessCidrs !== undefined) {
        if (!publicAccess) {
            problems.add(
                "publicAccessCidrs",
                "publicAccessCidrs only applies when endpointPublicAccess is true: remove it or enable public access",
            );
        }
        if (publicAccess && args.publicAccessCidrs.length === 0) {
            // EKS API, VpcConfigRequest publicAccessCidrs: "The default value is 0.0.0.0/0": an
            // empty list opens the endpoint to the whole internet.
            problems.add(
                "publicAccessCidrs",
                "is empty, and EKS then opens the public endpoint to 0.0.0.0/0 (the whole internet): list the CIDR blocks allowed to reach it (for example your VPN egress), or set endpointPublicAccess to false",
            );
        }
        args.publicAccessCidrs.forEach((cidr, i) => {
            const problem = cidrProblem(cidr);
            if (problem) {
                problems.add(`publicAccessCidrs[${i}]`, problem);
            }
        });
    } else if (publicAccess) {
        problems.add(
            "publicAccessCidrs",
            "a public endpoint needs the CIDR blocks allowed to reach it (for example your VPN egress): set publicAccessCidrs",
        );
    }

    (args.enabledLogTypes ?? []).forEach((type, i) => {
        if (!CONTROL_PLANE_LOG_TYPES.includes(type)) {
            problems.add(
                `enabledLogTypes[${i}]`,
                `unknown log type "${type}": use one of ${CONTROL_PLANE_LOG_TYPES.join(", ")}`,
            );
        }
    });

    placement(
        "kmsKeyArn",
        args.kmsKeyArn,
        "EKS needs the secrets encryption key in the cluster's region (EKS API, Provider keyArn); use a key of that region",
    );
    if (args.kmsKeyArn !== undefined && args.secretsEncryption === false) {
        problems.add(
            "kmsKeyArn",
            "kmsKeyArn is only used for secrets encryption, which is off: remove kmsKeyArn or set secretsEncryption to true",
        );
    }

    // A role ARN from another resource is checked by IAM and EKS when the kubeconfig is used.
    if (isPlain(args.kubeconfigRoleArn)) {
        const problem = roleArnProblem(args.kubeconfigRoleArn);
        if (problem) {
            problems.add("kubeconfigRoleArn", problem);
        } else if (context && arnPlacementProblem(args.kubeconfigRoleArn, context)) {
            placement("kubeconfigRoleArn", args.kubeconfigRoleArn);
        } else if (
            // An entry whose principal comes from another resource may be that role: not knowable here.
            (args.accessEntries ?? []).every((e) => isPlain(e.principalArn)) &&
            !(args.accessEntries ?? []).some((e) => e.principalArn === args.kubeconfigRoleArn)
        ) {
            problems.add(
                "kubeconfigRoleArn",
                `no access entry lets ${args.kubeconfigRoleArn} into the cluster: add it to accessEntries with the access policies the deployment needs`,
            );
        }
    }

    const gate = args.accessGateTimeoutSeconds;
    if (gate !== undefined && (!Number.isInteger(gate) || gate < 0 || gate > 3600)) {
        problems.add(
            "accessGateTimeoutSeconds",
            `must be a whole number of seconds from 0 (no gate) to 3600; got ${gate}`,
        );
    }

    const seen = new Set<string>();
    const keys = new Map<string, number>();
    (args.accessEntries ?? []).forEach((entry, i) => {
        const path = `accessEntries[${i}]`;
        if (entry.key !== undefined && !ACCESS_ENTRY_KEY.test(entry.key)) {
            problems.add(
                `${path}.key`,
                `"${entry.key}" is not a resource key: use at most 64 letters, digits, '-', '_' and '.'`,
            );
        }
        if (!isPlain(entry.principalArn)) {
            if (entry.key === undefined) {
                problems.add(
                    `${path}.key`,
                    "is required when principalArn comes from another resource: the entry's resources are named by it before the ARN is known; set a stable key such as the role's name",
                );
            }
        } else {
            const principalProblem = principalArnProblem(entry.principalArn ?? "");
            if (principalProblem) {
                problems.add(`${path}.principalArn`, principalProblem);
            } else if (context && arnPlacementProblem(entry.principalArn, context)) {
                placement(`${path}.principalArn`, entry.principalArn);
            } else if (
                entry.key === undefined &&
                [...seen].some(
                    (other) =>
                        other !== entry.principalArn &&
                        accessEntryKey(other) === accessEntryKey(entry.principalArn as string),
                )
            ) {
                problems.add(
                    `${path}.principalArn`,
                    `"${entry.principalArn}" has the same name and path as another entry's principal (in another account): rename one of the roles, or give the entries distinct keys`,
                );
            } else if (seen.has(entry.principalArn)) {
                problems.add(
                    `${path}.principalArn`,
                    `"${entry.principalArn}" has two access entries: merge them into one`,
                );
            }
            seen.add(entry.principalArn);
        }
        const key =
            entry.key ?? (isPlain(entry.principalArn) ? accessEntryKey(entry.principalArn) : undefined);
        const other = key === undefined ? undefined : keys.get(key);
        // Two plain principals with one derived key are reported above, by their ARNs.
        if (
            other !== undefined &&
            (entry.key !== undefined || args.accessEntries![other].key !== undefined)
        ) {
            problems.add(
                `${path}.key`,
                `"${key}" is the key of accessEntries[${other}] too: keys must be unique`,
            );
        }
        if (key !== undefined) {
            keys.set(key, i);
        }
        const type = entry.type ?? "STANDARD";
        if (!ACCESS_ENTRY_TYPES.includes(type)) {
            problems.add(
                `${path}.type`,
                `unknown access entry type "${type}": use one of ${ACCESS_ENTRY_TYPES.join(", ")}`,
            );
        }
        const policyNames = new Map<string, number>();
        (entry.accessPolicies ?? []).forEach((policy, j) => {
            const ppath = `${path}.accessPolicies[${j}]`;
            // One association per (principal, policy): its child is named after the policy, and
            // AssociateAccessPolicy on the same pair replaces the scope, so two would fight.
            const first = policyNames.get(policy.policyName);
            if (first !== undefined) {
                problems.add(
                    `${ppath}.policyName`,
                    `${policy.policyName} is already accessPolicies[${first}] of this entry: EKS keeps one association per principal and policy; merge their namespaces into one`,
                );
            } else {
                policyNames.set(policy.policyName, j);
            }
            // An unknown type is reported once, above; no cascade onto its policies.
            if (type !== "STANDARD" && ACCESS_ENTRY_TYPES.includes(type)) {
                problems.add(
                    ppath,
                    `access policies only apply to STANDARD access entries, not ${type}: remove them`,
                );
            }
            if (!/^AmazonEKS[A-Za-z0-9]+Policy$/.test(policy.policyName ?? "")) {
                problems.add(
                    `${ppath}.policyName`,
                    `"${policy.policyName}" is not an EKS access policy name such as AmazonEKSViewPolicy or AmazonEKSClusterAdminPolicy`,
                );
            }
            const scope = policy.scope ?? "cluster";
            if (!ACCESS_SCOPE_TYPES.includes(scope)) {
                problems.add(`${ppath}.scope`, `unknown scope "${scope}": use "cluster" or "namespace"`);
            } else if (scope === "namespace" && (policy.namespaces ?? []).length === 0) {
                problems.add(
                    `${ppath}.namespaces`,
                    "a namespace-scoped access policy needs at least one namespace",
                );
            } else if (scope === "cluster" && (policy.namespaces ?? []).length > 0) {
                problems.add(
                    `${ppath}.namespaces`,
                    'namespaces only apply with scope "namespace": remove them or change the scope',
                );
            }
            (policy.namespaces ?? []).forEach((ns, k) => {
                const problem = dnsLabelProblem(ns);
                if (problem) {
                    problems.add(`${ppath}.namespaces[${k}]`, problem);
                }
            });
        });
    });
    return problems;
}

/** Risky but allowed choices, logged against the component. */
export function warnEksClusterArgs(args: EksClusterArgs, resource: pulumi.Resource): void {
    if ((args.publicAccessCidrs ?? []).includes("0.0.0.0/0")) {
        void pulumi.log.warn(
            "the cluster API endpoint is public to the whole internet (0.0.0.0/0): restrict publicAccessCidrs",
            resource,
        );
    }
    if ((args.accessEntries ?? []).length === 0 && !args.bootstrapClusterCreatorAdminPermissions) {
        void pulumi.log.warn(
            "no access entries and no creator admin: nobody can use the Kubernetes API of this cluster until an access entry is added",
            resource,
        );
    }
}
