// The one schema of the `platform` config namespace, with its defaults: types, shapes and unknown
// keys, checked by zod. What zod cannot see (cross-field rules, the components' own validators)
// is in semantics.ts; loading and the order of checks in load.ts.
import { z } from "zod";
import {
    AccessEntryType,
    AccessScope,
    IDENTITY_MODES,
    iamRoleNameProblem,
    IdentityMode,
    IpFamily,
    POD_EXECUTION_ROLE_SUFFIX,
    maxNameForChild,
    NAME_RULES,
    SdkLanguage,
    tagKeyProblem,
    tagValueProblem,
    TaintEffect,
    WellKnownKind,
} from "../../components";
import { AUTO_MODE_RUNS_AGENT } from "../../components";
import { vpcCidrProblem } from "./cidr";
import { describeValue } from "./problems";

const NAME_MAX = 40;
const dnsName = (max: number, why?: string) =>
    z
        .string()
        .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a lowercase DNS-1123 label (letters, digits, '-')")
        .max(max, why ? `must be at most ${max} characters: ${why}` : undefined);
const name = dnsName(NAME_MAX);

/**
 * A Fargate profile's pod execution role is the IAM role `${name}-pod-execution-role`, autonamed
 * (components/fargate/fargateProfile.ts): the name may take only what IAM's 64 leave.
 */
const FARGATE_ROLE_SUFFIX = POD_EXECUTION_ROLE_SUFFIX;
const FARGATE_PROFILE_NAME_MAX = Math.min(
    NAME_MAX,
    maxNameForChild("aws:iam/role:Role", FARGATE_ROLE_SUFFIX),
);
const fargateProfileName = dnsName(
    FARGATE_PROFILE_NAME_MAX,
    `the profile's pod execution role is named <name>${FARGATE_ROLE_SUFFIX} plus Pulumi's ${NAME_RULES["aws:iam/role:Role"].autonameSuffix}-character autonaming suffix, and IAM role names have at most ${NAME_RULES["aws:iam/role:Role"].maxLength}`,
);
/** An IAM role name, by the rule WorkloadIdentity checks (one wording for both). */
const roleName = z.string().superRefine((value, ctx) => {
    const problem = iamRoleNameProblem(value);
    if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
    }
});
/**
 * Tags as AWS takes them (components/common/validation.ts TAG_RULES): every key and value, at its
 * own path. How many a resource ends up with is a semantic check (stack tags are merged in).
 */
const tags = z.record(z.string(), z.string()).superRefine((value, ctx) => {
    for (const [key, v] of Object.entries(value)) {
        const problem = tagKeyProblem(key) ?? tagValueProblem(key, v);
        if (problem) {
            ctx.addIssue({ code: "custom", path: key === "" ? [] : [key], message: problem });
        }
    }
});
const mode = z.enum(IDENTITY_MODES as [IdentityMode, ...IdentityMode[]]);
/**
 * A string the components check (their messages list the values), typed as the component's enum
 * so that it passes on: zod only checks that it is a string, as another language would send it.
 */
const checkedByComponents = <T extends string>() => z.string() as unknown as z.ZodType<T>;

const accessEntry = z.strictObject({
    principalArn: z.string(),
    type: checkedByComponents<AccessEntryType>().optional(),
    kubernetesGroups: z.array(z.string()).optional(),
    userName: z.string().optional(),
    accessPolicies: z
        .array(
            z.strictObject({
                policyName: z.string(),
                scope: checkedByComponents<AccessScope>().optional(),
                namespaces: z.array(z.string()).optional(),
            }),
        )
        .optional(),
});

/**
 * An EKS cluster the stack does not create (eksctl's, terraform-aws-eks's, another stack's): looked
 * up by name (aws.eks.getCluster), its IAM OIDC provider by ARN or by the cluster's issuer.
 */
