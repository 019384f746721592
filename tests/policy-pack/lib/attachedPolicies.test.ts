import * as assert from "assert";
import { PolicyResource } from "@pulumi/policy";
import {
    attachedOnList,
    attachedPolicyLabel,
    awsManagedPolicyName,
    policyListSchema,
    policyOnList,
} from "../../../policy-pack/lib/attachedPolicies";
import { UNKNOWN } from "../../../policy-pack/lib/props";
import { AttachedPolicy, IndexedResource } from "../../../policy-pack/lib/stack";

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const CUSTOMER_ADMIN = "arn:aws:iam::111122223333:policy/AdministratorAccess";

function customerPolicy(name: string, props: Record<string, unknown>): IndexedResource {
    const urn = `urn:pulumi:prod::eks::aws:iam/policy:Policy::${name}`;
    return { resource: {} as PolicyResource, urn, type: "aws:iam/policy:Policy", name, props };
}

describe("awsManagedPolicyName", () => {
    it("names AWS managed policies of any partition and path; nothing else", () => {
        const cases: [string, string | undefined][] = [
            [ADMIN, "AdministratorAccess"],
            ["arn:aws-cn:iam::aws:policy/service-role/AmazonEKS_CNI_Policy", "AmazonEKS_CNI_Policy"],
            ["arn:aws-us-gov:iam::aws:policy/job-function/ViewOnlyAccess", "ViewOnlyAccess"],
            [CUSTOMER_ADMIN, undefined],
            ["AdministratorAccess", undefined],
            ["arn:aws:iam::aws:role/AdministratorAccess", undefined],
        ];
        for (const [arn, expected] of cases) {
            assert.strictEqual(awsManagedPolicyName(arn), expected, arn);
        }
    });
});

describe("policyOnList", () => {
    it("matches names against AWS managed ARNs and the stack's customer-managed names, ARNs exactly", () => {
        const cases: [string[], string | undefined, string | undefined, boolean][] = [
            [["AdministratorAccess"], ADMIN, undefined, true],
            [["AdministratorAccess"], CUSTOMER_ADMIN, undefined, false],
            [["AdministratorAccess"], CUSTOMER_ADMIN, "AdministratorAccess", true],
            [["AdministratorAccess"], undefined, "Other", false],
            [[CUSTOMER_ADMIN], CUSTOMER_ADMIN, undefined, true],
            [[CUSTOMER_ADMIN], ADMIN, undefined, false],
            [[], ADMIN, undefined, false],
        ];
        for (const [list, arn, customerName, expected] of cases) {
            assert.strictEqual(
                policyOnList(list, arn, customerName),
                expected,
                JSON.stringify([list, arn, customerName]),
            );
        }
    });
});

describe("policyListSchema", () => {
    it("is a string array with its description and defaults", () => {
        assert.deepStrictEqual(policyListSchema("Allowed policies.", ["AmazonEKSWorkerNodePolicy"]), {
            type: "array",
            items: { type: "string" },
            description: "Allowed policies.",
            default: ["AmazonEKSWorkerNodePolicy"],
        });
    });
});

describe("attachedPolicyLabel and attachedOnList", () => {
    const via = "urn:pulumi:prod::eks::aws:iam/rolePolicyAttachment:RolePolicyAttachment::a";
    const known: AttachedPolicy = { arn: ADMIN, via };
    const linked: AttachedPolicy = {
        arn: UNKNOWN,
        via,
        customerManaged: customerPolicy("workload", { name: "mine" }),
    };
    const linkedUnnamed: AttachedPolicy = {
        arn: UNKNOWN,
        via,
        customerManaged: customerPolicy("anon", { name: UNKNOWN }),
    };
    const unknown: AttachedPolicy = { arn: UNKNOWN, via };

    it("labels a policy by ARN, else by the linked customer-managed policy's resource name", () => {
        assert.deepStrictEqual([known, linked, unknown].map(attachedPolicyLabel), [
            ADMIN,
            'customer-managed policy "workload"',
            "(unknown policy)",
        ]);
    });

    it("decides list membership when the ARN or the customer-managed name is known, else undefined", () => {
        assert.deepStrictEqual(
            [known, linked, linkedUnnamed, unknown].map((p) =>
                attachedOnList(["AdministratorAccess", "mine"], p),
            ),
            [true, true, undefined, undefined],
        );
        assert.deepStrictEqual(
            [known, linked].map((p) => attachedOnList(["Other"], p)),
            [false, false],
        );
    });
});
