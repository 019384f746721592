import * as assert from "assert";
import { policyResources } from "../../../policy-pack/lib/evaluate";
import { UNKNOWN } from "../../../policy-pack/lib/props";
import {
    RoleInfo,
    StackIndex,
    Types,
    roleLabel,
    roleNameFromArn,
    stackIndex,
} from "../../../policy-pack/lib/stack";
import { ACCOUNT, MODES, T, U, aws, ec2Trust, happyStack, resource, role, roleArn, urn } from "../factories";

const uses = (r: RoleInfo) => r.uses.map((u) => [u.kind, u.by.name, u.how]);
const managed = (r: RoleInfo) => r.managedPolicies.map((p) => [p.arn, p.via, p.customerManaged?.name]);
const inline = (r: RoleInfo) =>
    r.inlinePolicies.map((p) => [
        p.name,
        "policy" in p.document ? "parsed" : Object.keys(p.document)[0],
        p.via,
    ]);
const byName = (index: StackIndex, name: string) =>
    [...index.roles.values()].find((r) => r.role.name === name)!;
const attachmentUrn = (name: string) => urn(T.attachment, name);

describe("roleNameFromArn", () => {
    it("reads the role name after role/ and any path, in any partition", () => {
        const cases: [string, string | undefined][] = [
            [roleArn("app"), "app"],
            [`arn:aws:iam::${ACCOUNT}:role/team/ci/app`, "app"],
            [`arn:aws-cn:iam::${ACCOUNT}:role/app`, "app"],
            [`arn:aws:iam::${ACCOUNT}:user/app`, undefined],
            ["app", undefined],
        ];
        for (const [arn, expected] of cases) {
            assert.strictEqual(roleNameFromArn(arn), expected, arn);
        }
    });
});

describe("StackIndex on the happy stack", () => {
    for (const { preview, label } of MODES) {
        it(`links every role to its uses and attachments (${label}: ${preview ? "propertyDependencies" : "known ARNs"})`, () => {
            const index = new StackIndex(policyResources(happyStack({ preview })));
            assert.deepStrictEqual(
                index.ofType(Types.role).map((r) => r.name),
                ["cluster-role", "node-role", "fargate-role", "cni-role", "app-role"],
            );
            assert.deepStrictEqual(
                (["node", "cluster", "fargate", "workload"] as const).map((kind) =>
                    index.rolesUsedAs(kind).map((r) => r.role.name),
                ),
                [["node-role"], ["cluster-role"], ["fargate-role"], ["cni-role", "app-role"]],
            );
            assert.deepStrictEqual(uses(byName(index, "app-role")), [
                ["workload", "app", 'roleArn of aws:eks/podIdentityAssociation:PodIdentityAssociation "app"'],
                [
                    "workload",
                    "api",
                    'eks.amazonaws.com/role-arn annotation of kubernetes:core/v1:ServiceAccount "api"',
                ],
                ["workload", "app-role", "its trust policy (IRSA or Pod Identity)"],
            ]);
            assert.deepStrictEqual(uses(byName(index, "cni-role")), [
                ["workload", "vpc-cni", 'serviceAccountRoleArn of aws:eks/addon:Addon "vpc-cni"'],
                ["workload", "cni-role", "its trust policy (IRSA or Pod Identity)"],
            ]);
            assert.deepStrictEqual(managed(byName(index, "node-role")), [
                [aws("AmazonEKSWorkerNodePolicy"), attachmentUrn("node-worker"), undefined],
                [aws("AmazonEC2ContainerRegistryPullOnly"), attachmentUrn("node-ecr"), undefined],
            ]);
            assert.strictEqual(byName(index, "node-role").arn, preview ? UNKNOWN : roleArn("node-role"));
            assert.ok("policy" in byName(index, "node-role").trust);
        });
    }

    it("labels a role by its first use of a kind", () => {
        const index = new StackIndex(policyResources(happyStack()));
        assert.deepStrictEqual(
            [
                roleLabel(byName(index, "node-role"), "node"),
                roleLabel(byName(index, "node-role"), "workload"),
            ],
            [
                'role "node-role" (node role through nodeRoleArn of aws:eks/nodeGroup:NodeGroup "ng")',
                'role "node-role"',
            ],
        );
    });
});

