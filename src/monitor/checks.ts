import { connect as netConnect, isIP, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { checkServerIdentity, connect as tlsConnect, rootCertificates, type PeerCertificate, type TLSSocket } from 'node:tls';
import { iso } from '../shared/format.ts';
import type { HttpProbeConfig, TcpProbeConfig, TlsProbeConfig } from '../content/index.ts';

/**
 * The three kinds of check, one function each. A check never throws: whatever goes wrong (no
 * answer, a refused connection, a wrong status, a certificate about to end) is its result, since
 * failures are what a probe is for. Durations come from the monotonic clock; the time a certificate
 * is compared with is the run's `now`, so a check of a certificate is reproducible.
 */

/** What one check found. */
export interface CheckResult {
  ok: boolean;
  /** Milliseconds until the answer (or until the check failed). */
  ms: number;
  /** What went wrong, when not ok. */
  error?: string;
  /** A good answer slower than the probe's degraded_ms: it counts as up, and is said. */
  slow?: boolean;
}

export interface CheckContext {
  /** The run's "now" (ms since the epoch), for certificate dates. */
  now: number;
  /** Aborted when the whole run's deadline passes. */
  signal: AbortSignal;
  /** Certificates trusted beside the system's, for TLS and HTTPS to a private authority. */
  trust?: readonly string[];
}

const DAY = 86_400_000;
/** Enough of a body to find a keyword in a health page; a larger one is read this far only. */
const MAX_BODY = 1024 * 1024;

const since = (start: number) => Math.round(performance.now() - start);

/** The signal that ends one check: its own timeout, or the run's deadline. */
const deadline = (timeoutMs: number, run: AbortSignal) => AbortSignal.any([AbortSignal.timeout(timeoutMs), run]);

/** Why an attempt failed, in a few words with the system's code (ECONNREFUSED, ENOTFOUND, …). */
function reason(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return signal.reason instanceof Error && signal.reason.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'the probe run ran out of time';
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const code = (cause as { code?: unknown })?.code;
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host name not found',
    EAI_AGAIN: 'host name lookup failed',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
  };
  if (typeof code === 'string') return `${known[code] ?? (cause as Error).message ?? 'failed'} (${code})`;
  return (cause as Error)?.message || String(cause);
}

export async function checkHttp(probe: HttpProbeConfig, ctx: CheckContext): Promise<CheckResult> {
  const signal = deadline(probe.timeout_ms, ctx.signal);
  const start = performance.now();
  try {
    const response = await fetch(probe.http, {
      signal,
      // A redirect is an answer: following it would time another server.
      redirect: 'manual',
      headers: { 'user-agent': 'markdown-status-probe', accept: 'text/html,application/json,*/*' },
    });
    const body = probe.keyword === undefined ? (await response.body?.cancel(), '') : await readText(response, signal);
    const ms = since(start);
    const good = probe.expect === undefined ? response.status >= 200 && response.status < 400 : response.status === probe.expect;
    if (!good) return { ok: false, ms, error: `HTTP ${response.status}, expected ${probe.expect ?? '200–399'}` };
    if (probe.keyword !== undefined && !body.includes(probe.keyword)) return { ok: false, ms, error: `the answer does not contain "${probe.keyword}"` };
    return probe.degraded_ms !== undefined && ms > probe.degraded_ms ? { ok: true, ms, slow: true } : { ok: true, ms };
  } catch (error) {
    return { ok: false, ms: since(start), error: reason(error, signal, probe.timeout_ms) };
  }
}

/** The body as text, up to MAX_BODY bytes. */
async function readText(response: Response, signal: AbortSignal): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    signal.throwIfAborted();
    chunks.push(chunk);
    size += chunk.byteLength;
    if (size >= MAX_BODY) break;
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY).toString('utf8');
}

/** `host:port` split; brackets around an IPv6 address are taken off. */
export function hostPort(text: string): { host: string; port: number } {
  const colon = text.lastIndexOf(':');
  return { host: text.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: Number(text.slice(colon + 1)) };
}

/** Opens a socket with `open`, resolving on `event` with what `done` makes of it, or failing within the timeout. */
function attempt<S extends Socket>(timeoutMs: number, run: AbortSignal, open: () => S, event: string, done: (socket: S) => CheckResult | Omit<CheckResult, 'ms'>): Promise<CheckResult> {
  const signal = deadline(timeoutMs, run);
  const start = performance.now();
  return new Promise((resolve) => {
    let socket: S | undefined;
    const finish = (result: Omit<CheckResult, 'ms'>) => {
      signal.removeEventListener('abort', onAbort);
      socket?.destroy();
      resolve({ ms: since(start), ...result });
    };
    const onAbort = () => finish({ ok: false, error: reason(undefined, signal, timeoutMs) });
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      socket = open();
    } catch (error) {
      return finish({ ok: false, error: reason(error, signal, timeoutMs) });
    }
    socket.once(event, () => finish(done(socket!)));
    socket.once('error', (error) => finish({ ok: false, error: reason(error, signal, timeoutMs) }));
  });
}

export function checkTcp(probe: TcpProbeConfig, ctx: CheckContext): Promise<CheckResult> {
  const { host, port } = hostPort(probe.tcp);
  return attempt(probe.timeout_ms, ctx.signal, () => netConnect({ host, port }), 'connect', () => ({ ok: true }));
}

/** Verification errors about time: the run's `now` decides those, not the machine's clock. */
const TIME_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

export function checkTls(probe: TlsProbeConfig, ctx: CheckContext): Promise<CheckResult> {
  const { host, port } = hostPort(probe.tls);
  return attempt<TLSSocket>(
    probe.timeout_ms,
    ctx.signal,
    () => tlsConnect({
      host,
      port,
      ...(isIP(host) ? {} : { servername: host }),
      ...(ctx.trust?.length ? { ca: [...rootCertificates, ...ctx.trust] } : {}),
      // Checked below, so that the certificate's dates are compared with `now`.
      rejectUnauthorized: false,
    }),
    'secureConnect',
    (socket) => certificateResult(socket, host, probe.warn_days, ctx.now),
  );
}

function certificateResult(socket: TLSSocket, host: string, warnDays: number, now: number): Omit<CheckResult, 'ms'> {
  const cert: PeerCertificate = socket.getPeerCertificate();
  if (!cert || !cert.valid_to) return { ok: false, error: 'the server sent no certificate' };
  const problem = socket.authorized ? undefined : String(socket.authorizationError ?? 'not trusted');
  if (problem && !TIME_ERRORS.has(problem)) return { ok: false, error: `certificate not trusted: ${problem}` };
  // Verification stops at the first error, so a certificate with a time error still needs its name checked.
  const identity = problem ? checkServerIdentity(host, cert) : undefined;
  if (identity) return { ok: false, error: `certificate not trusted: ${identity.message}` };
  const from = Date.parse(cert.valid_from);
  const to = Date.parse(cert.valid_to);
  const day = (ms: number) => iso(ms).slice(0, 10);
  const ends = day(to);
  if (now < from) return { ok: false, error: `certificate not valid before ${day(from)}` };
  const days = Math.floor((to - now) / DAY);
  if (to <= now) return { ok: false, error: `certificate expired on ${ends} (${Math.floor((now - to) / DAY)} days ago)` };
  if (days < warnDays) return { ok: false, error: `certificate expires in ${days} days, on ${ends} (warn_days: ${warnDays})` };
  return { ok: true };
}
