import * as assert from "assert";
import {
    dnsSuffix,
    eksFargateProblem,
    LONGEST_REGION,
    partitionOfRegion,
    PARTITIONS,
    regionProblem,
} from "../../../components/identity/regions";

describe("identity/regions", () => {
    it("the table: each partition's regions as the SDKs' partitions.json lists them", () => {
        assert.deepStrictEqual(
            Object.fromEntries(Object.entries(PARTITIONS).map(([p, f]) => [p, f.regions.length])),
            {
                aws: 36,
                "aws-cn": 2,
                "aws-eusc": 1,
                "aws-iso": 2,
                "aws-iso-b": 2,
                "aws-iso-e": 1,
                "aws-iso-f": 2,
                "aws-us-gov": 2,
            },
        );
        const all = Object.values(PARTITIONS).flatMap((f) => f.regions);
        assert.strictEqual(new Set(all).size, all.length, "a region is in one partition");
    });

    it("partitionOfRegion: from the table, and by partitions.json's prefixes for a region it does not know", () => {
        const cases: [string, string][] = [
            ["us-west-2", "aws"],
            ["ap-southeast-5", "aws"],
            ["mx-central-1", "aws"],
            ["cn-north-1", "aws-cn"],
            ["cn-northwest-1", "aws-cn"],
            ["us-gov-west-1", "aws-us-gov"],
            ["us-gov-east-1", "aws-us-gov"],
            ["us-iso-east-1", "aws-iso"],
            ["us-isob-east-1", "aws-iso-b"],
            ["us-isof-south-1", "aws-iso-f"],
            ["eu-isoe-west-1", "aws-iso-e"],
            ["eusc-de-east-1", "aws-eusc"],
            ["cn-south-7", "aws-cn"],
            ["us-gov-north-9", "aws-us-gov"],
        ];
        for (const [region, partition] of cases) {
            assert.strictEqual(partitionOfRegion(region), partition, region);
        }
    });

    it("regionProblem: every region of the table passes; others are refused with the nearest one and the fix", () => {
        for (const region of Object.values(PARTITIONS).flatMap((f) => f.regions)) {
            assert.strictEqual(regionProblem(region), undefined, region);
        }
        const fix =
            ": use a region code such as us-west-2 (a region AWS opened after this project's table, components/identity/regions.ts, must be added there)";
        const cases: [string, string][] = [
            ["us-west2", '"us-west2" is not an AWS region (did you mean us-west-2?)'],
            ["US-WEST-2", '"US-WEST-2" is not an AWS region (did you mean us-west-2?)'],
            ["us-west-2a", '"us-west-2a" is not an AWS region (did you mean us-west-2?)'],
            ["cn-north-2", '"cn-north-2" is not an AWS region (did you mean cn-north-1?)'],
            ["Oregon", '"Oregon" is not an AWS region'],
            ["eu-east-1", '"eu-east-1" is not an AWS region'],
            ["", '"" is not an AWS region'],
        ];
        for (const [region, start] of cases) {
            assert.strictEqual(regionProblem(region), start + fix, region);
        }
    });

    it("eksFargateProblem: GovCloud has no EKS on Fargate; commercial and China regions do", () => {
        assert.strictEqual(
            eksFargateProblem("us-gov-east-1"),
            "EKS on Fargate is not available in us-gov-east-1 (partition aws-us-gov; EKS User Guide, fargate.html): run these pods on a node group instead and remove the Fargate profiles",
        );
        assert.match(eksFargateProblem("us-gov-west-1") ?? "", /not available in us-gov-west-1/);
        for (const region of ["us-west-2", "cn-north-1", "cn-northwest-1", "eu-central-1"]) {
            assert.strictEqual(eksFargateProblem(region), undefined, region);
        }
    });

    it("dnsSuffix: what aws.getPartition answers per partition", () => {
        const cases: [string, string][] = [
            ["aws", "amazonaws.com"],
            ["aws-us-gov", "amazonaws.com"],
            ["aws-cn", "amazonaws.com.cn"],
            ["aws-iso", "c2s.ic.gov"],
            ["aws-iso-b", "sc2s.sgov.gov"],
            ["aws-eusc", "amazonaws.eu"],
        ];
        for (const [partition, suffix] of cases) {
            assert.strictEqual(dnsSuffix(partition), suffix, partition);
        }
    });

    it("LONGEST_REGION: as long as the longest commercial region name, for estimates", () => {
        assert.strictEqual(LONGEST_REGION, "ap-southeast-5");
        assert.strictEqual(Math.max(...PARTITIONS.aws.regions.map((r) => r.length)), LONGEST_REGION.length);
    });
});
