// An exec-based kubeconfig: credentials come from `aws eks get-token` at use time, so the file
// itself holds no secret token; it is still marked secret because it names the endpoint and CA.
export interface KubeconfigArgs {
    clusterName: string;
    endpoint: string;
    certificateAuthority: string;
    region: string;
    /** An AWS CLI profile to pass to `aws eks get-token`, if any. */
    profile?: string;
    /** A role `aws eks get-token` assumes first (`--role-arn`), e.g. the role an access entry names. */
    roleArn?: string;
}

/** The command the kubeconfig runs for a token; the access gate runs the very same one. */
export function execCommand(args: Pick<KubeconfigArgs, "clusterName" | "region" | "profile" | "roleArn">): {
    command: string;
    args: string[];
    env: Record<string, string>;
} {
    return {
        command: "aws",
        args: [
            "eks",
            "get-token",
            "--cluster-name",
            args.clusterName,
            "--region",
            args.region,
            ...(args.roleArn ? ["--role-arn", args.roleArn] : []),
            "--output",
            "json",
        ],
        env: args.profile ? { AWS_PROFILE: args.profile } : {},
    };
}

export function kubeconfig(args: KubeconfigArgs): string {
    const exec = execCommand(args);
    const env = Object.entries(exec.env).map(([name, value]) => ({ name, value }));
    return JSON.stringify({
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
        users: [
            {
                name: args.clusterName,
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: exec.command,
                        args: exec.args,
                        ...(env.length > 0 ? { env } : {}),
                        interactiveMode: "Never",
                    },
                },
            },
        ],
    });
}
