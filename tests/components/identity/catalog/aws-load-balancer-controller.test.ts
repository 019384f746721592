import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, FULL, list, statement } from "./fixtures";
import { ControllerRequest, calls, describeConformance } from "./conformance";

describe("identity/catalog/aws-load-balancer-controller", () => {
    describe("key statements", () => {
        const cases: {
            kind: string;
            args: ResolvedWellKnownPolicy;
            check: (doc: PolicyDocument) => void;
        }[] = [
            {
                kind: "aws-load-balancer-controller",
                args: FULL["aws-load-balancer-controller"],
                check: (doc) => {
                    assert.deepStrictEqual(statement(doc, "CreateSecurityGroupInVpc"), {
                        Sid: "CreateSecurityGroupInVpc",
                        Effect: "Allow",
                        Action: "ec2:CreateSecurityGroup",
                        Resource: "arn:aws:ec2:us-west-2:*:vpc/*",
                    });
                    assert.deepStrictEqual(statement(doc, "ManageListenersAndRules").Action, [
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
                    ]);
                    const create = statement(doc, "CreateOwnedLoadBalancers");
                    assert.deepStrictEqual(create.Action, [
                        "elasticloadbalancing:CreateLoadBalancer",
                        "elasticloadbalancing:CreateTargetGroup",
                    ]);
                    assert.deepStrictEqual(create.Resource, [
                        "arn:aws:elasticloadbalancing:us-west-2:111122223333:loadbalancer/app/*/*",
                        "arn:aws:elasticloadbalancing:us-west-2:111122223333:loadbalancer/net/*/*",
                        "arn:aws:elasticloadbalancing:us-west-2:111122223333:targetgroup/*/*",
                    ]);
                    assert.deepStrictEqual(create.Condition, {
                        StringEquals: { "aws:RequestTag/elbv2.k8s.aws/cluster": "prod" },
                    });
                    const manage = statement(doc, "ManageOwnedLoadBalancers");
                    assert.deepStrictEqual(manage.Condition, {
                        StringEquals: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "prod" },
                        Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "true" },
                    });
                    assert.ok(list(manage.Action).includes("elasticloadbalancing:DeleteLoadBalancer"));
                    const slr = statement(doc, "CreateElbServiceLinkedRole");
                    assert.strictEqual(
                        slr.Resource,
                        "arn:aws:iam::111122223333:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing",
                    );
                    assert.deepStrictEqual(slr.Condition, {
                        StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" },
                    });
                    assert.deepStrictEqual(statement(doc, "UnscopableRegional").Condition, {
                        StringEquals: { "aws:RequestedRegion": "us-west-2" },
                    });
                    assert.deepStrictEqual(statement(doc, "ManageOwnedSecurityGroups").Action, [
                        "ec2:CreateTags",
                        "ec2:DeleteTags",
                        "ec2:DeleteSecurityGroup",
                    ]);
                    // No statement lets the controller re-tag load balancers it does not own.
                    for (const s of doc.Statement) {
                        if (
                            list(s.Action).includes("elasticloadbalancing:AddTags") &&
                            s.Sid !== "ManageListenersAndRules"
                        ) {
                            assert.ok(s.Condition, `${s.Sid} adds load balancer tags without a condition`);
                        }
                    }
                    assert.deepStrictEqual(statement(doc, "ManageListenersAndRules").Resource, [
                        "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener/app/*/*/*",
                        "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener/net/*/*/*",
                        "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener-rule/app/*/*/*/*",
                        "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener-rule/net/*/*/*/*",
                    ]);
                },
            },
        ];
        for (const c of cases) {
            it(c.kind, () => c.check(wellKnownPolicyDocument(c.args, CTX)));
        }
    });
});
const LB =
    "arn:aws:elasticloadbalancing:us-west-2:111122223333:loadbalancer/app/k8s-default-web-1a2b3c4d5e/50dc6c495c0c9188";
const TG =
    "arn:aws:elasticloadbalancing:us-west-2:111122223333:targetgroup/k8s-default-web-1a2b3c4d5e/73e2d6bc24d8a067";
const LISTENER =
    "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener/app/k8s-default-web-1a2b3c4d5e/50dc6c495c0c9188/f2f7dc8efc522ab2";
