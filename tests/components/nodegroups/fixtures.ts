// What the node-group tests share: the trust and metadata options every group must have, and
// the smallest args of each kind.
import { ManagedNodeGroupArgs, SelfManagedNodeGroupArgs } from "../../../components";

export const EC2_TRUST = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
};
export const IMDS = {
    httpEndpoint: "enabled",
    httpTokens: "required",
    httpPutResponseHopLimit: 1,
    instanceMetadataTags: "disabled",
};
export const LEAST = [
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
];
export const managed: ManagedNodeGroupArgs = { clusterName: "dev", subnetIds: ["subnet-a", "subnet-b"] };

export const selfManaged: SelfManagedNodeGroupArgs = {
    clusterName: "prod",
    clusterEndpoint: "https://ABC.gr7.us-west-2.eks.amazonaws.com",
    certificateAuthority: "Q0E=",
    serviceCidr: "172.20.0.0/16",
    clusterSecurityGroupId: "sg-cluster",
    subnetIds: ["subnet-a", "subnet-b"],
};
