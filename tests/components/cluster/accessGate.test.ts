// The access gate against a scripted world (timeline, answers) and against the real thing: a local
// HTTPS API server with its own CA, and an exec command that prints an ExecCredential.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as https from "https";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import {
    AccessAnswer,
    AccessGateDeps,
    AccessGateInputs,
    parseReviewAnswer,
    realAccessGateDeps,
    selfSubjectAccessReview,
    waitForAccess,
} from "../../../components/cluster/accessGate";

const inputs = (over: Partial<AccessGateInputs> = {}): AccessGateInputs => ({
    endpoint: "https://ABC.gr7.us-west-2.eks.amazonaws.com",
    certificateAuthority: "",
    command: "aws",
    args: ["eks", "get-token", "--cluster-name", "dev", "--region", "us-west-2", "--output", "json"],
    env: {},
    verb: "create",
    resource: "serviceaccounts",
    timeoutSeconds: 60,
    accessIds: ["dev:arn:aws:iam::111122223333:role/platform-admins"],
    ...over,
});

/** A world whose answers come from a script, on a clock that only moves when the gate sleeps. */
function scripted(answers: (AccessAnswer | Error)[]): AccessGateDeps & { slept: number[]; tokens: number } {
    let clock = 0;
    const world = {
        slept: [] as number[],
        tokens: 0,
        token: async () => {
            world.tokens++;
            return "k8s-aws-v1.TOKEN";
        },
        review: async (_inputs: AccessGateInputs, token: string) => {
            assert.strictEqual(token, "k8s-aws-v1.TOKEN");
            const next = answers.shift() ?? { status: 401 };
            if (next instanceof Error) {
                throw next;
            }
            return next;
        },
        sleep: async (ms: number) => {
            world.slept.push(ms);
            clock += ms;
        },
        now: () => clock,
    };
    return world;
}

