// The access gate: waits, during `pulumi up`, until the Kubernetes API accepts the kubeconfig's
// identity, so the first Namespaces and ServiceAccounts are not sent before the access entry and
// its access policy take effect. EKS applies access entries asynchronously after
// CreateAccessEntry/AssociateAccessPolicy return (EKS User Guide, access-entries: "changes can
// take several seconds to propagate"), and pulumi-kubernetes does not retry a 401/403, so without
// the gate a first `pulumi up` can fail half-way.
//
// The gate needs nothing on the deployer beyond what the kubeconfig already needs: it runs the
// kubeconfig's own exec command (`aws eks get-token ...`, spawned directly, no shell) for a token,
// then asks the API server, over HTTPS with the cluster's CA, a SelfSubjectAccessReview (which
// every authenticated identity may create): may I create ServiceAccounts? It retries until the
// answer is yes, or fails with the last answer after `timeoutSeconds`.
// Tests: tests/components/cluster/accessGate.test.ts.
import * as pulumi from "@pulumi/pulumi";

/** What the gate checks, all plain strings by the time the provider runs. */
export interface AccessGateInputs {
    /** The API server URL (`https://...eks.amazonaws.com`). */
    endpoint: string;
    /** The cluster's CA bundle, base64 (as EKS returns it). */
    certificateAuthority: string;
    /** The kubeconfig's exec command and arguments (`aws eks get-token ...`). */
    command: string;
    args: string[];
    /** Extra environment of the exec command (e.g. AWS_PROFILE). */
    env: Record<string, string>;
    /** What the identity must be allowed: a SelfSubjectAccessReview's resourceAttributes. */
    verb: string;
    resource: string;
    /** Give up after this long. */
    timeoutSeconds: number;
    /** Changes to these (the access entries and associations the identity relies on) re-run the gate. */
    accessIds: string[];
}

export interface AccessAnswer {
    /** The HTTP status of the review request. */
    status: number;
    /** `status.allowed` of the review, when the request was accepted. */
    allowed?: boolean;
    /** Why not, as the API server said it. */
    reason?: string;
}

/** What the gate needs from the world, so tests can replace it. */
export interface AccessGateDeps {
    /** The bearer token the exec command prints (an ExecCredential's `status.token`). */
    token(command: string, args: string[], env: Record<string, string>): Promise<string>;
    /** POSTs the review with the token, verifying the server with the CA. */
    review(inputs: AccessGateInputs, token: string): Promise<AccessAnswer>;
    sleep(ms: number): Promise<void>;
    now(): number;
}

/** Retry delays: fast at first (access usually propagates in seconds), then every 10 s. */
export const ACCESS_GATE_DELAYS_MS = [1000, 2000, 4000, 8000, 10000];

function describeAnswer(answer: AccessAnswer | undefined, error: string | undefined): string {
    if (error !== undefined) {
        return error;
    }
    if (answer === undefined) {
        return "no answer";
    }
    if (answer.status === 401) {
        return "401 Unauthorized: the API server does not know this identity yet (or its access entry is missing)";
    }
    if (answer.status === 403) {
        return "403 Forbidden: the identity is known but may not ask (its access policy is not effective yet)";
    }
    if (answer.status === 201 || answer.status === 200) {
        return `not allowed yet${answer.reason ? `: ${answer.reason}` : ""}`;
    }
    return `HTTP ${answer.status}`;
}

/** Waits until the identity may `verb` `resource`; throws with the last answer on timeout. */
export async function waitForAccess(inputs: AccessGateInputs, deps: AccessGateDeps): Promise<number> {
    const started = deps.now();
    let attempt = 0;
    for (;;) {
        let answer: AccessAnswer | undefined;
        let error: string | undefined;
        try {
            answer = await deps.review(inputs, await deps.token(inputs.command, inputs.args, inputs.env));
        } catch (e) {
            error = e instanceof Error ? e.message : String(e);
        }
        attempt++;
        if (answer?.allowed === true) {
            return attempt;
        }
        const elapsed = deps.now() - started;
        if (elapsed >= inputs.timeoutSeconds * 1000) {
            throw new Error(
                `the Kubernetes API did not let the kubeconfig's identity ${inputs.verb} ${inputs.resource} within ${inputs.timeoutSeconds} s (${attempt} attempt${attempt === 1 ? "" : "s"}); last answer: ${describeAnswer(answer, error)}. Check that an access entry names the identity \`${[inputs.command, ...inputs.args].join(" ")}\` runs as, with an access policy that allows it, or raise the gate's timeout.`,
            );
        }
        const delay = ACCESS_GATE_DELAYS_MS[Math.min(attempt - 1, ACCESS_GATE_DELAYS_MS.length - 1)];
        await deps.sleep(Math.min(delay, Math.max(0, inputs.timeoutSeconds * 1000 - elapsed)));
    }
}

