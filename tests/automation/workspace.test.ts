// The real WorkspaceFactory: what it checks before any CLI call.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspaceFactory, PulumiCliMissingError } from "../../automation";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "automation-workspace-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("automation/workspace", () => {
    before(() => {
        // A `pulumi` executable for the PATH lookup; it is never run.
        fs.mkdirSync(path.join(tmp, "b"));
        fs.writeFileSync(path.join(tmp, "b", "pulumi"), "#!/bin/sh\n", { mode: 0o755 });
    });

    it("the real factory checks PATH before any CLI call and creates the state folder", async () => {
        const root2 = path.join(tmp, "project");
        const none = new LocalWorkspaceFactory({
            env: { PULUMI_CONFIG_PASSPHRASE: "x", PATH: "" },
            root: root2,
        });
        await assert.rejects(none.ensureReady(), PulumiCliMissingError);
        const bin = path.join(tmp, "b");
        const some = new LocalWorkspaceFactory({
            env: { PULUMI_CONFIG_PASSPHRASE: "x", PATH: bin },
            root: root2,
        });
        await some.ensureReady();
        assert.ok(fs.statSync(path.join(root2, ".pulumi-state")).isDirectory());
    });
});
