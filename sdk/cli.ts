// npm run sdk -- <file>... [--json]
// Whether a workload's AWS SDKs reach EKS Pod Identity, from its SBOMs and lockfiles (all files
// together are one workload's evidence). Exit 0: ready; 1: not ready; 2: bad input (every file
// named with what is wrong); 3: undetermined.
import { Command, CommanderError } from "commander";
import { runAsCommand } from "../plan/io";
import { readEvidence } from "./read";
import { readiness, Readiness, tooOld } from "./readiness";
import { SbomInputError } from "./sbom";
import { FoundPackage } from "./purl";

export const EXIT = { ready: 0, notReady: 1, badInput: 2, undetermined: 3 } as const;

/** `--json`: exactly `{ ready, sdks: [{ language, package, version, minimum, ready }] }`. */
export function toJson(r: Readiness): string {
    return JSON.stringify(
        {
            ready: r.ready,
            sdks: r.sdks.map((s) => ({
                language: s.language,
                package: s.package,
                version: s.version,
                minimum: s.minimum,
                ready: s.ready,
            })),
        },
        null,
        2,
    );
}

export function verdictWord(ready: boolean | null): string {
    return ready === true ? "ready" : ready === false ? "not ready" : "undetermined";
}

export function toText(r: Readiness): string {
    const rows = [
        ["language", "package", "version", "minimum", "ready"],
        ...r.sdks.map((s) => [
            s.language,
            s.package,
            s.version ?? "(not listed)",
            s.minimum,
            s.ready === null ? "?" : s.ready ? "yes" : "no",
        ]),
    ];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
    const lines =
        r.sdks.length === 0
            ? []
            : rows.map((row) =>
                  row
                      .map((cell, i) => cell.padEnd(widths[i]))
                      .join("  ")
                      .trimEnd(),
              );
    const old = tooOld(r);
    lines.push(`verdict: ${verdictWord(r.ready)}${old.length > 0 ? `: ${old.join("; ")}` : ""}`);
    lines.push(...r.notes.map((n) => `note: ${n}`));
    return lines.join("\n");
}

export async function main(
    argv: string[],
    out: (s: string) => void,
    err: (s: string) => void,
): Promise<number> {
    const program = new Command("sdk")
        .argument("<file...>", "CycloneDX or SPDX JSON SBOMs and lockfiles of one workload")
        .option("--json", 'print {"ready", "sdks"} as JSON')
        .exitOverride()
        .configureOutput({ writeOut: out, writeErr: err });
    try {
        program.parse(argv, { from: "user" });
    } catch (e) {
        if (e instanceof CommanderError) {
            return e.exitCode === 0 ? 0 : EXIT.badInput;
        }
        throw e;
    }
    const packages: FoundPackage[] = [];
    const problems: string[] = [];
    for (const file of program.args) {
        try {
            packages.push(...readEvidence(file));
        } catch (e) {
            if (!(e instanceof SbomInputError)) {
                throw e;
            }
            problems.push(e.message);
        }
    }
    if (problems.length > 0) {
        err(problems.join("\n") + "\n");
        return EXIT.badInput;
    }
    const r = readiness(packages);
    out((program.opts<{ json?: boolean }>().json ? toJson(r) : toText(r)) + "\n");
    return r.ready === true ? EXIT.ready : r.ready === false ? EXIT.notReady : EXIT.undetermined;
}

if (require.main === module) {
    void runAsCommand("sdk", main, EXIT.badInput);
}