const existingCluster = z.strictObject({
    /** The cluster's name, as `aws eks list-clusters` prints it (the same rule as clusterName). */
    name: z
        .string()
        .regex(
            /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/,
            "must be an EKS cluster name: 1-100 letters, digits, '-' and '_', starting with a letter or digit",
        ),
    /** The cluster's IAM OIDC provider; without it, the one whose URL is the cluster's issuer. */
    oidcProviderArn: z
        .string()
        .regex(
            /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/.+$/,
            "must be an IAM OIDC provider ARN such as arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE",
        )
        .optional(),
    /**
     * The eks-pod-identity-agent add-on: "present" (already installed), "install" (the stack
     * installs it). Unset: the cluster has no agent, so no workload may use Pod Identity.
     */
    podIdentityAgent: z
        .enum(["present", "install"], {
            error: (issue) =>
                `must be "present" (the add-on is installed) or "install" (the stack installs it); got ${describeValue(issue.input)}`,
        })
        .optional(),
    /**
     * Namespaces the cluster's own Fargate profiles select (`aws eks describe-fargate-profile`'s
     * selectors): Pod Identity is refused there. Stated, not looked up: @pulumi/aws 7.48 has no
     * Fargate-profile data source (aws.eks offers getCluster, getClusters, getNodeGroup(s),
     * getAddon, getAccessEntry... but nothing for Fargate profiles). `npm run discover -- --stack`
     * writes them from the account's files.
     */
    fargateNamespaces: z
        .array(
            z
                .string()
                // As a Fargate profile's selector takes them: `*` and `?` wildcards allowed (components/fargate/selector.ts).
                .regex(
                    /^[a-z0-9*?]([-a-z0-9*?]{0,61}[a-z0-9*?])?$/,
                    "must be a Kubernetes namespace (a DNS-1123 label: lower-case letters, digits and '-', at most 63) or a Fargate selector pattern of one, with '*' and '?'",
                ),
        )
        .optional(),
});
export type ExistingClusterConfig = z.infer<typeof existingCluster>;

/** The version of a created cluster when config names none. */
export const DEFAULT_KUBERNETES_VERSION = "1.33";

/** Keys of a cluster the stack creates; none of them applies to an existing cluster. */
const createdClusterShape = {
    /** Physical cluster name. Changing it replaces the cluster. */
    clusterName: z
        .string()
        .regex(
            /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/,
            "must be an EKS cluster name: 1-100 letters, digits, '-' and '_', starting with a letter or digit",
        )
        .optional(),
    kubernetesVersion: z.string().optional(),
    endpointPrivateAccess: z.boolean().optional(),
    endpointPublicAccess: z.boolean().optional(),
    publicAccessCidrs: z.array(z.string()).optional(),
    secretsEncryption: z.boolean().optional(),
    kmsKeyArn: z.string().optional(),
    enabledLogTypes: z.array(z.string()).optional(),
    bootstrapClusterCreatorAdminPermissions: z.boolean().optional(),
    accessEntries: z.array(accessEntry).optional(),
    kubeconfigRoleArn: z.string().optional(),
    vpcResourceController: z.boolean().optional(),
    podIdentity: z.boolean().optional(),
    addonVersions: z.record(z.string(), z.string()).optional(),
    serviceIpv4Cidr: z.string().optional(),
    /** "ipv4" (default) or "ipv6": checked by EksCluster; an ipv6 cluster's VPC gets or must have IPv6 ranges. */
    ipFamily: z.string().optional(),
    /** EKS Auto Mode (EksCluster.autoMode); node groups beside it get the node add-ons. */
    autoMode: z.boolean().optional(),
    /** Auto Mode's built-in node pools: general-purpose, system, or [] for none. */
    autoModeNodePools: z.array(z.string()).optional(),
};
const CREATED_CLUSTER_KEYS = Object.keys(createdClusterShape);

/**
 * A cluster the stack creates (its keys, defaults applied) or an existing one (`existing`), never
 * both; `irsa` (the stack's workloads may use IRSA) applies to either. One strict object, so
 * unknown keys and wrong types name their own paths.
 */
const cluster = z
    .strictObject({
        ...createdClusterShape,
        existing: existingCluster.optional(),
        irsa: z.boolean().default(false),
    })
    .superRefine((v, ctx) => {
        if (v.autoMode && v.podIdentity === false) {
            ctx.addIssue({
                code: "custom",
                path: ["podIdentity"],
                message: AUTO_MODE_RUNS_AGENT,
            });
        }
        if (v.existing === undefined) {
            return;
        }
        for (const key of CREATED_CLUSTER_KEYS) {
            if ((v as Record<string, unknown>)[key] !== undefined) {
                ctx.addIssue({
                    code: "custom",
                    path: [key],
                    message: `applies to a cluster the stack creates, and cluster.existing names one it does not: remove ${key}, or remove existing to create the cluster`,
                });
            }
        }
    })
    .transform((v) => ({
        ...v,
        kubernetesVersion: v.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
        accessEntries: v.accessEntries ?? [],
        // An existing cluster serves Pod Identity when its agent is there or the stack installs it;
        // an Auto Mode cluster always does (EKS runs the agent).
        podIdentity: v.existing
            ? v.existing.podIdentityAgent !== undefined
            : v.autoMode === true || (v.podIdentity ?? true),
    }));
