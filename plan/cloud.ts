// A deterministic fake of the cloud behind Pulumi's mock monitor: realistic provider-computed
// outputs (partition/account/region-aware ARNs, EKS OIDC issuers, ids) so that trust policies
// built from them are fully known. The same fake serves unit tests and the offline plan. Its
// `firstPreview` mode answers as a provider does at a stack's first `pulumi preview` instead:
// inputs echoed, every computed output unknown.
import * as crypto from "crypto";
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { NAME_RULES, nameProblem, physicalNameOf } from "../components/common/names";
import { dnsSuffix } from "../components/identity/regions";
import { issuerHostPath } from "../components/trust/eksIdentity";
import { CloudTools, ProviderChild, pulumiEksClusterState } from "./pulumiEks";

export { dnsSuffix };

export interface CloudContext {
    partition: string;
    accountId: string;
    region: string;
    /**
     * Clusters the stack does not create, as `aws eks describe-cluster` prints them (the `cluster`
     * object): the getCluster and getOpenIdConnectProvider invokes answer from them, and a name
     * not among them is not found. Unset: any name is a cluster of this account, made up.
     */
    existingClusters?: DescribedCluster[];
}

/** The fields of `aws eks describe-cluster`'s `cluster` the fake reads (AWS CLI v2, EKS API DescribeCluster). */
export interface DescribedCluster {
    name: string;
    arn: string;
    version: string;
    endpoint: string;
    roleArn?: string;
    status?: string;
    platformVersion?: string;
    createdAt?: string;
    id?: string;
    certificateAuthority: { data: string };
    identity?: { oidc?: { issuer?: string } };
    resourcesVpcConfig: {
        subnetIds?: string[];
        securityGroupIds?: string[];
        clusterSecurityGroupId?: string;
        vpcId?: string;
        endpointPublicAccess?: boolean;
        endpointPrivateAccess?: boolean;
        publicAccessCidrs?: string[];
    };
    kubernetesNetworkConfig?: { serviceIpv4Cidr?: string; serviceIpv6Cidr?: string; ipFamily?: string };
    logging?: { clusterLogging?: { types?: string[]; enabled?: boolean }[] };
    tags?: Record<string, string>;
    accessConfig?: { authenticationMode?: string; bootstrapClusterCreatorAdminPermissions?: boolean };
}

/** An existing-cluster fixture that is malformed, or does not hold the cluster a stack names. */
export class ExistingClusterError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ExistingClusterError";
    }
}

/** The clusters of a fixture file: a JSON list of `aws eks describe-cluster` outputs. */
export function readExistingClusters(file: string): DescribedCluster[] {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new ExistingClusterError(
            `${file}: ${(error as Error).message}: write a JSON list of aws eks describe-cluster outputs`,
        );
    }
    if (!Array.isArray(parsed)) {
        throw new ExistingClusterError(
            `${file}: must be a JSON list of aws eks describe-cluster outputs ([{"cluster": {...}}])`,
        );
    }
    return parsed.map((entry: { cluster?: DescribedCluster }, i) => {
        const c = entry?.cluster;
        const missing = [
            "name",
            "arn",
            "version",
            "endpoint",
            "certificateAuthority",
            "resourcesVpcConfig",
        ].filter((key) => c?.[key as keyof DescribedCluster] === undefined);
        if (missing.length > 0) {
            throw new ExistingClusterError(
                `${file}[${i}]: cluster.${missing.join(", cluster.")} missing: each entry is one aws eks describe-cluster output, {"cluster": {...}}`,
            );
        }
        return c!;
    });
}

/** `arn:<partition>:eks:<region>:<account>:cluster/<name>`, in parts. */
function clusterArnParts(arn: string): { partition: string; region: string; accountId: string } | undefined {
    const m = /^arn:([^:]+):eks:([^:]+):(\d{12}):cluster\/.+$/.exec(arn);
    return m ? { partition: m[1], region: m[2], accountId: m[3] } : undefined;
}

/**
 * The described cluster of that name, in the stack's partition, region and account: the AWS
 * provider only ever sees clusters there (its credentials' account, its region).
 */
