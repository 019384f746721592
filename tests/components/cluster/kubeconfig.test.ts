import * as assert from "assert";
import { kubeconfig, KubeconfigArgs } from "../../../components/cluster/kubeconfig";

const CLUSTER: KubeconfigArgs = {
    clusterName: "dev",
    endpoint: "https://ABC.gr7.us-west-2.eks.amazonaws.com",
    certificateAuthority: "Q0E=",
    region: "us-west-2",
};

/** The kubeconfig for `args` with `exec` as the user's exec section. */
function expected(args: KubeconfigArgs, exec: Record<string, unknown>) {
    return {
        apiVersion: "v1",
        kind: "Config",
        clusters: [
            {
                name: args.clusterName,
                cluster: { server: args.endpoint, "certificate-authority-data": args.certificateAuthority },
            },
        ],
        contexts: [
            { name: args.clusterName, context: { cluster: args.clusterName, user: args.clusterName } },
        ],
        "current-context": args.clusterName,
        users: [{ name: args.clusterName, user: { exec } }],
    };
}

describe("cluster/kubeconfig", () => {
    const cases: { title: string; args: KubeconfigArgs; exec: Record<string, unknown> }[] = [
        {
            title: "the caller's own identity: aws eks get-token for the cluster and region",
            args: CLUSTER,
            exec: {
                apiVersion: "client.authentication.k8s.io/v1beta1",
                command: "aws",
                args: [
                    "eks",
                    "get-token",
                    "--cluster-name",
                    "dev",
                    "--region",
                    "us-west-2",
                    "--output",
                    "json",
                ],
                interactiveMode: "Never",
            },
        },
        {
            title: "a role to assume first: --role-arn before the output format",
            args: { ...CLUSTER, roleArn: "arn:aws:iam::111122223333:role/deployer" },
            exec: {
                apiVersion: "client.authentication.k8s.io/v1beta1",
                command: "aws",
                args: [
                    "eks",
                    "get-token",
                    "--cluster-name",
                    "dev",
                    "--region",
                    "us-west-2",
                    "--role-arn",
                    "arn:aws:iam::111122223333:role/deployer",
                    "--output",
                    "json",
                ],
                interactiveMode: "Never",
            },
        },
        {
            title: "an AWS CLI profile: passed as AWS_PROFILE in the exec environment",
            args: { ...CLUSTER, clusterName: "prod", region: "eu-west-1", profile: "platform" },
            exec: {
                apiVersion: "client.authentication.k8s.io/v1beta1",
                command: "aws",
                args: [
                    "eks",
                    "get-token",
                    "--cluster-name",
                    "prod",
                    "--region",
                    "eu-west-1",
                    "--output",
                    "json",
                ],
                env: [{ name: "AWS_PROFILE", value: "platform" }],
                interactiveMode: "Never",
            },
        },
    ];
    for (const c of cases) {
        it(c.title, () => {
            assert.deepStrictEqual(JSON.parse(kubeconfig(c.args)), expected(c.args, c.exec));
        });
    }
});
