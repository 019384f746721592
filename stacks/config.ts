// The one schema of the `platform` config namespace, with its defaults. Types and unknown keys are
// checked by zod; semantic checks reuse the components' own validators on the arguments the
// program will pass them, so a config error and a component error can never disagree. Every error
// names the stack config file and the key path, and all of them are reported at once.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { z } from "zod";
import { cidrProblem, validateEksClusterArgs } from "../components/cluster/validate";
import { parseKubernetesVersion, Problem, Problems } from "../components/common/validation";
import { validateFargateProfileArgs } from "../components/fargate/fargateProfile";
import { validateWorkloadIdentityArgs } from "../components/identity/validate";
import { checkTrustLength } from "../components/identity/workloadIdentity";
import { WorkloadIdentityArgs } from "../components/identity/workloadIdentity";
import { validateManagedNodeGroupArgs } from "../components/nodegroups/managedNodeGroup";
import { validateSelfManagedNodeGroupArgs } from "../components/nodegroups/selfManagedNodeGroup";
import { IDENTITY_MODES, IdentityMode, usesPodIdentity } from "../components/identity/mode";
import { CATALOG } from "../components/identity/catalog/kinds";
import { IpFamily, WellKnownKind, WellKnownPolicy } from "../components/identity/catalog";
import { AccessEntryType, AccessScope } from "../components/cluster/eksCluster";
import { TaintEffect } from "../components/nodegroups/taint";
import { SdkLanguage } from "../components/identity/sdk";
import * as pulumi from "@pulumi/pulumi";

export const NAMESPACE = "platform";
/** The other config namespaces the program (its providers and the engine) reads. */
const CONFIG_NAMESPACES = ["aws", "kubernetes", "pulumi"];

const name = z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a lowercase DNS-1123 label (letters, digits, '-')")
    .max(40);
const tags = z.record(z.string(), z.string());
const mode = z.enum(IDENTITY_MODES as unknown as [IdentityMode, ...IdentityMode[]]);
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

