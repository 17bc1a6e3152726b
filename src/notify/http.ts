// POSTs a rendered message, retrying what may pass later: network errors, timeouts, 408, 429 and
// 5xx. Retry-After is honoured in both its forms (seconds, or a date read against the response's
// own Date header, so no local clock is needed); other 4xx answers are final for this run.
import type { Connection } from './channels/kind.ts';
import type { HttpDelivery } from './render/types.ts';
import { retryableStatus, withRetry, type Attempt, type Outcome, type RetryPolicy } from './upstream.ts';

export function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  const serverNow = Date.parse(headers.get('date') ?? '');
  return Number.isNaN(at) || Number.isNaN(serverNow) ? undefined : Math.max(0, at - serverNow);
}

export function postMessage(url: URL, delivery: HttpDelivery, policy: RetryPolicy): Promise<Outcome> {
  return withRetry(policy, async (): Promise<Attempt> => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'user-agent': 'markdown-status-notify/1', ...delivery.headers },
        body: delivery.body,
        redirect: 'error',
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      const reason = e.name === 'TimeoutError' ? `no answer within ${policy.timeoutMs / 1000} s` : `${e.cause?.code ?? e.name}: ${e.message}`;
      return { ok: false, retryable: true, reason };
    }
    // The answer's body is read (and cut short) so the connection is freed.
    const text = (await response.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ').trim();
    if (response.ok) return { ok: true, detail: `HTTP ${response.status}` };
    const reason = `HTTP ${response.status}${text ? ` ${text}` : ''}`;
    return { ok: false, retryable: retryableStatus(response.status), reason, retryAfterMs: retryAfterMs(response.headers) };
  });
}

/** An HTTP channel for one run: each payload POSTed to `url`; nothing to close. */
export function httpConnection(url: URL, policy: RetryPolicy): Connection<HttpDelivery> {
  return { send: (delivery) => postMessage(url, delivery, policy), close: () => {} };
}
