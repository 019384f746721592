// Property tests of the stack config (issue 4, "Tests"): random valid configs never fail and give
// every workload exactly one identity and one role; one random mistake in a valid config always
// yields a ConfigError naming the broken path; reordering workloads changes no URN.
import * as assert from "assert";
import fc from "fast-check";
import { AMI_TYPES, CAPACITY_TYPES, TAINT_EFFECTS } from "../../../components/nodegroups/validate";
import { SELF_MANAGED_AMI_TYPES } from "../../../components/nodegroups/selfManagedNodeGroup";
import { offeredKubernetesVersions, today } from "../../../components/cluster/validate";
import {
    ConfigError,
    loadStackConfigFile,
    parseStackConfig,
    PlatformConfig,
    RawConfig,
    semanticProblems,
    stackConfigPath,
} from "../../../stacks/config";
import { buildPlatform } from "../../../stacks/program";
import { awsCloud, run } from "../../harness";

const FILE = "stacks/Pulumi.property.yaml";
const WORKLOAD_IDENTITY = "eks-identity:index:WorkloadIdentity";
const ROLE = "aws:iam/role:Role";

// The raw shapes the arbitraries build (what YAML would hold), loosely typed on purpose.
type Json = Record<string, unknown>;
interface RawWorkload extends Json {
    name: string;
    namespace: string;
    serviceAccount: string;
    mode?: string;
}
interface RawNodeGroup extends Json {
    name: string;
    kind: string;
    minSize: number;
    maxSize: number;
}
interface Raw {
    "aws:region"?: string;
    "aws:allowedAccountIds": string[];
    "platform:accountId": string;
    "platform:identityDefault": string;
    "platform:cluster": Json & { irsa: boolean; podIdentity: boolean; kubernetesVersion: string };
    "platform:network":
        | { vpcId: string; subnetIds: string[] }
        | { create: { cidrBlock?: string; availabilityZones?: number; natGateways?: string } };
    "platform:nodeGroups": RawNodeGroup[];
    "platform:fargateProfiles": { name: string; selectors: { namespace: string }[] }[];
    "platform:workloads": RawWorkload[];
    [key: string]: unknown;
}

/** A DNS-1123 label of at most 19 characters: every segment is short, so longer words are never drawn. */
const label = fc.stringMatching(/^[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4}){0,2}$/);
/** Resource names, also drawing the names the program gives its own resources (a clash would be a duplicate URN). */
const resourceName = fc.oneof(label, fc.constantFrom("cluster", "coredns", "general"));
const namespace = fc.oneof(fc.constantFrom("kube-system", "payments", "apps", "batch"), label);
const serviceAccount = fc.oneof(
    label,
    fc.tuple(label, label).map(([a, b]) => `${a}.${b}`),
);

const WELL_KNOWN = [
    { kind: "aws-load-balancer-controller" },
    { kind: "ebs-csi" },
    { kind: "external-dns", hostedZoneArns: ["arn:aws:route53:::hostedzone/Z0PROPERTY1"] },
    { kind: "cert-manager", hostedZoneArns: ["arn:aws:route53:::hostedzone/Z0PROPERTY2"] },
];

const usesPodIdentity = (mode: string) => mode !== "irsa";

/** Drops undefined fields, as YAML would never hold them. */
function plain<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

function modesFor(irsa: boolean, podIdentity: boolean): string[] {
    return [
        ...(irsa ? ["irsa"] : []),
        ...(podIdentity ? ["pod-identity"] : []),
        ...(irsa && podIdentity ? ["both"] : []),
    ];
}

function workloadArb(modes: string[]): fc.Arbitrary<RawWorkload> {
    return fc
        .record({
            name: resourceName,
            namespace,
            serviceAccount,
            mode: fc.option(fc.constantFrom(...modes), { nil: undefined }),
            wellKnown: fc.option(fc.constantFrom(...WELL_KNOWN), { nil: undefined }),
            managed: fc.boolean(),
            renamed: fc.boolean(),
            sdk: fc.boolean(),
        })
        .map(({ wellKnown, managed, renamed, sdk, ...w }) =>
            plain({
                ...w,
                previousNames: renamed ? [`${w.name}-old`] : undefined,
                wellKnownPolicies: wellKnown ? [wellKnown] : undefined,
                managedPolicyArns: managed ? ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] : undefined,
                sdk: sdk ? { language: "python", version: "1.35.10" } : undefined,
            }),
        );
}

