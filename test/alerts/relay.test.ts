import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DISPATCH_EVENT, relay, RELAY_MAX_BYTES, relayServer, type RelayEnv } from '../../src/alerts/index.ts';

/*
 * The relay on 127.0.0.1, passing alerts to a stand-in for GitHub's REST API that records every
 * call and answers as GitHub documents "Create a repository dispatch event" (204, no body).
 */

const root = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(root, 'test/fixtures/alerts');
const SECRET = 'relay-shared-secret';
const HMAC_KEY = 'pagerduty-generated-secret';

interface Call {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** GitHub's stand-in: records each call; answers 204, or what `answers` says next. */
function startGitHub(): Promise<{ url: string; calls: Call[]; answers: number[]; server: Server }> {
  const calls: Call[] = [];
  const answers: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = answers.shift() ?? 204;
      if (status === 204) return void res.writeHead(204).end();
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ message: status === 401 ? 'Bad credentials' : 'Server Error' }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, answers, server })));
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
const sign = (body: string, key = HMAC_KEY) => createHmac('sha256', key).update(body).digest('hex');

let github: Awaited<ReturnType<typeof startGitHub>>;
let relayUrl = '';
let server: Server;
let env: RelayEnv;
const temp = mkdtempSync(path.join(tmpdir(), 'status-relay-'));

before(async () => {
  github = await startGitHub();
  env = { STATUS_RELAY_TOKEN: SECRET, STATUS_RELAY_HMAC_SECRET: HMAC_KEY, STATUS_GITHUB_TOKEN: 'github_pat_example', STATUS_GITHUB_REPOSITORY: 'acme/status', STATUS_GITHUB_API: `${github.url}/` };
  server = relayServer(env);
  relayUrl = await listen(server);
});
after(async () => {
  await close(server);
  github.server.closeAllConnections();
  await close(github.server);
  rmSync(temp, { recursive: true, force: true });
});
beforeEach(() => {
  github.calls.length = 0;
  github.answers.length = 0;
});

