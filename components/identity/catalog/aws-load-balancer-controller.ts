// AWS Load Balancer Controller, modelled on the upstream docs/install/iam_policy.json
// (kubernetes-sigs/aws-load-balancer-controller). Differences, all tightenings:
// - every scopable action names its resource type in this region and account instead of `*`;
// - the upstream "tag exists" checks (`Null: aws:ResourceTag/elbv2.k8s.aws/cluster = false`) become
//   "tag equals this cluster", so one cluster's controller cannot touch another cluster's load
//   balancers (the controller tags what it creates with `elbv2.k8s.aws/cluster: <cluster name>`);
// - WAF Classic (`waf-regional:*`) is left out: it reached end of support in September 2025 and
//   the controller only calls it for the deprecated `waf-acl-id` annotation;
// - COIP (Outposts customer-owned IP) lookups are left out: add them for Outposts clusters.
// VPCs are matched in any account, so a shared (RAM) VPC works as with upstream's `*`.
import { PolicyStatement } from "../../common/iamDocument";
import { CatalogContext, ResolvedWellKnownPolicy } from "./args";
import { CatalogEntry, need } from "./entry";
import { ec2Arn, globalArn, regionalArn } from "./arns";

const KIND = "aws-load-balancer-controller";
export const LBC_CLUSTER_TAG = "elbv2.k8s.aws/cluster";

