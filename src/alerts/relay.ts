/**
 * The relay: a web endpoint monitoring services post alerts to, which passes each one on to the
 * status repository as a repository_dispatch event (`status-alert`), where a workflow runs
 * `markdown-status alert`. It only lets through what carries the shared secret or a valid
 * signature, and reads nothing of the alert but that it is JSON.
 *
 * A standard fetch handler using only web APIs (fetch, Request, Response, Web Crypto), so the same
 * file runs under Node (node-server.ts), as a Cloudflare Worker or as a Netlify Function. It
 * imports nothing, so a bundle of it is this file alone.
 */

/** What the relay is told, as environment variables (a Worker's bindings, a Function's env). */
export interface RelayEnv {
  /** The shared secret, sent as `Authorization: Bearer <secret>` or (when a service cannot set headers) `?token=<secret>`. */
  STATUS_RELAY_TOKEN?: string;
  /** The key of HMAC-SHA256 signatures of the body: `X-Signature: sha256=<hex>` (or bare hex), or PagerDuty's `X-PagerDuty-Signature: v1=<hex>`. */
  STATUS_RELAY_HMAC_SECRET?: string;
  /** A token that may create dispatch events on the repository: fine-grained, with Contents: read and write. */
  STATUS_GITHUB_TOKEN?: string;
  /** The status repository, `owner/name`. */
  STATUS_GITHUB_REPOSITORY?: string;
  /** The REST API's address (default https://api.github.com; GitHub Enterprise: https://HOST/api/v3). */
  STATUS_GITHUB_API?: string;
}

/** The repository_dispatch event type the alert workflow listens for. */
export const DISPATCH_EVENT = 'status-alert';

/** The largest body passed on: GitHub refuses a client_payload of 64 KB or more, and the payload is wrapped. */
export const RELAY_MAX_BYTES = 60 * 1024;

const DEFAULT_API = 'https://api.github.com';
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** GitHub answers in well under a second; a monitoring service gives up on the relay after 10–15 s. */
const GITHUB_TIMEOUT_MS = 8000;

const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(`${body}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });

export async function relay(request: Request, env: RelayEnv): Promise<Response> {
  const token = env.STATUS_GITHUB_TOKEN;
  const repository = env.STATUS_GITHUB_REPOSITORY ?? '';
  if (!token || !REPOSITORY.test(repository) || !(env.STATUS_RELAY_TOKEN || env.STATUS_RELAY_HMAC_SECRET)) {
    return text(500, 'relay not configured: set STATUS_GITHUB_TOKEN, STATUS_GITHUB_REPOSITORY (owner/name) and STATUS_RELAY_TOKEN or STATUS_RELAY_HMAC_SECRET');
  }
  if (request.method !== 'POST') return text(405, 'POST an alert here', { allow: 'POST' });
  if (Number(request.headers.get('content-length') ?? 0) > RELAY_MAX_BYTES) return text(413, `an alert may have ${RELAY_MAX_BYTES / 1024} KB`);
  const body = await request.arrayBuffer();
  if (body.byteLength > RELAY_MAX_BYTES) return text(413, `an alert may have ${RELAY_MAX_BYTES / 1024} KB`);
  if (!(await authorised(request, body, env))) return text(401, 'unauthorized', { 'www-authenticate': 'Bearer' });

  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return text(400, 'the body is not JSON');
  }
  if (payload === null || typeof payload !== 'object') return text(400, 'the body is not a JSON object');

  const [owner, name] = repository.split('/') as [string, string];
  const api = (env.STATUS_GITHUB_API || DEFAULT_API).replace(/\/+$/, '');
  let answer: Response;
  try {
    answer = await fetch(`${api}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/dispatches`, {
      method: 'POST',
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'user-agent': 'markdown-status-relay',
        'x-github-api-version': '2022-11-28',
      },
      body: JSON.stringify({ event_type: DISPATCH_EVENT, client_payload: { payload } }),
      redirect: 'error',
      signal: AbortSignal.timeout(GITHUB_TIMEOUT_MS),
    });
  } catch (error) {
    // 5xx: the monitoring service sends the alert again later.
    return text(502, `GitHub could not be reached: ${(error as Error).name}`);
  }
  const said = (await answer.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ').trim();
  if (!answer.ok) return text(502, `GitHub answered ${answer.status}${said ? `: ${said}` : ''}`);
  return text(202, 'accepted');
}

/** The shared secret (header or query) or a valid signature of the body. */
async function authorised(request: Request, body: ArrayBuffer, env: RelayEnv): Promise<boolean> {
  if (env.STATUS_RELAY_TOKEN) {
    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]?.trim();
    const query = new URL(request.url).searchParams.get('token');
    for (const given of [bearer, query]) if (given && (await sameSecret(given, env.STATUS_RELAY_TOKEN))) return true;
  }
  if (env.STATUS_RELAY_HMAC_SECRET) {
    const signatures = [
      ...(request.headers.get('x-signature') ?? '').split(',').map((s) => s.trim().replace(/^sha256=/i, '')),
      // PagerDuty sends one `v1=<hex>` per secret while a secret is being replaced.
      ...(request.headers.get('x-pagerduty-signature') ?? '').split(',').map((s) => s.trim()).filter((s) => s.startsWith('v1=')).map((s) => s.slice(3)),
    ].filter((s) => /^[0-9a-f]{64}$/i.test(s));
    if (signatures.length) {
      const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(env.STATUS_RELAY_HMAC_SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
      for (const hex of signatures) if (await crypto.subtle.verify('HMAC', key, fromHex(hex), body)) return true;
    }
  }
  return false;
}

/** Compares two secrets in a time that does not depend on where they differ. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [a, b] = await Promise.all([given, expected].map(async (s) => new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(s)))));
  let difference = 0;
  for (let i = 0; i < a!.length; i++) difference |= a![i]! ^ b![i]!;
  return difference === 0;
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
