import * as assert from "assert";
import { PolicyDocument } from "../../../../components/common/iamDocument";
import { ResolvedWellKnownPolicy, wellKnownPolicyDocument } from "../../../../components/identity/catalog";
import { CTX, FULL, list, statement } from "./fixtures";

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
