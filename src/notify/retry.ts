// How hard to try before leaving a message for the next run. Bounded three ways: attempts, a
// timeout per request, and a total per message, so a channel that is down costs a deploy at most
// `totalMs` per channel, never forever.

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

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, timeoutMs: 10_000, baseDelayMs: 1_000, maxDelayMs: 20_000, totalMs: 45_000 };

export type Attempt = { ok: true; detail: string } | { ok: false; retryable: boolean; reason: string; retryAfterMs?: number };
export type Outcome = { ok: true; attempts: number; detail: string } | { ok: false; attempts: number; reason: string };

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it succeeds, fails for good, or the policy's bounds are reached. */
export async function withRetry(policy: RetryPolicy, attempt: () => Promise<Attempt>): Promise<Outcome> {
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
    await sleep(wait);
  }
  return { ok: false, attempts: policy.attempts, reason: last.ok ? '' : last.reason };
}
