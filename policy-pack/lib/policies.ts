// The pack's policies, in one list: the PolicyPack (policy-pack/index.ts) and `evaluate` serve
// exactly this list, in this order. Each policy file registers its policy where it defines it
// (lib/registry.ts); this module loads the files named below. Adding a policy: its file under
// policies/<area>/ and its path in POLICY_FILES (tests/policy-pack/lib/policies.test.ts fails
// when a file is not listed or a listed file is missing).
import * as path from "path";
import { Policies } from "@pulumi/policy";
import { PackPolicy, registry } from "./registry";

/** The pack's name, as `pulumi policy publish` and the runtime's messages show it. */
export const PACK_NAME = "eks-identity";
/** Must equal policy-pack/package.json's version (a test checks it): the runtime reads that one. */
export const PACK_VERSION = "0.1.0";
export const PACK_DESCRIPTION =
    "Least-privilege EKS node roles and IRSA / EKS Pod Identity trust-policy hygiene: stops the misconfigurations that let a pod assume a role it should not.";

/**
 * Every policy file, `<area>/<policy-name>` under policy-pack/policies/, in the order the pack
 * serves them (the order plans and `evaluate` report violations in).
 */
export const POLICY_FILES: readonly string[] = [
    "trust/trust-irsa-subject-required",
    "trust/trust-irsa-audience-required",
    "trust/trust-irsa-subject-wildcard",
    "trust/trust-irsa-condition-operators",
    "trust/trust-irsa-issuer-keys",
    "trust/trust-irsa-action",
    "trust/trust-no-wildcard-principal",
    "trust/trust-workload-account-root",
    "trust/trust-wildcard-operator",
    "trust/trust-length",
    "trust/trust-valid-document",
    "trust/trust-pod-identity-actions",
    "trust/trust-pod-identity-scope",
    "trust/trust-pod-identity-principal-mixing",
    "trust/trust-pod-identity-session-tags",
    "trust/trust-pod-identity-target-role",
    "trust/trust-fargate-source-arn",
    "oidc/oidc-provider-client-ids",
    "oidc/oidc-provider-issuer-url",
    "oidc/oidc-provider-quota",
    "node/node-role-managed-policies",
    "node/node-role-forbidden-policies",
    "node/node-role-cni-policy",
    "node/node-role-wildcard-permissions",
    "node/node-role-inline-policies",
    "node/node-role-trust",
    "node/node-role-policy-quota",
    "node/node-role-unlinked",
    "imds/imds-launch-template",
    "imds/imds-node-group-launch-template",
    "imds/imds-launch-configuration",
    "separation/separation-workload-role",
    "separation/separation-fargate-node-role",
    "separation/separation-pod-identity-fargate",
    "cluster/cluster-role-trust",
    "cluster/cluster-role-managed-policies",
    "cluster/cluster-local-role-separation",
    "hybrid/hybrid-node-role-trust",
    "ssh/ssh-node-group-remote-access",
    "ssh/ssh-security-group-open",
    "service-account/service-account-dedicated",
    "permissions/permissions-administrator",
    "permissions/permissions-privilege-escalation",
    "permissions/permissions-data-wide-read",
    "permissions/permissions-write-any-resource",
];

/** The directory of the policy files, beside lib/ (source under ts-node, bin/policy-pack compiled). */
export const POLICIES_DIR = path.join(__dirname, "..", "policies");

function load(file: string): PackPolicy {
    // No extension: `require` finds `<file>.ts` when the Pulumi CLI runs policy-pack/index.ts
    // with ts-node, and `<file>.js` in the compiled pack (bin/policy-pack, the offline plan).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(POLICIES_DIR, file));
    const name = path.posix.basename(file);
    const policy = registry.get(name);
    if (!policy) {
        throw new Error(`policy-pack/policies/${file} registers no policy named ${name}`);
    }
    return policy;
}

/** Every policy of the pack, in the order the pack serves them. */
export const policies: Policies = POLICY_FILES.map(load);
