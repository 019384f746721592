// The component library: classes, their args, and the pure builders they are made of.
export * from "./common/iamDocument";
export { Problem } from "./common/validation";
export { maxNameForChild, NAME_RULES } from "./common/names";
export * from "./cluster/access";
export * from "./cluster/eksCluster";
export { kubeconfig, KubeconfigArgs } from "./cluster/kubeconfig";
export * from "./addons/coreDns";
export * from "./addons/podIdentityAgent";
export * from "./nodegroups/managedNodeGroup";
export * from "./nodegroups/selfManagedNodeGroup";
export { IMDS_METADATA_OPTIONS, nodeManagedPolicies, RemoteAccess } from "./nodegroups/nodeRole";
export * from "./nodegroups/taint";
export * from "./fargate/fargateProfile";
export * from "./fargate/selector";
export * from "./identity/mode";
export * from "./trust/eksIdentity";
export * from "./trust/irsa";
export * from "./trust/podIdentity";
export * from "./trust/workload";
export * from "./trust/service";
export * from "./identity/workloadIdentity";
export * from "./identity/catalog";
export * from "./interop/pulumiEks";
export { compareVersions, POD_IDENTITY_MIN_SDK, SdkLanguage, sdkProblem } from "./identity/sdk";
export { clustersThatFit, canonicalCluster, DEFAULT_TRUST_POLICY_MAX_LENGTH } from "./identity/quota";
// The components' own validators, so a program checks its config by the same rules, up front.
export {
    iamRoleNameProblem,
    KUBERNETES_VERSION_MALFORMED,
    Problems,
    TAG_RULES,
    TagProblem,
    tagKeyProblem,
    tagValueProblem,
} from "./common/validation";
export {
    AUTO_MODE_NODE_POOLS,
    AUTO_MODE_RUNS_AGENT,
    cidrProblem,
    EKS_KUBERNETES_VERSIONS,
    kubernetesVersionProblem,
    validateEksClusterArgs,
} from "./cluster/validate";
export { arnPlacementProblem, AwsContext, awsContextOfRegion } from "./common/aws";
export {
    dnsSuffix,
    eksFargateProblem,
    partitionOfRegion,
    PARTITIONS,
    regionProblem,
} from "./identity/regions";
export {
    ChildName,
    TRUST_POLICY_MAX_QUOTA,
    validateWorkloadIdentityArgs,
    workloadIdentityChildNames,
    WorkloadIdentityProblem,
} from "./identity/validate";
