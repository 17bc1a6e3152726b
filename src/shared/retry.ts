// How hard to try a request that may pass later before leaving it to the next run. Bounded three
// ways: attempts, a timeout per request, and a total, so a service that is down costs a run at most
// `totalMs`, never forever. Notifications and the build hook both go through it.

export interface RetryPolicy {
  /** Tries per message, the first included. */
  attempts: number;
  /** Per request (HTTP) or per connection step (SMTP). */
  timeoutMs: number;
  /** Wait after the first failure; doubled after each next one. */
  baseDelayMs: number;
  /** Longest wait between tries, Retry-After included: a longer one leaves the message pending. */
  maxDelayMs: number;
  /** Longest time spent on one message, waits included. */
  totalMs: number;
}

export type Attempt = { ok: true; detail: string } | { ok: false; retryable: boolean; reason: string; retryAfterMs?: number };
export type Outcome = { ok: true; attempts: number; detail: string } | { ok: false; attempts: number; reason: string };

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** HTTP answers that may pass on a later try: timeout, too many requests, and server errors. */
export const retryableStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/**
 * Runs `attempt` until it succeeds, fails for good, or the policy's bounds are reached; `onWait`
 * hears of each wait before the next try.
 */
export async function withRetry(policy: RetryPolicy, attempt: () => Promise<Attempt>, onWait?: (reason: string, waitMs: number) => void): Promise<Outcome> {
  const started = performance.now();
  let last: Attempt = { ok: false, retryable: false, reason: 'not tried' };
  for (let n = 1; n <= policy.attempts; n++) {
    last = await attempt();
    if (last.ok) return { ok: true, attempts: n, detail: last.detail };
    if (!last.retryable || n === policy.attempts) return { ok: false, attempts: n, reason: last.reason };
    // Jitter spreads the retries of several channels hitting one service.
    const backoff = policy.baseDelayMs * 2 ** (n - 1) * (0.8 + Math.random() * 0.4);
    const wait = Math.max(last.retryAfterMs ?? 0, backoff);
    if (wait > policy.maxDelayMs) return { ok: false, attempts: n, reason: `${last.reason}; asked to wait ${Math.round(wait / 1000)} s, longer than the ${Math.round(policy.maxDelayMs / 1000)} s allowed` };
    if (performance.now() - started + wait + policy.timeoutMs > policy.totalMs) return { ok: false, attempts: n, reason: `${last.reason}; out of time for this message` };
    onWait?.(last.reason, wait);
    await sleep(wait);
  }
  return { ok: false, attempts: policy.attempts, reason: last.ok ? '' : last.reason };
}
