import * as assert from "assert";
import { StackValidationPolicy } from "@pulumi/policy";
import { ManagedPolicies } from "../../components/common/iamDocument";
import { ResourceInput } from "../../policy-pack/lib/evaluate";
import { clusterRoleManagedPolicies } from "../../policy-pack/policies/cluster/cluster-role-managed-policies";
import { clusterRoleTrust } from "../../policy-pack/policies/cluster/cluster-role-trust";
import { imdsLaunchTemplate } from "../../policy-pack/policies/imds/imds-launch-template";
import { imdsNodeGroupLaunchTemplate } from "../../policy-pack/policies/imds/imds-node-group-launch-template";
import { nodeRoleCniPolicy } from "../../policy-pack/policies/node/node-role-cni-policy";
import { nodeRoleForbiddenPolicies } from "../../policy-pack/policies/node/node-role-forbidden-policies";
import { nodeRoleInlinePolicies } from "../../policy-pack/policies/node/node-role-inline-policies";
import {
    NODE_ROLE_ALLOWED_DEFAULT,
    nodeRoleManagedPolicies,
} from "../../policy-pack/policies/node/node-role-managed-policies";
import { nodeRolePolicyQuota } from "../../policy-pack/policies/node/node-role-policy-quota";
import { nodeRoleTrust } from "../../policy-pack/policies/node/node-role-trust";
import { nodeRoleWildcardPermissions } from "../../policy-pack/policies/node/node-role-wildcard-permissions";
import { oidcProviderClientIds } from "../../policy-pack/policies/oidc/oidc-provider-client-ids";
import { oidcProviderIssuerUrl } from "../../policy-pack/policies/oidc/oidc-provider-issuer-url";
import { oidcProviderQuota } from "../../policy-pack/policies/oidc/oidc-provider-quota";
import { separationFargateNodeRole } from "../../policy-pack/policies/separation/separation-fargate-node-role";
import { separationPodIdentityFargate } from "../../policy-pack/policies/separation/separation-pod-identity-fargate";
import { separationWorkloadRole } from "../../policy-pack/policies/separation/separation-workload-role";
import { serviceAccountDedicated } from "../../policy-pack/policies/service-account/service-account-dedicated";
import { sshNodeGroupRemoteAccess } from "../../policy-pack/policies/ssh/ssh-node-group-remote-access";
import { sshSecurityGroupOpen } from "../../policy-pack/policies/ssh/ssh-security-group-open";
import {
    T,
    U,
    attachment,
    aws,
    editTrust,
    find,
    happyStack,
    irsaTrust,
    resource,
    role,
    roleArn,
    urn,
} from "./factories";
import { messages, runStack, stackMessages } from "./harness";

const NODE = `Node role "node-role" (node role through nodeRoleArn of aws:eks/nodeGroup:NodeGroup "ng")`;
const MODES = [false, true].map((preview) => ({ preview, label: preview ? "preview" : "update" }));

describe("oidc-provider-client-ids", () => {
    const policy = oidcProviderClientIds;
    const provider = (clientIdLists: unknown) =>
        resource(T.oidc, "oidc", { url: "https://x", clientIdLists });

    it("passes exactly sts.amazonaws.com and an unknown list", async () => {
        assert.deepStrictEqual(await messages(policy, provider(["sts.amazonaws.com"])), []);
        assert.deepStrictEqual(await messages(policy, provider(U)), []);
    });

    it("flags extra or missing client ids; allows configured ones", async () => {
        assert.deepStrictEqual(await messages(policy, provider(["sts.amazonaws.com", "vault"])), [
            `The OIDC provider lists client ids ["sts.amazonaws.com","vault"]. Set clientIdLists to ["sts.amazonaws.com"]: every other audience is a token STS would accept.`,
        ]);
        assert.strictEqual((await messages(policy, provider([]))).length, 1);
        assert.deepStrictEqual(
            await messages(policy, provider(["sts.amazonaws.com", "vault"]), {
                allowedClientIds: ["sts.amazonaws.com", "vault"],
            }),
            [],
        );
    });
});

