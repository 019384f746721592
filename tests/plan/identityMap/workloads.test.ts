// Every way a trust names a service account, read from planned resources alone.
import * as assert from "assert";
import { findIdentities } from "../../../plan/identityMap";
import { UNKNOWN_STRING_SENTINEL as UNKNOWN } from "../../../policy-pack/lib/props";
import { planResource } from "../planFile";
import {
    bothRole,
    cniRole,
    dnsRole,
    ebsRole,
    otherClusterRole,
    paymentsRole,
    resources,
    role,
} from "./fixtures";

describe("plan/identityMap/workloads", () => {
    it("finds each service account's role, mode and paths, per cluster, sorted", () => {
        assert.deepStrictEqual(
            findIdentities(resources).map((f) => [
                f.cluster,
                `${f.namespace}/${f.serviceAccount}`,
                f.role.urn,
                f.mode,
                f.paths,
            ]),
            [
                // In both the IRSA trust and (through its association) Pod Identity.
                [
                    "dev",
                    "batch/invoice",
                    bothRole.urn,
                    "both",
                    [
                        { mechanism: "irsa", via: "issuer oidc.eks.us-west-2.amazonaws.com/id/ABC" },
                        { mechanism: "pod-identity", via: "association invoice" },
                    ],
                ],
                // Named by the trust's session-tag conditions only: no association carries it.
                [
                    "dev",
                    "external-dns/external-dns",
                    dnsRole.urn,
                    "pod-identity",
                    [{ mechanism: "pod-identity", via: "trust session tags" }],
                ],
                // An add-on's podIdentityAssociations are in kube-system.
                [
                    "dev",
                    "kube-system/aws-node",
                    cniRole.urn,
                    "pod-identity",
                    [{ mechanism: "pod-identity", via: "add-on vpc-cni" }],
                ],
                [
                    "dev",
                    "kube-system/ebs-csi-controller-sa",
                    ebsRole.urn,
                    "pod-identity",
                    [{ mechanism: "pod-identity", via: "association ebs-csi" }],
                ],
                [
                    "dev",
                    "payments/payments-api",
                    paymentsRole.urn,
                    "irsa",
                    [{ mechanism: "irsa", via: "issuer oidc.eks.us-west-2.amazonaws.com/id/ABC" }],
                ],
                // An issuer of no planned cluster: the map names the issuer.
                [
                    "oidc.eks.eu-west-1.amazonaws.com/id/XYZ",
                    "a/b",
                    otherClusterRole.urn,
                    "irsa",
                    [{ mechanism: "irsa", via: "issuer oidc.eks.eu-west-1.amazonaws.com/id/XYZ" }],
                ],
            ],
        );
    });

    it("at a first preview (ARNs and IRSA trusts unknown) links roles by the engine's property dependencies, not by equal unknowns", () => {
        const unknownArn = (r: ReturnType<typeof role>) => ({
            ...r,
            outputs: { ...r.outputs, arn: UNKNOWN },
        });
        const irsaRole = { ...unknownArn(role("api-role", [])), props: { assumeRolePolicy: UNKNOWN } };
        const podRole = unknownArn(
            role("jobs-role", [
                {
                    Effect: "Allow",
                    Principal: { Service: "pods.eks.amazonaws.com" },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                    Condition: {
                        StringEquals: {
                            "aws:RequestTag/eks-cluster-arn":
                                "arn:aws:eks:us-west-2:111122223333:cluster/dev",
                        },
                    },
                },
            ]),
        );
        const planned = [
            // The cluster's ARN is unknown too: the trust's cluster ARN names it by its name.
            planResource("aws:eks/cluster:Cluster", "dev", {
                props: { name: "dev" },
                outputs: { arn: UNKNOWN },
            }),
            irsaRole,
            podRole,
            planResource("kubernetes:core/v1:ServiceAccount", "api-sa", {
                props: {
                    metadata: {
                        name: "api",
                        namespace: "shop",
                        annotations: { "eks.amazonaws.com/role-arn": UNKNOWN },
                    },
                },
                propertyDependencies: { metadata: [irsaRole.urn] },
            }),
            planResource("aws:eks/podIdentityAssociation:PodIdentityAssociation", "jobs-association", {
                props: { clusterName: "dev", namespace: "shop", serviceAccount: "jobs", roleArn: UNKNOWN },
                propertyDependencies: { roleArn: [podRole.urn] },
            }),
        ];
        assert.deepStrictEqual(
            findIdentities(planned).map((f) => [
                f.cluster,
                `${f.namespace}/${f.serviceAccount}`,
                f.role.name,
                f.mode,
                f.paths,
            ]),
            [
                [
                    "dev",
                    "shop/api",
                    "api-role",
                    "irsa",
                    [
                        {
                            mechanism: "irsa",
                            via: "ServiceAccount annotation (the trust is known once the cluster exists)",
                        },
                    ],
                ],
                [
                    "dev",
                    "shop/jobs",
                    "jobs-role",
                    "pod-identity",
                    [{ mechanism: "pod-identity", via: "association jobs-association" }],
                ],
            ],
        );
    });
});