const nodeGroupArb: fc.Arbitrary<RawNodeGroup> = fc
    .record({
        name: resourceName,
        kind: fc.constantFrom("managed", "self-managed"),
        minSize: fc.integer({ min: 0, max: 3 }),
        extra: fc.integer({ min: 0, max: 4 }),
        desired: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
        managedAmi: fc.option(fc.constantFrom(...AMI_TYPES), { nil: undefined }),
        selfManagedAmi: fc.option(fc.constantFrom(...Object.keys(SELF_MANAGED_AMI_TYPES)), {
            nil: undefined,
        }),
        capacityType: fc.option(fc.constantFrom(...CAPACITY_TYPES), { nil: undefined }),
        taint: fc.option(fc.constantFrom(...TAINT_EFFECTS), { nil: undefined }),
    })
    .map(({ name, kind, minSize, extra, desired, managedAmi, selfManagedAmi, capacityType, taint }) => {
        const maxSize = Math.max(1, minSize + extra);
        return plain({
            name,
            kind,
            minSize,
            maxSize,
            desiredSize:
                desired === undefined ? undefined : minSize + Math.round(desired * (maxSize - minSize)),
            ...(kind === "managed"
                ? { instanceTypes: ["m7i.large"], capacityType, amiType: managedAmi }
                : { instanceType: "m7i.large", amiType: selfManagedAmi }),
            taints: taint ? [{ key: "dedicated", value: name, effect: taint }] : undefined,
        });
    });

function unique(values: string[]): boolean {
    return new Set(values).size === values.length;
}

/** A valid stack config; `minWorkloads`/`minNodeGroups` give the mutators something to break. */
// At least one node group: a cluster without compute is invalid (CoreDNS could never run).
function validConfig(minWorkloads = 0, minNodeGroups = 1): fc.Arbitrary<Raw> {
    const switches = fc
        .record({ irsa: fc.boolean(), podIdentity: fc.boolean() })
        .filter((s) => s.irsa || s.podIdentity);
    return switches.chain(({ irsa, podIdentity }) => {
        const modes = modesFor(irsa, podIdentity);
        return fc
            .record({
                identityDefault: fc.constantFrom(...modes),
                clusterName: fc.option(label, { nil: undefined }),
                // The versions EKS offers today (a version it no longer offers is refused).
                kubernetesVersion: fc.constantFrom(...offeredKubernetesVersions(today())),
                publicEndpoint: fc.boolean(),
                workloads: fc
                    .uniqueArray(workloadArb(modes), {
                        selector: (w) => w.name,
                        minLength: minWorkloads,
                        maxLength: 5,
                    })
                    .filter(
                        (ws) =>
                            unique(ws.flatMap((w) => [w.name, ...((w.previousNames as string[]) ?? [])])) &&
                            unique(ws.map((w) => `${w.namespace}/${w.serviceAccount}`)) &&
                            // vpc-cni's own service account is refused (its add-on has the identity).
                            ws.every((w) => `${w.namespace}/${w.serviceAccount}` !== "kube-system/aws-node"),
                    ),
                nodeGroups: fc.uniqueArray(nodeGroupArb, {
                    selector: (g) => g.name,
                    minLength: minNodeGroups,
                    maxLength: 3,
                }),
                shareRole: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
                fargate: fc.subarray(["batch", "jobs", "apps", "payments", "kube-system"]),
                // An existing VPC, or one created for the stack (defaults left out at random).
                network: fc.oneof<fc.Arbitrary<Raw["platform:network"]>[]>(
                    fc.constant({
                        vpcId: "vpc-0a1b2c3d4e5f60001",
                        subnetIds: ["subnet-0a1b2c3d4e5f60011", "subnet-0a1b2c3d4e5f60012"],
                    }),
                    fc
                        .record(
                            {
                                cidrBlock: fc
                                    .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 16, max: 24 }))
                                    .map(([octet, mask]) => `10.${octet}.0.0/${mask}`),
                                availabilityZones: fc.integer({ min: 2, max: 6 }),
                                natGateways: fc.constantFrom("single", "one-per-az"),
                            },
                            { requiredKeys: [] },
                        )
                        .map((create) => ({ create })),
                ),
            })
            .map((c) => {
                const podIdentityNamespaces = new Set(
                    c.workloads
                        .filter((w) => usesPodIdentity(w.mode ?? c.identityDefault))
                        .map((w) => w.namespace),
                );
                const fargate = c.fargate.filter((ns) => !podIdentityNamespaces.has(ns));
                const nodeGroups = c.nodeGroups.map((g, i) =>
                    // Only managed groups share, and only a managed group's role (config.ts says why).
                    i > 0 && c.shareRole[i] && g.kind === "managed" && c.nodeGroups[0].kind === "managed"
                        ? { ...g, shareRoleWith: c.nodeGroups[0].name }
                        : g,
                );
                return plain<Raw>({
                    "aws:region": "us-west-2",
                    "aws:allowedAccountIds": ["111122223333"],
                    "platform:accountId": "111122223333",
                    "platform:identityDefault": c.identityDefault,
                    "platform:cluster": {
                        clusterName: c.clusterName,
                        kubernetesVersion: c.kubernetesVersion,
                        irsa,
                        podIdentity,
                        endpointPublicAccess: c.publicEndpoint,
                        publicAccessCidrs: c.publicEndpoint ? ["203.0.113.0/24"] : undefined,
                        accessEntries: [
                            {
                                principalArn: "arn:aws:iam::111122223333:role/platform-admins",
                                accessPolicies: [{ policyName: "AmazonEKSClusterAdminPolicy" }],
                            },
                        ],
                    },
                    "platform:network": c.network,
                    "platform:nodeGroups": nodeGroups,
                    "platform:fargateProfiles": fargate.map((ns) => ({
                        name: `fp-${ns}`,
                        selectors: [{ namespace: ns }],
                    })),
                    "platform:workloads": c.workloads,
                });
            });
    });
}