export function describedCluster(
    ctx: CloudContext,
    clusters: DescribedCluster[],
    name: string,
): DescribedCluster {
    const c = clusters.find((candidate) => candidate.name === name);
    if (!c) {
        throw new ExistingClusterError(
            `reading EKS Cluster (${name}): couldn't find resource: the existing-cluster fixture describes ${clusters.map((k) => `"${k.name}"`).join(", ") || "no cluster"}; add the output of aws eks describe-cluster --name ${name}, or fix platform:cluster.existing.name`,
        );
    }
    const parts = clusterArnParts(c.arn);
    const where = `${ctx.partition}/${ctx.region}/${ctx.accountId}`;
    if (!parts || `${parts.partition}/${parts.region}/${parts.accountId}` !== where) {
        throw new ExistingClusterError(
            `existing cluster "${name}" is ${c.arn}, not a cluster of the stack's partition, region and account (${where}): the AWS provider sees only clusters there; set aws:region and platform:accountId to the cluster's, or describe a cluster of the stack's account`,
        );
    }
    return c;
}

/** The AWS provider's getCluster result for a described cluster (its camelCase, lists where it has lists). */
function getClusterResult(c: DescribedCluster): Record<string, unknown> {
    const vpc = c.resourcesVpcConfig;
    const network = c.kubernetesNetworkConfig ?? {};
    return {
        id: c.name,
        name: c.name,
        arn: c.arn,
        version: c.version,
        endpoint: c.endpoint,
        roleArn: c.roleArn ?? "",
        status: c.status ?? "ACTIVE",
        platformVersion: c.platformVersion ?? "",
        createdAt: c.createdAt ?? "",
        clusterId: c.id ?? "",
        certificateAuthorities: [{ data: c.certificateAuthority.data }],
        identities: c.identity?.oidc?.issuer ? [{ oidcs: [{ issuer: c.identity.oidc.issuer }] }] : [],
        vpcConfig: {
            subnetIds: vpc.subnetIds ?? [],
            securityGroupIds: vpc.securityGroupIds ?? [],
            clusterSecurityGroupId: vpc.clusterSecurityGroupId ?? "",
            vpcId: vpc.vpcId ?? "",
            endpointPublicAccess: vpc.endpointPublicAccess ?? true,
            endpointPrivateAccess: vpc.endpointPrivateAccess ?? false,
            publicAccessCidrs: vpc.publicAccessCidrs ?? [],
        },
        kubernetesNetworkConfigs: [
            {
                serviceIpv4Cidr: network.serviceIpv4Cidr ?? "",
                serviceIpv6Cidr: network.serviceIpv6Cidr ?? "",
                ipFamily: network.ipFamily ?? "ipv4",
            },
        ],
        enabledClusterLogTypes: (c.logging?.clusterLogging ?? [])
            .filter((l) => l.enabled)
            .flatMap((l) => l.types ?? []),
        accessConfigs: c.accessConfig ? [c.accessConfig] : [],
        tags: c.tags ?? {},
    };
}

/**
 * The IAM OIDC provider of an existing cluster, by URL (the cluster's issuer) or by ARN: IAM's
 * GetOpenIDConnectProvider prints the URL without its scheme. Only the described clusters'
 * issuers have one (as `eksctl utils associate-iam-oidc-provider` or Terraform made them).
 */
function getOpenIdConnectProviderResult(
    ctx: CloudContext,
    clusters: DescribedCluster[],
    inputs: Record<string, unknown>,
): Record<string, unknown> {
    const prefix = `arn:${ctx.partition}:iam::${ctx.accountId}:oidc-provider/`;
    const host =
        typeof inputs.arn === "string" && inputs.arn !== ""
            ? inputs.arn.startsWith(prefix)
                ? inputs.arn.slice(prefix.length)
                : undefined
            : issuerHostPath(String(inputs.url ?? ""));
    const issuers = clusters.map((c) => issuerHostPath(c.identity?.oidc?.issuer ?? ""));
    if (host === undefined || !issuers.includes(host)) {
        throw new Error(
            `reading IAM OIDC Provider (${String(inputs.arn ?? inputs.url)}): couldn't find resource: the existing-cluster fixture has providers for ${issuers.map((i) => `${prefix}${i}`).join(", ") || "no cluster"}; create the cluster's provider (eksctl utils associate-iam-oidc-provider) or set platform:cluster.existing.oidcProviderArn`,
        );
    }
    return {
        id: `${prefix}${host}`,
        arn: `${prefix}${host}`,
        url: host,
        clientIdLists: ["sts.amazonaws.com"],
        thumbprintLists: [hex(host, 40)],
        tags: {},
    };
}

