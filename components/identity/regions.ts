// Partition facts derived from a region name, for estimates made before the provider answers.
export function partitionOfRegion(region: string): string {
    if (region.startsWith("cn-")) {
        return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
        return "aws-us-gov";
    }
    return "aws";
}

/** The DNS suffix AWS uses per partition (what `aws.getPartition` answers). */
export function dnsSuffix(partition: string): string {
    switch (partition) {
        case "aws-cn":
            return "amazonaws.com.cn";
        case "aws-iso":
            return "c2s.ic.gov";
        case "aws-iso-b":
            return "sc2s.sgov.gov";
        default:
            return "amazonaws.com";
    }
}

/** The longest commercial region name in use, for estimates when the region is not known. */
export const LONGEST_REGION = "ap-southeast-5";
