import { resourcePolicy } from "../../lib/define";
import { UNKNOWN, get, list } from "../../lib/props";
import { Types } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

/** aws.eks.NodeGroup docs: with ec2SshKey and no sourceSecurityGroupIds, port 22 is opened to 0.0.0.0/0. */
export const sshNodeGroupRemoteAccess = registerPolicy(
    resourcePolicy({
        name: "ssh-node-group-remote-access",
        description:
            "A node group with SSH remote access must restrict it to source security groups; otherwise EKS opens port 22 to the internet.",
        enforcementLevel: "mandatory",
        resourceType: Types.nodeGroup,
        validate: (props, report) => {
            const remote = get(props, "remoteAccess");
            if (remote === undefined || remote === null || remote === UNKNOWN) {
                return;
            }
            const key = get(remote, "ec2SshKey");
            const groups = list(remote, "sourceSecurityGroupIds");
            if (key !== undefined && key !== "" && groups !== UNKNOWN && groups.length === 0) {
                report(
                    `remoteAccess sets ec2SshKey without sourceSecurityGroupIds, so EKS opens port 22 on every node to 0.0.0.0/0. ` +
                        `Set remoteAccess.sourceSecurityGroupIds to the bastion's security group, or drop remoteAccess and use SSM Session Manager.`,
                );
            }
        },
    }),
);
