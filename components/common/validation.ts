// Collects every input problem of a component and reports them at once, before any child is
// registered, as the engine's structured input error (one entry per property path).
import * as pulumi from "@pulumi/pulumi";
import { NAME_RULES } from "./names";

export interface Problem {
    propertyPath: string;
    reason: string;
    /**
     * What went wrong, as a stable code, for problems a caller tells in its own terms (a stack
     * names its config keys, not the component's properties): the caller maps the code and
     * `data`, never the wording of `reason` (aws-cdk's `ValidationError` codes are the model).
     */
    code?: string;
    /** The values `reason` was made from, for a caller that words the problem itself. */
    data?: Record<string, string>;
}

export class Problems {
    readonly list: Problem[] = [];

    add(propertyPath: string, reason: string, coded?: { code: string; data?: Record<string, string> }): void {
        this.list.push({ propertyPath, reason, ...coded });
    }

    merge(other: Problem[], prefix = ""): void {
        for (const p of other) {
            this.list.push({ ...p, propertyPath: prefix ? `${prefix}.${p.propertyPath}` : p.propertyPath });
        }
    }

    /** Throws `pulumi.InputPropertiesError` listing every problem, if there is any. */
    throwIfAny(component: string, name: string): void {
        if (this.list.length === 0) {
            return;
        }
        const lines = this.list.map((p) => `  - ${p.propertyPath}: ${p.reason}`).join("\n");
        throw new pulumi.InputPropertiesError({
            message: `${component} "${name}" has ${this.list.length} invalid input(s):\n${lines}`,
            errors: this.list.map(({ propertyPath, reason }) => ({ propertyPath, reason })),
        });
    }
}