function plan(raw: RawConfig) {
    return run(() => buildPlatform(parseStackConfig(raw, FILE)), { cloud: awsCloud, stack: "dev" });
}

/** A mistake that breaks one known path; `pick` chooses which workload or node group. */
interface Mutator {
    name: string;
    apply(raw: Raw, pick: number): string;
}

const W = (i: number) => `platform:workloads[${i}]`;
const NG = (i: number) => `platform:nodeGroups[${i}]`;

/** Breaks workload `pick % n` at `key` (a suffix of its path). */
function onWorkload(name: string, key: string, mutate: (w: RawWorkload, raw: Raw) => void): Mutator {
    return {
        name,
        apply: (raw, pick) => {
            const i = pick % raw["platform:workloads"].length;
            mutate(raw["platform:workloads"][i], raw);
            return `${W(i)}${key}`;
        },
    };
}

/** Breaks node group `pick % n` at `key`. */
function onNodeGroup(name: string, key: string, mutate: (g: RawNodeGroup) => void): Mutator {
    return {
        name,
        apply: (raw, pick) => {
            const i = pick % raw["platform:nodeGroups"].length;
            mutate(raw["platform:nodeGroups"][i]);
            return `${NG(i)}${key}`;
        },
    };
}

/** Breaks the whole config at `path`. */
function onConfig(name: string, path: string, mutate: (raw: Raw) => void): Mutator {
    return {
        name,
        apply: (raw) => {
            mutate(raw);
            return path;
        },
    };
}

/**
 * Appends a workload clashing with workload `pick % n`; its own name and namespace,
 * "duplicated", are longer than any segment `label` draws, so they never clash by accident.
 */
function appended(name: string, key: string, clash: (target: RawWorkload) => Partial<RawWorkload>): Mutator {
    return {
        name,
        apply: (raw, pick) => {
            const workloads = raw["platform:workloads"];
            const target = workloads[pick % workloads.length];
            workloads.push({
                name: "duplicated",
                namespace: "duplicated",
                serviceAccount: "duplicated",
                ...clash(target),
            });
            return `${W(workloads.length - 1)}.${key}`;
        },
    };
}

