// Which policy config each environment is checked with: prod gets strict.json (every policy
// mandatory, tighter trust and node-role rules), every other environment lenient.json (the
// trust-hygiene policies that are advisory in lenient stay visible as warnings). A caller can name
// another file for one run; the same file goes to the pre-flight and to the CLI's policy run, so
// the two can never judge a stack by different rules.
import * as path from "path";
import { repoRoot } from "../stacks/config";

export const STRICT_ENVIRONMENTS: readonly string[] = ["prod"];

/** The policy pack folder (PulumiPolicy.yaml), as `pulumi preview --policy-pack` takes. */
export function policyPackDir(root: string = repoRoot()): string {
    return path.join(root, "policy-pack");
}

/** Absolute path of the policy config for `stack`; `override` (relative to cwd) wins. */
export function policyConfigFor(stack: string, override?: string, root: string = repoRoot()): string {
    if (override) {
        return path.resolve(override);
    }
    const name = STRICT_ENVIRONMENTS.includes(stack) ? "strict.json" : "lenient.json";
    return path.join(policyPackDir(root), "config", name);
}
