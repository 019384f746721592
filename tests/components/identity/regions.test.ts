import * as assert from "assert";
import { dnsSuffix, LONGEST_REGION, partitionOfRegion } from "../../../components/identity/regions";

describe("identity/regions", () => {
    it("partitionOfRegion: China and GovCloud by prefix, the commercial partition otherwise", () => {
        const cases: [string, string][] = [
            ["us-west-2", "aws"],
            ["ap-southeast-5", "aws"],
            ["cn-north-1", "aws-cn"],
            ["cn-northwest-1", "aws-cn"],
            ["us-gov-west-1", "aws-us-gov"],
            ["us-gov-east-1", "aws-us-gov"],
        ];
        for (const [region, partition] of cases) {
            assert.strictEqual(partitionOfRegion(region), partition, region);
        }
    });

    it("dnsSuffix: what aws.getPartition answers per partition", () => {
        const cases: [string, string][] = [
            ["aws", "amazonaws.com"],
            ["aws-us-gov", "amazonaws.com"],
            ["aws-cn", "amazonaws.com.cn"],
            ["aws-iso", "c2s.ic.gov"],
            ["aws-iso-b", "sc2s.sgov.gov"],
        ];
        for (const [partition, suffix] of cases) {
            assert.strictEqual(dnsSuffix(partition), suffix, partition);
        }
    });

    it("LONGEST_REGION: the longest commercial region name, for estimates", () => {
        assert.strictEqual(LONGEST_REGION, "ap-southeast-5");
        assert.strictEqual(LONGEST_REGION.length, 14);
    });
});
