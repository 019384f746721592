// One deserialization of a resource's properties per request, shared by the pack's policies.
// @pulumi/policy 1.21's server (server.js makeAnalyzeRpcFun and makeAnalyzeStackRpcFun) calls
// `deserialize.deserializeProperties(struct, false)` inside its loop over the policies: an
// Analyze call turns the same protobuf Struct into JavaScript once per applicable policy, and an
// AnalyzeStack call every resource once per stack policy (22 here), which on a 2,650-resource
// fleet is most of the call's time and garbage. The result depends only on the Struct, which a
// request holds unchanged while its policies run, and the server gives each policy its own
// unknown-checking proxy over it; policies only read. So the first result is kept for that Struct
// (a WeakMap: gone with the request) and handed to the next policy, as evaluate() in-process
// hands every policy one props object. Applied by the pack's entry point only; the library's
// function is wrapped only when it has the shape read above, else left as it is.

/** The part of @pulumi/policy's `deserialize` module this wraps. */
export interface DeserializeModule {
    deserializeProperties: (struct: object, proxySecrets: boolean) => Record<string, unknown>;
}

const WRAPPED = Symbol.for("eks-identity.sharedProps");

/**
 * Wraps `module.deserializeProperties` so one Struct is deserialized once (without secret
 * proxies; with them, each call still gets its own). Returns whether it wrapped (false when the
 * module does not have the expected function or is wrapped already).
 */
export function shareDeserializedProperties(module: DeserializeModule): boolean {
    const original = module.deserializeProperties as DeserializeModule["deserializeProperties"] & {
        [WRAPPED]?: true;
    };
    if (typeof original !== "function" || original.length !== 2 || original[WRAPPED]) {
        return false;
    }
    const done = new WeakMap<object, Record<string, unknown>>();
    const shared = Object.assign(
        (struct: object, proxySecrets: boolean): Record<string, unknown> => {
            if (proxySecrets || typeof struct !== "object" || struct === null) {
                return original(struct, proxySecrets);
            }
            let props = done.get(struct);
            if (props === undefined) {
                props = original(struct, false);
                done.set(struct, props);
            }
            return props;
        },
        { [WRAPPED]: true as const },
    );
    module.deserializeProperties = shared;
    return true;
}
