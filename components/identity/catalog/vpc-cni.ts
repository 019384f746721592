// Amazon VPC CNI (`aws-node`), modelled on the AWS managed AmazonEKS_CNI_Policy (IPv4) and the
// IPv6 policy the EKS User Guide documents (cni-iam-role.html#cni-iam-role-create-ipv6-policy),
// as terraform-aws-modules/eks-pod-identity aws_vpc_cni.tf ships them. The managed policy grants
// ENI actions on `*`; here they name their resource types in this region and account, except
// subnets, which a shared (RAM) VPC's owner account holds. aws-node v1.22.1-1.22.4 calls
// ec2:DescribeSecurityGroups during IPAMD init (nodes stay NotReady without it), and the current
// IPv6 policy (amazon-vpc-cni-k8s v1.23.0 docs/iam-policy.md) reads subnets too.
import { PolicyStatement } from "../../common/iamDocument";
import { CatalogContext, IpFamily, ResolvedWellKnownPolicy } from "./args";
import { CatalogEntry } from "./entry";
import { ec2Arn } from "./arns";

const KIND = "vpc-cni";
export const IP_FAMILIES: readonly IpFamily[] = Object.values(IpFamily);

/** What both families read. */
function describe(): PolicyStatement {
    return {
        Sid: "Describe",
        Effect: "Allow",
        Action: [
            "ec2:DescribeInstances",
            "ec2:DescribeTags",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeInstanceTypes",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets",
        ],
        Resource: "*",
    };
}

function statements(args: ResolvedWellKnownPolicy, ctx: CatalogContext): PolicyStatement[] {
    const networkInterfaces = ec2Arn(ctx, "network-interface/*");
    // The CNI tags the ENIs it creates (`node.k8s.amazonaws.com/instance_id`, ...).
    const tagEnis: PolicyStatement = {
        Sid: "TagNetworkInterfaces",
        Effect: "Allow",
        Action: "ec2:CreateTags",
        Resource: networkInterfaces,
    };
    if ((args.ipFamily ?? "ipv4") === "ipv6") {
        // IPv6 pods take addresses from the node's primary ENI prefix: no ENI lifecycle.
        return [
            {
                Sid: "AssignIpv6Addresses",
                Effect: "Allow",
                Action: "ec2:AssignIpv6Addresses",
                Resource: networkInterfaces,
            },
            describe(),
            tagEnis,
        ];
    }
    return [
        {
            Sid: "ManageNetworkInterfaces",
            Effect: "Allow",
            Action: [
                "ec2:AssignPrivateIpAddresses",
                "ec2:AttachNetworkInterface",
                "ec2:CreateNetworkInterface",
                "ec2:DeleteNetworkInterface",
                "ec2:DetachNetworkInterface",
                "ec2:ModifyNetworkInterfaceAttribute",
                "ec2:UnassignPrivateIpAddresses",
            ],
            // CreateNetworkInterface also authorizes the subnet and security groups; attach and
            // detach the instance.
            Resource: [
                networkInterfaces,
                ec2Arn(ctx, "instance/*"),
                `arn:${ctx.partition}:ec2:${ctx.region}:*:subnet/*`,
                ec2Arn(ctx, "security-group/*"),
            ],
        },
        describe(),
        tagEnis,
    ];
}

export const vpcCni: CatalogEntry = {
    kind: KIND,
    upstream: {
        repository: "(AWS managed policy) + awsdocs/amazon-eks-user-guide + aws/amazon-vpc-cni-k8s",
        path: "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
        version: "AmazonEKS_CNI_Policy v6",
        drops: [],
    },
    required: [],
    optional: ["ipFamily"],
    statements,
};
