// Checks the trust policy components/trust/workload.ts (workloadTrustPolicy) builds;
// tests: tests/policy-pack/policies/trust/trust-length.test.ts.
import { trustPolicyCheck } from "../../lib/define";
import { registerPolicy } from "../../lib/registry";

export interface TrustLengthConfig {
    maxLength: number;
    warnRatio: number;
}

/**
 * IAM rejects a trust policy over the role-trust quota (2,048 characters without whitespace by
 * default, raisable: REFERENCE.md says *verify*), about four IRSA clusters per role.
 */
export const trustLength = registerPolicy(
    trustPolicyCheck<TrustLengthConfig>({
        name: "trust-length",
        description:
            "A role's trust policy must stay within the account's trust-policy length quota (whitespace not counted), with a warning as it approaches it.",
        enforcementLevel: "advisory",
        wholeDocument: true,
        configSchema: {
            properties: {
                maxLength: {
                    type: "integer",
                    minimum: 1,
                    default: 2048,
                    description:
                        "The account's 'Role trust policy length' quota in characters (IAM default 2,048; raisable through Service Quotas).",
                },
                warnRatio: {
                    type: "number",
                    minimum: 0,
                    maximum: 1,
                    default: 0.8,
                    description: "Warn once the trust policy uses more than this fraction of maxLength.",
                },
            },
        },
        check: (policy, report, config) => {
            if (policy.length > config.maxLength) {
                report(
                    `The trust policy is ${policy.length} characters long (without whitespace), over the quota of ${config.maxLength}: IAM will reject it. ` +
                        `Move clusters to EKS Pod Identity (one statement serves every cluster), split the role, or raise the quota and set maxLength.`,
                );
            } else if (policy.length > config.maxLength * config.warnRatio) {
                report(
                    `The trust policy is ${policy.length} of ${config.maxLength} characters (over ${Math.round(config.warnRatio * 100)}%). ` +
                        `Plan for EKS Pod Identity or a quota increase before adding another cluster.`,
                );
            }
        },
    }),
);