function statements(args: ResolvedWellKnownPolicy, ctx: CatalogContext): PolicyStatement[] {
    const cluster = need(args.clusterName, "clusterName", KIND);
    const elb = (resource: string) => regionalArn(ctx, "elasticloadbalancing", resource);
    const securityGroups = ec2Arn(ctx, "security-group/*");
    // A shared VPC belongs to its owner account; security groups are created in this one.
    const vpcs = `arn:${ctx.partition}:ec2:${ctx.region}:*:vpc/*`;
    const loadBalancers = [elb("loadbalancer/app/*/*"), elb("loadbalancer/net/*/*")];
    const targetGroups = elb("targetgroup/*/*");
    const listeners = [elb("listener/app/*/*/*"), elb("listener/net/*/*/*")];
    const rules = [elb("listener-rule/app/*/*/*/*"), elb("listener-rule/net/*/*/*/*")];
    const resourceTag = { [`aws:ResourceTag/${LBC_CLUSTER_TAG}`]: cluster };
    const requestTag = { [`aws:RequestTag/${LBC_CLUSTER_TAG}`]: cluster };
    // Tag changes on owned resources must not add or change the ownership tag itself.
    const noOwnershipRetag = { Null: { [`aws:RequestTag/${LBC_CLUSTER_TAG}`]: "true" } };
    return [
        {
            Sid: "CreateElbServiceLinkedRole",
            Effect: "Allow",
            Action: "iam:CreateServiceLinkedRole",
            Resource: globalArn(
                ctx,
                "iam",
                "role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing",
                ctx.accountId,
            ),
            Condition: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
        },
        {
            // Reads, plus SetWebAcl (WAF Classic/v2 hook): none supports a resource type; pinned to the region.
            Sid: "UnscopableRegional",
            Effect: "Allow",
            Action: [
                "ec2:DescribeAccountAttributes",
                "ec2:DescribeAddresses",
                "ec2:DescribeAvailabilityZones",
                "ec2:DescribeInternetGateways",
                "ec2:DescribeVpcs",
                "ec2:DescribeVpcPeeringConnections",
                "ec2:DescribeSubnets",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeInstances",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeTags",
                "ec2:DescribeIpamPools",
                "ec2:DescribeRouteTables",
                "elasticloadbalancing:DescribeLoadBalancers",
                "elasticloadbalancing:DescribeLoadBalancerAttributes",
                "elasticloadbalancing:DescribeListeners",
                "elasticloadbalancing:DescribeListenerCertificates",
                "elasticloadbalancing:DescribeListenerAttributes",
                "elasticloadbalancing:DescribeSSLPolicies",
                "elasticloadbalancing:DescribeRules",
                "elasticloadbalancing:DescribeTargetGroups",
                "elasticloadbalancing:DescribeTargetGroupAttributes",
                "elasticloadbalancing:DescribeTargetHealth",
                "elasticloadbalancing:DescribeTags",
                "elasticloadbalancing:DescribeTrustStores",
                "elasticloadbalancing:DescribeCapacityReservation",
                "elasticloadbalancing:SetWebAcl",
                "acm:ListCertificates",
            ],
            Resource: "*",
            Condition: { StringEquals: { "aws:RequestedRegion": ctx.region } },
        },
        {
            // Global APIs without a resource type (IAM server certificates, Shield Advanced).
            Sid: "UnscopableGlobal",
            Effect: "Allow",
            Action: ["iam:ListServerCertificates", "shield:GetSubscriptionState", "shield:CreateProtection"],
            Resource: "*",
        },
        {
            // Resources Ingress annotations reference (certificates, Cognito, WAF, Shield).
            Sid: "ReadReferencedResources",
            Effect: "Allow",
            Action: [
                "ec2:GetSecurityGroupsForVpc",
                "acm:DescribeCertificate",
                "cognito-idp:DescribeUserPoolClient",
                "iam:GetServerCertificate",
                "wafv2:GetWebACL",
                "shield:DescribeProtection",
            ],
            Resource: [
                vpcs,
                regionalArn(ctx, "acm", "certificate/*"),
                regionalArn(ctx, "cognito-idp", "userpool/*"),
                globalArn(ctx, "iam", "server-certificate/*", ctx.accountId),
                regionalArn(ctx, "wafv2", "regional/webacl/*/*"),
                globalArn(ctx, "shield", "protection/*", ctx.accountId),
            ],
        },
        {
            Sid: "ProtectLoadBalancers",
            Effect: "Allow",
            Action: [
                "wafv2:GetWebACLForResource",
                "wafv2:AssociateWebACL",
                "wafv2:DisassociateWebACL",
                "shield:DeleteProtection",
            ],
            Resource: [
                regionalArn(ctx, "wafv2", "regional/webacl/*/*"),
                elb("loadbalancer/app/*/*"),
                globalArn(ctx, "shield", "protection/*", ctx.accountId),
            ],
        },
        {
            // The controller opens node and pod security groups it does not own to its load
            // balancers (upstream grants this unconditionally, on `*`).
            Sid: "ManageIngressRules",
            Effect: "Allow",
            Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
            Resource: securityGroups,
        },
        {
            Sid: "CreateSecurityGroupInVpc",
            Effect: "Allow",
            Action: "ec2:CreateSecurityGroup",
            Resource: vpcs,
        },
        {
            Sid: "CreateOwnedSecurityGroup",
            Effect: "Allow",
            Action: "ec2:CreateSecurityGroup",
            Resource: securityGroups,
            Condition: { StringEquals: requestTag },
        },
        {
            Sid: "TagSecurityGroupOnCreate",
            Effect: "Allow",
            Action: "ec2:CreateTags",
            Resource: securityGroups,
            Condition: { StringEquals: { "ec2:CreateAction": "CreateSecurityGroup", ...requestTag } },
        },
        {
            Sid: "ManageOwnedSecurityGroups",
            Effect: "Allow",
            Action: ["ec2:CreateTags", "ec2:DeleteTags", "ec2:DeleteSecurityGroup"],
            Resource: securityGroups,
            Condition: { StringEquals: resourceTag, ...noOwnershipRetag },
        },
        {
            Sid: "CreateOwnedLoadBalancers",
            Effect: "Allow",
            Action: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
            Resource: [...loadBalancers, targetGroups],
            Condition: { StringEquals: requestTag },
        },
        {
            Sid: "TagLoadBalancersOnCreate",
            Effect: "Allow",
            Action: "elasticloadbalancing:AddTags",
            Resource: [...loadBalancers, targetGroups],
            Condition: {
                StringEquals: {
                    "elasticloadbalancing:CreateAction": ["CreateTargetGroup", "CreateLoadBalancer"],
                    ...requestTag,
                },
            },
        },
        {
            Sid: "ManageOwnedLoadBalancers",
            Effect: "Allow",
            Action: [
                "elasticloadbalancing:AddTags",
                "elasticloadbalancing:RemoveTags",
                "elasticloadbalancing:ModifyLoadBalancerAttributes",
                "elasticloadbalancing:SetIpAddressType",
                "elasticloadbalancing:SetSecurityGroups",
                "elasticloadbalancing:SetSubnets",
                "elasticloadbalancing:ModifyCapacityReservation",
                "elasticloadbalancing:ModifyIpPools",
                "elasticloadbalancing:DeleteLoadBalancer",
                "elasticloadbalancing:ModifyTargetGroup",
                "elasticloadbalancing:ModifyTargetGroupAttributes",
                "elasticloadbalancing:DeleteTargetGroup",
            ],
            Resource: [...loadBalancers, targetGroups],
            Condition: { StringEquals: resourceTag, ...noOwnershipRetag },
        },
        {
            // TargetGroupBinding registers pods into target groups created outside the cluster, so
            // upstream leaves registration untagged.
            Sid: "RegisterTargets",
            Effect: "Allow",
            Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
            Resource: targetGroups,
        },
        {
            // The resource of CreateListener is the load balancer, which the controller owns.
            Sid: "CreateListenersOnOwnedLoadBalancers",
            Effect: "Allow",
            Action: "elasticloadbalancing:CreateListener",
            Resource: loadBalancers,
            Condition: { StringEquals: resourceTag },
        },
        {
            // Listeners and rules live under the controller's load balancers; upstream does not
            // tag-scope them (listeners created by older controller versions carry no tags).
            Sid: "ManageListenersAndRules",
            Effect: "Allow",
            Action: [
                "elasticloadbalancing:DeleteListener",
                "elasticloadbalancing:ModifyListener",
                "elasticloadbalancing:ModifyListenerAttributes",
                "elasticloadbalancing:AddListenerCertificates",
                "elasticloadbalancing:RemoveListenerCertificates",
                "elasticloadbalancing:CreateRule",
                "elasticloadbalancing:DeleteRule",
                "elasticloadbalancing:ModifyRule",
                "elasticloadbalancing:SetRulePriorities",
                "elasticloadbalancing:AddTags",
                "elasticloadbalancing:RemoveTags",
            ],
            Resource: [...listeners, ...rules],
        },
    ];
}

export const awsLoadBalancerController: CatalogEntry = {
    kind: KIND,
    upstream: {
        repository: "kubernetes-sigs/aws-load-balancer-controller",
        path: "docs/install/iam_policy.json",
        version: "v3.5.0",
        drops: [
            ...["AssociateWebACL", "DisassociateWebACL", "GetWebACL", "GetWebACLForResource"].map((name) => ({
                action: `waf-regional:${name}`,
                reason: "WAF Classic reached end of support in September 2025; only the deprecated alb.ingress.kubernetes.io/waf-acl-id annotation calls it",
            })),
            ...["ec2:DescribeCoipPools", "ec2:GetCoipPoolUsage"].map((action) => ({
                action,
                reason: "Outposts customer-owned IP pools only (alb.ingress.kubernetes.io/customer-owned-ipv4-pool); add them for Outposts clusters",
            })),
        ],
    },
    required: ["clusterName"],
    optional: [],
    statements,
};
