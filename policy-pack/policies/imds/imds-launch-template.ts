import { PolicyConfigSchema } from "@pulumi/policy";
import { Report, resourcePolicy } from "../../lib/define";
import { Plain, UNKNOWN, get, str } from "../../lib/props";
import { Types } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

export interface ImdsLaunchTemplateConfig {
    maxHopLimit: number;
}

/** The config both IMDS policies share (launch templates and launch configurations). */
export const IMDS_CONFIG_SCHEMA: PolicyConfigSchema = {
    properties: {
        maxHopLimit: {
            type: "integer",
            minimum: 1,
            maximum: 64,
            default: 1,
            description:
                "Highest httpPutResponseHopLimit allowed. 1 keeps IMDS off pods that do not use host networking.",
        },
    },
};

/**
 * Checks `metadataOptions` of a launch template or launch configuration: both take httpEndpoint,
 * httpTokens and httpPutResponseHopLimit with the same meaning (EC2 API InstanceMetadataOptions;
 * terraform-provider-aws metadata_options of aws_launch_template and aws_launch_configuration).
 */
export function checkMetadataOptions(props: Plain, report: Report, config: ImdsLaunchTemplateConfig): void {
    const options = get(props, "metadataOptions");
    if (options === UNKNOWN) {
        return;
    }
    if (str(options, "httpEndpoint") === "disabled") {
        return;
    }
    const tokens = str(options, "httpTokens");
    if (tokens !== UNKNOWN && tokens !== "required") {
        report(
            `metadataOptions.httpTokens is ${tokens === undefined ? "unset (IMDSv1 allowed)" : `"${tokens}"`}. Set metadataOptions.httpTokens to "required".`,
        );
    }
    const hopLimit = get(options, "httpPutResponseHopLimit");
    if (hopLimit === UNKNOWN) {
        return;
    }
    if (typeof hopLimit !== "number") {
        report(
            `metadataOptions.httpPutResponseHopLimit is unset, so the AMI decides (2 on EKS AL2023 AMIs), which lets pods reach the node role. Set it to ${config.maxHopLimit}.`,
        );
    } else if (hopLimit > config.maxHopLimit) {
        report(
            `metadataOptions.httpPutResponseHopLimit is ${hopLimit}, which lets pods reach the node role through IMDS. Set it to ${config.maxHopLimit}.`,
        );
    }
}

/**
 * EKS Best Practices ("Restrict access to the instance profile assigned to the worker node"):
 * IMDSv2 with hop limit 1 keeps pods off the node role; hop limit 2 (the @pulumi/eks default)
 * lets any pod fetch the node role's credentials.
 */
export const imdsLaunchTemplate = registerPolicy(
    resourcePolicy<ImdsLaunchTemplateConfig>({
        name: "imds-launch-template",
        description:
            "A launch template must require IMDSv2 tokens (httpTokens: required) and set httpPutResponseHopLimit no higher than the configured maximum, so pods cannot reach the node role.",
        enforcementLevel: "mandatory",
        resourceType: Types.launchTemplate,
        configSchema: IMDS_CONFIG_SCHEMA,
        validate: (props, report, config) => checkMetadataOptions(props, report, config),
    }),
);
