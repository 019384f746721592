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