/** True for a value known at construction time (not an Output or a Promise). */
export function isPlain<T>(value: pulumi.Input<T> | undefined): value is T {
    return value !== undefined && !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Kubernetes namespace names are DNS-1123 labels (at most 63 characters). */
export function dnsLabelProblem(value: string): string | undefined {
    if (value.length === 0 || value.length > 63 || !DNS1123_LABEL.test(value)) {
        return `"${value}" is not a DNS-1123 label: use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit`;
    }
    return undefined;
}

/** Kubernetes service account names are DNS-1123 subdomains (at most 253 characters). */
export function dnsSubdomainProblem(value: string): string | undefined {
    if (value.length === 0 || value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
        return `"${value}" is not a DNS-1123 subdomain: use at most 253 lowercase letters, digits, '-' and '.', each part starting and ending with a letter or digit`;
    }
    return undefined;
}

/** The code of a malformed `kubernetesVersion`, which every component that takes one reports. */
export const KUBERNETES_VERSION_MALFORMED = "kubernetes-version-malformed";

/** Parses "1.31" into [1, 31]; undefined when malformed. */
export function parseKubernetesVersion(value: string): [number, number] | undefined {
    const match = /^(\d+)\.(\d+)$/.exec(value);
    return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** Pod Identity needs Kubernetes 1.24 or later (EKS User Guide, pod-identities). */
export const POD_IDENTITY_MIN_KUBERNETES: [number, number] = [1, 24];

export function versionBelow(version: [number, number], minimum: [number, number]): boolean {
    return version[0] < minimum[0] || (version[0] === minimum[0] && version[1] < minimum[1]);
}

const IAM_PRINCIPAL_ARN =
    /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:(iam::\d{12}:(role|user)\/[\w+=,.@\-/]+|sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+)$/;

/** An IAM role or user ARN (what an EKS access entry accepts). */
export function principalArnProblem(value: string): string | undefined {
    if (!IAM_PRINCIPAL_ARN.test(value)) {
        return `"${value}" is not an IAM role or user ARN: use arn:<partition>:iam::<12-digit account>:role/<name> or :user/<name>`;
    }
    return undefined;
}

const IAM_ROLE_ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::\d{12}:role\/[\w+=,.@\-/]+$/;

export function roleArnProblem(value: string): string | undefined {
    if (!IAM_ROLE_ARN.test(value)) {
        return `"${value}" is not an IAM role ARN: use arn:<partition>:iam::<12-digit account>:role/<name>`;
    }
    return undefined;
}

/** The last path segment of an ARN, made safe for a Pulumi resource name. */
export function arnKey(arn: string): string {
    const tail = arn.split(/[/:]/).pop() ?? arn;
    return tail.replace(/[^A-Za-z0-9_.-]/g, "-");
}

/**
 * An IAM role name: 1-64 of letters, digits and +=,.@_- (IAM API CreateRole, RoleName:
 * "Length Constraints: Minimum length of 1. Maximum length of 64. Pattern: [\w+=,.@-]+").
 */
export function iamRoleNameProblem(value: string): string | undefined {
    const rule = NAME_RULES["aws:iam/role:Role"];
    if (value.length === 0) {
        return `an IAM role name cannot be empty: give up to ${rule.maxLength} ${rule.allowed}, or remove roleName to let Pulumi name the role`;
    }
    if (value.length > rule.maxLength) {
        return `"${value}" is ${value.length} characters; IAM role names have at most ${rule.maxLength}: shorten it`;
    }
    const bad = [...value].filter((c) => !rule.pattern.test(c));
    if (bad.length > 0) {
        return `"${value}" has ${[...new Set(bad)].map((c) => JSON.stringify(c)).join(", ")}, which IAM refuses in a role name: use only ${rule.allowed}`;
    }
    return undefined;
}

/** Codes of tag problems, so a caller that owns some of the tags (a stack's own) reports them once, at its key. */
export const TagProblem = {
    /** A key or value AWS refuses; data: `key`. */
    invalid: "tag-invalid",
    /** More tags than a resource takes; data: `count`. */
    tooMany: "tags-too-many",
} as const;

/**
 * AWS's tag rules where the components put tags: every component tags IAM roles, whose rules are
 * the strictest (IAM API Tag: Key 1-128, Value 0-256, both `[\p{L}\p{Z}\p{N}_.:/=+\-@]`; IAM User
 * Guide "IAM and AWS STS quotas": 50 tags per role; Tagging AWS Resources user guide, "Tag naming
 * limits and requirements": the `aws:` prefix, in any case, is reserved for AWS).
 */
export const TAG_RULES = {
    maxTags: 50,
    maxKeyLength: 128,
    maxValueLength: 256,
    pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
    allowed: "letters, digits, spaces and _ . : / = + - @",
    source: "IAM API Tag (Key 1-128, Value 0-256, [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]); IAM and AWS STS quotas (50 tags per role); AWS tagging rules (aws: reserved)",
} as const;

/** Why a tag key AWS refuses is refused, or undefined. Lengths count Unicode characters. */
export function tagKeyProblem(key: string): string | undefined {
    const length = [...key].length;
    if (length === 0) {
        return "a tag key cannot be empty: name the tag or remove it";
    }
    if (length > TAG_RULES.maxKeyLength) {
        return `tag key "${key.slice(0, 20)}..." is ${length} characters; AWS allows at most ${TAG_RULES.maxKeyLength}: shorten it`;
    }
    if (key.toLowerCase().startsWith("aws:")) {
        return `tag key "${key}" starts with "aws:", which AWS reserves for its own tags (in any case): rename it, e.g. without the prefix`;
    }
    if (!TAG_RULES.pattern.test(key)) {
        return `tag key "${key}" has characters AWS refuses: use only ${TAG_RULES.allowed}`;
    }
    return undefined;
}

/** Why a tag value AWS refuses is refused, or undefined. */
export function tagValueProblem(key: string, value: unknown): string | undefined {
    if (typeof value !== "string") {
        return `the value of tag "${key}" must be a string; got ${typeof value}: quote it`;
    }
    const length = [...value].length;
    if (length > TAG_RULES.maxValueLength) {
        return `the value of tag "${key}" is ${length} characters; AWS allows at most ${TAG_RULES.maxValueLength}: shorten it`;
    }
    if (!TAG_RULES.pattern.test(value)) {
        return `the value of tag "${key}" has characters AWS refuses: use only ${TAG_RULES.allowed}`;
    }
    return undefined;
}

/**
 * Adds a problem for every tag AWS would refuse and for more than 50 tags, at `path.<key>` and
 * `path`. Tags from other resources (Outputs) are checked by AWS.
 */
export function checkTags(tags: unknown, problems: Problems, path = "tags"): void {
    if (!isPlain(tags) || typeof tags !== "object" || tags === null) {
        return;
    }
    const entries = Object.entries(tags as Record<string, unknown>);
    for (const [key, value] of entries) {
        const problem = tagKeyProblem(key) ?? (isPlain(value) ? tagValueProblem(key, value) : undefined);
        if (problem) {
            problems.add(key === "" ? path : `${path}.${key}`, problem, {
                code: TagProblem.invalid,
                data: { key },
            });
        }
    }
    if (entries.length > TAG_RULES.maxTags) {
        problems.add(
            path,
            `${entries.length} tags; an IAM role takes at most ${TAG_RULES.maxTags}: remove ${entries.length - TAG_RULES.maxTags}`,
            { code: TagProblem.tooMany, data: { count: String(entries.length) } },
        );
    }
}

const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * A Kubernetes label key (also a taint key): an optional DNS-1123 subdomain prefix of at most 253
 * characters and "/", then a name of 1-63 letters, digits, '-', '_' and '.', starting and ending
 * with a letter or digit (kubernetes.io/docs/concepts/overview/working-with-objects/labels,
 * "Syntax and character set"; k8s.io/apimachinery/pkg/util/validation IsQualifiedName).
 */
export function labelKeyProblem(key: string): string | undefined {
    const fix =
        "use [prefix/]name: an optional DNS subdomain prefix (at most 253 lowercase characters) and a name of 1-63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
    const parts = key.split("/");
    if (parts.length > 2) {
        return `"${key}" has more than one "/": ${fix}`;
    }
    const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
    if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
        return `the prefix "${prefix}" of "${key}" is not a DNS-1123 subdomain: ${fix}`;
    }
    if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
        return `"${key}" is not a Kubernetes label key: ${fix}`;
    }
    return undefined;
}

/**
 * A Kubernetes label value (also a taint value): empty, or at most 63 letters, digits, '-', '_'
 * and '.', starting and ending with a letter or digit (IsValidLabelValue, same page).
 */
export function labelValueProblem(key: string, value: string): string | undefined {
    if (value.length > 63 || (value !== "" && !QUALIFIED_NAME.test(value))) {
        return `the value "${value.length > 70 ? `${value.slice(0, 60)}...` : value}" of "${key}" is not a Kubernetes label value: use at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
    }
    return undefined;
}
