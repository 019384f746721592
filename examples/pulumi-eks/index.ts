// The example's entry point for `pulumi up` (Pulumi.yaml main); tests plan pulumiEksExample offline.
import { pulumiEksExample } from "./program";

const outputs = pulumiEksExample();
export const clusterName = outputs.clusterName;
export const cniRoleArn = outputs.cniRoleArn;
export const ordersRoleArn = outputs.ordersRoleArn;
export const nodeRoleArn = outputs.nodeRoleArn;
