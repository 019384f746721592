import { resourcePolicy } from "../../lib/define";
import { get } from "../../lib/props";
import { Types } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

/** Without a launch template a managed node group runs with the AMI's IMDS defaults, which the stack cannot tighten. */
export const imdsNodeGroupLaunchTemplate = registerPolicy(
    resourcePolicy({
        name: "imds-node-group-launch-template",
        description:
            "A managed node group should use a launch template, so that its IMDS settings are set by the stack rather than left to the AMI.",
        enforcementLevel: "advisory",
        resourceType: Types.nodeGroup,
        validate: (props, report) => {
            if (get(props, "launchTemplate") === undefined) {
                report(
                    `The node group has no launchTemplate, so IMDS runs with the AMI defaults (hop limit 2 on EKS AL2023 AMIs). Add a launch template with metadataOptions { httpTokens: "required", httpPutResponseHopLimit: 1 }.`,
                );
            }
        },
    }),
);
