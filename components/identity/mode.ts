// The three identity modes of a workload, and which mechanisms each one uses. `both` is the
// migration step: the role trusts IRSA and Pod Identity at once, so nothing is replaced.

/** How a workload's pods get its role's credentials. */
export const IdentityMode = {
    /** IAM roles for service accounts: a web-identity trust on the cluster's OIDC provider. */
    Irsa: "irsa",
    /** EKS Pod Identity: a trust on pods.eks.amazonaws.com and a Pod Identity association. */
    PodIdentity: "pod-identity",
    /** Both trusts on one role, the migration step between the two. */
    Both: "both",
} as const;
// A union of the values, declared after the object: the schema analyzer makes an enum of a type
// whose declaration is an `as const` object (a bare union type is not one it accepts).
export type IdentityMode = (typeof IdentityMode)[keyof typeof IdentityMode];
export const IDENTITY_MODES: readonly IdentityMode[] = Object.values(IdentityMode);

export function isIdentityMode(value: unknown): value is IdentityMode {
    return IDENTITY_MODES.includes(value as IdentityMode);
}

export function usesIrsa(mode: IdentityMode): boolean {
    return mode === "irsa" || mode === "both";
}

export function usesPodIdentity(mode: IdentityMode): boolean {
    return mode === "pod-identity" || mode === "both";
}
