// Bounded exponential backoff for ConcurrentUpdateError: another update holds the stack's lock
// (Pulumi Cloud answers 409, a file backend says "the stack is currently locked by"). Anything
// else is rethrown at once: retrying a failed `up` would only repeat the failure.
import { isConcurrentUpdateError } from "./errors";

export interface RetryOptions {
    /** Attempts in total, the first included. @default 4 */
    maxAttempts?: number;
    /** Delay before the second attempt. @default 5000 */
    initialDelayMs?: number;
    /** @default 2 */
    factor?: number;
    /** Cap of one delay. @default 60000 */
    maxDelayMs?: number;
    /** Which errors are worth another attempt. @default isConcurrentUpdateError */
    isRetryable?: (error: unknown) => boolean;
    /** Injected in tests: nothing waits for real. @default setTimeout */
    sleep?: (ms: number) => Promise<void>;
    onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

export const DEFAULT_RETRY = { maxAttempts: 4, initialDelayMs: 5000, factor: 2, maxDelayMs: 60000 };

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Delay before attempt `attempt + 1` (attempt counts from 1). */
export function backoffDelay(attempt: number, options: RetryOptions = {}): number {
    const initial = options.initialDelayMs ?? DEFAULT_RETRY.initialDelayMs;
    const factor = options.factor ?? DEFAULT_RETRY.factor;
    const max = options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
    return Math.min(max, initial * factor ** (attempt - 1));
}

/** Runs `fn`; returns its value and the attempts it took, or throws its last error. */
export async function withRetry<T>(
    fn: (attempt: number) => Promise<T>,
    options: RetryOptions = {},
): Promise<{ value: T; attempts: number }> {
    const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_RETRY.maxAttempts);
    const isRetryable = options.isRetryable ?? isConcurrentUpdateError;
    const sleep = options.sleep ?? realSleep;
    for (let attempt = 1; ; attempt++) {
        try {
            return { value: await fn(attempt), attempts: attempt };
        } catch (error) {
            if (attempt >= maxAttempts || !isRetryable(error)) {
                // Callers report how many attempts were made before giving up.
                if (error instanceof Error) {
                    (error as Error & { attempts?: number }).attempts = attempt;
                }
                throw error;
            }
            const delayMs = backoffDelay(attempt, options);
            options.onRetry?.({ attempt, delayMs, error });
            await sleep(delayMs);
        }
    }
}
