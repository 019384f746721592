// Fargate profile selectors' namespace patterns. EKS User Guide, fargate-profile.html "Fargate
// profile wildcards" (awsdocs/amazon-eks-user-guide nodes/fargate-profile.adoc): besides the
// characters Kubernetes allows, `*` is none, one or several characters and `?` exactly one, in any
// position and combination (`prod*`, `*dev`, `frontend*?`); no other pattern syntax.

/** Whether the selector namespace `pattern` selects the namespace `namespace`. */
export function fargateNamespaceMatches(pattern: string, namespace: string): boolean {
    // Iterative glob match over `*` and `?`, everything else literal: linear in practice, and no
    // regular expression built from input.
    let p = 0;
    let n = 0;
    let star = -1;
    let resume = 0;
    while (n < namespace.length) {
        if (p < pattern.length && (pattern[p] === "?" || pattern[p] === namespace[n])) {
            p++;
            n++;
        } else if (p < pattern.length && pattern[p] === "*") {
            star = p++;
            resume = n;
        } else if (star >= 0) {
            p = star + 1;
            n = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.length && pattern[p] === "*") {
        p++;
    }
    return p === pattern.length;
}

/** The first of `patterns` that selects `namespace`, if any. */
export function fargatePatternFor(patterns: readonly string[], namespace: string): string | undefined {
    return patterns.find((pattern) => fargateNamespaceMatches(pattern, namespace));
}

/**
 * What is wrong with a selector's namespace pattern: a DNS-1123 label (lower-case letters, digits,
 * '-', at most 63 characters) in which `*` and `?` may stand for characters. Undefined when valid.
 */
export function fargateNamespacePatternProblem(pattern: string): string | undefined {
    if (pattern.length === 0 || pattern.length > 63) {
        return `"${pattern}" must be 1 to 63 characters`;
    }
    if (!/^[a-z0-9*?-]+$/.test(pattern)) {
        return `"${pattern}" must be a Kubernetes namespace (lower-case letters, digits and '-') in which '*' and '?' may stand for characters`;
    }
    if (/^-|-$/.test(pattern)) {
        return `"${pattern}" must start and end with a letter, a digit or a wildcard`;
    }
    return undefined;
}
