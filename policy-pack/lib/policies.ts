// The pack's policies, in one list: the PolicyPack (policy-pack/index.ts) and `evaluate` serve
// exactly this list.
import { Policies } from "@pulumi/policy";
import { clusterRoleManagedPolicies } from "../policies/cluster/cluster-role-managed-policies";
import { clusterRoleTrust } from "../policies/cluster/cluster-role-trust";
import { imdsLaunchTemplate } from "../policies/imds/imds-launch-template";
import { imdsNodeGroupLaunchTemplate } from "../policies/imds/imds-node-group-launch-template";
import { nodeRoleCniPolicy } from "../policies/node/node-role-cni-policy";
import { nodeRoleInlinePolicies } from "../policies/node/node-role-inline-policies";
import { nodeRoleForbiddenPolicies } from "../policies/node/node-role-forbidden-policies";
import { nodeRoleManagedPolicies } from "../policies/node/node-role-managed-policies";
import { nodeRolePolicyQuota } from "../policies/node/node-role-policy-quota";
import { nodeRoleTrust } from "../policies/node/node-role-trust";
import { nodeRoleWildcardPermissions } from "../policies/node/node-role-wildcard-permissions";
import { oidcProviderClientIds } from "../policies/oidc/oidc-provider-client-ids";
import { oidcProviderIssuerUrl } from "../policies/oidc/oidc-provider-issuer-url";
import { oidcProviderQuota } from "../policies/oidc/oidc-provider-quota";
import { separationFargateNodeRole } from "../policies/separation/separation-fargate-node-role";
import { separationPodIdentityFargate } from "../policies/separation/separation-pod-identity-fargate";
import { separationWorkloadRole } from "../policies/separation/separation-workload-role";
import { serviceAccountDedicated } from "../policies/service-account/service-account-dedicated";
import { sshNodeGroupRemoteAccess } from "../policies/ssh/ssh-node-group-remote-access";
import { sshSecurityGroupOpen } from "../policies/ssh/ssh-security-group-open";
import { trustFargateSourceArn } from "../policies/trust/trust-fargate-source-arn";
import { trustIrsaAction } from "../policies/trust/trust-irsa-action";
import { trustIrsaAudienceRequired } from "../policies/trust/trust-irsa-audience-required";
import { trustIrsaConditionOperators } from "../policies/trust/trust-irsa-condition-operators";
import { trustIrsaIssuerKeys } from "../policies/trust/trust-irsa-issuer-keys";
import { trustIrsaSubjectRequired } from "../policies/trust/trust-irsa-subject-required";
import { trustIrsaSubjectWildcard } from "../policies/trust/trust-irsa-subject-wildcard";
import { trustLength } from "../policies/trust/trust-length";
import { trustNoWildcardPrincipal } from "../policies/trust/trust-no-wildcard-principal";
import { trustPodIdentityActions } from "../policies/trust/trust-pod-identity-actions";
import { trustPodIdentityPrincipalMixing } from "../policies/trust/trust-pod-identity-principal-mixing";
import { trustPodIdentityScope } from "../policies/trust/trust-pod-identity-scope";
import { trustPodIdentitySessionTags } from "../policies/trust/trust-pod-identity-session-tags";
import { trustPodIdentityTargetRole } from "../policies/trust/trust-pod-identity-target-role";
import { trustValidDocument } from "../policies/trust/trust-valid-document";
import { trustWildcardOperator } from "../policies/trust/trust-wildcard-operator";
import { trustWorkloadAccountRoot } from "../policies/trust/trust-workload-account-root";

/** The pack's name, as `pulumi policy publish` and the runtime's messages show it. */
export const PACK_NAME = "eks-identity";
/** Must equal policy-pack/package.json's version (a test checks it): the runtime reads that one. */
export const PACK_VERSION = "0.1.0";
export const PACK_DESCRIPTION =
    "Least-privilege EKS node roles and IRSA / EKS Pod Identity trust-policy hygiene: stops the misconfigurations that let a pod assume a role it should not.";

/** Every policy of the pack, in the order the pack serves them. */
export const policies: Policies = [
    trustIrsaSubjectRequired,
    trustIrsaAudienceRequired,
    trustIrsaSubjectWildcard,
    trustIrsaConditionOperators,
    trustIrsaIssuerKeys,
    trustIrsaAction,
    trustNoWildcardPrincipal,
    trustWorkloadAccountRoot,
    trustWildcardOperator,
    trustLength,
    trustValidDocument,
    trustPodIdentityActions,
    trustPodIdentityScope,
    trustPodIdentityPrincipalMixing,
    trustPodIdentitySessionTags,
    trustPodIdentityTargetRole,
    trustFargateSourceArn,
    oidcProviderClientIds,
    oidcProviderIssuerUrl,
    oidcProviderQuota,
    nodeRoleManagedPolicies,
    nodeRoleForbiddenPolicies,
    nodeRoleCniPolicy,
    nodeRoleWildcardPermissions,
    nodeRoleInlinePolicies,
    nodeRoleTrust,
    nodeRolePolicyQuota,
    imdsLaunchTemplate,
    imdsNodeGroupLaunchTemplate,
    separationWorkloadRole,
    separationFargateNodeRole,
    separationPodIdentityFargate,
    clusterRoleTrust,
    clusterRoleManagedPolicies,
    sshNodeGroupRemoteAccess,
    sshSecurityGroupOpen,
    serviceAccountDedicated,
];

export {
    clusterRoleManagedPolicies,
    clusterRoleTrust,
    imdsLaunchTemplate,
    imdsNodeGroupLaunchTemplate,
    nodeRoleCniPolicy,
    nodeRoleForbiddenPolicies,
    nodeRoleInlinePolicies,
    nodeRoleManagedPolicies,
    nodeRolePolicyQuota,
    nodeRoleTrust,
    nodeRoleWildcardPermissions,
    oidcProviderClientIds,
    oidcProviderIssuerUrl,
    oidcProviderQuota,
    separationFargateNodeRole,
    separationPodIdentityFargate,
    separationWorkloadRole,
    serviceAccountDedicated,
    sshNodeGroupRemoteAccess,
    sshSecurityGroupOpen,
    trustFargateSourceArn,
    trustIrsaAction,
    trustIrsaAudienceRequired,
    trustIrsaConditionOperators,
    trustIrsaIssuerKeys,
    trustIrsaSubjectRequired,
    trustIrsaSubjectWildcard,
    trustLength,
    trustNoWildcardPrincipal,
    trustPodIdentityActions,
    trustPodIdentityPrincipalMixing,
    trustPodIdentityScope,
    trustPodIdentitySessionTags,
    trustPodIdentityTargetRole,
    trustValidDocument,
    trustWildcardOperator,
    trustWorkloadAccountRoot,
};