describe("oidc-provider-issuer-url", () => {
    const policy = oidcProviderIssuerUrl;

    it("flags a non-https issuer, passes https and unknown", async () => {
        assert.deepStrictEqual(await messages(policy, resource(T.oidc, "o", { url: "http://issuer" })), [
            `The OIDC provider url "http://issuer" is not an https:// URL. Use the cluster's issuer, e.g. cluster.identities[0].oidcs[0].issuer.`,
        ]);
        assert.deepStrictEqual(await messages(policy, resource(T.oidc, "o", { url: "https://issuer" })), []);
        assert.deepStrictEqual(await messages(policy, resource(T.oidc, "o", { url: U })), []);
    });
});

describe("oidc-provider-quota", () => {
    const policy = oidcProviderQuota;
    const providers = (n: number) =>
        Array.from({ length: n }, (_, i) => resource(T.oidc, `o${i}`, { url: U }));

    it("passes at the quota and flags one over; counts configured existing providers", async () => {
        assert.deepStrictEqual(await stackMessages(policy, providers(100)), []);
        assert.deepStrictEqual(await stackMessages(policy, providers(101)), [
            `The stack creates 101 OIDC providers; with 0 existing that is 101, over the quota of 100. Move clusters to EKS Pod Identity (no provider needed) or raise the quota and set maxProviders.`,
        ]);
        assert.strictEqual((await stackMessages(policy, providers(3), { existingProviders: 98 })).length, 1);
        assert.deepStrictEqual(await stackMessages(policy, providers(101), { maxProviders: 200 }), []);
    });
});

describe("node-role-managed-policies", () => {
    const policy = nodeRoleManagedPolicies;

    for (const { preview, label } of MODES) {
        it(`flags the CNI policy on the node role, as @pulumi/eks attaches it (${label})`, async () => {
            const stack = happyStack({ preview });
            stack.push(attachment("node-cni", "node-role", aws(ManagedPolicies.cniPolicy), preview));
            const outcome = await runStack(policy as StackValidationPolicy, stack);
            assert.deepStrictEqual(outcome.messages, [
                `${NODE} carries arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy, which is not on the node-role allow-list: every pod on the node can use it through IMDS. ` +
                    `Detach it and grant it to the workload's own role (IRSA or Pod Identity), or add it to allowedPolicies.`,
            ]);
            assert.deepStrictEqual(outcome.urns, [urn(T.attachment, "node-cni")]);
        });
    }

    it("honours a configured allow-list and the role's own managedPolicyArns", async () => {
        const stack = happyStack();
        find(stack, "node-role").props.managedPolicyArns = [aws("AmazonS3FullAccess")];
        assert.strictEqual((await stackMessages(policy, stack)).length, 1);
        const allowed = [...NODE_ROLE_ALLOWED_DEFAULT, "AmazonS3FullAccess"];
        assert.deepStrictEqual(await stackMessages(policy, stack, { allowedPolicies: allowed }), []);
    });

    it("finds node roles through instance profiles, launch templates and EC2 access entries", async () => {
        const stack: ResourceInput[] = [
            role("self-managed", U, true),
            attachment("s3", "self-managed", aws("AmazonS3FullAccess"), true),
            resource(T.instanceProfile, "profile", { role: "self-managed" }),
        ];
        assert.strictEqual((await stackMessages(policy, stack)).length, 1);
        const viaEntry: ResourceInput[] = [
            role("hybrid", U, false),
            attachment("s3", "hybrid", aws("AmazonS3FullAccess"), false),
            resource(T.accessEntry, "entry", { type: "EC2_LINUX", principalArn: roleArn("hybrid") }),
        ];
        assert.strictEqual((await stackMessages(policy, viaEntry)).length, 1);
    });

    it("does not judge an attachment whose policy ARN is unknown and unlinked", async () => {
        const stack = happyStack({ preview: true });
        stack.push(attachment("mystery", "node-role", U, true));
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
    });
});

