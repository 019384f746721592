// A stack config of many workloads, built from stacks/Pulumi.dev.yaml: dev's workloads, then
// generated ones over 12 namespaces, every tenth still on IRSA (an SDK older than Pod Identity's
// minimum), every tenth from the fifth on `both`, each with its own scoped inline policy, a few
// with AmazonS3ReadOnlyAccess, the last with AdministratorAccess. The cluster keeps IRSA so every
// mode is possible.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { repoRoot } from "../../stacks/config";

export function manyWorkloadsConfig(count: number): string {
    const doc = YAML.parse(fs.readFileSync(path.join(repoRoot(), "stacks", "Pulumi.dev.yaml"), "utf8")) as {
        config: Record<string, unknown>;
    };
    const config = doc.config;
    (config["platform:cluster"] as Record<string, unknown>).irsa = true;
    const workloads = [...(config["platform:workloads"] as object[])];
    for (let i = workloads.length; i < count; i++) {
        const namespace = `team-${String(i % 12).padStart(2, "0")}`;
        workloads.push({
            name: `app-${i}`,
            namespace,
            serviceAccount: `app-${i}`,
            ...(i % 10 === 0 ? { mode: "irsa", sdk: { language: "python", version: "1.33.13" } } : {}),
            ...(i % 10 === 5 ? { mode: "both", sdk: { language: "javascript-v3", version: "3.600.0" } } : {}),
            inlinePolicies: [
                {
                    name: "read-data",
                    policy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Action: ["s3:GetObject"],
                                Resource: `arn:aws:s3:::${namespace}-data/app-${i}/*`,
                            },
                        ],
                    }),
                },
            ],
            ...(i % 50 === 7
                ? { managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }
                : {}),
            // The last one is an administrator: the map must make it stand out.
            ...(i === count - 1
                ? { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }
                : {}),
        });
    }
    config["platform:workloads"] = workloads;
    return YAML.stringify(doc);
}