const cluster = z.strictObject({
    /** Physical cluster name. Changing it replaces the cluster. */
    clusterName: z
        .string()
        .regex(
            /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/,
            "must be an EKS cluster name: 1-100 letters, digits, '-' and '_', starting with a letter or digit",
        )
        .optional(),
    kubernetesVersion: z.string().default("1.33"),
    endpointPrivateAccess: z.boolean().optional(),
    endpointPublicAccess: z.boolean().optional(),
    publicAccessCidrs: z.array(z.string()).optional(),
    secretsEncryption: z.boolean().optional(),
    kmsKeyArn: z.string().optional(),
    enabledLogTypes: z.array(z.string()).optional(),
    bootstrapClusterCreatorAdminPermissions: z.boolean().optional(),
    accessEntries: z.array(accessEntry).default([]),
    kubeconfigRoleArn: z.string().optional(),
    vpcResourceController: z.boolean().optional(),
    irsa: z.boolean().default(false),
    podIdentity: z.boolean().default(true),
    addonVersions: z.record(z.string(), z.string()).optional(),
    serviceIpv4Cidr: z.string().optional(),
});

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
                    .join(", ")}; got ${describe(issue.input)}`,
        })
        .default("one-per-az"),
});

export type CreatedVpcConfig = z.infer<typeof createdVpc>;
/** An existing VPC: its id and the private subnets for the control plane ENIs, nodes and Fargate pods. */
export interface ExistingNetworkConfig {
    vpcId: string;
    subnetIds: string[];
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
        v.create !== undefined ? { create: v.create } : { vpcId: v.vpcId!, subnetIds: v.subnetIds! },
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
    name,
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
});

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
    inlinePolicies: z.array(z.strictObject({ name: z.string(), policy: z.string() })).optional(),
    wellKnownPolicies: z.array(wellKnown).optional(),
    createServiceAccount: z.boolean().optional(),
    permissionsBoundary: z.string().optional(),
    maxSessionDurationSeconds: z.number().int().optional(),
    rolePath: z.string().optional(),
    roleName: z.string().optional(),
    tags: tags.optional(),
    targetRoleArn: z.string().optional(),
    disableSessionTags: z.boolean().optional(),
    sessionPolicy: z.string().optional(),
    trustPolicyMaxLength: z.number().int().optional(),
    sdk: z.strictObject({ language: checkedByComponents<SdkLanguage>(), version: z.string() }).optional(),
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
}

export class ConfigError extends Error {
    constructor(
        readonly file: string,
        readonly problems: Problem[],
    ) {
        super(
            `${file}: ${problems.length} invalid config value(s):\n${problems.map((p) => `  - ${p.propertyPath}: ${p.reason}`).join("\n")}`,
        );
        this.name = "ConfigError";
    }
}

/** `platform:workloads[3].mode` from zod's path. */
export function keyPath(parts: readonly PropertyKey[]): string {
    let out = NAMESPACE;
    parts.forEach((part, i) => {
        if (typeof part === "number") {
            out += `[${part}]`;
        } else {
            out += i === 0 ? `:${String(part)}` : `.${String(part)}`;
        }
    });
    return out;
}

function zodProblems(error: z.ZodError): Problem[] {
    return error.issues.flatMap((issue) => {
        if (issue.code === "unrecognized_keys") {
            return issue.keys.map((key) => ({
                propertyPath: keyPath([...issue.path, key]),
                reason: `unknown key "${key}": check the spelling (keys are case-sensitive) or remove it`,
            }));
        }
        // Without reportInput zod leaves `input` out of every issue, and a wrong type would read "is required".
        const reason =
            issue.code === "invalid_type"
                ? issue.input === undefined
                    ? "is required"
                    : `must be ${article(issue.expected)}; got ${describe(issue.input)}`
                : issue.message;
        return [{ propertyPath: keyPath(issue.path), reason }];
    });
}

function article(type: string): string {
    return type === "array" ? "a list" : type === "object" ? "a map of keys" : `a ${type}`;
}

function describe(value: unknown): string {
    if (value === null) {
        return "null (an empty value)";
    }
    if (Array.isArray(value)) {
        return "a list";
    }
    return typeof value === "object" ? "a map of keys" : `the ${typeof value} ${JSON.stringify(value)}`;
}

/** The raw config bag (`namespace:key` to value) as in a Pulumi.<stack>.yaml. */
export type RawConfig = Record<string, unknown>;

/**
 * The config bag as the engine hands it to a program (`pulumi.runtime.allConfig()`): every value is
 * text, structured values as JSON. Only objects, lists and booleans are decoded: a quoted account
 * id such as "012345678901" must stay a string (JSON.parse would make it a number and drop the
 * leading zero).
 */
export function fromEngineConfig(all: Record<string, string>): RawConfig {
    const raw: RawConfig = {};
    for (const [key, value] of Object.entries(all)) {
        const text = value.trim();
        if (text.startsWith("{") || text.startsWith("[") || text === "true" || text === "false") {
            try {
                raw[key] = JSON.parse(text);
                continue;
            } catch {
                // Not JSON after all: keep the text, and let the schema say what it expected.
            }
        }
        raw[key] = value;
    }
    return raw;
}

/** Validates a whole stack config: every problem at once, or a typed config. */
export function parseStackConfig(raw: RawConfig, file: string): StackConfig {
    const problems: Problem[] = [];
    const platformRaw: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
        const [ns, ...rest] = key.split(":");
        if (ns === NAMESPACE) {
            platformRaw[rest.join(":")] = value;
        } else if (!CONFIG_NAMESPACES.includes(ns)) {
            // A misspelt namespace (`platfrom:tags`) would otherwise be silently ignored.
            problems.push({
                propertyPath: key,
                reason: `unknown config namespace "${ns}": this program reads ${[NAMESPACE, ...CONFIG_NAMESPACES].map((n) => `${n}:`).join(", ")}; check the spelling`,
            });
        }
    }
    const region = raw["aws:region"];
    if (region === undefined) {
        problems.push({
            propertyPath: "aws:region",
            reason: "is required: set the AWS region, e.g. `pulumi config set aws:region us-west-2`",
        });
    } else if (typeof region !== "string" || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
        problems.push({
            propertyPath: "aws:region",
            reason: `${JSON.stringify(region)} is not an AWS region such as us-west-2`,
        });
    }
    const parsed = PlatformConfigSchema.safeParse(platformRaw, { reportInput: true });
    if (!parsed.success) {
        problems.push(...zodProblems(parsed.error));
        throw new ConfigError(file, problems);
    }
    problems.push(...semanticProblems(parsed.data, typeof region === "string" ? region : undefined));
    if (problems.length > 0) {
        throw new ConfigError(file, problems);
    }
    return { file, region: region as string, platform: parsed.data };
}

/** Reads and validates `stacks/Pulumi.<stack>.yaml`. */
export function loadStackConfigFile(file: string): StackConfig {
    const text = fs.readFileSync(file, "utf8");
    let doc: unknown;
    try {
        doc = YAML.parse(text);
    } catch (error) {
        throw new ConfigError(file, [
            { propertyPath: "(file)", reason: `is not valid YAML: ${(error as Error).message}` },
        ]);
    }
    const config = (doc as { config?: RawConfig } | null)?.config;
    if (!config || typeof config !== "object") {
        throw new ConfigError(file, [{ propertyPath: "config", reason: "the file has no config: section" }]);
    }
    return parseStackConfig(config, file);
}

/** The repository root: the folder holding Pulumi.yaml, from source or compiled code alike. */
export function repoRoot(): string {
    let dir = __dirname;
    while (!fs.existsSync(path.join(dir, "Pulumi.yaml"))) {
        const parent = path.dirname(dir);
        if (parent === dir) {
            throw new Error(`no Pulumi.yaml above ${__dirname}`);
        }
        dir = parent;
    }
    return dir;
}

/** `stacks/Pulumi.<stack>.yaml` under the repository root. */
export function stackConfigPath(stack: string): string {
    return path.join(repoRoot(), "stacks", `Pulumi.${stack}.yaml`);
}

/** The workload's effective mode. */
export function workloadMode(platform: PlatformConfig, workload: WorkloadConfig): IdentityMode {
    return workload.mode ?? platform.identityDefault;
}

/** Namespaces served by Fargate profiles. */
export function fargateNamespaces(platform: PlatformConfig): string[] {
    return platform.fargateProfiles.flatMap((p) => p.selectors.map((s) => s.namespace));
}

/** A stand-in for values only the cloud knows, so the components' validators can run on config. */
const KNOWN_LATER = "(known after the cluster is created)";

/**
 * Stands in for the name Pulumi generates when cluster.clusterName is not set. It must pass the
 * EKS name rule the catalog checks (KNOWN_LATER would not); the program passes the real name.
 */
const AUTONAMED_CLUSTER = "autonamed-cluster";

/** Well-known policies with the cluster's name filled in for the kinds that scope by it. */
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

/** The WorkloadIdentity arguments a workload config becomes, with the cluster's facts filled in. */
export function workloadArgs(
    platform: PlatformConfig,
    w: WorkloadConfig,
): Omit<WorkloadIdentityArgs, "clusterName"> {
    const { name: _name, previousNames: _previous, ...rest } = w;
    return {
        ...rest,
        wellKnownPolicies: withClusterName(
            w.wellKnownPolicies,
            platform.cluster.clusterName ?? AUTONAMED_CLUSTER,
        ),
        mode: workloadMode(platform, w),
        oidcProviderArn: platform.cluster.irsa ? KNOWN_LATER : undefined,
        kubernetesVersion: platform.cluster.kubernetesVersion,
        podIdentityAgent: platform.cluster.podIdentity,
        fargateNamespaces: fargateNamespaces(platform),
        tags: { ...platform.tags, ...(w.tags ?? {}) },
    };
}

/** An IPv4 CIDR block as [network address as a 32-bit number, mask length]. */
function parseCidr(value: string): [number, number] {
    const [address, mask] = value.split("/");
    const base = address.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
    return [base, Number(mask)];
}

function vpcCidrProblem(value: string): string | undefined {
    if (cidrProblem(value) !== undefined) {
        return `"${value}" is not an IPv4 CIDR block: a VPC takes a range such as 10.0.0.0/16`;
    }
    const [base, mask] = parseCidr(value);
    if (mask < 16 || mask > 28) {
        return `a VPC's CIDR block must have a /16 to /28 mask (AWS's limits); got /${mask}`;
    }
    const size = 2 ** (32 - mask);
    if (base % size !== 0) {
        const network = base - (base % size);
        const dotted = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join(".");
        return `"${value}" is not a network address (its host bits are set): use ${dotted}/${mask}`;
    }
    return undefined;
}

/** Whether two valid IPv4 CIDR blocks overlap. */
function cidrsOverlap(a: string, b: string): boolean {
    const [baseA, maskA] = parseCidr(a);
    const [baseB, maskB] = parseCidr(b);
    const size = 2 ** (32 - Math.min(maskA, maskB));
    return Math.floor(baseA / size) === Math.floor(baseB / size);
}

/**
 * The mask of each subnet awsx's "Auto" strategy lays out: the VPC range split evenly into a
 * power of two of zone ranges, each split evenly between the subnet types.
 */
export function createdSubnetMask(create: CreatedVpcConfig): number {
    const [, mask] = parseCidr(create.cidrBlock);
    return (
        mask +
        Math.ceil(Math.log2(create.availabilityZones)) +
        Math.ceil(Math.log2(CREATED_SUBNET_TYPES.length))
    );
}

function prefixed(prefix: string, list: Problem[]): Problem[] {
    return list.map((p) => ({ propertyPath: `${prefix}.${p.propertyPath}`, reason: p.reason }));
}

function semanticProblems(platform: PlatformConfig, region: string | undefined): Problem[] {
    const problems: Problem[] = [];
    const network = platform.network;
    // A created VPC's ids are known after it is created: its private subnets, one per zone, stand in.
    const subnetIds =
        "create" in network
            ? Array<string>(network.create.availabilityZones).fill(KNOWN_LATER)
            : network.subnetIds;
    const vpcId = "create" in network ? KNOWN_LATER : network.vpcId;
    problems.push(
        ...prefixed(
            `${NAMESPACE}:cluster`,
            validateEksClusterArgs({ ...platform.cluster, subnetIds }).list.filter(
                (p) => p.propertyPath !== "subnetIds",
            ),
        ),
    );
    if ("create" in network) {
        const { cidrBlock } = network.create;
        const subnetMask = createdSubnetMask(network.create);
        if (subnetMask > 28) {
            problems.push({
                propertyPath: `${NAMESPACE}:network.create.cidrBlock`,
                reason: `${cidrBlock} is too small for ${network.create.availabilityZones} Availability Zones: each zone's private and public subnets would be /${subnetMask}, and AWS's smallest subnet is /28; use a larger range or fewer zones`,
            });
        }
        const serviceCidr = platform.cluster.serviceIpv4Cidr;
        if (
            serviceCidr !== undefined &&
            cidrProblem(serviceCidr) === undefined &&
            cidrsOverlap(cidrBlock, serviceCidr)
        ) {
            problems.push({
                propertyPath: `${NAMESPACE}:cluster.serviceIpv4Cidr`,
                reason: `${serviceCidr} overlaps the VPC's ${cidrBlock}: EKS needs the Kubernetes service range outside the VPC; pick another range or leave it unset`,
            });
        }
    } else if (subnetIds.length < 2) {
        problems.push({
            propertyPath: `${NAMESPACE}:network.subnetIds`,
            reason: `EKS needs subnets in at least two Availability Zones; got ${subnetIds.length}`,
        });
    }

    if (platform.nodeGroups.length === 0 && platform.fargateProfiles.length === 0) {
        problems.push({
            propertyPath: `${NAMESPACE}:nodeGroups`,
            reason: "the cluster has no compute: CoreDNS and every workload need a node group or a Fargate profile (CoreDNS's add-on would wait for one until it times out)",
        });
    }
    const groupNames = new Set<string>();
    platform.nodeGroups.forEach((g, i) => {
        const path = `${NAMESPACE}:nodeGroups[${i}]`;
        if (groupNames.has(g.name)) {
            problems.push({
                propertyPath: `${path}.name`,
                reason: `node group "${g.name}" is defined twice: names are the stable keys of resources and must be unique`,
            });
        }
        groupNames.add(g.name);
        if (g.shareRoleWith !== undefined && g.kind === "self-managed") {
            problems.push({
                propertyPath: `${path}.shareRoleWith`,
                reason: "a self-managed group owns its node role (it also registers the role's EC2_LINUX access entry): remove shareRoleWith",
            });
        }
        if (g.shareRoleWith !== undefined) {
            const owner = platform.nodeGroups.find((o) => o.name === g.shareRoleWith);
            if (!owner || owner.shareRoleWith !== undefined || owner === g) {
                problems.push({
                    propertyPath: `${path}.shareRoleWith`,
                    reason: `"${g.shareRoleWith}" is not another node group that owns its role: name a group without shareRoleWith`,
                });
            } else if (owner.kind === "self-managed" && g.kind === "managed") {
                problems.push({
                    propertyPath: `${path}.shareRoleWith`,
                    reason: `"${g.shareRoleWith}" is self-managed and registers the role's access entry itself, which EKS would also create for a managed group: share the role of a managed group`,
                });
            }
        }
        const common = {
            clusterName: "c",
            subnetIds,
            vpcId,
            clusterSecurityGroupId: KNOWN_LATER,
            ...g,
        };
        if (g.kind === "managed") {
            if (g.instanceType !== undefined) {
                problems.push({
                    propertyPath: `${path}.instanceType`,
                    reason: "managed node groups take instanceTypes (a list): use instanceTypes",
                });
            }
            problems.push(...prefixed(path, validateManagedNodeGroupArgs(common).list));
        } else {
            for (const key of ["instanceTypes", "capacityType", "maxUnavailable"] as const) {
                if (g[key] !== undefined) {
                    problems.push({
                        propertyPath: `${path}.${key}`,
                        reason: `${key} applies to managed node groups only: remove it or set kind: managed`,
                    });
                }
            }
            problems.push(
                ...prefixed(
                    path,
                    validateSelfManagedNodeGroupArgs({
                        ...common,
                        clusterEndpoint: KNOWN_LATER,
                        certificateAuthority: KNOWN_LATER,
                        serviceCidr: KNOWN_LATER,
                    }).list,
                ),
            );
        }
    });

    const profileNames = new Set<string>();
    const profiledNamespaces = new Map<string, string>();
    platform.fargateProfiles.forEach((p, i) => {
        const path = `${NAMESPACE}:fargateProfiles[${i}]`;
        if (profileNames.has(p.name)) {
            problems.push({
                propertyPath: `${path}.name`,
                reason: `Fargate profile "${p.name}" is defined twice`,
            });
        }
        profileNames.add(p.name);
        problems.push(
            ...prefixed(
                path,
                validateFargateProfileArgs({ clusterName: "c", subnetIds, selectors: p.selectors }).list,
            ),
        );
        for (const s of p.selectors) {
            profiledNamespaces.set(s.namespace, p.name);
        }
    });

    const versionParses = parseKubernetesVersion(platform.cluster.kubernetesVersion) !== undefined;
    const workloadNames = new Map<string, number>();
    const subjects = new Map<string, number>();
    platform.workloads.forEach((w, i) => {
        const path = `${NAMESPACE}:workloads[${i}]`;
        [w.name, ...(w.previousNames ?? [])].forEach((key, k) => {
            if (workloadNames.has(key)) {
                problems.push({
                    propertyPath: k === 0 ? `${path}.name` : `${path}.previousNames[${k - 1}]`,
                    reason: `"${key}" is already used by ${workloadNames.get(key) === i ? "this workload" : `workloads[${workloadNames.get(key)}]`}: workload names and previousNames are stable keys and must be unique`,
                });
            }
            workloadNames.set(key, i);
        });
        const subject = `${w.namespace}/${w.serviceAccount}`;
        if (subjects.has(subject)) {
            problems.push({
                propertyPath: `${path}.serviceAccount`,
                reason: `${subject} already belongs to workloads[${subjects.get(subject)}]: one identity per service account; merge their permissions`,
            });
        }
        subjects.set(subject, i);
        const args = workloadArgs(platform, w);
        const own = validateWorkloadIdentityArgs({ ...args, clusterName: "c" })
            // A malformed cluster version is reported once, at cluster.kubernetesVersion.
            .list.filter((p) => p.propertyPath !== "kubernetesVersion" || versionParses)
            .map((p) =>
                // Cluster facts are not workload keys: point at the config that decides them.
                p.propertyPath === "oidcProviderArn"
                    ? {
                          propertyPath: `${path}.mode`,
                          reason: `mode "${args.mode}" uses IRSA but ${NAMESPACE}:cluster.irsa is false: set cluster.irsa to true or use mode "pod-identity"`,
                      }
                    : p.propertyPath === "podIdentityAgent"
                      ? {
                            propertyPath: `${path}.mode`,
                            reason: `mode "${args.mode}" uses Pod Identity but ${NAMESPACE}:cluster.podIdentity is false: enable it or use mode "irsa"`,
                        }
                      : p.propertyPath === "kubernetesVersion"
                        ? {
                              propertyPath: `${path}.mode`,
                              reason: p.reason.replace(
                                  "the cluster runs",
                                  `${NAMESPACE}:cluster.kubernetesVersion is`,
                              ),
                          }
                        : p.propertyPath === "namespace" &&
                            profiledNamespaces.has(w.namespace) &&
                            usesPodIdentity(args.mode as never)
                          ? {
                                propertyPath: `${path}.mode`,
                                reason: `${p.reason} (served by Fargate profile "${profiledNamespaces.get(w.namespace)}")`,
                            }
                          : { propertyPath: `${path}.${p.propertyPath}`, reason: p.reason },
            );
        problems.push(...own);
        if (own.length === 0) {
            // The trust length, estimated as the component will, so an over-long trust fails here,
            // before the cluster is registered, not in the middle of the program.
            const length = new Problems();
            checkTrustLength(
                // An unnamed cluster's physical name is not known yet: the estimate then assumes a
                // long one. The OIDC provider is the cluster's own, of EKS's canonical shape.
                { ...args, clusterName: platform.cluster.clusterName as string, oidcProviderArn: undefined },
                length,
                { region, accountId: platform.accountId },
            );
            problems.push(...prefixed(path, length.list));
        }
    });
    return problems;
}