describe("node-role-forbidden-policies", () => {
    const policy = nodeRoleForbiddenPolicies;

    it("flags AdministratorAccess on the node role (and only there)", async () => {
        const stack = happyStack();
        stack.push(attachment("admin", "node-role", aws("AdministratorAccess"), false));
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${NODE} carries arn:aws:iam::aws:policy/AdministratorAccess, which gives every pod on the node that access through IMDS. Detach it.`,
        ]);
        assert.deepStrictEqual(await stackMessages(nodeRoleManagedPolicies, stack), []);
        assert.deepStrictEqual(await stackMessages(policy, stack, { deniedPolicies: ["IAMFullAccess"] }), []);
    });
});

describe("node-role-cni-policy", () => {
    const policy = nodeRoleCniPolicy;

    it("flags the CNI policy on the node role when vpc-cni has its own role", async () => {
        const stack = happyStack();
        stack.push(attachment("node-cni", "node-role", aws(ManagedPolicies.cniPolicy), false));
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${NODE} carries arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy although vpc-cni has its own identity (serviceAccountRoleArn of add-on "vpc-cni"). Detach it from the node role.`,
        ]);
        find(stack, "vpc-cni").props = { addonName: "vpc-cni" };
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
    });
});

describe("node-role-wildcard-permissions", () => {
    const policy = nodeRoleWildcardPermissions;
    const inline = (statement: Record<string, unknown>) =>
        resource(T.rolePolicy, "inline", {
            role: "node-role",
            name: "extra",
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", ...statement }] }),
        });

    it("flags *:* and PassRole on *, passes scoped permissions", async () => {
        const stack = happyStack();
        stack.push(inline({ Action: "*", Resource: "*" }));
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${NODE}: inline policy "extra" statement 0 allows every action ("*"), which every pod on the node can use through IMDS. Name the actions and resources, and move workload permissions to the workload's own role.`,
        ]);
        stack[stack.length - 1] = inline({ Action: ["iam:Pass*"], Resource: roleArn("x") });
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
        stack[stack.length - 1] = inline({ Action: ["iam:PassRole"], Resource: "*" });
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${NODE}: inline policy "extra" statement 0 allows iam:PassRole on every resource ("*"), which every pod on the node can use through IMDS. Name the actions and resources, and move workload permissions to the workload's own role.`,
        ]);
        stack[stack.length - 1] = inline({ Action: "iam:PassRole", Resource: roleArn("x") });
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
    });

    it("flags service wildcards (s3:*, ec2:*, secretsmanager:*) and wildcard actions on every resource", async () => {
        const stack = happyStack();
        stack.push(inline({ Action: ["s3:*", "ec2:*"], Resource: "arn:aws:s3:::bucket/*" }));
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${NODE}: inline policy "extra" statement 0 allows every s3 action ("s3:*"), which every pod on the node can use through IMDS. Name the actions and resources, and move workload permissions to the workload's own role.`,
            `${NODE}: inline policy "extra" statement 0 allows every ec2 action ("ec2:*"), which every pod on the node can use through IMDS. Name the actions and resources, and move workload permissions to the workload's own role.`,
        ]);
        stack[stack.length - 1] = inline({ Action: "secretsmanager:Get*", Resource: "*" });
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${NODE}: inline policy "extra" statement 0 allows "secretsmanager:Get*" on every resource ("*"), which every pod on the node can use through IMDS. Name the actions and resources, and move workload permissions to the workload's own role.`,
        ]);
    });

    it("flags a customer-managed policy with s3:* on a node role (preview, linked through policyArn)", async () => {
        const stack = happyStack({ preview: true });
        stack.push(
            resource(T.policy, "workload", {
                name: "workload",
                arn: U,
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
                }),
            }),
            resource(
                T.attachment,
                "node-workload",
                { role: "node-role", policyArn: U },
                { policyArn: [urn(T.policy, "workload")] },
            ),
        );
        const outcome = await runStack(policy as StackValidationPolicy, stack);
        assert.deepStrictEqual(outcome.messages, [
            `${NODE}: customer-managed policy "workload" statement 0 allows every s3 action ("s3:*"), which every pod on the node can use through IMDS. Name the actions and resources, and move workload permissions to the workload's own role.`,
        ]);
        assert.deepStrictEqual(outcome.urns, [urn(T.policy, "workload")]);
    });

    it("checks inlinePolicies and skips unknown documents", async () => {
        const stack = happyStack();
        find(stack, "node-role").props.inlinePolicies = [
            {
                name: "a",
                policy: JSON.stringify({
                    Statement: { Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" },
                }),
            },
            { name: "b", policy: U },
        ];
        assert.strictEqual((await stackMessages(policy, stack)).length, 1);
    });
});

