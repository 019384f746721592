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
import { AccessEntryType, AccessScope } from "./access";
import type { EksClusterArgs } from "./eksCluster";

export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];
export const ACCESS_ENTRY_TYPES: readonly string[] = Object.values(AccessEntryType);
export const ACCESS_SCOPE_TYPES: readonly string[] = Object.values(AccessScope);
export const DEFAULT_KUBERNETES_VERSION = "1.33";

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

export function validateEksClusterArgs(args: EksClusterArgs): Problems {
    const problems = new Problems();
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

    const version = args.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
    const parsed = parseKubernetesVersion(version);
    if (!parsed) {
        problems.add(
            "kubernetesVersion",
            `"${version}" is not a Kubernetes minor version: use the form "1.33"`,
        );
    } else if ((args.podIdentity ?? true) && versionBelow(parsed, POD_IDENTITY_MIN_KUBERNETES)) {
        problems.add(
            "kubernetesVersion",
            `EKS Pod Identity needs Kubernetes 1.24 or later; got ${version}: upgrade the cluster or set podIdentity to false and use irsa`,
        );
    }

    if (!(args.irsa ?? false) && !(args.podIdentity ?? true)) {
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