const post = (body: string, headers: Record<string, string> = {}, query = '') =>
  fetch(`${relayUrl}/${query}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(10_000) });

const alertmanager = readFileSync(path.join(FIXTURES, 'alertmanager.json'), 'utf8');

describe('the relay', () => {
  it('passes an alert with the shared secret to GitHub as a status-alert dispatch, with the token', async () => {
    const r = await post(alertmanager, { authorization: `Bearer ${SECRET}` });
    assert.equal(r.status, 202, await r.text());
    assert.equal(github.calls.length, 1);
    const [call] = github.calls;
    assert.equal(call!.method, 'POST');
    assert.equal(call!.path, '/repos/acme/status/dispatches');
    assert.equal(call!.headers.authorization, 'Bearer github_pat_example');
    assert.equal(call!.headers.accept, 'application/vnd.github+json');
    assert.equal(call!.headers['x-github-api-version'], '2022-11-28');
    assert.equal(call!.headers['content-type'], 'application/json');
    assert.ok(call!.headers['user-agent']);
    assert.deepEqual(JSON.parse(call!.body), { event_type: DISPATCH_EVENT, client_payload: { payload: JSON.parse(alertmanager) } });
  });

  it('takes the secret as ?token= for services that cannot set a header', async () => {
    assert.equal((await post(alertmanager, {}, `?token=${SECRET}`)).status, 202);
    assert.equal(github.calls.length, 1);
  });

  it('takes an HMAC-SHA256 signature of the body: X-Signature, and PagerDuty’s v1= among several', async () => {
    assert.equal((await post(alertmanager, { 'x-signature': `sha256=${sign(alertmanager)}` })).status, 202);
    assert.equal((await post(alertmanager, { 'x-signature': sign(alertmanager) })).status, 202);
    const pagerduty = readFileSync(path.join(FIXTURES, 'pagerduty-triggered.json'), 'utf8');
    assert.equal((await post(pagerduty, { 'x-pagerduty-signature': `v1=${sign(pagerduty, 'old-secret')},v1=${sign(pagerduty)}` })).status, 202);
    assert.equal(github.calls.length, 3);
  });

  it('answers 401, and calls nobody, without the secret or a valid signature', async () => {
    const refused: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: `Basic ${Buffer.from(`user:${SECRET}`).toString('base64')}` },
      { authorization: `Bearer ${SECRET}x` },
      { 'x-signature': `sha256=${sign(alertmanager, 'wrong key')}` },
      { 'x-signature': `sha256=${sign(`${alertmanager} `)}` },
      { 'x-signature': 'sha256=not-hex' },
      { 'x-pagerduty-signature': `v0=${sign(alertmanager)}` },
    ];
    for (const headers of refused) {
      const r = await post(alertmanager, headers);
      assert.equal(r.status, 401, JSON.stringify(headers));
      assert.equal(r.headers.get('www-authenticate'), 'Bearer');
    }
    assert.equal((await post(alertmanager, {}, '?token=wrong')).status, 401);
    assert.equal(github.calls.length, 0);
  });

  it('refuses what is not an alert: other methods, bodies that are not JSON or too large', async () => {
    const auth = { authorization: `Bearer ${SECRET}` };
    assert.equal((await fetch(relayUrl, { signal: AbortSignal.timeout(10_000) })).status, 405);
    assert.equal((await post('<html></html>', auth)).status, 400);
    assert.equal((await post('"just text"', auth)).status, 400);
    assert.equal((await post(JSON.stringify({ pad: 'x'.repeat(RELAY_MAX_BYTES) }), auth)).status, 413);
    assert.equal(github.calls.length, 0);
  });

  it('answers 502 when GitHub refuses or fails, so the monitoring service sends it again', async () => {
    github.answers.push(401, 500);
    const first = await post(alertmanager, { authorization: `Bearer ${SECRET}` });
    assert.equal(first.status, 502);
    assert.match(await first.text(), /GitHub answered 401: \{"message":"Bad credentials"\}/);
    assert.equal((await post(alertmanager, { authorization: `Bearer ${SECRET}` })).status, 502);
    assert.equal(github.calls.length, 2);
  });

  it('answers 500 when it is not configured, whatever it is sent', async () => {
    for (const partial of [{ ...env, STATUS_GITHUB_TOKEN: undefined }, { ...env, STATUS_GITHUB_REPOSITORY: 'acme' }, { ...env, STATUS_RELAY_TOKEN: undefined, STATUS_RELAY_HMAC_SECRET: undefined }]) {
      const r = await relay(new Request('http://relay.invalid/', { method: 'POST', body: '{}', headers: { authorization: `Bearer ${SECRET}` } }), partial);
      assert.equal(r.status, 500);
    }
    assert.equal(github.calls.length, 0);
  });

  it('passes hostile text through as it came, for the command to read as text', async () => {
    const hostile = JSON.stringify({ key: 'k', status: 'firing', summary: '"; rm -rf / #\n${{ secrets.GITHUB_TOKEN }}</script>', startsAt: '2026-11-20T10:00:00Z' });
    assert.equal((await post(hostile, { authorization: `Bearer ${SECRET}` })).status, 202);
    assert.deepEqual(JSON.parse(github.calls[0]!.body).client_payload.payload, JSON.parse(hostile));
  });

  it('from the monitoring service to the events: relay, dispatch, then markdown-status alert on the event', async () => {
    const grafana = readFileSync(path.join(FIXTURES, 'grafana.json'), 'utf8');
    assert.equal((await post(grafana, { 'x-signature': `sha256=${sign(grafana)}` })).status, 202);
    const { client_payload } = JSON.parse(github.calls[0]!.body) as { client_payload: unknown };
    // What GitHub gives the workflow run: the event, with the client_payload as sent.
    const eventFile = path.join(temp, 'event.json');
    writeFileSync(eventFile, JSON.stringify({ action: DISPATCH_EVENT, branch: 'main', client_payload, repository: { full_name: 'acme/status' } }));
    const child = spawn(process.execPath, ['scripts/markdown-status.js', 'alert', '--content', path.join(FIXTURES, 'content')], {
      cwd: root,
      env: { ...process.env, GITHUB_EVENT_NAME: 'repository_dispatch', GITHUB_EVENT_PATH: eventFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const status = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(status, 0);
    assert.equal(out, '{"source":"grafana","key":"0fd5c3e5a4f2bb21","status":"firing","component":"api","summary":"The API answers 5xx to 12% of requests","startsAt":"2026-11-20T14:05:00Z"}\n');
  });
});

describe('markdown-status relay', () => {
  it('serves the relay on the address given until it is stopped', async () => {
    const child = spawn(process.execPath, ['scripts/markdown-status.js', 'relay', '--port', '0', '--host', '127.0.0.1'], {
      cwd: root,
      env: { ...process.env, ...env, PORT: '' } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.on('close', resolve));
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no address within 20 s: ${out}`)), 20_000);
        child.stdout.on('data', (d) => {
          out += d;
          const found = /from (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        });
      });
      assert.match(out, /relaying alerts to acme\/status/);
      const r = await fetch(url, { method: 'POST', body: alertmanager, headers: { authorization: `Bearer ${SECRET}` }, signal: AbortSignal.timeout(10_000) });
      assert.equal(r.status, 202);
      assert.equal(github.calls.length, 1);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  });

  it('will not start without its secrets', async () => {
    const child = spawn(process.execPath, ['scripts/markdown-status.js', 'relay', '--port', '0'], {
      cwd: root,
      env: { ...process.env, STATUS_GITHUB_TOKEN: '', STATUS_RELAY_TOKEN: '', STATUS_RELAY_HMAC_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    assert.equal(await new Promise((resolve) => child.on('close', resolve)), 2);
    assert.match(err, /set STATUS_GITHUB_TOKEN/);
  });
});