describe("node-role-inline-policies", () => {
    const policy = nodeRoleInlinePolicies;
    const inline = (...statements: Record<string, unknown>[]) =>
        resource(T.rolePolicy, "inline", {
            role: "node-role",
            name: "extra",
            policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
        });

    it("is advisory and passes the happy stack (no inline policy on the node role)", async () => {
        assert.strictEqual(policy.enforcementLevel, "advisory");
        assert.deepStrictEqual(await stackMessages(policy, happyStack()), []);
    });

    for (const { preview, label } of MODES) {
        it(`reports s3:GetObject on a bucket in an inline node-role policy (${label})`, async () => {
            const stack = happyStack({ preview });
            const p = inline({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" });
            if (preview) {
                p.props.role = "node-role";
                p.propertyDependencies = { role: [urn(T.role, "node-role")] };
            }
            stack.push(p);
            const outcome = await runStack(policy as StackValidationPolicy, stack);
            assert.deepStrictEqual(outcome.messages, [
                `${NODE}: inline policy "extra" allows s3:GetObject, which every pod on the node can use through IMDS. ` +
                    `Node roles should carry no workload permissions: grant them to the workload's own role (IRSA or Pod Identity) and remove the inline policy.`,
            ]);
            assert.deepStrictEqual(outcome.urns, [urn(T.rolePolicy, "inline")]);
            assert.deepStrictEqual(await stackMessages(nodeRoleWildcardPermissions, stack), []);
        });
    }

    it("leaves wildcard policies to node-role-wildcard-permissions, and ignores deny-only and unknown documents", async () => {
        const stack = happyStack();
        stack.push(inline({ Effect: "Allow", Action: "s3:*", Resource: "*" }));
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
        stack[stack.length - 1] = inline({ Effect: "Deny", Action: "s3:*", Resource: "*" });
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
        stack[stack.length - 1] = resource(T.rolePolicy, "inline", { role: "node-role", policy: U });
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
    });
});

describe("node-role-trust", () => {
    const policy = nodeRoleTrust;

    it("flags a node role that also trusts pods.eks.amazonaws.com", async () => {
        const stack = happyStack();
        editTrust(
            find(stack, "node-role"),
            (doc) =>
                (doc.Statement[0].Principal = { Service: ["ec2.amazonaws.com", "pods.eks.amazonaws.com"] }),
        );
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${NODE} trust statement 0 also trusts "pods.eks.amazonaws.com". A node role must trust only ec2.amazonaws.com: give other principals their own role.`,
        ]);
        assert.deepStrictEqual(
            await stackMessages(policy, stack, {
                allowedServices: ["ec2.amazonaws.com", "pods.eks.amazonaws.com"],
            }),
            [],
        );
    });

    it("passes the happy stack at preview", async () => {
        assert.deepStrictEqual(await stackMessages(policy, happyStack({ preview: true })), []);
    });
});

describe("node-role-policy-quota", () => {
    const policy = nodeRolePolicyQuota;

    it("flags more managed policies than the quota", async () => {
        const stack = happyStack();
        find(stack, "node-role").props.managedPolicyArns = Array.from({ length: 9 }, (_, i) => aws(`P${i}`));
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `${NODE} carries 11 managed policies, over the quota of 10. Keep the node role to the allow-listed policies and move the rest to workload roles.`,
        ]);
        assert.deepStrictEqual(await stackMessages(policy, stack, { maxManagedPolicies: 20 }), []);
    });
});

describe("imds-launch-template", () => {
    const policy = imdsLaunchTemplate;
    const lt = (metadataOptions: unknown) =>
        resource(T.launchTemplate, "lt", metadataOptions === undefined ? {} : { metadataOptions });

    it("passes required tokens with hop limit 1, or IMDS disabled", async () => {
        assert.deepStrictEqual(
            await messages(policy, lt({ httpTokens: "required", httpPutResponseHopLimit: 1 })),
            [],
        );
        assert.deepStrictEqual(await messages(policy, lt({ httpEndpoint: "disabled" })), []);
    });

    it("flags the @pulumi/eks default (hop limit 2) and a missing metadataOptions", async () => {
        assert.deepStrictEqual(
            await messages(policy, lt({ httpTokens: "required", httpPutResponseHopLimit: 2 })),
            [
                `metadataOptions.httpPutResponseHopLimit is 2, which lets pods reach the node role through IMDS. Set it to 1.`,
            ],
        );
        assert.deepStrictEqual(await messages(policy, lt(undefined)), [
            `metadataOptions.httpTokens is unset (IMDSv1 allowed). Set metadataOptions.httpTokens to "required".`,
            `metadataOptions.httpPutResponseHopLimit is unset, so the AMI decides (2 on EKS AL2023 AMIs), which lets pods reach the node role. Set it to 1.`,
        ]);
        assert.deepStrictEqual(
            await messages(policy, lt({ httpTokens: "optional", httpPutResponseHopLimit: 1 })),
            [`metadataOptions.httpTokens is "optional". Set metadataOptions.httpTokens to "required".`],
        );
    });

    it("checks what is known and honours maxHopLimit", async () => {
        assert.deepStrictEqual(await messages(policy, lt({ httpTokens: U, httpPutResponseHopLimit: U })), []);
        assert.deepStrictEqual(await messages(policy, lt(U)), []);
        assert.deepStrictEqual(
            await messages(policy, lt({ httpTokens: "required", httpPutResponseHopLimit: 2 }), {
                maxHopLimit: 2,
            }),
            [],
        );
    });
});

describe("imds-node-group-launch-template", () => {
    const policy = imdsNodeGroupLaunchTemplate;

    it("flags a node group without a launch template", async () => {
        assert.deepStrictEqual(await messages(policy, resource(T.nodeGroup, "ng", { nodeRoleArn: U })), [
            `The node group has no launchTemplate, so IMDS runs with the AMI defaults (hop limit 2 on EKS AL2023 AMIs). Add a launch template with metadataOptions { httpTokens: "required", httpPutResponseHopLimit: 1 }.`,
        ]);
        assert.deepStrictEqual(
            await messages(policy, resource(T.nodeGroup, "ng", { launchTemplate: U })),
            [],
        );
    });
});

describe("separation-workload-role", () => {
    const policy = separationWorkloadRole;

    for (const { preview, label } of MODES) {
        it(`flags a workload role used as the node role (${label})`, async () => {
            const stack = happyStack({ preview });
            const ng = find(stack, "ng");
            ng.props.nodeRoleArn = preview ? U : roleArn("app-role");
            ng.propertyDependencies = preview ? { nodeRoleArn: [urn(T.role, "app-role")] } : undefined;
            assert.deepStrictEqual(await stackMessages(policy, stack), [
                `Role "app-role" is a workload role (through roleArn of aws:eks/podIdentityAssociation:PodIdentityAssociation "app") and also the node role (through nodeRoleArn of aws:eks/nodeGroup:NodeGroup "ng"). Give the workload its own role.`,
            ]);
        });
    }

    it("passes the happy stack", async () => {
        assert.deepStrictEqual(await stackMessages(policy, happyStack({ preview: true })), []);
    });
});

describe("separation-fargate-node-role", () => {
    const policy = separationFargateNodeRole;

    it("flags a Fargate role that is also the node role", async () => {
        const stack = happyStack();
        find(stack, "batch").props.podExecutionRoleArn = roleArn("node-role");
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `Role "node-role" is the Fargate pod execution role (through podExecutionRoleArn of aws:eks/fargateProfile:FargateProfile "batch") and also the node role (through nodeRoleArn of aws:eks/nodeGroup:NodeGroup "ng"). Create a separate node role.`,
        ]);
    });
});

describe("separation-pod-identity-fargate", () => {
    const policy = separationPodIdentityFargate;

    it("flags Pod Identity for a namespace a Fargate profile serves (wildcard selectors too)", async () => {
        const stack = happyStack();
        find(stack, "batch").props.selectors = [{ namespace: "ap*" }];
        assert.deepStrictEqual(await stackMessages(policy, stack), [
            `Pod Identity association "app" targets namespace "app", which Fargate profile "batch" serves; Pod Identity does not work on Fargate. Use IRSA for this workload, or run it on EC2 nodes.`,
        ]);
        find(stack, "batch").props.clusterName = "other";
        assert.deepStrictEqual(await stackMessages(policy, stack), []);
    });
});

describe("cluster-role-trust and cluster-role-managed-policies", () => {
    it("flags a cluster role trusting more than eks.amazonaws.com", async () => {
        const stack = happyStack();
        editTrust(
            find(stack, "cluster-role"),
            (doc) =>
                (doc.Statement[0].Principal = { Service: "eks.amazonaws.com", AWS: "arn:aws:iam::1:root" }),
        );
        assert.deepStrictEqual(await stackMessages(clusterRoleTrust, stack), [
            `Cluster role "cluster-role" (cluster role through roleArn of aws:eks/cluster:Cluster "prod") trust statement 0 also trusts "arn:aws:iam::1:root". Trust only "eks.amazonaws.com".`,
        ]);
    });

    it("flags AmazonEKSServicePolicy; allow-list configurable", async () => {
        const stack = happyStack({ preview: true });
        stack.push(attachment("svc", "cluster-role", aws("AmazonEKSServicePolicy"), true));
        assert.deepStrictEqual(await stackMessages(clusterRoleManagedPolicies, stack), [
            `Cluster role "cluster-role" (cluster role through roleArn of aws:eks/cluster:Cluster "prod") carries arn:aws:iam::aws:policy/AmazonEKSServicePolicy, which is not on the cluster-role allow-list. Detach it (AmazonEKSServicePolicy is obsolete since 2020), or add it to allowedPolicies.`,
        ]);
        assert.deepStrictEqual(
            await stackMessages(clusterRoleManagedPolicies, stack, {
                allowedPolicies: ["AmazonEKSClusterPolicy", "AmazonEKSServicePolicy"],
            }),
            [],
        );
    });
});

describe("ssh-node-group-remote-access", () => {
    const policy = sshNodeGroupRemoteAccess;
    const ng = (remoteAccess: unknown) => resource(T.nodeGroup, "ng", { remoteAccess });

    it("flags an SSH key without source security groups", async () => {
        assert.deepStrictEqual(await messages(policy, ng({ ec2SshKey: "ops" })), [
            `remoteAccess sets ec2SshKey without sourceSecurityGroupIds, so EKS opens port 22 on every node to 0.0.0.0/0. ` +
                `Set remoteAccess.sourceSecurityGroupIds to the bastion's security group, or drop remoteAccess and use SSM Session Manager.`,
        ]);
    });

    it("passes restricted or unknown access", async () => {
        assert.deepStrictEqual(
            await messages(policy, ng({ ec2SshKey: "ops", sourceSecurityGroupIds: ["sg-1"] })),
            [],
        );
        assert.deepStrictEqual(
            await messages(policy, ng({ ec2SshKey: "ops", sourceSecurityGroupIds: U })),
            [],
        );
        assert.deepStrictEqual(await messages(policy, ng(U)), []);
    });
});

