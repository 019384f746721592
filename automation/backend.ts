// Where stack state lives and how its secrets are encrypted. Pulumi Cloud when the caller says so
// (PULUMI_BACKEND_URL), otherwise a file backend in the project's git-ignored `.pulumi-state`, so a
// fresh machine with only the CLI works. A file backend encrypts secrets with a passphrase the CLI
// reads from PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE; without one every
// operation would stop at a prompt the non-interactive Automation API cannot answer, so we refuse.
import * as fs from "fs";
import * as path from "path";
import { BackendConfigError } from "./errors";

export const STATE_DIR = ".pulumi-state";

export interface BackendSettings {
    /** The backend URL the CLI is given (PULUMI_BACKEND_URL). */
    url: string;
    /** True when we chose the project's own file backend (PULUMI_BACKEND_URL was unset). */
    local: boolean;
    /** The file backend's folder, when `local`. */
    stateDir?: string;
    /** `passphrase` for the local backend; otherwise the backend's default provider. */
    secretsProvider?: string;
    /** Where the passphrase comes from, for messages (never the passphrase itself). */
    passphraseSource?: "PULUMI_CONFIG_PASSPHRASE" | "PULUMI_CONFIG_PASSPHRASE_FILE";
    /** Extra environment for every CLI call (the caller's environment is inherited). */
    envVars: Record<string, string>;
}

/** Pure: decides the backend from an environment; throws BackendConfigError when unusable. */
export function resolveBackend(env: NodeJS.ProcessEnv, root: string): BackendSettings {
    const passphraseSource =
        env.PULUMI_CONFIG_PASSPHRASE !== undefined
            ? "PULUMI_CONFIG_PASSPHRASE"
            : env.PULUMI_CONFIG_PASSPHRASE_FILE
              ? "PULUMI_CONFIG_PASSPHRASE_FILE"
              : undefined;
    // The CLI inherits this process's environment; a passphrase from another env object (a
    // caller's, a test's) must travel with the workspace's own variables.
    const passphraseVars: Record<string, string> = {};
    for (const key of ["PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG_PASSPHRASE_FILE"]) {
        if (env[key] !== undefined) {
            passphraseVars[key] = env[key] as string;
        }
    }
    const explicit = env.PULUMI_BACKEND_URL?.trim();
    if (explicit) {
        // Pulumi Cloud or a self-managed backend the caller chose: its secrets provider is the
        // stack's own (service-managed for Cloud, or whatever the stack was created with).
        return {
            url: explicit,
            local: false,
            passphraseSource,
            envVars: { ...passphraseVars, PULUMI_BACKEND_URL: explicit },
        };
    }
    const stateDir = path.join(root, STATE_DIR);
    if (passphraseSource === undefined) {
        throw new BackendConfigError(
            `PULUMI_BACKEND_URL is unset, so state goes to the local file backend file://${stateDir}, ` +
                "whose secrets are encrypted with a passphrase: set PULUMI_CONFIG_PASSPHRASE (or " +
                "PULUMI_CONFIG_PASSPHRASE_FILE, a file holding it), or set PULUMI_BACKEND_URL " +
                "(e.g. https://api.pulumi.com) to use another backend.",
        );
    }
    if (passphraseSource === "PULUMI_CONFIG_PASSPHRASE_FILE") {
        const file = env.PULUMI_CONFIG_PASSPHRASE_FILE as string;
        try {
            fs.accessSync(file, fs.constants.R_OK);
        } catch {
            throw new BackendConfigError(
                `PULUMI_CONFIG_PASSPHRASE_FILE=${file} is not a readable file: fix the path or set PULUMI_CONFIG_PASSPHRASE.`,
            );
        }
    }
    const url = `file://${stateDir}`;
    return {
        url,
        local: true,
        stateDir,
        secretsProvider: "passphrase",
        passphraseSource,
        envVars: { ...passphraseVars, PULUMI_BACKEND_URL: url },
    };
}

/** The first `name` executable on PATH, or undefined. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
    for (const dir of (env.PATH ?? "").split(path.delimiter)) {
        if (!dir) {
            continue;
        }
        const candidate = path.join(dir, name);
        try {
            fs.accessSync(candidate, fs.constants.X_OK);
            if (fs.statSync(candidate).isFile()) {
                return candidate;
            }
        } catch {
            // not in this PATH entry
        }
    }
    return undefined;
}
