import { statementLabel } from "../../lib/read";
import {
    ParsedStatement,
    conditionsOnKey,
    isRestrictingCondition,
    podIdentityStatements,
} from "../../lib/trust";
import { trustPolicy } from "../shared";

export interface TrustPodIdentityScopeConfig {
    requireSessionTags: boolean;
}

const ACCOUNT_KEYS = ["aws:SourceAccount", "aws:SourceOrgID", "aws:SourceArn", "aws:SourceOrgPaths"];
const TAG_KEYS = [
    "aws:RequestTag/eks-cluster-arn",
    "aws:RequestTag/eks-cluster-name",
    "aws:RequestTag/kubernetes-namespace",
    "aws:RequestTag/kubernetes-service-account",
];

function restricts(statement: ParsedStatement, key: string): boolean {
    return conditionsOnKey(statement, key).some(
        (c) => isRestrictingCondition(c) && !c.values.every((v) => v === "*"),
    );
}

/**
 * Without a condition, any Pod Identity association of any account (EKS passes the caller's
 * account as aws:SourceAccount) can be pointed at the role.
 */
export const trustPodIdentityScope = trustPolicy<TrustPodIdentityScopeConfig>({
    name: "trust-pod-identity-scope",
    description:
        "A statement trusting pods.eks.amazonaws.com must be scoped by aws:SourceAccount / aws:SourceOrgID or by session-tag conditions (cluster, namespace, service account).",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requireSessionTags: {
                type: "boolean",
                default: false,
                description:
                    "Also require aws:RequestTag/kubernetes-namespace and aws:RequestTag/kubernetes-service-account conditions, so only the intended service account can use the role.",
            },
        },
    },
    check: (policy, report, config) => {
        for (const statement of podIdentityStatements(policy)) {
            const scoped = [...ACCOUNT_KEYS, ...TAG_KEYS].some((k) => restricts(statement, k));
            if (!scoped) {
                report(
                    `Trust ${statementLabel(statement)} trusts pods.eks.amazonaws.com without a scoping condition, so any Pod Identity association can use the role. ` +
                        `Add "StringEquals": {"aws:SourceAccount": "<account-id>", "aws:RequestTag/kubernetes-namespace": "<namespace>", "aws:RequestTag/kubernetes-service-account": "<service-account>"}.`,
                );
                continue;
            }
            if (config.requireSessionTags) {
                const missing = [
                    "aws:RequestTag/kubernetes-namespace",
                    "aws:RequestTag/kubernetes-service-account",
                ].filter((k) => !restricts(statement, k));
                if (missing.length > 0) {
                    report(
                        `Trust ${statementLabel(statement)} trusts pods.eks.amazonaws.com without ${missing.map((k) => `"${k}"`).join(" and ")} conditions. ` +
                            `Add them with StringEquals so only the intended service account can use the role.`,
                    );
                }
            }
        }
    },
});
