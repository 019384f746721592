import { resourcePolicy } from "../../lib/define";
import { Types } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";
import { IMDS_CONFIG_SCHEMA, ImdsLaunchTemplateConfig, checkMetadataOptions } from "./imds-launch-template";

/**
 * Older self-managed node groups launch from a launch configuration (pulumi-eks `NodeGroup`,
 * nodejs/eks/nodegroup.ts, `aws.ec2.LaunchConfiguration` with the node instance profile): IMDSv1
 * or a hop limit above 1 there hands every pod the node role exactly as on a launch template
 * (EKS Best Practices, "Restrict access to the instance profile assigned to the worker node").
 * Same rules and config as imds-launch-template.
 */
export const imdsLaunchConfiguration = registerPolicy(
    resourcePolicy<ImdsLaunchTemplateConfig>({
        name: "imds-launch-configuration",
        description:
            "A launch configuration must require IMDSv2 tokens (httpTokens: required) and set httpPutResponseHopLimit no higher than the configured maximum, so pods cannot reach the node role.",
        enforcementLevel: "mandatory",
        resourceType: Types.launchConfiguration,
        configSchema: IMDS_CONFIG_SCHEMA,
        validate: (props, report, config) => checkMetadataOptions(props, report, config),
    }),
);
