import { statementLabel } from "../../lib/read";
import { conditionsOnKey, isRestrictingCondition, serviceStatements } from "../../lib/trust";
import { trustPolicy } from "../shared";

const FARGATE_SERVICE = "eks-fargate-pods.amazonaws.com";

/** EKS User Guide, pod-execution-role: scope the trust to the account's Fargate profiles (confused deputy). */
export const trustFargateSourceArn = trustPolicy({
    name: "trust-fargate-source-arn",
    description:
        "A statement trusting eks-fargate-pods.amazonaws.com must restrict aws:SourceArn to Fargate profile ARNs (ArnLike arn:<partition>:eks:<region>:<account>:fargateprofile/<cluster>/*).",
    enforcementLevel: "mandatory",
    check: (policy, report) => {
        for (const statement of serviceStatements(policy, FARGATE_SERVICE)) {
            const scoped = conditionsOnKey(statement, "aws:SourceArn").some(
                (c) => isRestrictingCondition(c) && c.values.every((v) => v.includes(":fargateprofile/")),
            );
            if (!scoped) {
                report(
                    `Trust ${statementLabel(statement)} trusts ${FARGATE_SERVICE} without an aws:SourceArn condition on Fargate profile ARNs, so another account's Fargate profile could use the role (confused deputy). ` +
                        `Add "ArnLike": {"aws:SourceArn": "arn:<partition>:eks:<region>:<account>:fargateprofile/<cluster>/*"}.`,
                );
            }
        }
    },
});
