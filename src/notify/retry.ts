import type { RetryPolicy } from './upstream.ts';

/** How hard a channel is tried before its message is left for the next run: a channel that is down
 * costs a deploy at most `totalMs`, never forever. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, timeoutMs: 10_000, baseDelayMs: 1_000, maxDelayMs: 20_000, totalMs: 45_000 };
