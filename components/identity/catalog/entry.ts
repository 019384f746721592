// What every add-on file provides: the scope fields it reads and a pure statement builder.
// Validation is driven by `required`/`optional`, so adding a kind never touches the validator.
import { PolicyStatement } from "../../common/iamDocument";
import { CatalogContext, ResolvedWellKnownPolicy, ScopeField, WellKnownKind } from "./args";

export interface CatalogEntry {
    kind: WellKnownKind;
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
