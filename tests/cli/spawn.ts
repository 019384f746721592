// Runs a compiled CLI as a real process: what a person sees, exit code and all, for the few
// corpus cases where the process itself matters (the top-level handlers, the stack a deep input needs).
import { spawn } from "child_process";
import * as path from "path";
import { repoRoot } from "../../stacks/config";
import { Captured } from "./corpus";

export function runCompiled(script: string, argv: string[]): Promise<Captured> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(repoRoot(), "bin", script), ...argv], {
            cwd: repoRoot(),
            stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (err += d));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? -1, out, err }));
    });
}
