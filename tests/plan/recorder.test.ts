// The recorder: what it records of each registration, as the engine sees it.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, UNKNOWN } from "../../plan/cloud";
import { toPlanResource } from "../../plan/plan";
import { isProgramFailure, runProgram, StallError } from "../../plan/recorder";
import { run } from "../harness";

describe("plan/recorder", () => {
    it("records parent, dependencies, property dependencies, protect and outputs", async () => {
        const r = await run(() => {
            const parent = new pulumi.ComponentResource("test:index:Parent", "p", {}, {});
            const role = new aws.iam.Role("r", { assumeRolePolicy: "{}" }, { parent, protect: true });
            new aws.iam.RolePolicyAttachment(
                "a",
                { role: role.name, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
                { parent },
            );
        });
        const parent = r.one("test:index:Parent", "p");
        const role = r.one("aws:iam/role:Role", "r");
        const attachment = r.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a");
        assert.strictEqual(role.parent, parent.urn);
        assert.strictEqual(role.protect, true);
        assert.strictEqual(role.custom, true);
        assert.strictEqual(parent.custom, false);
        assert.deepStrictEqual(attachment.dependencies, [role.urn]);
        assert.deepStrictEqual(attachment.propertyDependencies.role, [role.urn]);
        assert.deepStrictEqual(attachment.propertyDependencies.policyArn, []);
        assert.match(String(role.outputs.arn), /^arn:aws:iam::111122223333:role\/r-[0-9a-f]{7}$/);
    });

    it("firstPreview: the SDK carries the cloud's unknown outputs into the inputs built from them; apply does not run", async () => {
        const program = () => {
            const role = new aws.iam.Role("r", { assumeRolePolicy: "{}" });
            const seen: string[] = [];
            new aws.iam.RolePolicy("p", {
                role: role.name,
                policy: role.arn.apply((arn) => {
                    seen.push(arn);
                    return JSON.stringify({ Statement: [{ Resource: arn }] });
                }),
            });
            return seen;
        };
        const first = await runProgram(program, { preview: true, firstPreview: true });
        const policy = first.registrations.find((x) => x.name === "p")!;
        assert.deepStrictEqual(policy.inputs, { role: physicalName("r"), policy: UNKNOWN });
        assert.deepStrictEqual(first.value, []);
        const known = await runProgram(program, { preview: true });
        assert.deepStrictEqual(known.value, [`arn:aws:iam::111122223333:role/${physicalName("r")}`]);
    });

    it("names URNs after the run's project and stack, and tells the program whether it is a preview", async () => {
        const r = await runProgram(
            () => {
                new aws.iam.Role("r", { assumeRolePolicy: "{}" });
                return pulumi.runtime.isDryRun();
            },
            { project: "platform", stack: "prod", preview: true },
        );
        assert.strictEqual(r.value, true);
        assert.deepStrictEqual(
            r.registrations.map((x) => x.urn),
            ["urn:pulumi:prod::platform::aws:iam/role:Role::r"],
        );
        const defaults = await runProgram(() => pulumi.runtime.isDryRun());
        assert.strictEqual(defaults.value, false);
    });

    it("records the import ID of an imported resource, which the plan file keeps; the fake cloud answers with the existing resource", async () => {
        const r = await run(() => {
            new aws.iam.Role("adopted", { assumeRolePolicy: "{}" }, { import: "legacy-reports" });
            new aws.iam.Role("created", { assumeRolePolicy: "{}" });
        });
        const adopted = r.one("aws:iam/role:Role", "adopted");
        assert.strictEqual(adopted.importId, "legacy-reports");
        assert.strictEqual(adopted.id, "legacy-reports");
        assert.strictEqual(adopted.outputs.arn, "arn:aws:iam::111122223333:role/legacy-reports");
        assert.strictEqual(toPlanResource(adopted).importId, "legacy-reports");
        assert.strictEqual("importId" in r.one("aws:iam/role:Role", "created"), false);
        assert.strictEqual("importId" in toPlanResource(r.one("aws:iam/role:Role", "created")), false);
    });

    it("records aliases, a component's registered outputs, invokes and warnings with their resource", async () => {
        const r = await run(() => {
            const parent = new pulumi.ComponentResource("test:index:Parent", "p", {}, {});
            const role = new aws.iam.Role(
                "r",
                { assumeRolePolicy: "{}" },
                {
                    parent,
                    aliases: [{ name: "old-r" }, "urn:pulumi:test::eks-identity::aws:iam/role:Role::older"],
                },
            );
            (parent as unknown as { registerOutputs(o: object): void }).registerOutputs({
                roleName: role.name,
            });
            void pulumi.log.warn("about the role", role);
            void pulumi.log.warn("about nothing in particular");
            aws.getRegionOutput();
        });
        const role = r.one("aws:iam/role:Role", "r");
        assert.deepStrictEqual(role.aliases, [
            { name: "old-r", parentUrn: r.one("test:index:Parent", "p").urn },
            { urn: "urn:pulumi:test::eks-identity::aws:iam/role:Role::older" },
        ]);
        assert.deepStrictEqual(r.one("test:index:Parent", "p").outputs, { roleName: role.outputs.name });
        assert.deepStrictEqual(r.invokes, ["aws:index/getRegion:getRegion"]);
        assert.deepStrictEqual(r.warnings, [
            { message: "about the role", urn: role.urn },
            { message: "about nothing in particular" },
        ]);
    });

    it("hands each registration to onRegister as it completes, in order", async () => {
        const seen: string[] = [];
        const r = await runProgram(
            () => {
                const a = new aws.iam.Role("a", { assumeRolePolicy: "{}" });
                new aws.iam.RolePolicyAttachment("b", {
                    role: a.name,
                    policyArn: "arn:aws:iam::aws:policy/x",
                });
            },
            { onRegister: (x) => seen.push(x.name) },
        );
        assert.deepStrictEqual(seen, ["a", "b"]);
        assert.deepStrictEqual(
            r.registrations.map((x) => x.name),
            ["a", "b"],
        );
    });

    it("a failed run is an error, never an empty result: thrown, or rejected in an apply", async () => {
        await assert.rejects(
            runProgram(() => {
                new aws.iam.Role("before", { assumeRolePolicy: "{}" });
                throw new Error("program bug");
            }),
            /^Error: program bug$/,
        );
        await assert.rejects(
            runProgram(() => {
                const role = new aws.iam.Role("r", { assumeRolePolicy: "{}" });
                role.name.apply((n) => {
                    throw new Error(`late failure for ${n}`);
                });
            }),
            /late failure for r-/,
        );
    });

    it("runs one program at a time: concurrent runs keep their own registrations", async () => {
        const program = (name: string) => () => {
            new aws.iam.Role(name, { assumeRolePolicy: "{}" });
        };
        const [a, b] = await Promise.all([runProgram(program("first")), runProgram(program("second"))]);
        assert.deepStrictEqual(
            a.registrations.map((x) => x.name),
            ["first"],
        );
        assert.deepStrictEqual(
            b.registrations.map((x) => x.name),
            ["second"],
        );
    });

    it("a second registration of the same URN fails the run, as the engine does, naming the URN", async () => {
        await assert.rejects(
            runProgram(() => {
                new aws.iam.Role("same", { assumeRolePolicy: "{}" });
                new aws.iam.Role("same", { assumeRolePolicy: "{}" });
            }),
            (error: Error) =>
                error.message ===
                "Duplicate resource URN 'urn:pulumi:test::eks-identity::aws:iam/role:Role::same'; try giving it a unique name",
        );
        // The same name under another type, or another parent, is another URN.
        const result = await runProgram(() => {
            new aws.iam.Role("same", { assumeRolePolicy: "{}" });
            new aws.iam.Policy("same", { policy: "{}" });
        });
        assert.deepStrictEqual(result.registrations.map((r) => r.urn).sort(), [
            "urn:pulumi:test::eks-identity::aws:iam/policy:Policy::same",
            "urn:pulumi:test::eks-identity::aws:iam/role:Role::same",
        ]);
    });
    it("an error in an apply whose result feeds a resource ends the run at once, naming that resource", async () => {
        // The role's input fails, so the role never registers and the attachment, which reads the
        // role's name, would wait forever: the SDK's queue never drains (the plan hung here).
        const started = Date.now();
        const error = await runProgram(
            () => {
                const parent = new pulumi.ComponentResource("test:index:Parent", "p", {}, {});
                const policy = pulumi.output("x").apply((): string => {
                    throw new Error("boom");
                });
                const role = new aws.iam.Role("r", { assumeRolePolicy: policy }, { parent });
                new aws.iam.RolePolicyAttachment(
                    "a",
                    { role: role.name, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
                    { parent },
                );
            },
            { stallTimeoutMs: 20_000 },
        ).then(
            () => assert.fail("expected the run to fail"),
            (e: unknown) => e,
        );
        assert.ok(error instanceof Error && !(error instanceof StallError), String(error));
        assert.strictEqual(
            error.message,
            'urn:pulumi:test::eks-identity::test:index:Parent$aws:iam/role:Role::r: error serializing property "assumeRolePolicy": boom',
        );
        assert.strictEqual(isProgramFailure(error), true);
        // Ended by the error, not by the stall timeout.
        assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
        // The SDK's state of the abandoned run does not leak into the next one.
        const next = await runProgram(() => {
            new aws.iam.Role("after", { assumeRolePolicy: "{}" });
        });
        assert.deepStrictEqual(
            next.registrations.map((x) => x.name),
            ["after"],
        );
    });

    it("a program that stops making progress ends with a StallError naming what it waits for", async () => {
        const never = new Promise<string>(() => undefined);
        const error = await runProgram(
            () => {
                const parent = new pulumi.ComponentResource("test:index:Parent", "p", {}, {});
                const role = new aws.iam.Role(
                    "r",
                    { assumeRolePolicy: "{}", tags: { team: pulumi.output(never) } },
                    { parent },
                );
                new aws.iam.RolePolicyAttachment(
                    "a",
                    { role: role.name, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
                    { parent },
                );
                (parent as unknown as { registerOutputs(o: object): void }).registerOutputs({
                    roleName: role.name,
                });
            },
            { stallTimeoutMs: 50 },
        ).then(
            () => assert.fail("expected the run to stall"),
            (e: unknown) => e,
        );
        assert.ok(error instanceof StallError, String(error));
        assert.strictEqual(error.stallMs, 50);
        assert.deepStrictEqual(error.waitingFor, [
            "urn:pulumi:test::eks-identity::test:index:Parent$aws:iam/role:Role::r: its inputs tags never resolved",
            "urn:pulumi:test::eks-identity::test:index:Parent$aws:iam/rolePolicyAttachment:RolePolicyAttachment::a: its inputs role never resolved",
            "urn:pulumi:test::eks-identity::test:index:Parent::p: its registered outputs never resolved",
        ]);
        assert.match(
            error.message,
            /^the program stopped making progress: nothing completed for 0\.05 s; still waiting for:\n {2}- urn:/,
        );
        assert.strictEqual(isProgramFailure(error), false);
        // A program awaiting what never settles, with nothing registered: the stall says so.
        const idle = await runProgram(() => new Promise(() => undefined), { stallTimeoutMs: 20 }).then(
            () => assert.fail("expected the run to stall"),
            (e: unknown) => e,
        );
        assert.ok(idle instanceof StallError, String(idle));
        assert.deepStrictEqual(idle.waitingFor, []);
        assert.match(
            idle.message,
            /nothing completed for 0\.02 s and nothing is pending \(an await in the program that never resolves\?\)/,
        );
    });
});
