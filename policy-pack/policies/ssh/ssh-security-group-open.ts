import { resourcePolicy } from "../../lib/define";
import { Plain, UNKNOWN, get, list } from "../../lib/props";
import { Types } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

const WORLD = ["0.0.0.0/0", "::/0"];
const SSH_PORT = 22;

interface Rule {
    /** `ingress[0]` or `the ingress rule`, for messages. */
    label: string;
    protocol: unknown;
    fromPort: unknown;
    toPort: unknown;
    cidrs: unknown[];
    /** Where a source security group goes instead, for the advice. */
    sourceProperty: string;
}

function port(value: unknown): number | undefined {
    if (typeof value === "number") {
        return value;
    }
    return typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : undefined;
}

/** `-1`/`all` (every port), or tcp (`tcp`/`6`) with a port range containing 22; undefined when unknown. */
function admitsSsh(rule: Rule): { ports: string } | undefined {
    if (typeof rule.protocol !== "string" && typeof rule.protocol !== "number") {
        return undefined;
    }
    const protocol = String(rule.protocol).toLowerCase();
    if (protocol === "-1" || protocol === "all") {
        return { ports: `protocol ${protocol}, all ports` };
    }
    if (protocol !== "tcp" && protocol !== "6") {
        return undefined;
    }
    const from = port(rule.fromPort);
    const to = port(rule.toPort);
    if (from === undefined || to === undefined || from > SSH_PORT || to < SSH_PORT) {
        return undefined;
    }
    return { ports: `protocol ${protocol}, ports ${from}-${to}` };
}

function rulesOf(type: string, props: Plain): Rule[] {
    if (type === Types.securityGroup) {
        const ingress = list(props, "ingress");
        if (ingress === UNKNOWN) {
            return [];
        }
        return ingress.map((r, i) => ({
            label: `ingress[${i}]`,
            protocol: get(r, "protocol"),
            fromPort: get(r, "fromPort"),
            toPort: get(r, "toPort"),
            cidrs: [list(r, "cidrBlocks"), list(r, "ipv6CidrBlocks")].flatMap((l) =>
                l === UNKNOWN ? [] : l,
            ),
            sourceProperty: "securityGroups",
        }));
    }
    if (type === Types.securityGroupRule) {
        if (get(props, "type") !== "ingress") {
            return [];
        }
        return [
            {
                label: "The ingress rule",
                protocol: get(props, "protocol"),
                fromPort: get(props, "fromPort"),
                toPort: get(props, "toPort"),
                cidrs: [list(props, "cidrBlocks"), list(props, "ipv6CidrBlocks")].flatMap((l) =>
                    l === UNKNOWN ? [] : l,
                ),
                sourceProperty: "sourceSecurityGroupId",
            },
        ];
    }
    return [
        {
            label: "The ingress rule",
            protocol: get(props, "ipProtocol"),
            fromPort: get(props, "fromPort"),
            toPort: get(props, "toPort"),
            cidrs: [get(props, "cidrIpv4"), get(props, "cidrIpv6")],
            sourceProperty: "referencedSecurityGroupId",
        },
    ];
}

/** REFERENCE.md, "SSH remote access open to the world", for security groups written by hand. */
export const sshSecurityGroupOpen = registerPolicy(
    resourcePolicy({
        name: "ssh-security-group-open",
        description:
            "A security group ingress rule (inline ingress, SecurityGroupRule or vpc.SecurityGroupIngressRule) must not admit port 22 (tcp range including 22, or all protocols) from 0.0.0.0/0 or ::/0.",
        enforcementLevel: "mandatory",
        resourceType: [Types.securityGroup, Types.securityGroupRule, Types.securityGroupIngressRule],
        validate: (props, report, _config, args) => {
            for (const rule of rulesOf(args.type, props)) {
                const open = rule.cidrs.filter(
                    (c): c is string => typeof c === "string" && WORLD.includes(c.trim()),
                );
                const ssh = open.length > 0 ? admitsSsh(rule) : undefined;
                if (ssh) {
                    report(
                        `${rule.label} admits port 22 (SSH) from ${open.join(" and ")} (${ssh.ports}), so anyone on the internet can reach it. ` +
                            `Name the bastion's security group in ${rule.sourceProperty} instead of the world CIDR, or use SSM Session Manager.`,
                    );
                }
            }
        },
    }),
);
