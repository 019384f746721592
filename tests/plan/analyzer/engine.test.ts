// The minimal Engine service a pack talks back to, called over gRPC as the pack's SDK calls it.
import * as assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as enginepb from "@pulumi/pulumi/proto/engine_pb";
import { AnalyzerLog, EngineServer, startEngineServer } from "../../../plan/analyzer/engine";

describe("plan/analyzer/engine", () => {
    const logs: AnalyzerLog[] = [];
    let server: EngineServer;
    let client: EngineClient;

    before(async () => {
        server = await startEngineServer(logs);
        client = new EngineClient(server.address, grpc.credentials.createInsecure());
    });
    after(async () => {
        client?.close();
        await server?.stop();
    });

    /** One unary call with the callback signature every generated client method has. */
    const call = <Res = unknown>(
        method: (req: never, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown,
        req: unknown,
    ) =>
        new Promise<Res>((resolve, reject) =>
            method.call(client, req as never, (err, res) => (err ? reject(err) : resolve(res))),
        );

    function logRequest(severity: enginepb.LogSeverity, message: string, urn = ""): enginepb.LogRequest {
        const req = new enginepb.LogRequest();
        req.setSeverity(severity);
        req.setMessage(message);
        req.setUrn(urn);
        return req;
    }

    it("listens on 127.0.0.1 with a port of its own", () => {
        assert.match(server.address, /^127\.0\.0\.1:[1-9]\d*$/);
    });

    it("records each Log call with its severity name, and the URN when there is one", async () => {
        const urn = "urn:pulumi:dev::platform::aws:iam/role:Role::r";
        await call(client.log, logRequest(enginepb.LogSeverity.DEBUG, "d"));
        await call(client.log, logRequest(enginepb.LogSeverity.INFO, "i"));
        await call(client.log, logRequest(enginepb.LogSeverity.WARNING, "w", urn));
        await call(client.log, logRequest(enginepb.LogSeverity.ERROR, "e"));
        assert.deepEqual(logs, [
            { severity: "debug", message: "d", source: "engine" },
            { severity: "info", message: "i", source: "engine" },
            { severity: "warning", message: "w", urn, source: "engine" },
            { severity: "error", message: "e", source: "engine" },
        ]);
    });

    it("answers the root-resource and version calls, and refuses debugging by name", async () => {
        const root = await call<enginepb.GetRootResourceResponse>(
            client.getRootResource,
            new enginepb.GetRootResourceRequest(),
        );
        assert.equal(root.getUrn(), "");
        await call(client.setRootResource, new enginepb.SetRootResourceRequest());
        await call(client.requirePulumiVersion, new enginepb.RequirePulumiVersionRequest());
        await assert.rejects(
            call(client.startDebugging, new enginepb.StartDebuggingRequest()),
            (e: grpc.ServiceError) =>
                e.code === grpc.status.UNIMPLEMENTED &&
                e.details === "Engine.StartDebugging is not offered by the offline plan",
        );
    });

    it("stop() is idempotent: one shutdown, the same promise", async () => {
        const other = await startEngineServer([]);
        const first = other.stop();
        assert.equal(other.stop(), first);
        await first;
    });
});
