import * as assert from "assert";
import { cidrsOverlap, evenSplitMask, vpcCidrProblem } from "../../../stacks/config/cidr";

describe("stacks/config/cidr", () => {
    it("accepts a VPC network address with a /16 to /28 mask, and says what is wrong otherwise", () => {
        const cases: [string, string | undefined][] = [
            ["10.0.0.0/16", undefined],
            ["192.168.0.0/28", undefined],
            ["10.0.0.0/15", "a VPC's CIDR block must have a /16 to /28 mask (AWS's limits); got /15"],
            ["10.0.0.0/29", "a VPC's CIDR block must have a /16 to /28 mask (AWS's limits); got /29"],
            [
                "10.0.1.0/16",
                '"10.0.1.0/16" is not a network address (its host bits are set): use 10.0.0.0/16',
            ],
            ["10.0.0.0", '"10.0.0.0" is not an IPv4 CIDR block: a VPC takes a range such as 10.0.0.0/16'],
        ];
        assert.deepStrictEqual(
            cases.map(([value]) => vpcCidrProblem(value)),
            cases.map(([, expected]) => expected),
        );
    });

    it("tells overlapping ranges from disjoint ones", () => {
        assert.deepStrictEqual(
            [
                cidrsOverlap("10.0.0.0/16", "10.0.128.0/17"),
                cidrsOverlap("10.0.0.0/16", "10.1.0.0/16"),
                cidrsOverlap("172.20.0.0/16", "172.16.0.0/12"),
            ],
            [true, false, true],
        );
    });

    it("gives the subnet mask of an even split over zones and subnet types", () => {
        assert.deepStrictEqual(
            [
                evenSplitMask("10.0.0.0/16", 3, 2),
                evenSplitMask("10.0.0.0/16", 2, 2),
                evenSplitMask("10.0.0.0/24", 6, 2),
            ],
            [19, 18, 28],
        );
    });
});