describe("StackIndex links", () => {
    const customerPolicy = resource(T.policy, "workload", {
        name: "workload",
        arn: `arn:aws:iam::${ACCOUNT}:policy/workload`,
        policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }),
    });
    const stack = [
        role("self-managed", ec2Trust(), false, {
            managedPolicyArns: [aws("AmazonEKSWorkerNodePolicy")],
            inlinePolicies: [{ name: "logs", policy: U }, { policy: "{}" }],
        }),
        role("hybrid", ec2Trust(), false),
        role("fargate", U, false),
        customerPolicy,
        resource("aws:iam/policyAttachment:PolicyAttachment", "shared", {
            roles: ["self-managed", "hybrid"],
            policyArn: aws("AmazonSSMManagedInstanceCore"),
        }),
        resource("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "exclusive", {
            roleName: "hybrid",
            policyArns: [aws("AmazonEKSWorkerNodePolicy"), `arn:aws:iam::${ACCOUNT}:policy/workload`],
        }),
        resource(T.rolePolicy, "extra", { role: "self-managed", name: "extra", policy: U }),
        resource(T.instanceProfile, "profile", { name: "profile", role: "self-managed" }),
        resource(T.launchTemplate, "lt", { iamInstanceProfile: { name: "profile" } }),
        resource(T.accessEntry, "node-entry", { type: "HYBRID_LINUX", principalArn: roleArn("hybrid") }),
        resource(T.accessEntry, "fargate-entry", { type: "FARGATE_LINUX", principalArn: roleArn("fargate") }),
        resource(T.accessEntry, "admin-entry", { type: "STANDARD", principalArn: roleArn("hybrid") }),
    ];

    it("collects managed policies from the role and from each kind of attachment, linking the stack's own policies", () => {
        const index = new StackIndex(policyResources(stack));
        const self = byName(index, "self-managed");
        assert.deepStrictEqual(managed(self), [
            [aws("AmazonEKSWorkerNodePolicy"), urn(T.role, "self-managed"), undefined],
            [
                aws("AmazonSSMManagedInstanceCore"),
                urn("aws:iam/policyAttachment:PolicyAttachment", "shared"),
                undefined,
            ],
        ]);
        assert.deepStrictEqual(managed(byName(index, "hybrid")), [
            [
                aws("AmazonSSMManagedInstanceCore"),
                urn("aws:iam/policyAttachment:PolicyAttachment", "shared"),
                undefined,
            ],
            [
                aws("AmazonEKSWorkerNodePolicy"),
                urn("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "exclusive"),
                undefined,
            ],
            [
                `arn:aws:iam::${ACCOUNT}:policy/workload`,
                urn("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "exclusive"),
                "workload",
            ],
        ]);
        assert.deepStrictEqual(inline(self), [
            ["logs", "unknown", urn(T.role, "self-managed")],
            ["inlinePolicies[1]", "error", urn(T.role, "self-managed")],
            ["extra", "unknown", urn(T.rolePolicy, "extra")],
        ]);
    });

    it("finds node and Fargate roles through instance profiles, launch templates and access entries by type", () => {
        const index = new StackIndex(policyResources(stack));
        assert.deepStrictEqual(uses(byName(index, "self-managed")), [
            ["node", "profile", 'role of aws:iam/instanceProfile:InstanceProfile "profile"'],
            ["node", "lt", 'iamInstanceProfile of aws:ec2/launchTemplate:LaunchTemplate "lt"'],
        ]);
        assert.deepStrictEqual(uses(byName(index, "hybrid")), [
            ["node", "node-entry", 'principalArn of aws:eks/accessEntry:AccessEntry "node-entry"'],
        ]);
        assert.deepStrictEqual(uses(byName(index, "fargate")), [
            ["fargate", "fargate-entry", 'principalArn of aws:eks/accessEntry:AccessEntry "fargate-entry"'],
        ]);
    });

    it("finds Auto Mode node roles (computeConfig.nodeRoleArn) and launch-configuration node roles; tells hybrid and local-cluster roles", () => {
        const index = new StackIndex(
            policyResources([
                role("auto-node", ec2Trust(), false),
                role("lc-node", ec2Trust(), false),
                role("outpost-cluster", ec2Trust(), false),
                ...stack.filter((r) => r.name === "hybrid" || r.name === "node-entry"),
                resource(T.instanceProfile, "lc-profile", { name: "lc-profile", role: "lc-node" }),
                resource("aws:ec2/launchConfiguration:LaunchConfiguration", "lc", {
                    iamInstanceProfile: "lc-profile",
                }),
                resource(T.cluster, "auto", {
                    computeConfig: { enabled: true, nodeRoleArn: roleArn("auto-node") },
                }),
                resource(T.cluster, "local", {
                    roleArn: roleArn("outpost-cluster"),
                    outpostConfig: {
                        controlPlaneInstanceType: "m5.large",
                        outpostArns: ["arn:aws:outposts:us-west-2:111122223333:outpost/op-1"],
                    },
                }),
            ]),
        );
        assert.deepStrictEqual(uses(byName(index, "auto-node")), [
            ["node", "auto", 'computeConfig.nodeRoleArn of aws:eks/cluster:Cluster "auto"'],
        ]);
        assert.deepStrictEqual(uses(byName(index, "lc-node")), [
            ["node", "lc-profile", 'role of aws:iam/instanceProfile:InstanceProfile "lc-profile"'],
            ["node", "lc", 'iamInstanceProfile of aws:ec2/launchConfiguration:LaunchConfiguration "lc"'],
        ]);
        assert.deepStrictEqual(
            ["auto-node", "hybrid", "outpost-cluster"].map((n) => [
                index.isHybridNodeRole(byName(index, n)),
                index.isLocalClusterRole(byName(index, n)),
            ]),
            [
                [false, false],
                [true, false],
                [false, true],
            ],
        );
    });

    it("resolves a property to roles by propertyDependencies, ARN (any path), name or instance profile", () => {
        const preview = [
            role("r", U, true),
            resource(T.pia, "pia", { roleArn: U }, { roleArn: [urn(T.role, "r")] }),
        ];
        const index = new StackIndex(policyResources([...stack, ...preview]));
        const names = (rs: RoleInfo[]) => rs.map((r) => r.role.name);
        const pia = index.byUrn.get(urn(T.pia, "pia"))!;
        const lt = index.byUrn.get(urn(T.launchTemplate, "lt"))!;
        assert.deepStrictEqual(
            [
                names(index.rolesReferencedBy(pia, "roleArn", U)),
                names(index.rolesReferencedBy(lt, "x", `arn:aws:iam::${ACCOUNT}:role/some/path/hybrid`)),
                names(index.rolesReferencedBy(lt, "x", ["hybrid", "fargate", "nobody"])),
                names(index.rolesReferencedBy(lt, "x", "profile")),
                names(index.rolesReferencedBy(lt, "x", U)),
            ],
            [["r"], ["hybrid"], ["hybrid", "fargate"], ["self-managed"], []],
        );
        assert.deepStrictEqual(
            index.dependenciesOf(pia, "roleArn").map((d) => d.name),
            ["r"],
        );
        assert.deepStrictEqual(uses(byName(index, "r")), [
            ["workload", "pia", 'roleArn of aws:eks/podIdentityAssociation:PodIdentityAssociation "pia"'],
        ]);
    });
});

describe("stackIndex", () => {
    it("builds one index per resources array", () => {
        const resources = policyResources(happyStack());
        const index = stackIndex(resources);
        assert.strictEqual(stackIndex(resources), index);
    });

    it("builds another for another array, even of the same URNs: evaluate() may check two versions of a stack", () => {
        const index = stackIndex(policyResources(happyStack()));
        assert.notStrictEqual(stackIndex(policyResources(happyStack())), index);
    });

    it("shares it with an array of new proxies over the same props, as @pulumi/policy's server makes for each stack policy", () => {
        const proxied = (props: Record<string, unknown>) =>
            new Proxy(props, { get: (o, k) => (k === "__getSpecialProxyTarget" ? o : o[k as string]) });
        const shared = policyResources(happyStack());
        const perPolicy = () =>
            shared.map((r) => ({ ...r, props: proxied(r.props as Record<string, unknown>) }));
        const index = stackIndex(perPolicy());
        assert.strictEqual(stackIndex(perPolicy()), index);
        // The same props in another order, or fewer of them: not the same resources.
        assert.notStrictEqual(stackIndex(perPolicy().reverse()), index);
        assert.notStrictEqual(stackIndex(perPolicy().slice(1)), index);
    });
});
