// Construction-time checks of WorkloadIdentityArgs (identity/validate.ts), through the component:
// every problem with its property path before any child exists, and the warnings.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import {
    IdentityMode,
    SdkLanguage,
    WorkloadIdentity,
    WorkloadIdentityArgs,
    workloadIdentityChildNames,
} from "../../../components";
import { errorPaths, run, runExpectingError } from "../../harness";
import { ASSOC, base, CLUSTER_ARN, identity, NO_PROVIDER, PROVIDER, ROLE } from "./fixtures";

/** A valid policy document, for cases about something else. */
const READ_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" }],
});

/** A valid policy document of about `length` characters. */
function bigPolicy(length: number): string {
    const resources: string[] = [];
    const json = () =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: resources }],
        });
    while (json().length < length) {
        resources.push(`arn:aws:s3:::reports-${resources.length}/*`);
    }
    return json();
}

describe("WorkloadIdentity", () => {
    it("warns for the default service account", async () => {
        const r = await run(identity({ serviceAccount: "default" }));
        const own = r.warnings.filter((w) => !w.message.startsWith(NO_PROVIDER));
        assert.strictEqual(own.length, 1);
        assert.match(own[0].message, /"default" service account of namespace "payments"/);
    });

    describe("guards", () => {
        const cases: {
            title: string;
            args: Partial<WorkloadIdentityArgs>;
            paths: string[];
            reason: RegExp;
        }[] = [
            {
                title: "an adopted role name IAM refuses",
                args: { adopt: { roleName: "eksctl role" } },
                paths: ["adopt.roleName"],
                reason: /" ", which IAM refuses in a role name/,
            },
            {
                title: "an association ID not of EKS's shape",
                args: { mode: "both", adopt: { roleName: "payments", associationId: "a-ABC" } },
                paths: ["adopt.associationId"],
                reason: /"a-" and 17 lowercase letters and digits/,
            },
            {
                title: "an association to adopt in mode irsa",
                args: { adopt: { roleName: "payments", associationId: "a-yrpsdroc4ei7k6xps" } },
                paths: ["adopt.associationId"],
                reason: /use mode "both" \(or "pod-identity"\), or remove associationId/,
            },
            {
                title: "an association to adopt on a cluster named by an Output (its import ID is a plain string)",
                args: {
                    mode: "both",
                    clusterName: pulumi.output("dev"),
                    adopt: { roleName: "payments", associationId: "a-yrpsdroc4ei7k6xps" },
                },
                paths: ["adopt.associationId"],
                reason: /its import ID is <clusterName>,<associationId>/,
            },
            {
                title: "roleName other than the adopted role's",
                args: { roleName: "payments-api", adopt: { roleName: "payments" } },
                paths: ["roleName"],
                reason: /an adopted role keeps its name; remove roleName/,
            },
            {
                title: "a mode typo",
                args: { mode: "pod_identity" as IdentityMode },
                paths: ["mode"],
                reason: /irsa, pod-identity, both/,
            },
            {
                title: "an invalid namespace",
                args: { namespace: "Payments" },
                paths: ["namespace"],
                reason: /DNS-1123 label/,
            },
            {
                title: "an invalid service account",
                args: { serviceAccount: "api_server" },
                paths: ["serviceAccount"],
                reason: /DNS-1123 subdomain/,
            },
            {
                title: "IRSA without an OIDC provider",
                args: { oidcProviderArn: undefined },
                paths: ["oidcProviderArn"],
                reason: /EksCluster irsa: true/,
            },
            {
                title: "IRSA with an empty OIDC provider ARN (what @pulumi/eks 4.x outputs without a provider)",
                args: { oidcProviderArn: "" },
                paths: ["oidcProviderArn"],
                reason: /EksCluster irsa: true/,
            },
            {
                title: "IRSA with an ARN that is not an OIDC provider's",
                args: { oidcProviderArn: "arn:aws:iam::111122223333:role/x" },
                paths: ["oidcProviderArn"],
                reason: /"arn:aws:iam::111122223333:role\/x" is not an IAM OIDC provider ARN/,
            },
            {
                title: "IRSA with an empty OIDC provider ARN for an additional cluster",
                args: { additionalClusters: [{ clusterName: "blue", oidcProviderArn: " " }] },
                paths: ["additionalClusters[0].oidcProviderArn"],
                reason: /every trusted cluster's OIDC provider/,
            },
            {
                title: "an inline policy named like a well-known kind it sits beside",
                args: {
                    mode: "pod-identity",
                    wellKnownPolicies: [
                        { kind: "external-dns", hostedZoneArns: ["arn:aws:route53:::hostedzone/Z1"] },
                    ],
                    inlinePolicies: [{ name: "external-dns", policy: READ_POLICY }],
                },
                paths: ["inlinePolicies[0].name"],
                reason: /^the inline policy "external-dns" would have the same name as the one wellKnownPolicies\[0\]\.kind makes/,
            },
            {
                title: "an inline policy named assume-target-role beside targetRoleArn",
                args: {
                    mode: "pod-identity",
                    targetRoleArn: "arn:aws:iam::444455556666:role/target",
                    inlinePolicies: [{ name: "assume-target-role", policy: READ_POLICY }],
                },
                paths: ["inlinePolicies[0].name"],
                reason: /same name as the one targetRoleArn makes/,
            },
            {
                title: "two managed policies whose ARNs end alike",
                args: {
                    managedPolicyArns: [
                        "arn:aws:iam::aws:policy/ReadOnly",
                        "arn:aws:iam::111122223333:policy/team/ReadOnly",
                    ],
                },
                paths: ["managedPolicyArns[1]"],
                reason: /the attachment of "arn:aws:iam::111122223333:policy\/team\/ReadOnly" would have the same name as the one managedPolicyArns\[0\] makes/,
            },
            {
                title: "one managed policy twice",
                args: {
                    managedPolicyArns: [
                        "arn:aws:iam::aws:policy/ReadOnly",
                        "arn:aws:iam::aws:policy/ReadOnly",
                    ],
                },
                paths: ["managedPolicyArns[1]"],
                reason: /is listed twice: remove one/,
            },
            {
                title: "Pod Identity on a Fargate namespace",
                args: { mode: "both", fargateNamespaces: ["payments"] },
                paths: ["namespace"],
                reason: /runs on Fargate/,
            },
            {
                title: "Pod Identity without the agent",
                args: { mode: "pod-identity", podIdentityAgent: false },
                paths: ["podIdentityAgent"],
                reason: /eks-pod-identity-agent/,
            },
            {
                title: "Pod Identity below Kubernetes 1.24",
                args: { mode: "pod-identity", kubernetesVersion: "1.23" },
                paths: ["kubernetesVersion"],
                reason: /1\.24 or later/,
            },
            {
                title: "a target role that is not a role ARN",
                args: { mode: "pod-identity", targetRoleArn: "arn:aws:iam::999988887777:user/bob" },
                paths: ["targetRoleArn"],
                reason: /IAM role ARN/,
            },
            {
                title: "a session policy without disableSessionTags",
                args: { mode: "pod-identity", sessionPolicy: READ_POLICY },
                paths: ["sessionPolicy"],
                reason: /disableSessionTags to true/,
            },
            {
                title: "Pod Identity settings in irsa mode",
                args: { targetRoleArn: "arn:aws:iam::999988887777:role/x" },
                paths: ["targetRoleArn"],
                reason: /does not use Pod Identity/,
            },
            {
                title: "an SDK older than the Pod Identity minimum",
                args: { mode: "both", sdk: { language: "python", version: "1.34.40" } },
                paths: ["sdk.version"],
                reason: /needs 1\.34\.41/,
            },
            {
                title: "an unknown SDK language",
                args: { mode: "pod-identity", sdk: { language: "cobol" as SdkLanguage, version: "1.0" } },
                paths: ["sdk.language"],
                reason: /unknown SDK language/,
            },
            {
                title: "a malformed managed policy ARN",
                args: { managedPolicyArns: ["AmazonS3ReadOnlyAccess"] },
                paths: ["managedPolicyArns[0]"],
                reason: /IAM policy ARN/,
            },
            {
                title: "invalid inline policy JSON",
                args: { inlinePolicies: [{ name: "x", policy: "{not json" }] },
                paths: ["inlinePolicies[0].policy"],
                reason: /valid JSON/,
            },
            {
                title: "an empty well-known scope",
                args: { wellKnownPolicies: [{ kind: "external-dns", hostedZoneArns: [] }] },
                paths: ["wellKnownPolicies[0].hostedZoneArns"],
                reason: /./,
            },
            {
                title: "a bad role path",
                args: { rolePath: "workloads" },
                paths: ["rolePath"],
                reason: /starts and ends with/,
            },
            {
                title: "a session duration out of range",
                args: { maxSessionDurationSeconds: 60 },
                paths: ["maxSessionDurationSeconds"],
                reason: /3600 and 43200/,
            },
            {
                title: "an empty role name",
                args: { roleName: "" },
                paths: ["roleName"],
                reason: /^an IAM role name cannot be empty: .*or remove roleName/,
            },
            {
                title: "a role name over IAM's 64 characters",
                args: { roleName: `payments-api-${"x".repeat(52)}` },
                paths: ["roleName"],
                reason: /is 65 characters; IAM role names have at most 64: shorten it/,
            },
            {
                title: "a role name with a slash (a path belongs in rolePath)",
                args: { roleName: "workloads/payments-api" },
                paths: ["roleName"],
                reason: /has "\/", which IAM refuses in a role name: use only letters/,
            },
            {
                title: "a role path over IAM's 512 characters",
                args: { rolePath: `/${"team/".repeat(110)}` },
                paths: ["rolePath"],
                reason: /is 551 characters; IAM paths have at most 512/,
            },
            {
                title: "a permissions boundary given by name",
                args: { permissionsBoundary: "workload-boundary" },
                paths: ["permissionsBoundary"],
                reason: /"workload-boundary" is not an IAM policy ARN \(IAM CreateRole takes the boundary's ARN, not its name\): use arn:<partition>:iam::<account>:policy\/<name>/,
            },
            {
                title: "an inline policy whose Effect is misspelt",
                args: {
                    inlinePolicies: [{ name: "read", policy: READ_POLICY.replace('"Allow"', '"Alow"') }],
                },
                paths: ["inlinePolicies[0].policy"],
                reason: /Statement\[0\]\.Effect is "Alow": use "Allow" or "Deny"/,
            },
            {
                title: "inline policies over IAM's 10,240 characters per role",
                args: {
                    inlinePolicies: [1, 2, 3].map((n) => ({ name: `read-${n}`, policy: bigPolicy(4000) })),
                },
                paths: ["inlinePolicies"],
                reason: /add up to \d{5} characters \(whitespace not counted; .*IAM allows 10240 per role: move permissions into a customer managed policy/,
            },
            {
                title: "a session policy that is a list of statements",
                args: {
                    mode: "pod-identity",
                    disableSessionTags: true,
                    sessionPolicy: JSON.stringify(JSON.parse(READ_POLICY).Statement),
                },
                paths: ["sessionPolicy"],
                reason: /is a JSON array, not an IAM policy document/,
            },
            {
                title: "a session policy over STS's 2,048 characters",
                args: { mode: "pod-identity", disableSessionTags: true, sessionPolicy: bigPolicy(2100) },
                paths: ["sessionPolicy"],
                reason: /characters \(whitespace not counted\); STS takes session policies of at most 2048/,
            },
            {
                title: "a trust-length quota above the most IAM grants",
                args: { trustPolicyMaxLength: 10240 },
                paths: ["trustPolicyMaxLength"],
                reason: /a whole number from 2048 \(the default\) to 8192 \(the most IAM grants\); got 10240/,
            },
            {
                title: "a tag with the reserved aws: prefix and a value over 256",
                args: { tags: { "AWS:team": "payments", owner: "o".repeat(257) } },
                paths: ["tags.AWS:team", "tags.owner"],
                reason: /starts with "aws:", which AWS reserves/,
            },
        ];
        for (const c of cases) {
            it(`rejects ${c.title}, registering nothing`, async () => {
                const { error, registrations } = await runExpectingError(identity(c.args));
                assert.deepStrictEqual(errorPaths(error), c.paths);
                assert.match(error.errors.map((e) => e.reason).join("\n"), c.reason);
                assert.deepStrictEqual(
                    registrations.map((x) => x.type),
                    ["eks-identity:index:WorkloadIdentity"],
                );
            });
        }

        it("accepts an SDK at exactly the minimum, and any SDK in irsa mode", async () => {
            const ok = await run(
                identity({ mode: "pod-identity", sdk: { language: "go-v2", version: "release-2023-11-14" } }),
            );
            assert.strictEqual(ok.ofType(ASSOC).length, 1);
            const irsa = await run(identity({ sdk: { language: "python", version: "1.20.0" } }));
            assert.strictEqual(irsa.ofType(ROLE).length, 1);
        });

        it("reports every problem at once", async () => {
            const { error } = await runExpectingError(
                identity({
                    mode: "both",
                    namespace: "Bad",
                    oidcProviderArn: undefined,
                    fargateNamespaces: ["x"],
                    sessionPolicy: READ_POLICY,
                }),
            );
            assert.deepStrictEqual(errorPaths(error), ["namespace", "oidcProviderArn", "sessionPolicy"]);
        });
    });
});

describe("WorkloadIdentity SDK declarations", () => {
    it("rejects an unknown SDK language even in irsa mode, where versions are not checked", async () => {
        const { error } = await runExpectingError(
            identity({ sdk: { language: "pyhton" as SdkLanguage, version: "1.0.0" } }),
        );
        assert.deepStrictEqual(errorPaths(error), ["sdk.language"]);
    });
});

describe("workloadIdentityChildNames", () => {
    it("names exactly the children the component registers, so a stack's ledger cannot drift from it", async () => {
        const args: Partial<WorkloadIdentityArgs> = {
            mode: "both",
            managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
            inlinePolicies: [{ name: "api-read", policy: READ_POLICY }],
            wellKnownPolicies: [{ kind: "ebs-csi" }],
            targetRoleArn: "arn:aws:iam::444455556666:role/reports",
        };
        const r = await run(() => new WorkloadIdentity("reports", { ...base, ...args }));
        const registered = r.registrations
            .filter((x) => x.type !== "eks-identity:index:WorkloadIdentity")
            .map((x) => `${x.type} ${x.name}`)
            .sort();
        const named = workloadIdentityChildNames("reports", { ...base, ...args } as WorkloadIdentityArgs)
            .map((c) => `${c.type} ${c.name}`)
            .sort();
        assert.deepStrictEqual(named, registered);
        assert.deepStrictEqual(
            workloadIdentityChildNames("reports", {
                ...base,
                ...args,
                createServiceAccount: false,
                mode: "irsa",
            })
                .filter((c) => c.from !== "")
                .map((c) => [c.from, c.name]),
            [
                ["managedPolicyArns[0]", "reports-AmazonS3ReadOnlyAccess"],
                ["inlinePolicies[0].name", "reports-api-read"],
                ["wellKnownPolicies[0].kind", "reports-ebs-csi"],
                ["targetRoleArn", "reports-assume-target"],
            ],
        );
    });
});

describe("workloadIdentityChildNames of a ServiceAccount the product does not own", () => {
    it("names the annotation Patch in irsa and both, and nothing for the ServiceAccount in pod-identity", async () => {
        for (const [mode, patches] of [
            ["irsa", 1],
            ["both", 1],
            ["pod-identity", 0],
        ] as const) {
            const args = { ...base, mode, createServiceAccount: false };
            const r = await run(() => new WorkloadIdentity("reports", args));
            const registered = r.registrations
                .filter((x) => x.type !== "eks-identity:index:WorkloadIdentity")
                .map((x) => `${x.type} ${x.name}`)
                .sort();
            const named = workloadIdentityChildNames("reports", args).map((c) => `${c.type} ${c.name}`);
            assert.deepStrictEqual(named.sort(), registered);
            assert.strictEqual(
                named.filter((n) => n === "kubernetes:core/v1:ServiceAccountPatch reports-sa-role-arn")
                    .length,
                patches,
            );
        }
    });
});

describe("WorkloadIdentity: the own cluster in additionalClusters, and issuers the trust could not use", () => {
    it("the own cluster by name, or by ARN; a namesake in another region (its own ARN) is another cluster", async () => {
        const byName = await runExpectingError(
            identity({ mode: "pod-identity", additionalClusters: [{ clusterName: "dev" }] }),
        );
        assert.deepStrictEqual(
            byName.error.errors.map((e) => [e.propertyPath, e.reason]),
            [
                [
                    "additionalClusters[0].clusterName",
                    "this is the workload's own cluster, which the role trusts already: remove it from additionalClusters",
                ],
            ],
        );
        const byArn = await runExpectingError(
            identity({
                mode: "pod-identity",
                clusterArn: CLUSTER_ARN,
                additionalClusters: [{ clusterName: "dev-again", clusterArn: CLUSTER_ARN }],
            }),
        );
        assert.deepStrictEqual(errorPaths(byArn.error), ["additionalClusters[0].clusterArn"]);
        const namesake = await run(
            identity({
                mode: "pod-identity",
                clusterArn: CLUSTER_ARN,
                additionalClusters: [
                    { clusterName: "dev", clusterArn: CLUSTER_ARN.replace("us-west-2", "eu-west-1") },
                ],
            }),
        );
        assert.strictEqual(namesake.ofType(ROLE).length, 1);
    });

    it("an oidcIssuer that is only a scheme (the trust builder once threw on it inside an apply)", async () => {
        const { error, registrations } = await runExpectingError(
            identity({
                oidcIssuer: "https://",
                additionalClusters: [
                    {
                        clusterName: "blue",
                        oidcProviderArn: PROVIDER.replace("dev", "blue"),
                        oidcIssuer: "/",
                    },
                ],
            }),
        );
        assert.deepStrictEqual(errorPaths(error), ["additionalClusters[0].oidcIssuer", "oidcIssuer"]);
        assert.match(
            error.errors[0].reason,
            /^"https:\/\/" names no issuer host\/path: pass the cluster's issuer/,
        );
        assert.strictEqual(registrations.length, 1);
    });
});
