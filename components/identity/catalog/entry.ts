// What every add-on file provides: the scope fields it reads and a pure statement builder.
// Validation is driven by `required`/`optional`, so adding a kind never touches the validator.
import { PolicyStatement } from "../../common/iamDocument";
import { CatalogContext, ResolvedWellKnownPolicy, ScopeField, WellKnownKind } from "./args";

/** An upstream action the entry deliberately does not grant, and why. */
export interface UpstreamDrop {
    action: string;
    reason: string;
}

/**
 * The upstream policy an entry follows, for the controller version it targets, and the upstream
 * actions it leaves out on purpose. The catalog's conformance tests keep a copy of that policy and
 * prove every other upstream action is allowed on the resources and tags the controller sends.
 */
export interface UpstreamPolicy {
    repository: string;
    path: string;
    version: string;
    drops: readonly UpstreamDrop[];
}

export interface CatalogEntry {
    kind: WellKnownKind;
    /** The upstream policy this entry is checked against, and its deliberate differences. */
    upstream: UpstreamPolicy;
    /** Fields that must be set (lists non-empty). */
    required: readonly ScopeField[];
    /** Fields that may be set; any other scope field is reported as not applying to the kind. */
    optional: readonly ScopeField[];
    /** Extra rule across fields, for reasons the tables above cannot express. */
    crossFieldProblem?: (
        present: ReadonlySet<ScopeField>,
    ) => { propertyPath: string; reason: string } | undefined;
    /** The statements, for args that passed validation. */
    statements(args: ResolvedWellKnownPolicy, ctx: CatalogContext): PolicyStatement[];
}

/** A non-empty list as a single string when it has one item, the way IAM prints policies. */
export function oneOrMany(values: string[]): string | string[] {
    return values.length === 1 ? values[0] : values;
}

/** Reads a field validation guaranteed to be set; a missing one is a caller bug, not a fallback to `*`. */
export function need<T>(value: T | undefined, field: ScopeField, kind: string): T {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
        throw new Error(`${kind}: ${field} is required (validate with validateWellKnownPolicy first)`);
    }
    return value;
}

/** `ec2.amazonaws.com`, or its China form too: the service principal EC2 uses in aws-cn. */
export function ec2ServicePrincipals(partition: string): string | string[] {
    return partition === "aws-cn" ? ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] : "ec2.amazonaws.com";
}

/** `requireClusterTag` scopes by `kubernetes.io/cluster/<clusterName>`, so it needs the name. */
export function clusterTagNeedsName(
    present: ReadonlySet<ScopeField>,
): { propertyPath: string; reason: string } | undefined {
    return present.has("requireClusterTag") && !present.has("clusterName")
        ? {
              propertyPath: "requireClusterTag",
              reason: "requireClusterTag needs clusterName: the tag it requires is kubernetes.io/cluster/<clusterName>",
          }
        : undefined;
}
