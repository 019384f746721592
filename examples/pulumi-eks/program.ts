// An @pulumi/eks cluster kept as it is, with this product's workload identities added beside it:
// the route for teams whose clusters were made with @pulumi/eks. The cluster gives the
// identities their inputs through pulumiEksIdentityCluster; nothing of the cluster is replaced.
import * as awsx from "@pulumi/awsx";
import * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import { ManagedNodeGroup, pulumiEksIdentityCluster, WorkloadIdentity } from "../../components";

/** The example's outputs: what a team reads back after `pulumi up`. */
export interface PulumiEksExampleOutputs {
    clusterName: pulumi.Output<string>;
    cniRoleArn: pulumi.Output<string>;
    ordersRoleArn: pulumi.Output<string>;
    nodeRoleArn: pulumi.Output<string>;
}

export function pulumiEksExample(): PulumiEksExampleOutputs {
    const vpc = new awsx.ec2.Vpc("legacy", { cidrBlock: "10.0.0.0/16", numberOfAvailabilityZones: 3 });

    const cluster = new eks.Cluster("legacy", {
        vpcId: vpc.vpcId,
        privateSubnetIds: vpc.privateSubnetIds,
        publicSubnetIds: vpc.publicSubnetIds,
        version: "1.33",
        authenticationMode: eks.AuthenticationMode.Api,
        // IRSA needs the cluster's IAM OIDC provider: @pulumi/eks makes it only when asked.
        createOidcProvider: true,
        // Nodes come from ManagedNodeGroup below, whose role carries no AmazonEKS_CNI_Policy: the
        // default node group's instance role has it (createCore's ServiceRole), for vpc-cni.
        skipDefaultNodeGroup: true,
        // vpc-cni is the VpcCniAddon below, which takes its identity's role. The cluster's own
        // vpcCniOptions.serviceAccountRoleArn cannot: the role's IRSA trust needs the cluster's
        // OIDC provider, so the role exists only after the cluster.
        useDefaultVpcCni: true,
    });

    const identity = pulumiEksIdentityCluster("legacy", cluster, { podIdentityAgent: "install" });

    // vpc-cni's own identity, by IRSA: the add-on sets the aws-node annotation from
    // serviceAccountRoleArn, and the add-on owns the ServiceAccount (createServiceAccount: false).
    const cni = new WorkloadIdentity(
        "legacy-aws-node",
        {
            ...identity.inputs,
            namespace: "kube-system",
            serviceAccount: "aws-node",
            mode: "irsa",
            createServiceAccount: false,
            managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"],
        },
        { providers: [identity.kubernetes] },
    );
    // On a running cluster this comes one `pulumi up` after useDefaultVpcCni: true (README, step 1).
    new eks.VpcCniAddon("legacy-vpc-cni", {
        clusterName: identity.inputs.clusterName,
        clusterVersion: "1.33",
        serviceAccountRoleArn: cni.roleArn,
    });

    const nodes = new ManagedNodeGroup("legacy-general", {
        clusterName: identity.inputs.clusterName,
        subnetIds: vpc.privateSubnetIds,
        kubernetesVersion: "1.33",
        minSize: 2,
        maxSize: 6,
    });

    // An application moving from IRSA to Pod Identity: `both` trusts the two paths on one role.
    const orders = new WorkloadIdentity(
        "orders-api",
        {
            ...identity.inputs,
            namespace: "orders",
            serviceAccount: "orders-api",
            mode: "both",
            inlinePolicies: [
                {
                    name: "orders-table",
                    policy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
                                Resource: "arn:aws:dynamodb:us-west-2:111122223333:table/orders",
                            },
                        ],
                    }),
                },
            ],
        },
        { providers: [identity.kubernetes], dependsOn: identity.dependsOn },
    );

    return {
        clusterName: identity.inputs.clusterName,
        cniRoleArn: cni.roleArn,
        ordersRoleArn: orders.roleArn,
        nodeRoleArn: nodes.nodeRoleArn,
    };
}