/** NAT gateway layouts of a created VPC, as config spells them, and as awsx's strategy names them. */
export const NAT_GATEWAY_LAYOUTS = { single: "Single", "one-per-az": "OnePerAz" } as const;
export type NatGatewayLayout = keyof typeof NAT_GATEWAY_LAYOUTS;
export const MIN_AVAILABILITY_ZONES = 2;
export const MAX_AVAILABILITY_ZONES = 6;
/** Subnet types a created VPC has in every Availability Zone: awsx splits each zone's range evenly. */
export const CREATED_SUBNET_TYPES = ["Private", "Public"] as const;

/** A VPC made for the stack by awsx's Vpc component: private and public subnets in every zone. */
const createdVpc = z.strictObject({
    /** The VPC's IPv4 range: a network address with a /16 to /28 mask (AWS's limits). */
    cidrBlock: z
        .string()
        .default("10.0.0.0/16")
        .refine((value) => vpcCidrProblem(value) === undefined, {
            error: (issue) => vpcCidrProblem(String(issue.input)),
        }),
    /** Zones the subnets spread over: EKS needs at least two. */
    availabilityZones: z
        .number()
        .int()
        .min(
            MIN_AVAILABILITY_ZONES,
            `EKS needs subnets in at least ${MIN_AVAILABILITY_ZONES} Availability Zones: use ${MIN_AVAILABILITY_ZONES} to ${MAX_AVAILABILITY_ZONES}`,
        )
        .max(
            MAX_AVAILABILITY_ZONES,
            `at most ${MAX_AVAILABILITY_ZONES} Availability Zones (the most any AWS region has): use ${MIN_AVAILABILITY_ZONES} to ${MAX_AVAILABILITY_ZONES}`,
        )
        .default(3),
    /**
     * "one-per-az" (the default): a zone's nodes keep their egress when another zone fails, and
     * no traffic crosses zones to reach a NAT. "single": one NAT gateway for the VPC, cheaper, a
     * single point of failure for egress (pulling images included); fine for dev.
     */
    natGateways: z
        .enum(Object.keys(NAT_GATEWAY_LAYOUTS) as [NatGatewayLayout, ...NatGatewayLayout[]], {
            error: (issue) =>
                `must be one of ${Object.keys(NAT_GATEWAY_LAYOUTS)
                    .map((k) => `"${k}"`)
                    .join(", ")}; got ${describeValue(issue.input)}`,
        })
        .default("one-per-az"),
});

export type CreatedVpcConfig = z.infer<typeof createdVpc>;
/** An existing VPC: its id and the private subnets for the control plane ENIs, nodes and Fargate pods. */
export interface ExistingNetworkConfig {
    vpcId: string;
    subnetIds: string[];
    /** The VPC and these subnets have IPv6 CIDR blocks (an ipv6 cluster needs them). */
    ipv6?: boolean;
}
export type NetworkConfig = ExistingNetworkConfig | { create: CreatedVpcConfig };

const given = (value: unknown, key: string): boolean =>
    typeof value === "object" && value !== null && (value as Record<string, unknown>)[key] !== undefined;
/** The refinements below also run when a key is wrong, so every shape problem comes at once. */
const always = { when: () => true };

/**
 * Either an existing VPC (`vpcId` and `subnetIds`) or one created for the stack (`create`), never
 * both: one strict object, so unknown keys and wrong types name their own paths.
 */