const MUTATORS: Mutator[] = [
    onWorkload("mode typo", ".mode", (w) => {
        w.mode = "pod_identity";
    }),
    onWorkload("namespace in capitals", ".namespace", (w) => {
        w.namespace = w.namespace.toUpperCase();
    }),
    onWorkload("service account with a space", ".serviceAccount", (w) => {
        w.serviceAccount = `${w.serviceAccount} sa`;
    }),
    onWorkload("misspelt namespace key", ".namespce", (w) => {
        w.namespce = w.namespace;
    }),
    onWorkload("maxSessionDurationSeconds with a unit", ".maxSessionDurationSeconds", (w) => {
        w.maxSessionDurationSeconds = "1h";
    }),
    onWorkload("ExternalDNS without hosted zones", ".wellKnownPolicies[0].hostedZoneArns", (w) => {
        w.wellKnownPolicies = [{ kind: "external-dns" }];
    }),
    onWorkload("IRSA workload without an OIDC provider", ".mode", (w, raw) => {
        Object.assign(raw["platform:cluster"], { irsa: false, podIdentity: true });
        w.mode = "irsa";
    }),
    onWorkload("Pod Identity on a Fargate namespace", ".mode", (w, raw) => {
        raw["platform:cluster"].podIdentity = true;
        w.mode = "pod-identity";
        raw["platform:fargateProfiles"].push({ name: "mutated", selectors: [{ namespace: w.namespace }] });
    }),
    appended("duplicate workload name", "name", (target) => ({ name: target.name })),
    appended("previousNames naming another workload", "previousNames[0]", (target) => ({
        previousNames: [target.name],
    })),
    appended("duplicate service account", "serviceAccount", (target) => ({
        namespace: target.namespace,
        serviceAccount: target.serviceAccount,
    })),
    onNodeGroup("minSize above maxSize", ".minSize", (g) => {
        g.minSize = g.maxSize + 1;
    }),
    onNodeGroup("desiredSize above maxSize", ".desiredSize", (g) => {
        g.desiredSize = g.maxSize + 1;
    }),
    onNodeGroup("minSize as a string", ".minSize", (g) => {
        (g as Json).minSize = String(g.minSize);
    }),
    onNodeGroup("unknown AMI type", ".amiType", (g) => {
        g.amiType = "AL2_x86_64";
    }),
    onNodeGroup("kubectl's taint effect", ".taints[0].effect", (g) => {
        g.taints = [{ key: "k", effect: "NoSchedule" }];
    }),
    onNodeGroup("shareRoleWith a missing group", ".shareRoleWith", (g) => {
        g.shareRoleWith = "missing-group";
    }),
    onNodeGroup("misspelt scaling key", ".scaling", (g) => {
        g.scaling = { minSize: 1 };
    }),
    onConfig("region missing", "aws:region", (raw) => {
        delete raw["aws:region"];
    }),
    onConfig("account guard missing", "aws:allowedAccountIds", (raw) => {
        delete (raw as Partial<Raw>)["aws:allowedAccountIds"];
    }),
    onConfig("account guard names another account", "aws:allowedAccountIds", (raw) => {
        raw["aws:allowedAccountIds"] = ["444455556666"];
    }),
    onConfig("account id too short", "platform:accountId", (raw) => {
        raw["platform:accountId"] = "12345";
    }),
    onConfig("unknown top-level key", "platform:workload", (raw) => {
        raw["platform:workload"] = [];
    }),
    onConfig("one subnet", "platform:network.subnetIds", (raw) => {
        raw["platform:network"] = { vpcId: "vpc-0a1b2c3d4e5f60001", subnetIds: ["subnet-0a1"] };
    }),
    onConfig("VPC by name", "platform:network.vpcId", (raw) => {
        raw["platform:network"] = { vpcId: "dev-vpc", subnetIds: ["subnet-0a1", "subnet-0b2"] };
    }),
    onConfig("a created VPC in one zone", "platform:network.create.availabilityZones", (raw) => {
        raw["platform:network"] = { create: { availabilityZones: 1 } };
    }),
    onConfig("an existing and a created VPC at once", "platform:network", (raw) => {
        raw["platform:network"] = { vpcId: "vpc-0a1b2c3d4e5f60001", subnetIds: ["subnet-0a1"], create: {} };
    }),
    onConfig("patch Kubernetes version", "platform:cluster.kubernetesVersion", (raw) => {
        raw["platform:cluster"].kubernetesVersion = "1.33.1";
    }),
    onConfig("Kubernetes 1.23 with Pod Identity", "platform:cluster.kubernetesVersion", (raw) => {
        Object.assign(raw["platform:cluster"], { kubernetesVersion: "1.23", podIdentity: true });
    }),
    onConfig("public endpoint without CIDRs", "platform:cluster.publicAccessCidrs", (raw) => {
        raw["platform:cluster"].endpointPublicAccess = true;
        delete raw["platform:cluster"].publicAccessCidrs;
    }),
    {
        name: "IAM group as an access entry",
        apply: (raw) => {
            const entries = raw["platform:cluster"].accessEntries as Json[];
            entries.push({ principalArn: "arn:aws:iam::111122223333:group/devs" });
            return `platform:cluster.accessEntries[${entries.length - 1}].principalArn`;
        },
    },
];

