// The recorder: what it records of each registration, as the engine sees it.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
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
});