export const defaultCloud: CloudContext = {
    partition: "aws",
    accountId: "111122223333",
    region: "us-west-2",
};

function hex(seed: string, length: number): string {
    return crypto.createHash("sha256").update(seed).digest("hex").slice(0, length);
}

/** Pulumi's auto-naming: the logical name plus a random suffix, here derived from the name. */
export function physicalName(logicalName: string): string {
    return `${logicalName}-${hex(logicalName, 7)}`;
}

function uuid(seed: string): string {
    const h = hex(seed, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export type Invokes = Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>>;

/** The invokes the components make. Anything else is a bug in the code under test. */
export function invokesFor(ctx: CloudContext): Invokes {
    return {
        "aws:index/getPartition:getPartition": () => ({
            id: ctx.partition,
            partition: ctx.partition,
            dnsSuffix: dnsSuffix(ctx.partition),
            reverseDnsPrefix: "com.amazonaws",
        }),
        "aws:index/getCallerIdentity:getCallerIdentity": () => ({
            id: ctx.accountId,
            accountId: ctx.accountId,
            arn: `arn:${ctx.partition}:iam::${ctx.accountId}:user/planner`,
            userId: "AIDAPLANNER",
        }),
        // An existing cluster looked up by name: the shapes a real cluster of this account has.
        "aws:eks/getCluster:getCluster": (inputs) => {
            const name = String(inputs.name);
            if (ctx.existingClusters) {
                return getClusterResult(describedCluster(ctx, ctx.existingClusters, name));
            }
            const { state } = computeState(ctx, "aws:eks/cluster:Cluster", name, { name, version: "1.31" });
            return { ...state, id: name };
        },
        ...(ctx.existingClusters
            ? {
                  "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider": (
                      inputs: Record<string, unknown>,
                  ) => getOpenIdConnectProviderResult(ctx, ctx.existingClusters!, inputs),
              }
            : {}),
        "aws:index/getRegion:getRegion": () => ({
            id: ctx.region,
            name: ctx.region,
            region: ctx.region,
            endpoint: `ec2.${ctx.region}.${dnsSuffix(ctx.partition)}`,
            description: ctx.region,
        }),
    };
}

type State = Record<string, unknown>;

/**
 * The engine's unknown sentinel (`UnknownStringValue` in Go, `unknownValue` in the Node.js SDK's
 * runtime/rpc): how a value not known during a preview travels in a gRPC Struct, to a provider
 * and to an analyzer alike.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * awsx's `ec2.Vpc` is a remote component: under mocks it is one registration, and what the awsx
 * provider would build (VPC, subnets, route tables, NAT gateways, EIPs) is not registered. Its
 * outputs are modelled as the provider computes them with the "Auto" strategy: every subnet spec
 * in every zone, each zone's range split evenly between the specs (awsx's getSubnetSpecs), so the
 * subnet mask is the VPC's plus log2 of the zones and of the specs, each rounded up. Outputs that
 * are resource references in a real deployment (vpc, subnets, natGateways, routeTables...) are
 * left out: a plain object standing in for a resource would mislead a program that used one.
 */
function awsxVpcState(ctx: CloudContext, name: string, inputs: State): { id: string; state: State } {
    const cidrBlock = typeof inputs.cidrBlock === "string" ? inputs.cidrBlock : "10.0.0.0/16";
    const zones = typeof inputs.numberOfAvailabilityZones === "number" ? inputs.numberOfAvailabilityZones : 3;
    const given = Array.isArray(inputs.subnetSpecs) ? (inputs.subnetSpecs as State[]) : [];
    const specs = given.length > 0 ? given : [{ type: "Private" }, { type: "Public" }];
    const subnetMask =
        Number(cidrBlock.split("/")[1]) + Math.ceil(Math.log2(zones)) + Math.ceil(Math.log2(specs.length));
    const seed = `${ctx.accountId}/${ctx.region}/${name}`;
    const ids: Record<string, string[]> = { Private: [], Public: [], Isolated: [] };
    for (let zone = 0; zone < zones; zone++) {
        specs.forEach((spec, i) => ids[String(spec.type)]?.push(`subnet-${hex(`${seed}/${i}/${zone}`, 17)}`));
    }
    return {
        id: `${name}-id`,
        // Only the component's outputs: inputs such as natGateways name other things there.
        state: {
            vpcId: `vpc-${hex(seed, 17)}`,
            privateSubnetIds: ids.Private,
            publicSubnetIds: ids.Public,
            isolatedSubnetIds: ids.Isolated,
            subnetLayout: specs.map((spec) => ({ type: spec.type, cidrMask: subnetMask })),
        },
    };
}

/**
 * The kubernetesNetworkConfig EKS reports: an ipv4 cluster's service range defaults to
 * 172.20.0.0/16; an ipv6 cluster's is a /108 EKS picks from the unique local range fc00::/7 (EKS
 * API, KubernetesNetworkConfigResponse serviceIpv6Cidr), and it has no IPv4 service range.
 */
function clusterNetworkState(clusterName: string, given: State | undefined): State {
    if (given?.ipFamily === "ipv6") {
        const h = hex(`service-ipv6/${clusterName}`, 12);
        return {
            ...given,
            serviceIpv6Cidr: `fd${h.slice(0, 2)}:${h.slice(2, 6)}:${h.slice(6, 10)}::/108`,
        };
    }
    return { ipFamily: "ipv4", serviceIpv4Cidr: "172.20.0.0/16", ...given };
}

/**
 * Outputs a provider would compute for a resource of `type` created with `inputs`. Inputs are
 * echoed, as a provider does, and computed attributes are added.
 */
export function computeState(
    ctx: CloudContext,
    type: string,
    name: string,
    inputs: State,
    /** The ID of an existing resource the program imports: the state is that resource's. */
    importId?: string,
): { id: string; state: State } {
    const arn = (service: string, resource: string, region = ctx.region, account = ctx.accountId): string =>
        `arn:${ctx.partition}:${service}:${region}:${account}:${resource}`;
    const str = (key: string): string | undefined =>
        typeof inputs[key] === "string" ? (inputs[key] as string) : undefined;
    // An imported role is the one of that name (its import ID), whatever the inputs say.
    const iamName =
        (type === "aws:iam/role:Role" ? importId : undefined) ?? str("name") ?? physicalName(name);
    switch (type) {
        case "aws:iam/role:Role": {
            const path = str("path") ?? "/";
            return {
                id: iamName,
                state: {
                    ...inputs,
                    name: iamName,
                    path,
                    arn: arn("iam", `role${path}${iamName}`, ""),
                    uniqueId: `AROA${hex(name, 17).toUpperCase()}`,
                    maxSessionDuration: inputs.maxSessionDuration ?? 3600,
                },
            };
        }
        case "aws:iam/policy:Policy": {
            const path = str("path") ?? "/";
            return {
                id: arn("iam", `policy${path}${iamName}`, ""),
                state: { ...inputs, name: iamName, path, arn: arn("iam", `policy${path}${iamName}`, "") },
            };
        }
        case "aws:iam/instanceProfile:InstanceProfile":
            return {
                id: iamName,
                state: { ...inputs, name: iamName, arn: arn("iam", `instance-profile/${iamName}`, "") },
            };
        case "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
            const url = String(inputs.url ?? "").replace(/^https:\/\//, "");
            const providerArn = arn("iam", `oidc-provider/${url}`, "");
            return {
                id: providerArn,
                state: { ...inputs, arn: providerArn, thumbprintLists: [hex(url, 40)] },
            };
        }
        case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
        case "aws:iam/rolePolicy:RolePolicy":
            return { id: `${String(inputs.role)}-${hex(name, 8)}`, state: { ...inputs } };
        case "aws:kms/key:Key": {
            const keyId = uuid(name);
            return { id: keyId, state: { ...inputs, keyId, arn: arn("kms", `key/${keyId}`) } };
        }
        case "aws:kms/alias:Alias":
            return { id: String(inputs.name), state: { ...inputs, arn: arn("kms", String(inputs.name)) } };
        case "aws:eks/cluster:Cluster": {
            const clusterName = str("name") ?? physicalName(name);
            const oidcId = hex(`${ctx.accountId}/${ctx.region}/${clusterName}`, 32).toUpperCase();
            const suffix = dnsSuffix(ctx.partition);
            return {
                id: clusterName,
                state: {
                    ...inputs,
                    name: clusterName,
                    arn: arn("eks", `cluster/${clusterName}`),
                    endpoint: `https://${oidcId}.gr7.${ctx.region}.eks.${suffix}`,
                    certificateAuthority: { data: Buffer.from(`CA for ${clusterName}`).toString("base64") },
                    identities: [
                        { oidcs: [{ issuer: `https://oidc.eks.${ctx.region}.${suffix}/id/${oidcId}` }] },
                    ],
                    platformVersion: "eks.1",
                    status: "ACTIVE",
                    clusterId: uuid(clusterName),
                    vpcConfig: {
                        ...(inputs.vpcConfig as State),
                        clusterSecurityGroupId: `sg-${hex(name, 17)}`,
                    },
                    kubernetesNetworkConfig: clusterNetworkState(
                        clusterName,
                        inputs.kubernetesNetworkConfig as State | undefined,
                    ),
                },
            };
        }
        case "aws:eks/nodeGroup:NodeGroup": {
            const ngName = str("nodeGroupName") ?? physicalName(name);
            return {
                id: `${String(inputs.clusterName)}:${ngName}`,
                state: {
                    ...inputs,
                    nodeGroupName: ngName,
                    arn: arn("eks", `nodegroup/${String(inputs.clusterName)}/${ngName}/${uuid(name)}`),
                    status: "ACTIVE",
                },
            };
        }
        case "aws:eks/fargateProfile:FargateProfile": {
            const fpName = str("fargateProfileName") ?? physicalName(name);
            return {
                id: `${String(inputs.clusterName)}:${fpName}`,
                state: {
                    ...inputs,
                    fargateProfileName: fpName,
                    arn: arn("eks", `fargateprofile/${String(inputs.clusterName)}/${fpName}/${uuid(name)}`),
                },
            };
        }
        case "aws:eks/addon:Addon":
            return {
                id: `${String(inputs.clusterName)}:${String(inputs.addonName)}`,
                state: {
                    ...inputs,
                    arn: arn(
                        "eks",
                        `addon/${String(inputs.clusterName)}/${String(inputs.addonName)}/${uuid(name)}`,
                    ),
                    addonVersion: inputs.addonVersion ?? "v1.0.0-eksbuild.1",
                },
            };
        case "aws:eks/podIdentityAssociation:PodIdentityAssociation": {
            // Imported as `<clusterName>,<associationId>`: the existing association keeps its ID.
            const associationId = importId?.split(",")[1] ?? `a-${hex(name, 17)}`;
            return {
                id: `${String(inputs.clusterName)},${associationId}`,
                state: {
                    ...inputs,
                    associationId,
                    associationArn: arn(
                        "eks",
                        `podidentityassociation/${String(inputs.clusterName)}/${associationId}`,
                    ),
                    externalId: inputs.targetRoleArn ? uuid(`external/${name}`) : undefined,
                },
            };
        }
        case "aws:eks/accessEntry:AccessEntry":
            return {
                id: `${String(inputs.clusterName)}:${String(inputs.principalArn)}`,
                state: {
                    ...inputs,
                    type: inputs.type ?? "STANDARD",
                    accessEntryArn: arn("eks", `access-entry/${String(inputs.clusterName)}/${uuid(name)}`),
                },
            };
        case "aws:eks/accessPolicyAssociation:AccessPolicyAssociation":
            return {
                id: `${String(inputs.clusterName)}#${String(inputs.principalArn)}#${String(inputs.policyArn)}`,
                state: { ...inputs, associatedAt: "2026-01-01T00:00:00Z" },
            };
        case "aws:ec2/launchTemplate:LaunchTemplate": {
            const id = `lt-${hex(name, 17)}`;
            return {
                id,
                state: {
                    ...inputs,
                    name: str("name") ?? physicalName(name),
                    arn: arn("ec2", `launch-template/${id}`),
                    latestVersion: 1,
                    defaultVersion: 1,
                },
            };
        }
        case "aws:ec2/securityGroup:SecurityGroup": {
            const id = `sg-${hex(name, 17)}`;
            return { id, state: { ...inputs, arn: arn("ec2", `security-group/${id}`) } };
        }
        case "aws:autoscaling/group:Group": {
            const asgName = str("name") ?? physicalName(name);
            return {
                id: asgName,
                state: {
                    ...inputs,
                    name: asgName,
                    arn: arn("autoscaling", `autoScalingGroup:${uuid(name)}:autoScalingGroupName/${asgName}`),
                },
            };
        }
        case "awsx:ec2:Vpc":
            return awsxVpcState(ctx, name, inputs);
        case "eks:index:Cluster": {
            const { id, state } = pulumiEksClusterState(ctx, name, inputs, cloudTools(ctx));
            return { id, state };
        }
        default:
            if (type.startsWith("pulumi:providers:")) {
                return { id: `${name}-provider-id`, state: { ...inputs } };
            }
            if (type.startsWith("kubernetes:")) {
                const metadata = (inputs.metadata as State | undefined) ?? {};
                return {
                    id: `${String(metadata.namespace ?? "default")}/${String(metadata.name ?? name)}`,
                    state: { ...inputs, metadata: { ...metadata, uid: uuid(name) } },
                };
            }
            return { id: `${name}-id`, state: { ...inputs } };
    }
}

/** Error thrown for an invoke the fake cloud does not know: a new data source must be modelled here. */
export class UnexpectedInvokeError extends Error {
    constructor(token: string) {
        super(`unexpected invoke ${token}: add it to plan/cloud.ts if the code under test really needs it`);
    }
}

/**
 * A physical name AWS (or Kubernetes) would refuse: too long, or with characters its API refuses.
 * The fake cloud fails the registration, as the provider's check or the API would fail the
 * deployment (the recorder checks each registration, and fails the run once it settled); `urn` is
 * set by the recorder, which knows it.
 */
export class NameRuleError extends Error {
    urn?: string;
    /** The stack config key the name derives from, where the plan can tell. */
    configPath?: string;
    constructor(
        readonly type: string,
        readonly logicalName: string,
        /** The name given, or the logical name autonamed. */
        readonly physical: { name: string; autonamed: boolean },
        readonly problem: string,
    ) {
        super(`${type} "${logicalName}": ${problem}`);
        this.name = "NameRuleError";
    }
}

/** Throws NameRuleError when the physical name `type` would get breaks its rule (names.ts). */
export function checkName(type: string, name: string, inputs: State): void {
    const rule = NAME_RULES[type];
    const physical = rule && physicalNameOf(rule, name, inputs);
    if (!physical || physical.name === UNKNOWN) {
        return;
    }
    const problem = nameProblem(type, name, inputs);
    if (problem) {
        throw new NameRuleError(type, name, physical, problem);
    }
}

/**
 * What a provider answers at a stack's first `pulumi preview`, when nothing exists yet: the
 * resource's inputs echoed (unknown where the program passed an unknown), and every output it
 * computes unknown, down to the nested ones (a cluster's vpcConfig.clusterSecurityGroupId), the id
 * included. One exception: a name the provider generates (autonaming) is known, as pulumi-aws and
 * pulumi-kubernetes make it in Check, which runs at preview (pulumi-terraform-bridge
 * pkg/tfbridge/provider.go Check: "fetch the default values so that (a) we can return them to the
 * caller", AutoName being such a default).
 */
export function firstPreviewState(
    ctx: CloudContext,
    type: string,
    name: string,
    inputs: State,
): { id: string; state: State } {
    const { state } = computeState(ctx, type, name, inputs);
    const planned = echoedOrUnknown(inputs, state);
    const rule = NAME_RULES[type];
    if (rule?.autonameSuffix !== undefined) {
        const path = rule.property.split(".");
        const generated = valueAt(state, path);
        if (valueAt(inputs, path) === undefined && typeof generated === "string") {
            setAt(planned, path, generated);
        }
    }
    // An empty id is how the engine answers a create it only previewed: the SDK makes `id` unknown.
    return { id: "", state: planned };
}

function isObject(value: unknown): value is State {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `computed` with every value the inputs did not give replaced by the unknown sentinel. */
function echoedOrUnknown(inputs: State, computed: State): State {
    const out: State = {};
    for (const [key, value] of Object.entries(computed)) {
        if (value === undefined) {
            continue;
        }
        const given = inputs[key];
        if (given === undefined) {
            out[key] = UNKNOWN;
        } else if (isObject(given) && isObject(value) && !(secretSigKey in given)) {
            out[key] = echoedOrUnknown(given, value);
        } else {
            out[key] = given;
        }
    }
    return out;
}

function valueAt(value: unknown, path: string[]): unknown {
    return path.reduce<unknown>((v, key) => (isObject(v) ? v[key] : undefined), value);
}

function setAt(target: State, path: string[], value: unknown): void {
    let at = target;
    for (const key of path.slice(0, -1)) {
        if (!isObject(at[key])) {
            at[key] = {};
        }
        at = at[key] as State;
    }
    at[path[path.length - 1]] = value;
}

/** The key that marks a secret in the SDK's deserialized properties (`specialSigKey`). */
const secretSigKey = "4dabf18193072939515e22adb298388d";

/**
 * Inputs as the engine sends them to a provider: the SDK's mocks hand `newResource` a
 * `pulumi.Unknown` for each unknown value (only during a preview), gRPC carries the sentinel.
 */
export function withUnknownSentinels(value: unknown): unknown {
    if (pulumi.isUnknown(value)) {
        return UNKNOWN;
    }
    if (Array.isArray(value)) {
        return value.map(withUnknownSentinels);
    }
    if (isObject(value) && Object.getPrototypeOf(value) === Object.prototype) {
        const out: State = {};
        for (const [key, item] of Object.entries(value)) {
            out[key] = withUnknownSentinels(item);
        }
        return out;
    }
    return value;
}

/** The child URN the mock monitor would give (it qualifies a type by its parent's last type only). */
function pulumiEksChildUrn(type: string, name: string): string {
    return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::eks:index:Cluster$${type}::${name}`;
}

function cloudTools(ctx: CloudContext): CloudTools {
    return {
        computeState: (type, name, inputs) => computeState(ctx, type, name, inputs),
        childUrn: pulumiEksChildUrn,
        physicalName,
        hex,
    };
}

/**
 * Hands the resources a remote component's provider registered to the mock monitor, as the
 * engine holds them: the SDK reads a resource reference back with `pulumi:pulumi:getResource`,
 * which the monitor answers from what it holds.
 */
function holdChildren(children: ProviderChild[]): void {
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        resources?: Map<string, { urn: string; id: string | null; state: unknown }>;
    };
    for (const child of children) {
        const urn = pulumiEksChildUrn(child.type, child.name);
        monitor.resources?.set(urn, { urn, id: child.id, state: child.state });
    }
}

export interface MockOptions {
    /**
     * Answer as at a stack's first `pulumi preview` (firstPreviewState): computed outputs unknown.
     * Meaningful only when the run is a preview (`isDryRun`), as then only the SDK keeps unknowns.
     */
    firstPreview?: boolean;
}

export function mocksFor(
    ctx: CloudContext,
    onResource?: (args: pulumi.runtime.MockResourceArgs) => void,
    options: MockOptions = {},
): pulumi.runtime.Mocks {
    const invokes = invokesFor(ctx);
    return {
        newResource(args) {
            const inputs = withUnknownSentinels(args.inputs) as State;
            onResource?.({ ...args, inputs });
            if (args.type === "eks:index:Cluster" && !options.firstPreview) {
                const { id, state, children } = pulumiEksClusterState(
                    ctx,
                    args.name,
                    inputs,
                    cloudTools(ctx),
                );
                holdChildren(children);
                return { id, state };
            }
            // `args.id` is the import ID of an imported resource (the `import` option).
            return options.firstPreview
                ? firstPreviewState(ctx, args.type, args.name, inputs)
                : computeState(ctx, args.type, args.name, inputs, args.id || undefined);
        },
        call(args) {
            const handler = invokes[args.token];
            if (!handler) {
                throw new UnexpectedInvokeError(args.token);
            }
            return handler(args.inputs as Record<string, unknown>);
        },
    };
}
