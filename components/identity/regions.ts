// What AWS's partitions and regions are, for the checks made before the provider answers: which
// regions exist, the partition each belongs to, its DNS suffix, and where EKS runs pods on Fargate.
//
// Source of the table: the AWS SDKs' partitions.json, as @aws-sdk/core 3.981.2 ships it
// (dist-es/submodules/client/util-endpoints/lib/aws/partitions.js: `partitions[].id`,
// `outputs.dnsSuffix`, `regions`, the `*-global` pseudo-regions left out). A region AWS opens
// later is added here (the SDK's next partitions.json names it); until then the config check
// refuses it with that fix.

export interface PartitionFacts {
    /** What `aws.getPartition` answers as `dnsSuffix`. */
    dnsSuffix: string;
    regions: readonly string[];
}

export const PARTITIONS: Readonly<Record<string, PartitionFacts>> = {
    aws: {
        dnsSuffix: "amazonaws.com",
        regions: [
            "af-south-1",
            "ap-east-1",
            "ap-east-2",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ap-southeast-5",
            "ap-southeast-6",
            "ap-southeast-7",
            "ca-central-1",
            "ca-west-1",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "il-central-1",
            "me-central-1",
            "me-south-1",
            "me-west-1",
            "mx-central-1",
            "sa-east-1",
            "sa-west-1",
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
        ],
    },
    "aws-cn": { dnsSuffix: "amazonaws.com.cn", regions: ["cn-north-1", "cn-northwest-1"] },
    "aws-eusc": { dnsSuffix: "amazonaws.eu", regions: ["eusc-de-east-1"] },
    "aws-iso": { dnsSuffix: "c2s.ic.gov", regions: ["us-iso-east-1", "us-iso-west-1"] },
    "aws-iso-b": { dnsSuffix: "sc2s.sgov.gov", regions: ["us-isob-east-1", "us-isob-west-1"] },
    "aws-iso-e": { dnsSuffix: "cloud.adc-e.uk", regions: ["eu-isoe-west-1"] },
    "aws-iso-f": { dnsSuffix: "csp.hci.ic.gov", regions: ["us-isof-east-1", "us-isof-south-1"] },
    "aws-us-gov": { dnsSuffix: "amazonaws.com", regions: ["us-gov-east-1", "us-gov-west-1"] },
};

const PARTITION_OF_REGION = new Map(
    Object.entries(PARTITIONS).flatMap(([partition, facts]) => facts.regions.map((r) => [r, partition])),
);

/**
 * The partition a region belongs to: from the table, or for a region it does not know yet, by
 * the prefixes partitions.json's `regionRegex` gives each partition (`^cn\-\w+\-\d+$`, ...).
 */
export function partitionOfRegion(region: string): string {
    const known = PARTITION_OF_REGION.get(region);
    if (known !== undefined) {
        return known;
    }
    const prefixes: [RegExp, string][] = [
        [/^cn-/, "aws-cn"],
        [/^us-gov-/, "aws-us-gov"],
        [/^us-isob-/, "aws-iso-b"],
        [/^us-isof-/, "aws-iso-f"],
        [/^us-iso-/, "aws-iso"],
        [/^eu-isoe-/, "aws-iso-e"],
        [/^eusc-/, "aws-eusc"],
    ];
    return prefixes.find(([prefix]) => prefix.test(region))?.[1] ?? "aws";
}

/** Why `region` is not an AWS region, with the fix, or undefined when it is one. */
export function regionProblem(region: string): string | undefined {
    if (PARTITION_OF_REGION.has(region)) {
        return undefined;
    }
    const near = closestRegion(region);
    return (
        `"${region}" is not an AWS region` +
        (near ? ` (did you mean ${near}?)` : "") +
        ": use a region code such as us-west-2 (a region AWS opened after this project's table, components/identity/regions.ts, must be added there)"
    );
}

/** The known region one edit away (a dropped, added or changed character), if there is one. */
function closestRegion(region: string): string | undefined {
    const lower = region.toLowerCase();
    for (const distance of [0, 1]) {
        const near = [...PARTITION_OF_REGION.keys()].find((known) => editDistance(known, lower) === distance);
        if (near !== undefined) {
            return near;
        }
    }
    return undefined;
}

function editDistance(a: string, b: string): number {
    const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = previous[0];
        previous[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = previous[j];
            previous[j] = Math.min(
                above + 1,
                previous[j - 1] + 1,
                diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
            );
            diagonal = above;
        }
    }
    return previous[b.length];
}

/** The DNS suffix AWS uses per partition (what `aws.getPartition` answers). */
export function dnsSuffix(partition: string): string {
    return PARTITIONS[partition]?.dnsSuffix ?? "amazonaws.com";
}

/** The longest commercial region name in use, for estimates when the region is not known. */
export const LONGEST_REGION = "ap-southeast-5";

/**
 * Partitions where EKS runs no pods on Fargate. EKS User Guide, fargate.html ("AWS Fargate with
 * Amazon EKS isn't available in AWS GovCloud (US-East) and AWS GovCloud (US-West)") and the
 * AWS GovCloud (US) User Guide, govcloud-eks ("Amazon EKS on Fargate isn't available"). Older
 * versions of fargate.html also excluded China (Beijing, Ningxia); the current one does not, so
 * China is allowed. Whether the ISO partitions have it is not documented publicly: not refused.
 */
export const PARTITIONS_WITHOUT_EKS_FARGATE: readonly string[] = ["aws-us-gov"];

/** Why EKS cannot run Fargate pods in `region`, or undefined when it can (or nothing says otherwise). */
export function eksFargateProblem(region: string): string | undefined {
    const partition = partitionOfRegion(region);
    if (!PARTITIONS_WITHOUT_EKS_FARGATE.includes(partition)) {
        return undefined;
    }
    return `EKS on Fargate is not available in ${region} (partition ${partition}; EKS User Guide, fargate.html): run these pods on a node group instead and remove the Fargate profiles`;
}
