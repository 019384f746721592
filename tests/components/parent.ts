// Runs builders that need a parent (the helpers a component calls with `this`) under a bare one.
import * as pulumi from "@pulumi/pulumi";
import { CloudContext } from "../../plan/cloud";
import { Run, run } from "../harness";

export function underParent<T>(build: (parent: pulumi.Resource) => T, cloud?: CloudContext): Promise<Run<T>> {
    return run(() => build(new pulumi.ComponentResource("test:index:Parent", "parent")), { cloud });
}
