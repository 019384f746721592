// The three identity modes of a workload, and which mechanisms each one uses. `both` is the
// migration step: the role trusts IRSA and Pod Identity at once, so nothing is replaced.

export type IdentityMode = "irsa" | "pod-identity" | "both";
export const IDENTITY_MODES: readonly IdentityMode[] = ["irsa", "pod-identity", "both"];

export function isIdentityMode(value: unknown): value is IdentityMode {
    return IDENTITY_MODES.includes(value as IdentityMode);
}

export function usesIrsa(mode: IdentityMode): boolean {
    return mode === "irsa" || mode === "both";
}

export function usesPodIdentity(mode: IdentityMode): boolean {
    return mode === "pod-identity" || mode === "both";
}
