// Bounded exponential backoff: the delays, the attempts, what is retried.
import * as assert from "node:assert/strict";
import { backoffDelay, withRetry } from "../../automation";
import { concurrentUpdate, fakeSleep } from "./fake";

describe("automation/retry", () => {
    it("backoff doubles from 5 s and caps at 60 s by default", () => {
        assert.deepEqual(
            [1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a)),
            [5000, 10000, 20000, 40000, 60000, 60000],
        );
        assert.deepEqual(
            [1, 2, 3].map((a) => backoffDelay(a, { initialDelayMs: 10, factor: 3, maxDelayMs: 50 })),
            [10, 30, 50],
        );
    });

    it("maxAttempts 1 means no retry; the error carries the attempts", async () => {
        const sleep = fakeSleep();
        const error = concurrentUpdate();
        await assert.rejects(
            withRetry(() => Promise.reject(error), { maxAttempts: 1, sleep }),
            (e) => e === error && (e as { attempts?: number }).attempts === 1,
        );
        assert.deepEqual(sleep.delays, []);
    });

    it("a custom isRetryable decides; the value and the attempts come back", async () => {
        const sleep = fakeSleep();
        let n = 0;
        const got = await withRetry(
            async () => {
                if (++n < 3) {
                    throw new Error("flaky");
                }
                return "done";
            },
            { isRetryable: (e) => (e as Error).message === "flaky", sleep, initialDelayMs: 1 },
        );
        assert.deepEqual(got, { value: "done", attempts: 3 });
        assert.deepEqual(sleep.delays, [1, 2]);
    });

    it("reports each retry before sleeping; an error not worth retrying is thrown at once", async () => {
        const sleep = fakeSleep();
        const retries: string[] = [];
        const lock = concurrentUpdate();
        let n = 0;
        const got = await withRetry(
            async (attempt) => {
                if (++n < 3) {
                    throw lock;
                }
                return attempt;
            },
            {
                sleep,
                initialDelayMs: 100,
                onRetry: ({ attempt, delayMs, error }) =>
                    retries.push(`${attempt} ${delayMs} ${error === lock} slept ${sleep.delays.length}`),
            },
        );
        assert.deepEqual(got, { value: 3, attempts: 3 });
        assert.deepEqual(retries, ["1 100 true slept 0", "2 200 true slept 1"]);

        const other = new Error("update failed");
        await assert.rejects(
            withRetry(() => Promise.reject(other), { sleep }),
            (e) => e === other && (e as { attempts?: number }).attempts === 1,
        );
        assert.deepEqual(sleep.delays, [100, 200], "no sleep for an error that is not retried");
    });
});