const OWNED = { "aws:ResourceTag/elbv2.k8s.aws/cluster": "demo" };
const SG = "arn:aws:ec2:us-west-2:111122223333:security-group/sg-0123456789abcdef0";
const MORE: ControllerRequest[] = [
    ...calls(
        [
            "acm:ListCertificates",
            "ec2:DescribeAccountAttributes",
            "ec2:DescribeAddresses",
            "ec2:DescribeAvailabilityZones",
            "ec2:DescribeInstances",
            "ec2:DescribeInternetGateways",
            "ec2:DescribeIpamPools",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeRouteTables",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets",
            "ec2:DescribeTags",
            "ec2:DescribeVpcPeeringConnections",
            "ec2:DescribeVpcs",
            "elasticloadbalancing:DescribeCapacityReservation",
            "elasticloadbalancing:DescribeListenerCertificates",
            "elasticloadbalancing:DescribeListeners",
            "elasticloadbalancing:DescribeLoadBalancerAttributes",
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeRules",
            "elasticloadbalancing:DescribeSSLPolicies",
            "elasticloadbalancing:DescribeTags",
            "elasticloadbalancing:DescribeTargetGroupAttributes",
            "elasticloadbalancing:DescribeTargetGroups",
            "elasticloadbalancing:DescribeTargetHealth",
            "elasticloadbalancing:DescribeTrustStores",
            "iam:ListServerCertificates",
            "shield:GetSubscriptionState",
        ],
        "*",
        "pkg/aws/services: discovery reads (subnets, SGs, certificates, LB state) of every reconcile",
    ),
    {
        action: "iam:GetServerCertificate",
        resource: "arn:aws:iam::111122223333:server-certificate/web",
        note: "certificate-arn annotation naming an IAM server certificate",
    },
    {
        action: "cognito-idp:DescribeUserPoolClient",
        resource: "arn:aws:cognito-idp:us-west-2:111122223333:userpool/us-west-2_abcdEFGH1",
        note: "auth-type: cognito annotation",
    },
    {
        action: "wafv2:GetWebACL",
        resource:
            "arn:aws:wafv2:us-west-2:111122223333:regional/webacl/acl/0123abcd-0123-4567-89ab-0123456789ab",
        note: "wafv2-acl-arn annotation",
    },
    { action: "wafv2:DisassociateWebACL", resource: LB, note: "wafv2-acl-arn annotation removed" },
    {
        action: "shield:DescribeProtection",
        resource: "*",
        note: "shield-advanced-protection annotation: DescribeProtection by resource ARN",
    },
    {
        action: "shield:DeleteProtection",
        resource: "arn:aws:shield::111122223333:protection/0123abcd-0123-4567-89ab-0123456789ab",
        note: "shield-advanced-protection: false",
    },
    {
        action: "ec2:DeleteTags",
        resource: SG,
        context: {
            "ec2:ResourceTag/elbv2.k8s.aws/cluster": "demo",
            "aws:ResourceTag/elbv2.k8s.aws/cluster": "demo",
            "aws:TagKeys": ["ingress.k8s.aws/resource"],
        },
        note: "tags of an owned SG removed",
    },
    ...calls(
        ["elasticloadbalancing:AddListenerCertificates", "elasticloadbalancing:RemoveListenerCertificates"],
        LISTENER,
        "extra certificates on an HTTPS listener (certificate-arn list)",
    ),
    ...calls(
        ["elasticloadbalancing:DeleteTargetGroup", "elasticloadbalancing:ModifyTargetGroup"],
        TG,
        "owned target group: health check change, deletion",
        OWNED,
    ),
    {
        action: "elasticloadbalancing:DeregisterTargets",
        resource: TG,
        note: "pod removed from a TargetGroupBinding's target group (may be untagged)",
    },
    ...calls(
        [
            "elasticloadbalancing:ModifyCapacityReservation",
            "elasticloadbalancing:ModifyIpPools",
            "elasticloadbalancing:SetIpAddressType",
            "elasticloadbalancing:SetSubnets",
        ],
        LB,
        "owned load balancer: annotation changes (subnets, ip-address-type, ipam, capacity)",
        OWNED,
    ),
    {
        action: "elasticloadbalancing:RemoveTags",
        resource: LB,
        context: { ...OWNED, "aws:TagKeys": ["team"] },
        note: "tags annotation removes a tag",
    },
];
const NEG: ControllerRequest[] = [
    {
        action: "elasticloadbalancing:DeleteLoadBalancer",
        resource: LB,
        context: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "other" },
        note: "another cluster's load balancer",
    },
    {
        action: "ec2:DeleteSecurityGroup",
        resource: SG,
        context: { "ec2:ResourceTag/Name": "database", "aws:ResourceTag/Name": "database" },
        note: "a security group the controller did not create",
    },
];

