// The access section: who can act as each role (paths, access entries, IMDS), what it can do,
// platform roles, findings once on what they concern, and the cluster's summary.
import * as assert from "assert";
import {
    accessSection,
    dedupeFindings,
    namespaceMermaid,
    MERMAID_MAX_CHARS,
    MERMAID_MAX_EDGES,
    rolePermissions,
    stackIndexOf,
} from "../../../plan/identityMap";
import { WorkloadAccess } from "../../../plan/model";
import { podRunners } from "../../../plan/identityMap/reach";
import { planResource } from "../planFile";
import {
    accessPolicies,
    ACCOUNT,
    cluster,
    elsewhere,
    nodeGroup,
    nodeRole,
    onRole,
    onSibling,
    paymentsRole,
    plan,
    resources,
    role,
} from "./fixtures";

describe("plan/identityMap/access", () => {
    it("matches access scopes with wildcards, and takes an @pulumi/eks cluster's creator as an admin", () => {
        const scoped = planResource(
            "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
            "team-editors",
            {
                props: {
                    clusterName: "legacy",
                    principalArn: `arn:aws:iam::${ACCOUNT}:role/team-editors`,
                    policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
                    accessScope: { type: "namespace", namespaces: ["team-*"] },
                },
            },
        );
        const pulumiEks = planResource("eks:index:Cluster", "legacy", {
            outputs: {
                eksCluster: {
                    urn: "urn:pulumi:test::p::eks:index:Cluster$aws:eks/cluster:Cluster::legacy-eksCluster",
                    id: "legacy",
                },
            },
        });
        const runners = podRunners([scoped, pulumiEks]);
        assert.deepStrictEqual(
            runners("legacy", "team-a").map(
                (r) => `${r.principalArn} ${r.accessPolicy} ${r.via ?? "access-policy"}`,
            ),
            [
                `arn:aws:iam::${ACCOUNT}:role/team-editors AmazonEKSEditPolicy access-policy`,
                "(the cluster's creator) AmazonEKSClusterAdminPolicy cluster-creator",
            ],
        );
        assert.deepStrictEqual(
            runners("legacy", "teams").map((r) => r.principalArn),
            ["(the cluster's creator)"],
        );
        assert.deepStrictEqual(runners("dev", "team-a"), []);
    });

    it("also names the cluster's creator when EKS made it an admin, and entries whose Kubernetes groups the plan cannot judge", async () => {
        const creatorAdmin = { ...cluster, props: { name: "dev" } }; // no accessConfig: EKS's default, true
        const grouped = planResource("aws:eks/accessEntry:AccessEntry", "ops", {
            props: {
                clusterName: "dev",
                principalArn: `arn:aws:iam::${ACCOUNT}:role/ops`,
                type: "STANDARD",
                kubernetesGroups: ["ops-deployers"],
            },
        });
        const nodeEntry = planResource("aws:eks/accessEntry:AccessEntry", "nodes", {
            props: { clusterName: "dev", principalArn: nodeRole.outputs.arn, type: "EC2_LINUX" },
        });
        const list = [...resources.filter((r) => r !== cluster), creatorAdmin, grouped, nodeEntry];
        const access = await accessSection(plan(list));
        const payments = access.clusters
            .find((c) => c.cluster === "dev")!
            .workloads.find((w) => w.serviceAccount === "payments-api")!;
        assert.deepStrictEqual(payments.runAs, [
            {
                principalArn: "(the cluster's creator)",
                accessPolicy: "AmazonEKSClusterAdminPolicy",
                scope: "cluster",
                via: "cluster-creator",
            },
            {
                principalArn: `arn:aws:iam::${ACCOUNT}:role/ops`,
                accessPolicy: "Kubernetes groups ops-deployers (their RBAC bindings are not in this plan)",
                scope: "cluster",
                via: "kubernetes-groups",
                kubernetesGroups: ["ops-deployers"],
            },
        ]);
    });

    it("names who can run pods as each service account: pod-creating access policies in scope, not viewers", async () => {
        const access = await accessSection(plan([...resources, ...accessPolicies]));
        const dev = access.clusters.find((c) => c.cluster === "dev")!;
        const runners = Object.fromEntries(
            dev.workloads.map((w) => [
                `${w.namespace}/${w.serviceAccount}`,
                w.runAs.map((r) => `${r.principalArn.split("/")[1]} ${r.accessPolicy} ${r.scope}`),
            ]),
        );
        assert.deepStrictEqual(runners, {
            "batch/invoice": [
                "developers AmazonEKSEditPolicy namespace",
                "platform-admins AmazonEKSClusterAdminPolicy cluster",
            ],
            "external-dns/external-dns": ["platform-admins AmazonEKSClusterAdminPolicy cluster"],
            "kube-system/aws-node": ["platform-admins AmazonEKSClusterAdminPolicy cluster"],
            "kube-system/ebs-csi-controller-sa": ["platform-admins AmazonEKSClusterAdminPolicy cluster"],
            "payments/payments-api": ["platform-admins AmazonEKSClusterAdminPolicy cluster"],
        });
        // The editor of batch is named among the riskiest; a cluster administrator is not news.
        assert.deepStrictEqual(dev.summary.riskiest, [
            {
                role: "batch-role-1a2b3c4",
                why: [
                    `also reachable by arn:aws:iam::${ACCOUNT}:role/developers (AmazonEKSEditPolicy, namespace scope)`,
                ],
            },
        ]);
        assert.deepStrictEqual(dev.summary.modes, { irsa: 1, "pod-identity": 3, both: 1 });
        assert.deepStrictEqual(dev.summary.bothSdks, [
            { sdk: "SDK not declared", workloads: ["batch/invoice"] },
        ]);
    });

    it("findings once per (policy, URN), on the workload they concern; the rest as other findings", async () => {
        const twice = { ...onRole, message: "second statement" };
        const access = await accessSection(plan(resources, [onRole, twice, onRole, onSibling, elsewhere]));
        const payments = access.clusters[0].workloads.find((w) => w.serviceAccount === "payments-api")!;
        assert.deepStrictEqual(payments.findings, [
            {
                policyName: "trust-irsa-audience",
                enforcementLevel: "mandatory",
                urn: paymentsRole.urn,
                messages: ["m", "second statement"],
            },
            {
                policyName: "service-account-dedicated",
                enforcementLevel: "advisory",
                urn: onSibling.urn,
                messages: ["m"],
            },
        ]);
        // The node role is used by nothing here: not a platform role, its finding is "other".
        assert.deepStrictEqual(
            access.otherFindings.map((f) => f.urn),
            [nodeRole.urn],
        );
        assert.deepStrictEqual(access.clusters[0].summary.findings, { mandatory: 1, advisory: 1 });
        assert.strictEqual(dedupeFindings([onRole, twice, onRole]).length, 1);
    });

    it("platform roles: a node role reached through IMDS per node group, with its findings", async () => {
        const access = await accessSection(plan([...resources, ...nodeGroup], [elsewhere]));
        const platform = access.clusters[0].platformRoles;
        assert.deepStrictEqual(
            platform.map((p) => [p.kind, p.role.name, p.usedBy]),
            [
                ["node", "node-role-1a2b3c4", ["node group general", "node group spot"]],
                ["vpc-cni", "vpc-cni-role-1a2b3c4", ["add-on vpc-cni"]],
            ],
        );
        assert.deepStrictEqual(platform[0].podReach, [
            "node group general, launch template general-lt: metadataOptions.httpPutResponseHopLimit is 2, which lets pods reach the node role through IMDS. Set it to 1.",
            "node group spot: no launch template, so the AMI's IMDS defaults apply (hop limit 2 on EKS AL2023 AMIs)",
        ]);
        assert.deepStrictEqual(
            platform[0].findings.map((f) => f.policyName),
            ["node-role-managed-policies"],
        );
        assert.deepStrictEqual(access.otherFindings, []);
        assert.deepStrictEqual(access.clusters[0].summary.riskiest[0], {
            role: "node-role-1a2b3c4",
            why: [
                "every pod on its nodes can reach it through IMDS",
                "mandatory: node-role-managed-policies",
            ],
        });
    });

    it("what a role can do: access levels per service and their resources; administrator-equivalent stands out", async () => {
        const admin = role("admin-role", []);
        const scoped = role("scoped-role", []);
        const index = stackIndexOf([
            admin,
            scoped,
            planResource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "admin", {
                props: {
                    role: "admin-role-1a2b3c4",
                    policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
                },
            }),
            planResource("aws:iam/rolePolicy:RolePolicy", "scoped", {
                props: {
                    role: "scoped-role-1a2b3c4",
                    name: "scoped",
                    policy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Action: ["s3:GetObject", "s3:ListBucket", "sqs:SendMessage"],
                                Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*", "arn:aws:sqs:us-west-2:1:q"],
                            },
                            { Effect: "Allow", Action: "ec2:CreateTags", Resource: "*" },
                        ],
                    }),
                },
            }),
        ]);
        assert.deepStrictEqual(await rolePermissions(index.roles.get(admin.urn)!), {
            documents: ["AWS managed policy AdministratorAccess"],
            services: [{ service: "*", levels: ["every action"], resources: ["*"] }],
            administrator: 'allows every action ("*")',
            unknown: [],
        });
        assert.deepStrictEqual(await rolePermissions(index.roles.get(scoped.urn)!), {
            documents: ['inline policy "scoped"'],
            services: [
                { service: "ec2", levels: ["Write", "Tagging"], resources: ["*"] },
                // Each service keeps its own ARNs of a statement that mixes them.
                {
                    service: "s3",
                    levels: ["List", "Read"],
                    resources: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
                },
                { service: "sqs", levels: ["Write"], resources: ["arn:aws:sqs:us-west-2:1:q"] },
            ],
            unknown: [],
        });
    });

    it("Mermaid: a namespace too big for one block is split between workloads, each block within the limits", async () => {
        const access = await accessSection(plan([...resources, ...accessPolicies]));
        const one = access.clusters[0].workloads.find((w) => w.namespace === "batch")!;
        const many: WorkloadAccess[] = Array.from({ length: 400 }, (_, i) => ({
            ...one,
            serviceAccount: `sa-${i}`,
            role: { ...one.role, name: `role-${i}-${"x".repeat(40)}` },
        }));
        const blocks = namespaceMermaid(many);
        assert.strictEqual(blocks.length, 5);
        for (const block of blocks) {
            assert.ok(block.length <= MERMAID_MAX_CHARS, `${block.length} characters`);
            assert.ok((block.match(/-->/g) ?? []).length <= MERMAID_MAX_EDGES);
            assert.ok(block.startsWith('flowchart LR\n    subgraph ns_batch["namespace batch"]\n'));
            assert.ok(
                block.endsWith(
                    `    end\n    principal_arn_aws_iam__${ACCOUNT}_role_developers["arn:aws:iam::${ACCOUNT}:role/developers"] -->|"AmazonEKSEditPolicy: runs pods"| ns_batch\n    principal_arn_aws_iam__${ACCOUNT}_role_platform_admins["arn:aws:iam::${ACCOUNT}:role/platform-admins"] -->|"AmazonEKSClusterAdminPolicy: runs pods"| ns_batch\n    classDef risk fill:#fdd,stroke:#c00`,
                ),
            );
        }
        // Every workload once, none split inside.
        assert.strictEqual(
            blocks
                .join("\n")
                .split("\n")
                .filter((l) => l.includes('["batch/sa-')).length,
            400,
        );
    });
});
