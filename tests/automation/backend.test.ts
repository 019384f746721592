// Where state lives and where the passphrase comes from; the PATH lookup of the CLI.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    BackendConfigError,
    errorKind,
    findOnPath,
    LocalWorkspaceFactory,
    resolveBackend,
} from "../../automation";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "automation-backend-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("automation/backend", () => {
    const root = "/repo";

    it("PULUMI_BACKEND_URL set: that backend, no passphrase required, its secrets provider", () => {
        assert.deepEqual(resolveBackend({ PULUMI_BACKEND_URL: "https://api.pulumi.com" }, root), {
            url: "https://api.pulumi.com",
            local: false,
            passphraseSource: undefined,
            envVars: { PULUMI_BACKEND_URL: "https://api.pulumi.com" },
        });
    });

    it("unset: the project's .pulumi-state file backend with the passphrase provider", () => {
        assert.deepEqual(resolveBackend({ PULUMI_CONFIG_PASSPHRASE: "" }, root), {
            url: "file:///repo/.pulumi-state",
            local: true,
            stateDir: "/repo/.pulumi-state",
            secretsProvider: "passphrase",
            passphraseSource: "PULUMI_CONFIG_PASSPHRASE",
            envVars: { PULUMI_CONFIG_PASSPHRASE: "", PULUMI_BACKEND_URL: "file:///repo/.pulumi-state" },
        });
    });

    it("unset with a readable PULUMI_CONFIG_PASSPHRASE_FILE", () => {
        const file = path.join(tmp, "passphrase");
        fs.writeFileSync(file, "s3cret\n");
        assert.equal(
            resolveBackend({ PULUMI_CONFIG_PASSPHRASE_FILE: file }, root).passphraseSource,
            "PULUMI_CONFIG_PASSPHRASE_FILE",
        );
        assert.throws(
            () => resolveBackend({ PULUMI_CONFIG_PASSPHRASE_FILE: path.join(tmp, "nope") }, root),
            (e) => e instanceof BackendConfigError && /is not a readable file/.test(e.message),
        );
    });

    it("unset without a passphrase: refused with what to set", () => {
        assert.throws(
            () => resolveBackend({}, root),
            (e) =>
                e instanceof BackendConfigError &&
                errorKind(e) === "backend" &&
                e.message.includes("file:///repo/.pulumi-state") &&
                e.message.includes("set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE"),
        );
        assert.throws(() => new LocalWorkspaceFactory({ env: {}, root }), BackendConfigError);
    });

    it("findOnPath: executables only, first match wins", () => {
        const a = path.join(tmp, "a");
        const b = path.join(tmp, "b");
        fs.mkdirSync(a);
        fs.mkdirSync(b);
        fs.writeFileSync(path.join(a, "pulumi"), "not executable", { mode: 0o644 });
        fs.writeFileSync(path.join(b, "pulumi"), "#!/bin/sh\n", { mode: 0o755 });
        assert.equal(findOnPath("pulumi", { PATH: [a, b].join(path.delimiter) }), path.join(b, "pulumi"));
        assert.equal(findOnPath("pulumi", { PATH: a }), undefined);
        assert.equal(findOnPath("pulumi", {}), undefined);
    });

    it("a blank PULUMI_BACKEND_URL counts as unset; a URL is trimmed; both passphrase variables travel", () => {
        const file = path.join(tmp, "passphrase-both");
        fs.writeFileSync(file, "x");
        const both = { PULUMI_CONFIG_PASSPHRASE: "p", PULUMI_CONFIG_PASSPHRASE_FILE: file };
        assert.deepEqual(resolveBackend({ ...both, PULUMI_BACKEND_URL: "  s3://bucket/state " }, root), {
            url: "s3://bucket/state",
            local: false,
            passphraseSource: "PULUMI_CONFIG_PASSPHRASE",
            envVars: { ...both, PULUMI_BACKEND_URL: "s3://bucket/state" },
        });
        assert.equal(
            resolveBackend({ ...both, PULUMI_BACKEND_URL: "   " }, root).url,
            "file:///repo/.pulumi-state",
        );
        assert.throws(() => resolveBackend({ PULUMI_CONFIG_PASSPHRASE_FILE: "" }, root), BackendConfigError);
    });
});
