// Reads a folder of AWS CLI v2 and kubectl JSON outputs, one file per command, named after it.
// Every file is validated against the shape the CLI prints; a missing or malformed file is named
// with what is wrong, all problems at once.
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";

/** Bad input: the folder, not the program, is wrong. Each problem starts with the file name. */
export class DiscoverInputError extends Error {
    constructor(readonly problems: string[]) {
        super(problems.join("\n"));
        this.name = "DiscoverInputError";
    }
}

// IAM returns policy documents URL-encoded (RFC 3986); the AWS CLI decodes them and prints the
// JSON object. Both are accepted.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
// (RoleDetail.AssumeRolePolicyDocument, PolicyDetail.PolicyDocument, PolicyVersion.Document).
const policyDocument = z.union([z.string().min(1), z.record(z.string(), z.unknown())]);

const roleDetail = z.object({
    RoleName: z.string().min(1),
    Arn: z.string().startsWith("arn:"),
    Path: z.string().optional(),
    AssumeRolePolicyDocument: policyDocument,
    RolePolicyList: z.array(z.object({ PolicyName: z.string(), PolicyDocument: policyDocument })).default([]),
    AttachedManagedPolicies: z.array(z.object({ PolicyName: z.string(), PolicyArn: z.string() })).default([]),
    Tags: z.array(z.object({ Key: z.string(), Value: z.string() })).optional(),
});

const managedPolicyDetail = z.object({
    PolicyName: z.string(),
    Arn: z.string().startsWith("arn:"),
    DefaultVersionId: z.string().optional(),
    PolicyVersionList: z
        .array(z.object({ Document: policyDocument, VersionId: z.string(), IsDefaultVersion: z.boolean() }))
        .default([]),
});

const schemas = {
    authorizationDetails: z.object({
        RoleDetailList: z.array(roleDetail),
        Policies: z.array(managedPolicyDetail).default([]),
    }),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListOpenIDConnectProviders.html
    oidcProviders: z.object({
        OpenIDConnectProviderList: z.array(z.object({ Arn: z.string().startsWith("arn:") })),
    }),
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_ListClusters.html
    clusters: z.object({ clusters: z.array(z.string().min(1)) }),
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_DescribeCluster.html (cluster.identity.oidc.issuer)
    cluster: z.object({
        cluster: z.object({
            name: z.string().min(1),
            arn: z.string().startsWith("arn:"),
            roleArn: z.string().optional(),
            version: z.string().optional(),
            identity: z.object({ oidc: z.object({ issuer: z.string().url() }).optional() }).optional(),
            // The cluster's VPC and subnets: the stack config's platform:network.
            resourcesVpcConfig: z
                .object({ vpcId: z.string().min(1), subnetIds: z.array(z.string().min(1)) })
                .optional(),
        }),
    }),
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_ListPodIdentityAssociations.html
    associations: z.object({
        associations: z.array(
            z.object({ associationId: z.string().min(1), namespace: z.string(), serviceAccount: z.string() }),
        ),
    }),
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_DescribePodIdentityAssociation.html
    association: z.object({
        association: z.object({
            clusterName: z.string(),
            namespace: z.string().min(1),
            serviceAccount: z.string().min(1),
            roleArn: z.string().startsWith("arn:"),
            associationArn: z.string(),
            associationId: z.string(),
            ownerArn: z.string().optional(),
            targetRoleArn: z.string().optional(),
            disableSessionTags: z.boolean().optional(),
        }),
    }),
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_ListAddons.html
    addons: z.object({ addons: z.array(z.string().min(1)) }),
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_DescribeAddon.html: serviceAccountRoleArn (IRSA),
    // podIdentityAssociations (the ARNs of the associations the add-on owns).
    addon: z.object({
        addon: z.object({
            addonName: z.string().min(1),
            clusterName: z.string(),
            addonVersion: z.string().optional(),
            serviceAccountRoleArn: z.string().optional(),
            podIdentityAssociations: z.array(z.string()).optional(),
        }),
    }),
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_ListFargateProfiles.html
    fargateProfiles: z.object({ fargateProfileNames: z.array(z.string().min(1)) }),
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_DescribeFargateProfile.html
    fargateProfile: z.object({
        fargateProfile: z.object({
            fargateProfileName: z.string(),
            clusterName: z.string(),
            podExecutionRoleArn: z.string(),
            selectors: z.array(
                z.object({
                    namespace: z.string().min(1),
                    labels: z.record(z.string(), z.string()).optional(),
                }),
            ),
        }),
    }),
    // `kubectl get serviceaccounts -A -o json`: a v1 List of ServiceAccounts.
    serviceAccounts: z.object({
        kind: z.literal("List"),
        items: z.array(
            z.object({
                kind: z.literal("ServiceAccount"),
                metadata: z.object({
                    name: z.string().min(1),
                    namespace: z.string().min(1),
                    annotations: z.record(z.string(), z.string()).optional(),
                }),
            }),
        ),
    }),
};

