// The fake cloud behind the mock monitor: what it computes, and what it refuses.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { UnexpectedInvokeError } from "../../plan/cloud";
import { run } from "../harness";

describe("plan/cloud", () => {
    it("fails the run on an invoke the fake cloud does not model", async () => {
        await assert.rejects(
            run(() => aws.getAvailabilityZonesOutput({ state: "available" }).names.apply((n) => n)),
            (error: Error) =>
                error instanceof UnexpectedInvokeError ||
                /unexpected invoke aws:index\/getAvailabilityZones:getAvailabilityZones/.test(error.message),
        );
    });
});