function assertReported(valid: Raw, mutator: Mutator, pick: number): void {
    const raw = plain(valid);
    const expected = mutator.apply(raw, pick);
    let error: unknown;
    try {
        parseStackConfig(raw, FILE);
    } catch (thrown) {
        error = thrown;
    }
    assert.ok(error instanceof ConfigError, `${mutator.name}: no ConfigError`);
    const paths = error.problems.map((p) => p.propertyPath);
    assert.ok(paths.includes(expected), `${mutator.name}: ${expected} not in ${paths.join(", ")}`);
    assert.ok(error.message.startsWith(`${FILE}: `));
    for (const path of paths) {
        assert.match(path, /^(platform:[A-Za-z]|aws:region$|aws:allowedAccountIds$)/);
    }
}

describe("stack config properties", () => {
    it("random valid configs parse, and give each workload one WorkloadIdentity and one role", async () => {
        await fc.assert(
            fc.asyncProperty(validConfig(), async (raw) => {
                const workloads = raw["platform:workloads"];
                const result = await plan(raw);
                const identities = result.ofType(WORKLOAD_IDENTITY);
                assert.deepStrictEqual(
                    identities.map((r) => r.name).sort(),
                    workloads.map((w) => w.name).sort(),
                );
                for (const identity of identities) {
                    const roles = result.ofType(ROLE).filter((r) => r.parent === identity.urn);
                    assert.strictEqual(roles.length, 1, `${identity.name} has ${roles.length} roles`);
                }
                // The stack outputs have one entry per workload too.
                assert.deepStrictEqual(
                    Object.keys(result.value.workloads).sort(),
                    workloads.map((w) => w.name).sort(),
                );
            }),
            { numRuns: 25 },
        );
    });

    it("one random mistake in a valid config is reported at its path", () => {
        fc.assert(fc.property(validConfig(1, 1), fc.constantFrom(...MUTATORS), fc.nat(), assertReported), {
            numRuns: 300,
        });
        // And every mutator at least a few times, whatever the random draw above.
        const samples = fc.sample(validConfig(1, 1), { numRuns: 4, seed: 4 });
        for (const mutator of MUTATORS) {
            samples.forEach((valid, pick) => assertReported(valid, mutator, pick));
        }
    });

    it("reordering workloads changes no registered URN", async () => {
        const reordered = validConfig(2).chain((raw) =>
            fc
                .shuffledSubarray(raw["platform:workloads"], {
                    minLength: raw["platform:workloads"].length,
                    maxLength: raw["platform:workloads"].length,
                })
                .map((workloads) => [raw, { ...raw, "platform:workloads": workloads }] as const),
        );
        await fc.assert(
            fc.asyncProperty(reordered, async ([raw, shuffled]) => {
                const urns = async (config: Raw) =>
                    (await plan(config)).registrations.map((r) => r.urn).sort();
                assert.deepStrictEqual(await urns(shuffled), await urns(raw));
            }),
            { numRuns: 10 },
        );
    });
});