describe("components/cluster/accessGate", () => {
    it("waits through 401 and 403 until the review says allowed, backing off, with a fresh token each time", async () => {
        const world = scripted([
            { status: 401 },
            { status: 403 },
            { status: 201, allowed: false, reason: "no RBAC policy matched" },
            { status: 201, allowed: true },
        ]);
        assert.strictEqual(await waitForAccess(inputs(), world), 4);
        assert.deepStrictEqual(world.slept, [1000, 2000, 4000]);
        assert.strictEqual(world.tokens, 4);
    });

    it("is done at once when access is already effective", async () => {
        const world = scripted([{ status: 201, allowed: true }]);
        assert.strictEqual(await waitForAccess(inputs(), world), 1);
        assert.deepStrictEqual(world.slept, []);
    });

    it("gives up after its timeout with the last answer and what to check", async () => {
        const world = scripted([]);
        await assert.rejects(waitForAccess(inputs({ timeoutSeconds: 30 }), world), (e: Error) => {
            assert.strictEqual(
                e.message,
                "the Kubernetes API did not let the kubeconfig's identity create serviceaccounts within 30 s (7 attempts); last answer: 401 Unauthorized: the API server does not know this identity yet (or its access entry is missing). Check that an access entry names the identity `aws eks get-token --cluster-name dev --region us-west-2 --output json` runs as, with an access policy that allows it, or raise the gate's timeout.",
            );
            return true;
        });
        // 1 + 2 + 4 + 8 + 10 = 25 s, then the 5 s left.
        assert.deepStrictEqual(world.slept, [1000, 2000, 4000, 8000, 10000, 5000]);
    });

    it("keeps trying through a failing token command or network, and reports the error last seen", async () => {
        const world = scripted([new Error("connect ECONNREFUSED"), { status: 201, allowed: true }]);
        assert.strictEqual(await waitForAccess(inputs(), world), 2);
        const failing = scripted([new Error("connect ECONNREFUSED")]);
        await assert.rejects(
            waitForAccess(inputs({ timeoutSeconds: 0 }), failing),
            /within 0 s \(1 attempt\); last answer: connect ECONNREFUSED\. /,
        );
    });

    it("asks a cluster-wide SelfSubjectAccessReview and reads the server's answer", () => {
        assert.deepStrictEqual(selfSubjectAccessReview(inputs()), {
            apiVersion: "authorization.k8s.io/v1",
            kind: "SelfSubjectAccessReview",
            spec: { resourceAttributes: { verb: "create", resource: "serviceaccounts" } },
        });
        assert.deepStrictEqual(
            [
                parseReviewAnswer(201, '{"status":{"allowed":true}}'),
                parseReviewAnswer(201, '{"status":{"allowed":false,"reason":"r"}}'),
                parseReviewAnswer(401, "Unauthorized"),
                parseReviewAnswer(201, "<html>"),
            ],
            [
                { status: 201, allowed: true, reason: undefined },
                { status: 201, allowed: false, reason: "r" },
                { status: 401 },
                { status: 201, allowed: false, reason: "the answer was not JSON" },
            ],
        );
    });

    describe("the real world: an exec command and an HTTPS API server with its own CA", () => {
        let dir: string;
        let server: https.Server;
        let endpoint: string;
        let ca: string;
        const seen: { authorization?: string; url?: string; body?: unknown }[] = [];
        let allow = false;

        before(function () {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "access-gate-"));
            try {
                execFileSync(
                    "openssl",
                    [
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "1",
                        "-subj",
                        "/CN=localhost",
                        "-addext",
                        "subjectAltName=IP:127.0.0.1,DNS:localhost",
                        "-keyout",
                        path.join(dir, "key.pem"),
                        "-out",
                        path.join(dir, "cert.pem"),
                    ],
                    { stdio: "ignore" },
                );
            } catch {
                console.log("      skipped: openssl not found (needed to make a test CA)");
                this.skip();
            }
            ca = fs.readFileSync(path.join(dir, "cert.pem"), "utf8");
            server = https.createServer(
                { key: fs.readFileSync(path.join(dir, "key.pem")), cert: ca },
                (request, response) => {
                    let text = "";
                    request.on("data", (chunk: Buffer) => (text += chunk.toString()));
                    request.on("end", () => {
                        seen.push({
                            authorization: request.headers.authorization,
                            url: request.url,
                            body: JSON.parse(text),
                        });
                        response.writeHead(201, { "content-type": "application/json" });
                        response.end(JSON.stringify({ status: { allowed: allow } }));
                    });
                },
            );
            return new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve)).then(() => {
                endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
            });
        });

        after(() => {
            server?.close();
            fs.rmSync(dir, { recursive: true, force: true });
        });

        it("gets the token from the exec command (no shell) and verifies the server with the cluster's CA", async () => {
            const deps = realAccessGateDeps();
            const script =
                'process.stdout.write(JSON.stringify({kind:"ExecCredential",status:{token:"tok-"+process.env.GATE_TEST}}))';
            const token = await deps.token(process.execPath, ["-e", script], { GATE_TEST: "42" });
            assert.strictEqual(token, "tok-42");
            const gate = inputs({ endpoint, certificateAuthority: Buffer.from(ca).toString("base64") });
            allow = false;
            assert.deepStrictEqual(await deps.review(gate, token), {
                status: 201,
                allowed: false,
                reason: undefined,
            });
            allow = true;
            assert.deepStrictEqual(await deps.review(gate, token), {
                status: 201,
                allowed: true,
                reason: undefined,
            });
            assert.deepStrictEqual(seen.at(-1), {
                authorization: "Bearer tok-42",
                url: "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                body: selfSubjectAccessReview(gate),
            });
            // Another CA: the server is refused, never trusted.
            const otherCa = inputs({
                endpoint,
                certificateAuthority: Buffer.from("not a CA").toString("base64"),
            });
            await assert.rejects(deps.review(otherCa, token));
        });

        it("says what the exec command printed when it is not an ExecCredential", async () => {
            const deps = realAccessGateDeps();
            await assert.rejects(deps.token(process.execPath, ["-e", "process.stdout.write('{}')"], {}), {
                message: `${process.execPath} printed no ExecCredential token: no status.token`,
            });
            await assert.rejects(
                deps.token(process.execPath, ["-e", "console.error('expired'); process.exit(3)"], {}),
                {
                    message: `${process.execPath} -e console.error('expired'); process.exit(3) failed: expired`,
                },
            );
        });
    });
});
