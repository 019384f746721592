// Typed errors: what the SDK really throws, and how each error is classified.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { errorKind, isCliMissingError } from "../../automation";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "automation-errors-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("automation/errors", () => {
    it("recognises what the Automation API throws when the CLI binary does not exist", async () => {
        // PulumiCommand.get runs `<root>/bin/pulumi version`; a missing binary is a CommandError
        // with execa's ENOENT (code -2), not a dedicated class.
        const error = await PulumiCommand.get({ root: path.join(tmp, "no-such-install") }).then(
            () => assert.fail("expected the CLI lookup to fail"),
            (e: unknown) => e,
        );
        assert.equal((error as Error).name, "CommandError");
        assert.ok(isCliMissingError(error));
        assert.equal(errorKind(error), "cli-missing");
        assert.equal(
            isCliMissingError(new Error("spawn pulumi ENOENT")),
            false,
            "only the SDK's CommandError",
        );
    });
});
