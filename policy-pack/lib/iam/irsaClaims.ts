// The claims of an IRSA condition key (`<issuer>:sub`, `<issuer>:aud`): which issuer a key names and
// which claim. The trust-irsa-* policies share them.
import { ParsedCondition, ParsedStatement, conditionsOnKey } from "./parser";

/** Conditions of `statement` on `<issuer>:<claim>` for the statement's own issuer. */
export function issuerClaimConditions(
    statement: ParsedStatement,
    issuer: string,
    claim: string,
): ParsedCondition[] {
    return conditionsOnKey(statement, `${issuer}:${claim}`);
}

/**
 * True when a condition key names an OIDC issuer claim (`host/path:claim`) rather than a global
 * or service key (`aws:`, `sts:`, `eks:`...): the part before the last colon has a dot or slash.
 */
export function issuerOfKey(key: string): string | undefined {
    const colon = key.lastIndexOf(":");
    if (colon <= 0) {
        return undefined;
    }
    const prefix = key.slice(0, colon);
    return prefix.includes(".") || prefix.includes("/") ? prefix : undefined;
}

/** The claim of an issuer key (`sub`, `aud`, ...), lower-cased. */
export function claimOfKey(key: string): string {
    return key.slice(key.lastIndexOf(":") + 1).toLowerCase();
}
