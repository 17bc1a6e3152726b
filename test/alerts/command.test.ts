import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { alertEventSchema } from '../../src/alerts/index.ts';
import { runCommand } from '../helpers/command.ts';

/* `markdown-status alert` as a workflow runs it: the payload from a file, standard input or the event file. */

const root = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(root, 'test/fixtures/alerts');
const CONTENT = path.join(FIXTURES, 'content');
const temp = mkdtempSync(path.join(tmpdir(), 'status-alert-'));
after(() => rmSync(temp, { recursive: true, force: true }));

/**
 * The command with a clean environment: no workflow event unless the test gives one. It runs in
 * this process (see runCommand) unless it reads standard input, which only a child has of its own.
 */
async function alertCommand(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<{ status: number | null; out: string; err: string }> {
  const env = { GITHUB_EVENT_NAME: '', GITHUB_EVENT_PATH: '', STATUS_CONTENT: '', ...options.env };
  if (options.stdin === undefined) {
    const r = await runCommand(['alert', ...args], env);
    return { status: r.status, out: r.stdout, err: r.stderr };
  }
  const child = spawn(process.execPath, ['scripts/markdown-status.js', 'alert', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  child.stdin.end(options.stdin);
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, out, err })));
}

const lines = (out: string) => out.split('\n').filter(Boolean).map((l) => alertEventSchema.parse(JSON.parse(l)));

describe('markdown-status alert', { concurrency: true }, () => {
  it('prints the events of a payload file, one JSON line each, and says how many on stderr', async () => {
    const r = await alertCommand([path.join(FIXTURES, 'alertmanager.json'), '--content', CONTENT]);
    assert.equal(r.status, 0, r.err);
    assert.equal(r.out, [
      '{"source":"alertmanager","key":"5c2f3e0b8a1d4e67","status":"firing","component":"web-apps","summary":"Error rate above 5% on the web front end","startsAt":"2026-11-20T13:58:12.123Z"}',
      '{"source":"alertmanager","key":"a41b9c7d2e3f0815","status":"resolved","component":"checkout","summary":"Checkout p99 latency above 2 s","startsAt":"2026-11-20T12:40:00Z"}',
      '',
    ].join('\n'));
    assert.equal(r.err, '2 events from alertmanager\n');
  });

  it('reads standard input; hostile text comes out as JSON text on one line per event', async () => {
    const summary = '</script><img src=x onerror=alert(1)>\n{"key":"forged"}\r\n"quoted" \\ back\u2028slash';
    const r = await alertCommand(['-'], { stdin: JSON.stringify({ key: 'k', status: 'firing', component: 'frontend', summary, startsAt: '2026-11-20T10:00:00Z' }), env: { STATUS_CONTENT: CONTENT } });
    assert.equal(r.status, 0, r.err);
    const events = lines(r.out);
    assert.equal(events.length, 1);
    assert.deepEqual(events[0], { source: 'generic', key: 'k', status: 'firing', component: 'web-apps', summary: '</script><img src=x onerror=alert(1)> {"key":"forged"} "quoted" \\ back slash', startsAt: '2026-11-20T10:00:00Z' });
  });

  it('reads the client_payload of a repository_dispatch event in a workflow run', async () => {
    const eventFile = path.join(temp, 'event.json');
    writeFileSync(eventFile, JSON.stringify({ action: 'status-alert', client_payload: { payload: JSON.parse(readFileSync(path.join(FIXTURES, 'pagerduty-triggered.json'), 'utf8')) } }, null, 2));
    const r = await alertCommand(['--content', CONTENT], { env: { GITHUB_EVENT_NAME: 'repository_dispatch', GITHUB_EVENT_PATH: eventFile } });
    assert.equal(r.status, 0, r.err);
    assert.deepEqual(lines(r.out).map((e) => [e.source, e.key, e.status, e.component]), [['pagerduty', 'PGR0VU2', 'firing', 'api']]);
  });

  it('exits with 2 and names the line when the payload cannot be read', async () => {
    const r = await alertCommand([path.join(FIXTURES, 'bad/generic-misspelt.json'), '--content', CONTENT]);
    assert.equal(r.status, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /generic-misspelt\.json:3: status must be one of firing, resolved — got "down"/);
    const notJson = await alertCommand(['--content', CONTENT], { stdin: '<html>Bad gateway</html>' });
    assert.equal(notJson.status, 2);
    assert.match(notJson.err, /^stdin:1: the alert is not JSON/m);
  });

  it('warns about a component the site does not know, and prints the event without one', async () => {
    const r = await alertCommand([path.join(FIXTURES, 'bad/component-unknown.json'), '--content', CONTENT]);
    assert.equal(r.status, 0, r.err);
    assert.equal(lines(r.out)[0]!.component, undefined);
    assert.match(r.err, /component-unknown\.json:7: warning: alert "9e1d0c4b7a2f3e58" is about label component "payments"/);
  });

  it('refuses an unknown --source, a second file and a missing site file', async () => {
    for (const [args, message] of [
      [['--source', 'nagios', path.join(FIXTURES, 'generic.json'), '--content', CONTENT], /--source nagios: use one of alertmanager, grafana, datadog, pagerduty, generic/],
      [[path.join(FIXTURES, 'generic.json'), path.join(FIXTURES, 'grafana.json'), '--content', CONTENT], /one payload at a time/],
      [[path.join(FIXTURES, 'generic.json'), '--content', temp], /no site file/],
    ] as const) {
      const r = await alertCommand([...args]);
      assert.notEqual(r.status, 0);
      assert.match(r.err, message);
    }
  });

  it('explains itself with --help', async () => {
    const r = await alertCommand(['--help']);
    assert.equal(r.status, 0);
    assert.match(r.out, /Usage: markdown-status alert/);
  });
});