const network = z
    .strictObject({
        vpcId: z
            .string()
            .regex(/^vpc-[0-9a-f]+$/, "must be a VPC id such as vpc-0abc123")
            .optional(),
        /** Private subnets for the control plane ENIs, nodes and Fargate pods. */
        subnetIds: z
            .array(z.string().regex(/^subnet-[0-9a-f]+$/, "must be a subnet id such as subnet-0abc123"))
            .optional(),
        create: createdVpc.optional(),
        /**
         * An existing VPC only: the VPC and every subnet listed have IPv6 CIDR blocks, which an
         * ipv6 cluster needs (EKS API, KubernetesNetworkConfigRequest ipFamily). A created VPC
         * gets them when cluster.ipFamily is ipv6.
         */
        ipv6: z.boolean().optional(),
    })
    .refine((v) => !(given(v, "create") && given(v, "ipv6")), {
        ...always,
        path: ["ipv6"],
        error: "applies to an existing VPC: a created VPC gets IPv6 ranges when cluster.ipFamily is ipv6; remove network.ipv6",
    })
    .refine((v) => !(given(v, "create") && (given(v, "vpcId") || given(v, "subnetIds"))), {
        ...always,
        error: "sets both an existing VPC (vpcId, subnetIds) and create: keep vpcId and subnetIds to use that VPC, or create to make one for the stack",
    })
    .refine(
        (v) =>
            typeof v !== "object" ||
            v === null ||
            given(v, "create") ||
            given(v, "vpcId") ||
            given(v, "subnetIds"),
        {
            ...always,
            error: "names no VPC: set vpcId and subnetIds (an existing VPC), or create: {} (a VPC made for the stack)",
        },
    )
    .refine((v) => !(given(v, "vpcId") && !given(v, "subnetIds") && !given(v, "create")), {
        ...always,
        path: ["subnetIds"],
        error: "is required with vpcId: list the VPC's private subnets (at least two, in different Availability Zones)",
    })
    .refine((v) => !(given(v, "subnetIds") && !given(v, "vpcId") && !given(v, "create")), {
        ...always,
        path: ["vpcId"],
        error: "is required with subnetIds: the id of the VPC the subnets belong to",
    })
    .transform((v): NetworkConfig =>
        v.create !== undefined
            ? { create: v.create }
            : { vpcId: v.vpcId!, subnetIds: v.subnetIds!, ...(v.ipv6 !== undefined ? { ipv6: v.ipv6 } : {}) },
    );

const taint = z.strictObject({
    key: z.string(),
    value: z.string().optional(),
    effect: checkedByComponents<TaintEffect>(),
});

const nodeGroup = z.strictObject({
    /** Stable key: resource names derive from it. */
    name,
    kind: z.enum(["managed", "self-managed"]).default("managed"),
    instanceTypes: z.array(z.string()).optional(),
    instanceType: z.string().optional(),
    capacityType: z.string().optional(),
    amiType: z.string().optional(),
    minSize: z.number().int().optional(),
    maxSize: z.number().int().optional(),
    desiredSize: z.number().int().optional(),
    maxUnavailable: z.number().int().optional(),
    /** The account's "Nodes per managed node group" quota, once raised (default: EKS's 450). */
    nodesPerGroupQuota: z.number().int().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    taints: z.array(taint).optional(),
    diskSizeGiB: z.number().int().optional(),
    ssm: z.boolean().optional(),
    remoteAccess: z
        .strictObject({ sshKeyName: z.string(), sourceSecurityGroupIds: z.array(z.string()) })
        .optional(),
    /** Share the node role of the named group instead of creating one. */
    shareRoleWith: name.optional(),
});

const fargateProfile = z.strictObject({
    name: fargateProfileName,
    selectors: z.array(
        z.strictObject({ namespace: z.string(), labels: z.record(z.string(), z.string()).optional() }),
    ),
});

const wellKnown = z.strictObject({
    kind: checkedByComponents<WellKnownKind>(),
    hostedZoneArns: z.array(z.string()).optional(),
    kmsKeyArns: z.array(z.string()).optional(),
    fileSystemArns: z.array(z.string()).optional(),
    nodeRoleArns: z.array(z.string()).optional(),
    interruptionQueueArn: z.string().optional(),
    ipFamily: checkedByComponents<IpFamily>().optional(),
    secretArns: z.array(z.string()).optional(),
    parameterArns: z.array(z.string()).optional(),
    bucketArns: z.array(z.string()).optional(),
    workspaceArns: z.array(z.string()).optional(),
    logGroupPrefix: z.string().optional(),
    requireClusterTag: z.boolean().optional(),
});