describe("ssh-security-group-open", () => {
    const policy = sshSecurityGroupOpen;
    const ADVICE = (property: string) =>
        `so anyone on the internet can reach it. Name the bastion's security group in ${property} instead of the world CIDR, or use SSM Session Manager.`;
    const group = (ingress: unknown) =>
        resource("aws:ec2/securityGroup:SecurityGroup", "sg", { vpcId: "vpc-1", ingress });
    const ssh = { protocol: "tcp", fromPort: 22, toPort: 22 };

    it("passes the SSH group the node-group components create (source security groups only)", async () => {
        // components/nodegroups/nodeRole.ts createSshSecurityGroup, as the engine sends it.
        assert.deepStrictEqual(
            await messages(policy, group([{ ...ssh, securityGroups: ["sg-bastion"] }])),
            [],
        );
        assert.deepStrictEqual(await messages(policy, group([{ ...ssh, securityGroups: U }])), []);
    });

    it("flags inline ingress admitting 22 from the world (single port, range, all protocols)", async () => {
        assert.deepStrictEqual(await messages(policy, group([{ ...ssh, cidrBlocks: ["0.0.0.0/0"] }])), [
            `ingress[0] admits port 22 (SSH) from 0.0.0.0/0 (protocol tcp, ports 22-22), ${ADVICE("securityGroups")}`,
        ]);
        assert.deepStrictEqual(
            await messages(
                policy,
                group([
                    { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
                    { protocol: "tcp", fromPort: 0, toPort: 1024, ipv6CidrBlocks: ["::/0"] },
                    { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8", "0.0.0.0/0"] },
                ]),
            ),
            [
                `ingress[1] admits port 22 (SSH) from ::/0 (protocol tcp, ports 0-1024), ${ADVICE("securityGroups")}`,
                `ingress[2] admits port 22 (SSH) from 0.0.0.0/0 (protocol -1, all ports), ${ADVICE("securityGroups")}`,
            ],
        );
    });

    it("passes private CIDRs, other ports, udp and unknown values", async () => {
        assert.deepStrictEqual(
            await messages(
                policy,
                group([
                    { ...ssh, cidrBlocks: ["10.0.0.0/8"] },
                    { protocol: "tcp", fromPort: 23, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] },
                    { protocol: "udp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
                    { ...ssh, cidrBlocks: U },
                    { protocol: U, fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
                ]),
            ),
            [],
        );
        assert.deepStrictEqual(await messages(policy, group(U)), []);
    });

    it("flags an ec2.SecurityGroupRule of type ingress, not egress", async () => {
        const rule = (type: string) =>
            resource("aws:ec2/securityGroupRule:SecurityGroupRule", "r", {
                type,
                securityGroupId: "sg-1",
                protocol: "all",
                fromPort: 0,
                toPort: 0,
                cidrBlocks: ["0.0.0.0/0"],
            });
        assert.deepStrictEqual(await messages(policy, rule("ingress")), [
            `The ingress rule admits port 22 (SSH) from 0.0.0.0/0 (protocol all, all ports), ${ADVICE("sourceSecurityGroupId")}`,
        ]);
        assert.deepStrictEqual(await messages(policy, rule("egress")), []);
    });

    it("flags a vpc.SecurityGroupIngressRule from ::/0, passes one from a security group", async () => {
        const rule = (props: Record<string, unknown>) =>
            resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r", {
                securityGroupId: "sg-1",
                ipProtocol: "tcp",
                fromPort: 22,
                toPort: 22,
                ...props,
            });
        assert.deepStrictEqual(await messages(policy, rule({ cidrIpv6: "::/0" })), [
            `The ingress rule admits port 22 (SSH) from ::/0 (protocol tcp, ports 22-22), ${ADVICE("referencedSecurityGroupId")}`,
        ]);
        assert.deepStrictEqual(await messages(policy, rule({ referencedSecurityGroupId: "sg-bastion" })), []);
        assert.deepStrictEqual(await messages(policy, rule({ cidrIpv4: U })), []);
    });
});

describe("service-account-dedicated", () => {
    const policy = serviceAccountDedicated;
    const ADVICE = "Create a dedicated service account for the workload and bind the role to it.";

    it("flags every way of binding a role to the default service account", async () => {
        assert.deepStrictEqual(
            await messages(policy, resource(T.pia, "p", { namespace: "app", serviceAccount: "default" })),
            [
                `The Pod Identity association binds its role to the "default" service account of "app". ${ADVICE}`,
            ],
        );
        assert.deepStrictEqual(
            await messages(
                policy,
                resource(T.serviceAccount, "d", {
                    metadata: { name: "default", annotations: { "eks.amazonaws.com/role-arn": U } },
                }),
            ),
            [`The "default" service account carries the eks.amazonaws.com/role-arn annotation. ${ADVICE}`],
        );
        assert.deepStrictEqual(await messages(policy, role("r", irsaTrust("app", "default"), false)), [
            `Trust statement 0 lets "system:serviceaccount:app:default" assume the role. ${ADVICE}`,
        ]);
        assert.deepStrictEqual(
            await messages(
                policy,
                resource(T.addon, "a", {
                    podIdentityAssociations: [{ roleArn: U, serviceAccount: "default" }],
                }),
            ),
            [
                `A podIdentityAssociations entry of the add-on binds a role to the "default" service account. ${ADVICE}`,
            ],
        );
    });

    it("passes dedicated accounts and unknown values", async () => {
        assert.deepStrictEqual(
            await messages(policy, resource(T.pia, "p", { namespace: "app", serviceAccount: U })),
            [],
        );
        assert.deepStrictEqual(await messages(policy, role("r", irsaTrust(), false)), []);
    });
});
