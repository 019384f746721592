import * as assert from "assert";
import {
    accountlessArn,
    arnPartition,
    arnProblem,
    ec2Arn,
    globalArn,
    regionalArn,
} from "../../../../components/identity/catalog/arns";
import { ScopeField } from "../../../../components/identity/catalog/args";
import { CTX } from "./fixtures";

const CN = { partition: "aws-cn", region: "cn-north-1", accountId: "222233334444" };

describe("identity/catalog/arns", () => {
    it("builds every ARN from the context's partition, region and account", () => {
        const cases: [string, string][] = [
            [regionalArn(CTX, "sqs", "queue"), "arn:aws:sqs:us-west-2:111122223333:queue"],
            [
                regionalArn(CN, "logs", "log-group:/eks/*"),
                "arn:aws-cn:logs:cn-north-1:222233334444:log-group:/eks/*",
            ],
            [ec2Arn(CTX, "volume/*"), "arn:aws:ec2:us-west-2:111122223333:volume/*"],
            [accountlessArn(CTX, "ec2", "image/*"), "arn:aws:ec2:us-west-2::image/*"],
            [accountlessArn(CN, "ssm", "parameter/aws/*"), "arn:aws-cn:ssm:cn-north-1::parameter/aws/*"],
            [globalArn(CTX, "route53", "change/*"), "arn:aws:route53:::change/*"],
            [globalArn(CN, "iam", "role/x", CN.accountId), "arn:aws-cn:iam::222233334444:role/x"],
        ];
        for (const [actual, expected] of cases) {
            assert.strictEqual(actual, expected);
        }
    });

    it("arnPartition: the partition an ARN names, undefined for anything else", () => {
        const cases: [string, string | undefined][] = [
            ["arn:aws:s3:::bucket", "aws"],
            ["arn:aws-us-gov:iam::111122223333:role/x", "aws-us-gov"],
            ["arn:aws-cn:route53:::hostedzone/Z1", "aws-cn"],
            ["bucket", undefined],
            ["arn:", undefined],
        ];
        for (const [arn, expected] of cases) {
            assert.strictEqual(arnPartition(arn), expected, arn);
        }
    });

    it("arnProblem: accepts the documented shape of each field, in any partition, and nothing else", () => {
        const valid: [ScopeField, string][] = [
            ["hostedZoneArns", "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ"],
            ["kmsKeyArns", "arn:aws-cn:kms:cn-north-1:222233334444:key/mrk-1234abcd12ab34cd56ef1234567890ab"],
            [
                "fileSystemArns",
                "arn:aws:elasticfilesystem:us-west-2:111122223333:file-system/fs-0123456789abcdef0",
            ],
            ["interruptionQueueArn", "arn:aws:sqs:us-west-2:111122223333:Karpenter-prod.fifo"],
            ["secretArns", "arn:aws:secretsmanager:us-west-2:111122223333:secret:prod/app/db-*"],
            ["parameterArns", "arn:aws-us-gov:ssm:us-gov-west-1:111122223333:parameter/prod/app/*"],
            ["bucketArns", "arn:aws:s3:::prod-velero-backups"],
            ["workspaceArns", "arn:aws:aps:us-west-2:111122223333:workspace/ws-12345678-abcd"],
            ["nodeRoleArns", "arn:aws:iam::111122223333:role/KarpenterNodeRole-prod"],
        ];
        for (const [field, arn] of valid) {
            assert.strictEqual(arnProblem(field, field, arn), undefined, `${field}: ${arn}`);
        }
        const invalid: [ScopeField, string][] = [
            ["hostedZoneArns", "arn:aws:route53:::hostedzone/*"],
            ["kmsKeyArns", "arn:aws:kms:us-west-2:111122223333:alias/ebs"],
            ["fileSystemArns", "fs-0123456789abcdef0"],
            ["interruptionQueueArn", "arn:aws:sqs:us-west-2:1:q"],
            ["secretArns", "arn:aws:ssm:us-west-2:111122223333:parameter/x"],
            ["parameterArns", "arn:aws:ssm:us-west-2:111122223333:parameter//x"],
            ["bucketArns", "arn:aws:s3:::bucket/path/*"],
            ["workspaceArns", "arn:aws:aps:us-west-2:111122223333:workspace/*"],
            ["nodeRoleArns", "arn:aws:iam::111122223333:user/bob"],
        ];
        for (const [field, arn] of invalid) {
            assert.notStrictEqual(arnProblem(field, field, arn), undefined, `${field}: ${arn}`);
        }
        // Fields that are not ARNs have no format here.
        assert.strictEqual(arnProblem("clusterName", "clusterName", "any name"), undefined);
    });
});
