// IPv4 CIDR arithmetic the network config needs: a VPC range's validity, overlaps, and the
// subnet size awsx's even split gives. Source for the limits: Amazon VPC User Guide,
// "VPC CIDR blocks" (/16 to /28).
import { cidrProblem } from "../../components";

/** An IPv4 CIDR block as [network address as a 32-bit number, mask length]. */
function parseCidr(value: string): [number, number] {
    const [address, mask] = value.split("/");
    const base = address.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
    return [base, Number(mask)];
}

export function vpcCidrProblem(value: string): string | undefined {
    if (cidrProblem(value) !== undefined) {
        return `"${value}" is not an IPv4 CIDR block: a VPC takes a range such as 10.0.0.0/16`;
    }
    const [base, mask] = parseCidr(value);
    if (mask < 16 || mask > 28) {
        return `a VPC's CIDR block must have a /16 to /28 mask (AWS's limits); got /${mask}`;
    }
    const size = 2 ** (32 - mask);
    if (base % size !== 0) {
        const network = base - (base % size);
        const dotted = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join(".");
        return `"${value}" is not a network address (its host bits are set): use ${dotted}/${mask}`;
    }
    return undefined;
}

/** Whether two valid IPv4 CIDR blocks overlap. */
export function cidrsOverlap(a: string, b: string): boolean {
    const [baseA, maskA] = parseCidr(a);
    const [baseB, maskB] = parseCidr(b);
    const size = 2 ** (32 - Math.min(maskA, maskB));
    return Math.floor(baseA / size) === Math.floor(baseB / size);
}

/**
 * The mask of each subnet awsx's "Auto" strategy lays out: the VPC range split evenly into a
 * power of two of zone ranges, each split evenly between the subnet types.
 */
export function evenSplitMask(cidrBlock: string, zones: number, subnetTypes: number): number {
    const [, mask] = parseCidr(cidrBlock);
    return mask + Math.ceil(Math.log2(zones)) + Math.ceil(Math.log2(subnetTypes));
}
