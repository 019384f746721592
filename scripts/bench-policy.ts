// Benchmark, not a test: evaluate() on a generated 10,000-resource stack (preview shape: unknown
// ARNs linked through propertyDependencies), reported as ms per 1,000 resources (target < 100),
// and against its first 1,000 for growth: cost per resource at 10,000 over 1,000 (target <= 1.2).
// Run: npx tsc -p . && node bin/scripts/bench-policy.js [resources]
import { ResourceInput, evaluate } from "../policy-pack/lib/evaluate";
import { UNKNOWN_STRING_SENTINEL as U } from "../policy-pack/lib/props";

const ACCOUNT = "111122223333";

/** The benchmark's stack of `count` resources: per workload a role, attachment, association, ServiceAccount; a node group every 10. */
export function generate(count: number): ResourceInput[] {
    const resources: ResourceInput[] = [];
    const urn = (type: string, name: string) => `urn:pulumi:bench::eks::${type}::${name}`;
    const push = (
        type: string,
        name: string,
        props: Record<string, unknown>,
        deps?: Record<string, string[]>,
    ) =>
        resources.push({
            urn: urn(type, name),
            type,
            name,
            props,
            ...(deps ? { propertyDependencies: deps } : {}),
        });
    for (let i = 0; resources.length < count; i++) {
        const issuer = `oidc.eks.us-west-2.amazonaws.com/id/C${i % 50}`;
        const roleName = `app-${i}`;
        // A workload: role (both modes), attachment, Pod Identity association, service account; plus a node group every 10.
        push("aws:iam/role:Role", roleName, {
            name: roleName,
            arn: U,
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer}` },
                        Action: "sts:AssumeRoleWithWebIdentity",
                        Condition: {
                            StringEquals: {
                                [`${issuer}:sub`]: `system:serviceaccount:ns${i}:sa${i}`,
                                [`${issuer}:aud`]: "sts.amazonaws.com",
                            },
                        },
                    },
                    {
                        Effect: "Allow",
                        Principal: { Service: "pods.eks.amazonaws.com" },
                        Action: ["sts:AssumeRole", "sts:TagSession"],
                        Condition: {
                            StringEquals: {
                                "aws:SourceAccount": ACCOUNT,
                                "aws:RequestTag/kubernetes-namespace": `ns${i}`,
                            },
                        },
                    },
                ],
            }),
        });
        const roleUrn = urn("aws:iam/role:Role", roleName);
        push(
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            `${roleName}-s3`,
            { role: roleName, policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" },
            { role: [roleUrn] },
        );
        push(
            "aws:eks/podIdentityAssociation:PodIdentityAssociation",
            roleName,
            { clusterName: "prod", namespace: `ns${i}`, serviceAccount: `sa${i}`, roleArn: U },
            { roleArn: [roleUrn] },
        );
        push(
            "kubernetes:core/v1:ServiceAccount",
            roleName,
            {
                metadata: {
                    name: `sa${i}`,
                    namespace: `ns${i}`,
                    annotations: { "eks.amazonaws.com/role-arn": U },
                },
            },
            { metadata: [roleUrn] },
        );
        if (i % 10 === 0) {
            push("aws:ec2/launchTemplate:LaunchTemplate", `lt-${i}`, {
                metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
            });
            push(
                "aws:eks/nodeGroup:NodeGroup",
                `ng-${i}`,
                { nodeRoleArn: U, launchTemplate: { id: U } },
                { nodeRoleArn: [roleUrn] },
            );
        }
    }
    return resources.slice(0, count);
}

/** The best of `runs` evaluate() calls on `resources`, in ms. */
export async function bestEvaluate(
    resources: ResourceInput[],
    runs = 3,
): Promise<{ ms: number; violations: number }> {
    let best = Infinity;
    let violations = 0;
    for (let run = 0; run < runs; run++) {
        const start = process.hrtime.bigint();
        violations = (await evaluate(resources)).length;
        best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
    }
    return { ms: best, violations };
}

export async function main(
    count = 10000,
    small = 1000,
): Promise<{ small: number; large: number; growth: number }> {
    const resources = generate(count);
    await evaluate(resources.slice(0, 500)); // warm up the JIT and module caches
    const few = await bestEvaluate(resources.slice(0, small), 5);
    const all = await bestEvaluate(resources);
    const perThousand = (ms: number, n: number) => (ms / n) * 1000;
    const growth = all.ms / count / (few.ms / small);
    console.log(
        `evaluate(): ${count} resources, ${all.violations} violations: best ${perThousand(all.ms, count).toFixed(1)} ms per 1,000 resources (target < 100)`,
    );
    console.log(
        `  ${small} resources: ${perThousand(few.ms, small).toFixed(1)} ms per 1,000; ` +
            `growth, cost per resource at ${count} over ${small}: ${growth.toFixed(2)} (target <= 1.2)`,
    );
    return { small: few.ms, large: all.ms, growth };
}

if (require.main === module) {
    main(Number(process.argv[2] ?? 10000)).catch((e: unknown) => {
        console.error(e);
        process.exitCode = 1;
    });
}
