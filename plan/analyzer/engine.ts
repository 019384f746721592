// A minimal Engine gRPC service for a policy pack process to talk back to. The Pulumi CLI hosts
// the full Engine service and passes its address to every plugin; a policy pack only ever calls
// `Log` (through `pulumi.log.*`), so that is what is recorded here. The other methods answer as
// harmlessly as the protocol allows.
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { EngineService, IEngineServer } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as enginepb from "@pulumi/pulumi/proto/engine_pb";

/** One line of output from the policy pack: an Engine `Log` call, or a line it printed. */
export interface AnalyzerLog {
    /** `debug` | `info` | `warning` | `error` for Engine `Log` calls; `stdout` | `stderr` for printed lines. */
    severity: string;
    message: string;
    urn?: string;
    source: "engine" | "stdout" | "stderr";
}

const severities: Record<number, string> = {
    [enginepb.LogSeverity.DEBUG]: "debug",
    [enginepb.LogSeverity.INFO]: "info",
    [enginepb.LogSeverity.WARNING]: "warning",
    [enginepb.LogSeverity.ERROR]: "error",
};

export interface EngineServer {
    /** `127.0.0.1:<port>`, what the CLI passes as the plugin's first argument. */
    readonly address: string;
    stop(): Promise<void>;
}

export async function startEngineServer(logs: AnalyzerLog[]): Promise<EngineServer> {
    const server = new grpc.Server();
    const unimplemented = (name: string) => (_call: unknown, callback: grpc.sendUnaryData<never>) =>
        callback({
            code: grpc.status.UNIMPLEMENTED,
            details: `Engine.${name} is not offered by the offline plan`,
        });
    const impl: IEngineServer = {
        log: (call, callback) => {
            const req = call.request;
            logs.push({
                severity: severities[req.getSeverity()] ?? `severity-${req.getSeverity()}`,
                message: req.getMessage(),
                ...(req.getUrn() ? { urn: req.getUrn() } : {}),
                source: "engine",
            });
            callback(null, new Empty());
        },
        getRootResource: (_call, callback) => callback(null, new enginepb.GetRootResourceResponse()),
        setRootResource: (_call, callback) => callback(null, new enginepb.SetRootResourceResponse()),
        startDebugging: unimplemented("StartDebugging"),
        // The pack asks this only to check a version range; accept, as a current CLI would.
        requirePulumiVersion: (_call, callback) =>
            callback(null, new enginepb.RequirePulumiVersionResponse()),
    };
    server.addService(EngineService, impl);
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
            err ? reject(err) : resolve(p),
        ),
    );
    let stopped: Promise<void> | undefined;
    return {
        address: `127.0.0.1:${port}`,
        stop: () => {
            stopped ??= new Promise<void>((resolve) => {
                const timer = setTimeout(() => {
                    server.forceShutdown();
                    resolve();
                }, 1000);
                server.tryShutdown(() => {
                    clearTimeout(timer);
                    resolve();
                });
            });
            return stopped;
        },
    };
}