describe("stacks/config/semantics: cluster facts told in the stack's terms", () => {
    const base = () => structuredClone(loadStackConfigFile(stackConfigPath("dev")).platform);
    const problemsOf = (p: PlatformConfig) =>
        semanticProblems(p, "us-west-2").map((x) => [x.propertyPath, x.reason]);

    it("IRSA without cluster.irsa points at the workload's mode and names the cluster key", () => {
        const p = base();
        p.workloads[3].mode = "irsa";
        assert.deepStrictEqual(problemsOf(p), [
            [
                "platform:workloads[3].mode",
                'mode "irsa" uses IRSA but platform:cluster.irsa is false: set cluster.irsa to true or use mode "pod-identity"',
            ],
        ]);
    });

    it("Pod Identity without the agent, and on a Kubernetes version below its minimum", () => {
        const p = base();
        p.cluster.podIdentity = false;
        p.cluster.irsa = true; // vpc-cni then takes IRSA
        p.workloads = [p.workloads[3]];
        assert.deepStrictEqual(problemsOf(p), [
            [
                "platform:workloads[0].mode",
                'mode "pod-identity" uses Pod Identity but platform:cluster.podIdentity is false: enable it or use mode "irsa"',
            ],
        ]);
        const old = base();
        old.cluster.kubernetesVersion = "1.23";
        old.workloads = [old.workloads[3]];
        assert.deepStrictEqual(
            problemsOf(old).filter(([path]) => path.startsWith("platform:workloads")),
            [
                [
                    "platform:workloads[0].mode",
                    'EKS Pod Identity needs Kubernetes 1.24 or later; platform:cluster.kubernetesVersion is 1.23: use mode "irsa" or upgrade',
                ],
            ],
        );
    });

    it("Pod Identity in a namespace a Fargate profile serves names the profile", () => {
        const p = base();
        p.fargateProfiles = [{ name: "pay", selectors: [{ namespace: "payments" }] }];
        assert.deepStrictEqual(problemsOf(p), [
            [
                "platform:workloads[3].mode",
                'namespace "payments" runs on Fargate, where the Pod Identity agent cannot run: use mode "irsa" for this workload (served by Fargate profile "pay")',
            ],
        ]);
    });

    it("an existing cluster: no compute needed, its agent named by podIdentityAgent, its own VPC", () => {
        const existing = (podIdentityAgent?: "present" | "install") => {
            const p = base();
            p.cluster = {
                existing: { name: "legacy", podIdentityAgent },
                irsa: false,
            } as PlatformConfig["cluster"];
            p.cluster.podIdentity = podIdentityAgent !== undefined; // as the schema's transform sets it
            p.network = { vpcId: "vpc-0a1b2c3d4e5f60001", subnetIds: ["subnet-0a1", "subnet-0b2"] };
            p.nodeGroups = [];
            p.workloads = [p.workloads[3]];
            return p;
        };
        assert.deepStrictEqual(problemsOf(existing("present")), []);
        assert.deepStrictEqual(problemsOf(existing()), [
            [
                "platform:workloads[0].mode",
                'mode "pod-identity" uses Pod Identity but platform:cluster.existing.podIdentityAgent is not set, so the cluster has no agent: set it to "present" if the eks-pod-identity-agent add-on is installed, "install" to install it, or use mode "irsa"',
            ],
        ]);
        const created = existing("install");
        created.network = {
            create: { cidrBlock: "10.20.0.0/16", availabilityZones: 3, natGateways: "single" },
        };
        assert.deepStrictEqual(problemsOf(created), [
            [
                "platform:network.create",
                'creates a VPC, but cluster.existing "legacy" already has its own: set network.vpcId and network.subnetIds to the cluster\'s VPC and private subnets (aws eks describe-cluster prints them under resourcesVpcConfig)',
            ],
        ]);
    });

    it("an existing cluster's own Fargate namespaces refuse Pod Identity there, naming the key that lists them", () => {
        const p = base();
        p.cluster = {
            existing: {
                name: "legacy",
                podIdentityAgent: "present",
                fargateNamespaces: ["batch", "payments"],
            },
            irsa: false,
        } as PlatformConfig["cluster"];
        p.cluster.podIdentity = true;
        p.network = { vpcId: "vpc-0a1b2c3d4e5f60001", subnetIds: ["subnet-0a1", "subnet-0b2"] };
        p.nodeGroups = [];
        p.workloads = [p.workloads[3]];
        assert.deepStrictEqual(problemsOf(p), [
            [
                "platform:workloads[0].mode",
                'namespace "payments" runs on Fargate, where the Pod Identity agent cannot run: use mode "irsa" for this workload (served by a Fargate profile of the existing cluster: platform:cluster.existing.fargateNamespaces)',
            ],
        ]);
    });

    it("Fargate selector wildcards (`*`, `?`) refuse Pod Identity in every namespace they select", () => {
        const p = base();
        p.fargateProfiles = [{ name: "pay", selectors: [{ namespace: "pay*" }] }];
        assert.deepStrictEqual(problemsOf(p), [
            [
                "platform:workloads[3].mode",
                'namespace "payments" runs on Fargate, where the Pod Identity agent cannot run: use mode "irsa" for this workload (served by Fargate profile "pay")',
            ],
        ]);
        const existing = base();
        existing.cluster = {
            existing: { name: "legacy", podIdentityAgent: "present", fargateNamespaces: ["paymen?s"] },
            irsa: false,
        } as PlatformConfig["cluster"];
        existing.cluster.podIdentity = true;
        existing.network = { vpcId: "vpc-0a1b2c3d4e5f60001", subnetIds: ["subnet-0a1", "subnet-0b2"] };
        existing.nodeGroups = [];
        existing.workloads = [existing.workloads[3]];
        assert.deepStrictEqual(
            problemsOf(existing).map(([path]) => path),
            ["platform:workloads[0].mode"],
        );
        existing.cluster.existing!.fargateNamespaces = ["paymen?"];
        assert.deepStrictEqual(problemsOf(existing), []);
    });

    it("a malformed cluster version is reported once, at the cluster, not by every workload and group", () => {
        const p = base();
        p.cluster.kubernetesVersion = "1.x";
        assert.deepStrictEqual(
            problemsOf(p).map(([path]) => path),
            ["platform:cluster.kubernetesVersion"],
        );
    });
});