/** A policy document is passed as JSON text, as IAM and EKS take it; YAML's own maps are refused with that fix. */
const policyJson = z
    .unknown()
    .superRefine((value, ctx) => {
        if (typeof value !== "string") {
            ctx.addIssue({
                code: "custom",
                message:
                    value === undefined
                        ? "is required: the policy document as a JSON string"
                        : `must be the policy document as a JSON string; got ${describeValue(value)}: write it as JSON in quotes, e.g. policy: '{"Version":"2012-10-17","Statement":[...]}'`,
            });
        }
    })
    .transform((value) => value as string);

const workload = z.strictObject({
    /** Stable key: resource names derive from it; reordering the list changes nothing. */
    name,
    /** Earlier names of this workload: aliases, so a rename replaces nothing. */
    previousNames: z.array(name).optional(),
    namespace: z.string(),
    serviceAccount: z.string(),
    /** Overrides identityDefault for this workload. */
    mode: mode.optional(),
    managedPolicyArns: z.array(z.string()).optional(),
    inlinePolicies: z.array(z.strictObject({ name: z.string(), policy: policyJson })).optional(),
    wellKnownPolicies: z.array(wellKnown).optional(),
    createServiceAccount: z.boolean().optional(),
    permissionsBoundary: z.string().optional(),
    maxSessionDurationSeconds: z.number().int().optional(),
    rolePath: z.string().optional(),
    roleName: roleName.optional(),
    /** An existing role (and association) to take over: imported, then changed in place by the mode. */
    adopt: z.strictObject({ roleName, associationId: z.string().optional() }).optional(),
    tags: tags.optional(),
    targetRoleArn: z.string().optional(),
    disableSessionTags: z.boolean().optional(),
    sessionPolicy: policyJson.optional(),
    trustPolicyMaxLength: z.number().int().optional(),
    /**
     * The AWS SDK the workload ships: declared (`language` and `version`), or read from its
     * evidence, `sbom`: a CycloneDX or SPDX JSON SBOM or a lockfile, relative to the stack file
     * (sdk/read.ts). With both, they must agree (readiness.ts).
     */
    sdk: z
        .strictObject({
            language: checkedByComponents<SdkLanguage>().optional(),
            version: z.string().optional(),
            sbom: z
                .string()
                .min(1, "is empty: give the SBOM's or lockfile's path, relative to the stack file")
                .optional(),
        })
        .superRefine((sdk, ctx) => {
            for (const [key, other] of [
                ["language", "version"],
                ["version", "language"],
            ] as const) {
                if (sdk[key] === undefined && (sdk[other] !== undefined || sdk.sbom === undefined)) {
                    ctx.addIssue({
                        code: "custom",
                        path: [key],
                        message:
                            sdk.sbom === undefined && sdk[other] === undefined
                                ? "is required: declare language and version, or give sbom, the workload's SBOM or lockfile"
                                : `is required with ${other}: declare both, or neither and let sbom decide`,
                    });
                }
            }
        })
        .optional(),
    additionalClusters: z
        .array(
            z.strictObject({
                clusterName: z.string(),
                clusterArn: z.string().optional(),
                oidcProviderArn: z.string().optional(),
                oidcIssuer: z.string().optional(),
            }),
        )
        .optional(),
});

export const PlatformConfigSchema = z.strictObject({
    /** The AWS account the stack deploys to (12 digits); the offline plan builds ARNs with it. */
    accountId: z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id"),
    /** Default identity mode of workloads: irsa, pod-identity or both. */
    identityDefault: mode.default("pod-identity"),
    cluster,
    network,
    nodeGroups: z.array(nodeGroup).default([]),
    fargateProfiles: z.array(fargateProfile).default([]),
    workloads: z.array(workload).default([]),
    /** Protect the cluster and the OIDC provider from deletion (pulumi `protect`). */
    protect: z.boolean().default(false),
    tags: tags.default({}),
});

export type PlatformConfig = z.infer<typeof PlatformConfigSchema>;
export type WorkloadConfig = PlatformConfig["workloads"][number];
export type NodeGroupConfig = PlatformConfig["nodeGroups"][number];

export interface StackConfig {
    /** The stack config file the values came from (for error messages). */
    file: string;
    region: string;
    platform: PlatformConfig;
    /**
     * Key paths of `secure:` values the program does not read (`aws:secretKey`, `kubernetes:*`):
     * the offline plan cannot decrypt them and plans them as unknown secret values.
     */
    secrets: string[];
}