/** The real world: the exec command through child_process (no shell), the review through https. */
export function realAccessGateDeps(): AccessGateDeps {
    return {
        token: (command, args, env) =>
            new Promise((resolve, reject) => {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                const cp = require("child_process") as typeof import("child_process");
                cp.execFile(
                    command,
                    args,
                    { env: { ...process.env, ...env }, timeout: 60_000, maxBuffer: 1 << 20 },
                    (error, stdout, stderr) => {
                        if (error) {
                            reject(
                                new Error(
                                    `${command} ${args.join(" ")} failed: ${stderr.trim() || error.message}`,
                                ),
                            );
                            return;
                        }
                        try {
                            const token = (JSON.parse(stdout) as { status?: { token?: string } }).status
                                ?.token;
                            if (!token) {
                                throw new Error("no status.token");
                            }
                            resolve(token);
                        } catch (e) {
                            reject(
                                new Error(
                                    `${command} printed no ExecCredential token: ${(e as Error).message}`,
                                ),
                            );
                        }
                    },
                );
            }),
        review: (inputs, token) =>
            new Promise((resolve, reject) => {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                const https = require("https") as typeof import("https");
                const body = JSON.stringify(selfSubjectAccessReview(inputs));
                const request = https.request(
                    `${inputs.endpoint.replace(/\/$/, "")}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`,
                    {
                        method: "POST",
                        ca: Buffer.from(inputs.certificateAuthority, "base64").toString("utf8"),
                        headers: {
                            authorization: `Bearer ${token}`,
                            "content-type": "application/json",
                            "content-length": Buffer.byteLength(body),
                        },
                        timeout: 30_000,
                    },
                    (response) => {
                        let text = "";
                        response.setEncoding("utf8");
                        response.on("data", (chunk: string) => (text += chunk));
                        response.on("end", () => resolve(parseReviewAnswer(response.statusCode ?? 0, text)));
                    },
                );
                request.on("timeout", () =>
                    request.destroy(new Error("the API server did not answer in 30 s")),
                );
                request.on("error", reject);
                request.end(body);
            }),
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        now: () => Date.now(),
    };
}

/** The review the gate asks: may I `verb` `resource`, cluster-wide? */
export function selfSubjectAccessReview(inputs: Pick<AccessGateInputs, "verb" | "resource">): object {
    return {
        apiVersion: "authorization.k8s.io/v1",
        kind: "SelfSubjectAccessReview",
        spec: { resourceAttributes: { verb: inputs.verb, resource: inputs.resource } },
    };
}

/** The API server's answer to a review request. */
export function parseReviewAnswer(status: number, text: string): AccessAnswer {
    if (status !== 200 && status !== 201) {
        return { status };
    }
    try {
        const review = JSON.parse(text) as { status?: { allowed?: boolean; reason?: string } };
        return { status, allowed: review.status?.allowed === true, reason: review.status?.reason };
    } catch {
        return { status, allowed: false, reason: "the answer was not JSON" };
    }
}

const accessGateProvider: pulumi.dynamic.ResourceProvider = {
    async create(inputs: AccessGateInputs) {
        const attempts = await waitForAccess(inputs, realAccessGateDeps());
        return { id: `${inputs.endpoint}#${inputs.verb}-${inputs.resource}`, outs: { ...inputs, attempts } };
    },
    async diff(_id: string, olds: AccessGateInputs, news: AccessGateInputs) {
        // A changed identity, access or endpoint re-runs the gate (as an update, never a replacement).
        const keys: (keyof AccessGateInputs)[] = ["endpoint", "args", "env", "verb", "resource", "accessIds"];
        const changed = keys.filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
        return { changes: changed.length > 0, replaces: [] };
    },
    async update(_id: string, _olds: AccessGateInputs, news: AccessGateInputs) {
        const attempts = await waitForAccess(news, realAccessGateDeps());
        return { outs: { ...news, attempts } };
    },
};

/** The inputs of an AccessGate, as Inputs. */
export type AccessGateArgs = { [K in keyof AccessGateInputs]: pulumi.Input<AccessGateInputs[K]> };

/** A resource that exists once the kubeconfig's identity is let in; Kubernetes resources depend on it. */
export class AccessGate extends pulumi.dynamic.Resource {
    /** How many reviews it took. */
    public readonly attempts!: pulumi.Output<number>;

    constructor(name: string, args: AccessGateArgs, opts?: pulumi.CustomResourceOptions) {
        super(accessGateProvider, name, { ...args, attempts: undefined }, opts);
    }
}