describe("stacks/config/semantics: names and tags across the stack", () => {
    const base = () => structuredClone(loadStackConfigFile(stackConfigPath("dev")).platform);
    const problemsOf = (p: PlatformConfig) =>
        semanticProblems(p, "us-west-2").map((x) => [x.propertyPath, x.reason]);
    const policy =
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
    const workload = (name: string, inline: string) => ({
        name,
        namespace: name,
        serviceAccount: name,
        inlinePolicies: [{ name: inline, policy }],
    });

    it("a child two workloads would name alike is told at the second, with both config paths", () => {
        const p = base();
        p.workloads = [workload("reports", "api-read"), workload("reports-api", "read")];
        assert.deepStrictEqual(problemsOf(p), [
            [
                "platform:workloads[1].inlinePolicies[0].name",
                'makes the RolePolicy "reports-api-read", which platform:workloads[0].inlinePolicies[0].name already makes (child names are the workload\'s name, "-" and this value, and one stack cannot hold one name twice): rename it or the workload',
            ],
        ]);
        // The same name under different types is two URNs: a role policy "api-role" beside workload "reports-api".
        p.workloads = [workload("reports", "api-role"), workload("reports-api", "read")];
        assert.deepStrictEqual(problemsOf(p), []);
    });

    it("the stack's tags count with managed-by; a workload's with the stack's, told once", () => {
        const p = base();
        p.tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, "v"]));
        assert.deepStrictEqual(problemsOf(p), [
            [
                "platform:tags",
                "50 tags and the managed-by tag the stack adds make 51; AWS takes at most 50 per resource (an IAM role's limit): remove 1",
            ],
        ]);
        p.tags = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`t${i}`, "v"]));
        p.workloads[3].tags = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`w${i}`, "v"]));
        assert.deepStrictEqual(problemsOf(p), [
            [
                "platform:workloads[3].tags",
                "with the stack's tags (platform:tags) the role would carry 51 tags; AWS takes at most 50: remove 1 of this workload's tags",
            ],
        ]);
    });
});