export type RoleDetail = z.infer<typeof roleDetail>;
export type ManagedPolicyDetail = z.infer<typeof managedPolicyDetail>;
export type ClusterDescription = z.infer<typeof schemas.cluster>["cluster"];
export type AssociationDescription = z.infer<typeof schemas.association>["association"];
export type AddonDescription = z.infer<typeof schemas.addon>["addon"];
export type FargateProfileDescription = z.infer<typeof schemas.fargateProfile>["fargateProfile"];
export type ServiceAccountItem = z.infer<typeof schemas.serviceAccounts>["items"][number];

export interface ClusterFiles {
    cluster: ClusterDescription;
    associations: AssociationDescription[];
    addons: AddonDescription[];
    fargateProfiles: FargateProfileDescription[];
    serviceAccounts: ServiceAccountItem[];
}

export interface AccountFiles {
    roles: RoleDetail[];
    managedPolicies: ManagedPolicyDetail[];
    oidcProviderArns: string[];
    clusters: ClusterFiles[];
}

/** Reads and validates every file the folder must hold; throws `DiscoverInputError` naming each bad file. */
export function readAccount(folder: string): AccountFiles {
    const problems: string[] = [];
    const read = <T extends z.ZodType>(file: string, schema: T): z.infer<T> | undefined => {
        const full = path.join(folder, file);
        let text: string;
        try {
            text = fs.readFileSync(full, "utf8");
        } catch {
            problems.push(
                `${file}: missing (expected in ${folder})` +
                    (file === "eks-list-clusters.json"
                        ? "; or one eks-list-clusters-<region>.json per region"
                        : ""),
            );
            return undefined;
        }
        let json: unknown;
        try {
            json = JSON.parse(text);
        } catch (e) {
            problems.push(`${file}: not valid JSON (${(e as Error).message})`);
            return undefined;
        }
        const parsed = schema.safeParse(json);
        if (!parsed.success) {
            for (const issue of parsed.error.issues) {
                const at = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
                problems.push(`${file}: ${at}: ${issue.message}`);
            }
            return undefined;
        }
        return parsed.data;
    };
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
        throw new DiscoverInputError([`${folder}: not a folder`]);
    }
    const authz = read("iam-get-account-authorization-details.json", schemas.authorizationDetails);
    const providers = read("iam-list-open-id-connect-providers.json", schemas.oidcProviders);
    // One eks-list-clusters.json, or one eks-list-clusters-<region>.json per region (ListClusters is regional).
    const regional = fs
        .readdirSync(folder)
        .filter((f) => /^eks-list-clusters-.+\.json$/.test(f))
        .sort();
    const listFiles =
        fs.existsSync(path.join(folder, "eks-list-clusters.json")) || regional.length === 0
            ? ["eks-list-clusters.json"]
            : regional;
    const clusterNames = [...new Set(listFiles.flatMap((f) => read(f, schemas.clusters)?.clusters ?? []))];
    const clusters: ClusterFiles[] = [];
    for (const name of clusterNames) {
        const cluster = read(`eks-describe-cluster-${name}.json`, schemas.cluster)?.cluster;
        const associations = (
            read(`eks-list-pod-identity-associations-${name}.json`, schemas.associations)?.associations ?? []
        ).flatMap(
            (a) =>
                read(
                    `eks-describe-pod-identity-association-${name}-${a.associationId}.json`,
                    schemas.association,
                )?.association ?? [],
        );
        const addons = (read(`eks-list-addons-${name}.json`, schemas.addons)?.addons ?? []).flatMap(
            (a) => read(`eks-describe-addon-${name}-${a}.json`, schemas.addon)?.addon ?? [],
        );
        const fargateProfiles = (
            read(`eks-list-fargate-profiles-${name}.json`, schemas.fargateProfiles)?.fargateProfileNames ?? []
        ).flatMap(
            (p) =>
                read(`eks-describe-fargate-profile-${name}-${p}.json`, schemas.fargateProfile)
                    ?.fargateProfile ?? [],
        );
        const serviceAccounts =
            read(`kubectl-get-serviceaccounts-${name}.json`, schemas.serviceAccounts)?.items ?? [];
        if (cluster) {
            clusters.push({ cluster, associations, addons, fargateProfiles, serviceAccounts });
        }
    }
    if (problems.length > 0 || !authz || !providers) {
        throw new DiscoverInputError(problems);
    }
    return {
        roles: authz.RoleDetailList,
        managedPolicies: authz.Policies,
        oidcProviderArns: providers.OpenIDConnectProviderList.map((p) => p.Arn),
        clusters,
    };
}

/** A policy document as a JSON string: URL-decoded when IAM's encoding is still on it. */
export function policyText(document: string | Record<string, unknown>): string {
    if (typeof document !== "string") {
        return JSON.stringify(document);
    }
    return document.trimStart().startsWith("{") ? document : decodeURIComponent(document);
}