describe("identity/catalog/aws-load-balancer-controller conformance", () => {
    describeConformance({
        kind: "aws-load-balancer-controller",
        variants: [
            {
                name: "clusterName=demo, controller defaults (incl. a shared VPC)",
                args: { kind: "aws-load-balancer-controller", clusterName: "demo" },
                requests: [
                    {
                        action: "iam:CreateServiceLinkedRole",
                        resource:
                            "arn:aws:iam::111122223333:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing",
                        context: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" },
                        note: "first load balancer of the account: ELB creates its service-linked role",
                    },
                    {
                        action: "ec2:CreateSecurityGroup",
                        resource: "arn:aws:ec2:us-west-2:111122223333:vpc/vpc-0123456789abcdef0",
                        note: "SG create: VPC resource",
                    },
                    {
                        action: "ec2:CreateSecurityGroup",
                        resource: "arn:aws:ec2:us-west-2:999988887777:vpc/vpc-0123456789abcdef0",
                        note: "shared VPC owned by another account",
                    },
                    {
                        action: "ec2:CreateSecurityGroup",
                        resource: "arn:aws:ec2:us-west-2:111122223333:security-group/sg-0123456789abcdef0",
                        context: {
                            "aws:RequestTag/elbv2.k8s.aws/cluster": "demo",
                            "aws:RequestTag/ingress.k8s.aws/stack": "default/web",
                            "aws:RequestTag/ingress.k8s.aws/resource": "LoadBalancer",
                            "aws:TagKeys": [
                                "elbv2.k8s.aws/cluster",
                                "ingress.k8s.aws/stack",
                                "ingress.k8s.aws/resource",
                            ],
                        },
                        note: "SG create: new SG with request tags",
                    },
                    {
                        action: "ec2:CreateTags",
                        resource: "arn:aws:ec2:us-west-2:111122223333:security-group/sg-0123456789abcdef0",
                        context: {
                            "ec2:CreateAction": "CreateSecurityGroup",
                            "aws:RequestTag/elbv2.k8s.aws/cluster": "demo",
                            "aws:RequestTag/ingress.k8s.aws/stack": "default/web",
                            "aws:RequestTag/ingress.k8s.aws/resource": "LoadBalancer",
                            "aws:TagKeys": [
                                "elbv2.k8s.aws/cluster",
                                "ingress.k8s.aws/stack",
                                "ingress.k8s.aws/resource",
                            ],
                        },
                        note: "tag-on-create SG",
                    },
                    {
                        action: "ec2:AuthorizeSecurityGroupIngress",
                        resource: "arn:aws:ec2:us-west-2:111122223333:security-group/sg-0node000000000000",
                        note: "node/pod SG not owned",
                    },
                    {
                        action: "ec2:RevokeSecurityGroupIngress",
                        resource: "arn:aws:ec2:us-west-2:111122223333:security-group/sg-0node000000000000",
                        note: "pkg/deploy/ec2/security_group_manager.go: managed security groups, created with TagSpecifications (elbv2.k8s.aws/cluster)",
                    },
                    {
                        action: "ec2:DeleteSecurityGroup",
                        resource: "arn:aws:ec2:us-west-2:111122223333:security-group/sg-0123456789abcdef0",
                        context: {
                            "aws:ResourceTag/elbv2.k8s.aws/cluster": "demo",
                            "aws:ResourceTag/ingress.k8s.aws/stack": "default/web",
                            "aws:ResourceTag/ingress.k8s.aws/resource": "LoadBalancer",
                            "ec2:ResourceTag/elbv2.k8s.aws/cluster": "demo",
                            "ec2:ResourceTag/ingress.k8s.aws/stack": "default/web",
                            "ec2:ResourceTag/ingress.k8s.aws/resource": "LoadBalancer",
                        },
                        note: "pkg/deploy/ec2/security_group_manager.go: managed security groups, created with TagSpecifications (elbv2.k8s.aws/cluster)",
                    },
                    {
                        action: "ec2:CreateTags",
                        resource: "arn:aws:ec2:us-west-2:111122223333:security-group/sg-0123456789abcdef0",
                        context: {
                            "aws:ResourceTag/elbv2.k8s.aws/cluster": "demo",
                            "aws:ResourceTag/ingress.k8s.aws/stack": "default/web",
                            "aws:ResourceTag/ingress.k8s.aws/resource": "LoadBalancer",
                            "aws:RequestTag/team": "a",
                            "aws:TagKeys": ["team"],
                            "ec2:ResourceTag/elbv2.k8s.aws/cluster": "demo",
                            "ec2:ResourceTag/ingress.k8s.aws/stack": "default/web",
                            "ec2:ResourceTag/ingress.k8s.aws/resource": "LoadBalancer",
                        },
                        note: "update tags on owned SG",
                    },
                    {
                        action: "ec2:GetSecurityGroupsForVpc",
                        resource: "arn:aws:ec2:us-west-2:111122223333:vpc/vpc-0123456789abcdef0",
                        note: "pkg/deploy/ec2/security_group_manager.go: managed security groups, created with TagSpecifications (elbv2.k8s.aws/cluster)",
                    },
                    {
                        action: "elasticloadbalancing:CreateLoadBalancer",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:loadbalancer/app/k8s-default-web-1a2b3c4d5e/50dc6c495c0c9188",
                        context: {
                            "aws:RequestTag/elbv2.k8s.aws/cluster": "demo",
                            "aws:RequestTag/ingress.k8s.aws/stack": "default/web",
                            "aws:RequestTag/ingress.k8s.aws/resource": "LoadBalancer",
                            "aws:TagKeys": [
                                "elbv2.k8s.aws/cluster",
                                "ingress.k8s.aws/stack",
                                "ingress.k8s.aws/resource",
                            ],
                        },
                        note: "pkg/deploy/elbv2: load balancers and target groups tagged by tracking/provider.go StackTags",
                    },
                    {
                        action: "elasticloadbalancing:AddTags",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:loadbalancer/app/k8s-default-web-1a2b3c4d5e/50dc6c495c0c9188",
                        context: {
                            "elasticloadbalancing:CreateAction": "CreateLoadBalancer",
                            "aws:RequestTag/elbv2.k8s.aws/cluster": "demo",
                            "aws:RequestTag/ingress.k8s.aws/stack": "default/web",
                            "aws:RequestTag/ingress.k8s.aws/resource": "LoadBalancer",
                            "aws:TagKeys": [
                                "elbv2.k8s.aws/cluster",
                                "ingress.k8s.aws/stack",
                                "ingress.k8s.aws/resource",
                            ],
                        },
                        note: "tag-on-create LB",
                    },
                    {
                        action: "elasticloadbalancing:CreateTargetGroup",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:targetgroup/k8s-default-web-1a2b3c4d5e/73e2d6bc24d8a067",
                        context: {
                            "aws:RequestTag/elbv2.k8s.aws/cluster": "demo",
                            "aws:RequestTag/ingress.k8s.aws/stack": "default/web",
                            "aws:RequestTag/ingress.k8s.aws/resource": "LoadBalancer",
                            "aws:TagKeys": [
                                "elbv2.k8s.aws/cluster",
                                "ingress.k8s.aws/stack",
                                "ingress.k8s.aws/resource",
                            ],
                        },
                        note: "pkg/deploy/elbv2: load balancers and target groups tagged by tracking/provider.go StackTags",
                    },
                    {
                        action: "elasticloadbalancing:CreateListener",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:loadbalancer/app/k8s-default-web-1a2b3c4d5e/50dc6c495c0c9188",
                        context: {
                            "aws:ResourceTag/elbv2.k8s.aws/cluster": "demo",
                            "aws:ResourceTag/ingress.k8s.aws/stack": "default/web",
                            "aws:ResourceTag/ingress.k8s.aws/resource": "LoadBalancer",
                            "aws:RequestTag/elbv2.k8s.aws/cluster": "demo",
                            "aws:RequestTag/ingress.k8s.aws/stack": "default/web",
                            "aws:RequestTag/ingress.k8s.aws/resource": "LoadBalancer",
                            "aws:TagKeys": [
                                "elbv2.k8s.aws/cluster",
                                "ingress.k8s.aws/stack",
                                "ingress.k8s.aws/resource",
                            ],
                        },
                        note: "ListenerRulesTagging (default on) sends tags",
                    },
                    // AddTags on a listener (tag-on-create) is not modelled: iam-data 0.21 lists
                    // AddTags for classic load balancers only, so the simulator cannot evaluate it.
                    {
                        action: "elasticloadbalancing:CreateRule",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener/app/k8s-default-web-1a2b3c4d5e/50dc6c495c0c9188/f2f7dc8efc522ab2",
                        context: {
                            "aws:RequestTag/elbv2.k8s.aws/cluster": "demo",
                            "aws:RequestTag/ingress.k8s.aws/stack": "default/web",
                            "aws:RequestTag/ingress.k8s.aws/resource": "LoadBalancer",
                            "aws:TagKeys": [
                                "elbv2.k8s.aws/cluster",
                                "ingress.k8s.aws/stack",
                                "ingress.k8s.aws/resource",
                            ],
                        },
                        note: "pkg/deploy/elbv2/listener_manager.go, listener_rule_manager.go: listeners and rules, tagged (ListenerRulesTagging, default on)",
                    },
                    {
                        action: "elasticloadbalancing:SetRulePriorities",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener-rule/app/k8s-default-web-1a2b3c4d5e/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee",
                        note: "ingress group rule re-ordering",
                    },
                    {
                        action: "elasticloadbalancing:ModifyRule",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener-rule/app/k8s-default-web-1a2b3c4d5e/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee",
                        note: "pkg/deploy/elbv2/listener_manager.go, listener_rule_manager.go: listeners and rules, tagged (ListenerRulesTagging, default on)",
                    },
                    {
                        action: "elasticloadbalancing:DeleteRule",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener-rule/app/k8s-default-web-1a2b3c4d5e/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee",
                        note: "pkg/deploy/elbv2/listener_manager.go, listener_rule_manager.go: listeners and rules, tagged (ListenerRulesTagging, default on)",
                    },
                    {
                        action: "elasticloadbalancing:ModifyListener",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener/app/k8s-default-web-1a2b3c4d5e/50dc6c495c0c9188/f2f7dc8efc522ab2",
                        note: "pkg/deploy/elbv2/listener_manager.go, listener_rule_manager.go: listeners and rules, tagged (ListenerRulesTagging, default on)",
                    },
                    {
                        action: "elasticloadbalancing:ModifyListenerAttributes",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener/app/k8s-default-web-1a2b3c4d5e/50dc6c495c0c9188/f2f7dc8efc522ab2",
                        context: OWNED,
                        note: "listener attributes annotation; listeners carry the cluster tag (ListenerRulesTagging, default on)",
                    },
                    {
                        action: "elasticloadbalancing:DeleteListener",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener/app/k8s-default-web-1a2b3c4d5e/50dc6c495c0c9188/f2f7dc8efc522ab2",
                        note: "pkg/deploy/elbv2/listener_manager.go, listener_rule_manager.go: listeners and rules, tagged (ListenerRulesTagging, default on)",
                    },
                    {
                        action: "elasticloadbalancing:ModifyLoadBalancerAttributes",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:loadbalancer/app/k8s-default-web-1a2b3c4d5e/50dc6c495c0c9188",
                        context: {
                            "aws:ResourceTag/elbv2.k8s.aws/cluster": "demo",
                            "aws:ResourceTag/ingress.k8s.aws/stack": "default/web",
                            "aws:ResourceTag/ingress.k8s.aws/resource": "LoadBalancer",
                        },
                        note: "pkg/deploy/elbv2: load balancers and target groups tagged by tracking/provider.go StackTags",
                    },
                    {
                        action: "elasticloadbalancing:SetSecurityGroups",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:loadbalancer/net/k8s-default-svc-1a2b3c4d5e/50dc6c495c0c9189",
                        context: {
                            "aws:ResourceTag/elbv2.k8s.aws/cluster": "demo",
                            "aws:ResourceTag/ingress.k8s.aws/stack": "default/web",
                            "aws:ResourceTag/ingress.k8s.aws/resource": "LoadBalancer",
                        },
                        note: "pkg/deploy/elbv2: load balancers and target groups tagged by tracking/provider.go StackTags",
                    },
                    {
                        action: "elasticloadbalancing:ModifyTargetGroupAttributes",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:targetgroup/k8s-default-web-1a2b3c4d5e/73e2d6bc24d8a067",
                        context: {
                            "aws:ResourceTag/elbv2.k8s.aws/cluster": "demo",
                            "aws:ResourceTag/ingress.k8s.aws/stack": "default/web",
                            "aws:ResourceTag/ingress.k8s.aws/resource": "LoadBalancer",
                        },
                        note: "pkg/deploy/elbv2: load balancers and target groups tagged by tracking/provider.go StackTags",
                    },
                    {
                        action: "elasticloadbalancing:RegisterTargets",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:targetgroup/k8s-default-web-1a2b3c4d5e/73e2d6bc24d8a067",
                        note: "TargetGroupBinding, TG may be untagged",
                    },
                    {
                        action: "elasticloadbalancing:DeleteLoadBalancer",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:loadbalancer/app/k8s-default-web-1a2b3c4d5e/50dc6c495c0c9188",
                        context: {
                            "aws:ResourceTag/elbv2.k8s.aws/cluster": "demo",
                            "aws:ResourceTag/ingress.k8s.aws/stack": "default/web",
                            "aws:ResourceTag/ingress.k8s.aws/resource": "LoadBalancer",
                        },
                        note: "pkg/deploy/elbv2: load balancers and target groups tagged by tracking/provider.go StackTags",
                    },
                    {
                        action: "elasticloadbalancing:SetWebAcl",
                        resource: "*",
                        note: "pkg/deploy/elbv2: load balancers and target groups tagged by tracking/provider.go StackTags",
                    },
                    {
                        action: "wafv2:AssociateWebACL",
                        resource:
                            "arn:aws:wafv2:us-west-2:111122223333:regional/webacl/acl/0123abcd-0123-4567-89ab-0123456789ab",
                        note: "pkg/deploy/wafv2, shield: addons on by default (--enable-wafv2, --enable-shield), used with their annotations",
                    },
                    {
                        action: "wafv2:AssociateWebACL",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:loadbalancer/app/k8s-default-web-1a2b3c4d5e/50dc6c495c0c9188",
                        note: "pkg/deploy/wafv2, shield: addons on by default (--enable-wafv2, --enable-shield), used with their annotations",
                    },
                    {
                        action: "wafv2:GetWebACLForResource",
                        resource:
                            "arn:aws:elasticloadbalancing:us-west-2:111122223333:loadbalancer/app/k8s-default-web-1a2b3c4d5e/50dc6c495c0c9188",
                        note: "pkg/deploy/wafv2, shield: addons on by default (--enable-wafv2, --enable-shield), used with their annotations",
                    },
                    {
                        action: "shield:CreateProtection",
                        resource: "*",
                        note: "pkg/deploy/wafv2, shield: addons on by default (--enable-wafv2, --enable-shield), used with their annotations",
                    },
                    {
                        action: "acm:DescribeCertificate",
                        resource:
                            "arn:aws:acm:us-west-2:111122223333:certificate/0123abcd-0123-4567-89ab-0123456789ab",
                        note: "certificate-arn annotation / certificate discovery",
                    },
                    {
                        action: "elasticloadbalancing:DescribeListenerAttributes",
                        resource: "*",
                        note: "pkg/deploy/elbv2/listener_manager.go, listener_rule_manager.go: listeners and rules, tagged (ListenerRulesTagging, default on)",
                    },
                    ...MORE,
                ],
                denied: [...NEG],
            },
        ],
    });
});
