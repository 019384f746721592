import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import {
    arnKey,
    dnsLabelProblem,
    KUBERNETES_VERSION_MALFORMED,
    parseKubernetesVersion,
    Problems,
    principalArnProblem,
    roleArnProblem,
    versionBelow,
} from "../../../components/common/validation";
import { validateWorkloadIdentityArgs, WorkloadIdentityProblem } from "../../../components/identity/validate";

describe("components/common/validation", () => {
    it("Problems keeps codes and data through merge, and sends only path and reason to the engine", () => {
        const inner = new Problems();
        inner.add("kubernetesVersion", "bad version", {
            code: KUBERNETES_VERSION_MALFORMED,
            data: { version: "1.x" },
        });
        const outer = new Problems();
        outer.add("name", "too long");
        outer.merge(inner.list, "nodeGroups[0]");
        assert.deepStrictEqual(outer.list, [
            { propertyPath: "name", reason: "too long" },
            {
                propertyPath: "nodeGroups[0].kubernetesVersion",
                reason: "bad version",
                code: KUBERNETES_VERSION_MALFORMED,
                data: { version: "1.x" },
            },
        ]);
        assert.throws(
            () => outer.throwIfAny("X", "x"),
            (e: unknown) => {
                assert.ok(e instanceof pulumi.InputPropertiesError);
                assert.deepStrictEqual(e.errors, [
                    { propertyPath: "name", reason: "too long" },
                    { propertyPath: "nodeGroups[0].kubernetesVersion", reason: "bad version" },
                ]);
                assert.strictEqual(
                    e.message,
                    'X "x" has 2 invalid input(s):\n  - name: too long\n  - nodeGroups[0].kubernetesVersion: bad version',
                );
                return true;
            },
        );
        assert.doesNotThrow(() => new Problems().throwIfAny("X", "x"));
    });

    it("WorkloadIdentity reports what depends on the cluster by code, with the data its reason was made of", () => {
        const coded = (args: Record<string, unknown>) =>
            validateWorkloadIdentityArgs({
                clusterName: "c",
                namespace: "payments",
                serviceAccount: "api",
                ...args,
            } as never).list.map((p) => [p.propertyPath, p.code, p.data]);
        assert.deepStrictEqual(coded({ mode: "irsa" }), [
            ["oidcProviderArn", WorkloadIdentityProblem.irsaWithoutOidcProvider, undefined],
        ]);
        assert.deepStrictEqual(coded({ mode: "pod-identity", podIdentityAgent: false }), [
            ["podIdentityAgent", WorkloadIdentityProblem.podIdentityWithoutAgent, undefined],
        ]);
        assert.deepStrictEqual(
            coded({
                mode: "both",
                oidcProviderArn: "arn:aws:iam::1:oidc-provider/x",
                kubernetesVersion: "1.23",
            }),
            [
                [
                    "kubernetesVersion",
                    WorkloadIdentityProblem.kubernetesTooOldForPodIdentity,
                    { version: "1.23", minimum: "1.24" },
                ],
            ],
        );
        assert.deepStrictEqual(coded({ mode: "pod-identity", kubernetesVersion: "one" }), [
            ["kubernetesVersion", KUBERNETES_VERSION_MALFORMED, { version: "one" }],
        ]);
        assert.deepStrictEqual(coded({ mode: "pod-identity", fargateNamespaces: ["payments"] }), [
            ["namespace", WorkloadIdentityProblem.podIdentityOnFargate, { namespace: "payments" }],
        ]);
    });

    it("parses Kubernetes minor versions and compares them", () => {
        assert.deepStrictEqual(["1.33", "1.3", "1", "v1.30", "1.30.1"].map(parseKubernetesVersion), [
            [1, 33],
            [1, 3],
            undefined,
            undefined,
            undefined,
        ]);
        assert.deepStrictEqual(
            [versionBelow([1, 23], [1, 24]), versionBelow([1, 24], [1, 24]), versionBelow([2, 0], [1, 24])],
            [true, false, false],
        );
    });

    it("checks Kubernetes names and IAM ARNs, and makes resource-name keys of ARNs", () => {
        assert.strictEqual(dnsLabelProblem("payments"), undefined);
        assert.match(dnsLabelProblem("Payments") ?? "", /is not a DNS-1123 label/);
        assert.strictEqual(principalArnProblem("arn:aws-cn:iam::111122223333:user/ops"), undefined);
        assert.match(
            principalArnProblem("arn:aws:iam::111122223333:group/ops") ?? "",
            /not an IAM role or user ARN/,
        );
        assert.strictEqual(roleArnProblem("arn:aws:iam::111122223333:role/path/r"), undefined);
        assert.match(roleArnProblem("arn:aws:iam::111122223333:user/u") ?? "", /not an IAM role ARN/);
        assert.strictEqual(arnKey("arn:aws:iam::aws:policy/service-role/Amazon EKS"), "Amazon-EKS");
    });
});
