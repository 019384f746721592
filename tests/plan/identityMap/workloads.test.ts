// Every way a trust names a service account, read from planned resources alone.
import * as assert from "assert";
import { findIdentities } from "../../../plan/identityMap";
import { bothRole, cniRole, dnsRole, ebsRole, otherClusterRole, paymentsRole, resources } from "./fixtures";

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
});
