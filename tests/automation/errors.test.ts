// Typed errors: what the SDK really throws, and how each error is classified.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import {
    BackendConfigError,
    describeError,
    ErrorKind,
    errorKind,
    exitCodeOf,
    headline,
    isCliMissingError,
    isCliVersionError,
    isConcurrentUpdateError,
    isStackNotFoundError,
    PreflightRefusedError,
    PulumiCliMissingError,
    StackMissingError,
    UsageError,
} from "../../automation";
import { InputError } from "../../plan/inputs";
import { ConfigError } from "../../stacks/config";
import { commandFailed, concurrentUpdate, fakePlan, mandatoryViolation, stackNotFound } from "./fake";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "automation-errors-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** What the Automation API throws for `pulumi version` printing `current` (automation/cmd.ts). */
function sdkVersionError(current: string): Error {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseAndValidatePulumiVersion } = require("@pulumi/pulumi/automation/cmd") as {
        parseAndValidatePulumiVersion(min: unknown, current: string, optOut: boolean): unknown;
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { minimumVersion } = require("@pulumi/pulumi/automation/minimumVersion") as {
        minimumVersion: unknown;
    };
    try {
        parseAndValidatePulumiVersion(minimumVersion, current, false);
    } catch (error) {
        return error as Error;
    }
    throw new Error(`the SDK accepted pulumi ${current}`);
}

describe("automation/errors", () => {
    it("recognises the SDK's refusal of the CLI's version and says what to do", () => {
        const old = sdkVersionError("3.1.0");
        assert.equal(isCliVersionError(old), true);
        assert.equal(isCliVersionError(sdkVersionError("not-a-version")), true);
        assert.equal(isCliVersionError(new Error("version 3.1.0 is fine")), false);
        assert.equal(
            describeError(old),
            "the Pulumi CLI on PATH cannot be used by this Automation API: Minimum version requirement failed. " +
                "The minimum CLI version requirement is 3.2.0-alpha, your current CLI version is 3.1.0. Please update the Pulumi CLI. " +
                "Install a current CLI (https://www.pulumi.com/docs/iac/download-install/) and check `pulumi version`.",
        );
    });

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

    const configError = new ConfigError("typed config of dev", [
        { propertyPath: "platform:accountId", reason: "must be a 12-digit AWS account id" },
    ]);
    const refused = new PreflightRefusedError(
        "dev",
        fakePlan("dev", [
            mandatoryViolation,
            { ...mandatoryViolation, enforcementLevel: "advisory", urn: undefined },
        ]),
    );

    it("classifies every error by kind, the SDK's classes by name, and gives each kind its exit code", () => {
        const table: [string, unknown, ErrorKind, number][] = [
            ["pre-flight refusal", refused, "preflight-refused", 1],
            ["invalid config", configError, "config", 2],
            ["usage", new UsageError("bad"), "usage", 2],
            ["a bad command line", new InputError("--stack qa: no such stack"), "usage", 2],
            ["a too-old CLI", sdkVersionError("3.1.0"), "cli-version", 2],
            ["a CLI of another major", sdkVersionError("4.0.0"), "cli-version", 2],
            ["backend", new BackendConfigError("no passphrase"), "backend", 2],
            ["no CLI", new PulumiCliMissingError("x"), "cli-missing", 2],
            ["no stack (ours)", new StackMissingError("qa", "file:///s"), "stack-missing", 2],
            ["no stack (the SDK's)", stackNotFound("qa"), "stack-missing", 2],
            ["locked", concurrentUpdate(), "concurrent-update", 1],
            ["a failed command", commandFailed("error: boom"), "operation", 1],
            ["anything else", new Error("?"), "operation", 1],
            ["not even an Error", "a string", "operation", 1],
        ];
        for (const [label, error, kind, exit] of table) {
            assert.equal(errorKind(error), kind, label);
            assert.equal(exitCodeOf(kind), exit, label);
        }
        assert.equal(isConcurrentUpdateError(concurrentUpdate()), true);
        assert.equal(isConcurrentUpdateError(new Error("the stack is currently locked")), false);
        assert.equal(isStackNotFoundError(stackNotFound("qa")), true);
        assert.equal(isStackNotFoundError(new StackMissingError("qa", "x")), false);
    });

    it("each message says what happened and what to do", () => {
        assert.equal(
            refused.message,
            'pre-flight refused "up" of dev: 1 mandatory policy violation(s):\n' +
                "  - node-role-managed-policies: AmazonSSMManagedInstanceCore is not an allowed node role policy " +
                "(urn:pulumi:dev::platform::aws:iam/rolePolicyAttachment:RolePolicyAttachment::general-ssm)",
        );
        assert.deepEqual(refused.summary, { resources: 43, mandatory: 1, advisory: 1, undetermined: 0 });
        assert.equal(refused.violations.length, 2, "every violation travels, advisory ones included");
        assert.equal(
            new PulumiCliMissingError("no `pulumi` executable on PATH").message,
            "the Pulumi CLI was not found (no `pulumi` executable on PATH). Install it " +
                "(https://www.pulumi.com/docs/iac/download-install/) and put `pulumi` on PATH; the offline " +
                "pre-flight alone is `npm run plan`.",
        );
        assert.equal(
            new StackMissingError("qa", "file:///state").message,
            'stack "qa" does not exist in backend file:///state: run `npm run env -- up --stack qa` first, ' +
                "or set PULUMI_BACKEND_URL to the backend that holds it.",
        );
    });

    it("describeError: the config problems, the CLI's stderr rather than `code: 255`, else the message", () => {
        assert.equal(describeError(configError), configError.message);
        assert.equal(describeError(commandFailed("\nerror: update failed\n")), "error: update failed");
        assert.equal(describeError(new Error("plain")), "plain");
        assert.equal(describeError(42), "42");
        assert.equal(
            describeError(commandFailed("spawn pulumi ENOENT")),
            new PulumiCliMissingError("`pulumi version` failed with ENOENT").message,
            "the SDK's missing-CLI CommandError reads as ours",
        );
    });

    it("headline: the first `error:` line, else the first non-empty line", () => {
        const table: [string, string][] = [
            [
                "code: 255\n stdout: \n stderr: Updating...\n  error: quota exceeded\nmore",
                "error: quota exceeded",
            ],
            ["\n\n  first\nsecond", "first"],
            ["", ""],
        ];
        for (const [message, line] of table) {
            assert.equal(headline(message), line, JSON.stringify(message));
        }
    });
});
