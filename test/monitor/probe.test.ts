import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServer as createTlsServer } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { loadContent, siteSchema, type Site } from '../../src/content/index.ts';
import { branchFolder } from '../../src/shared/git-branch.ts';
import { appendSeries, fetchSeries, recordToBranch, runProbes, SERIES_DAYS, type ProbeResult } from '../../src/monitor/index.ts';
import { runCommand } from '../helpers/command.ts';
import { git, GIT_ENV, gitRemote } from '../helpers/git-remote.ts';

/*
 * Probes against real servers on 127.0.0.1: an HTTP server with healthy, slow, failing and
 * wordless answers, a port nobody listens on, and TLS servers with the committed certificates of
 * test/fixtures/tls/ (near.crt ends 2026-12-01, far.crt 2036-01-01; both for localhost and
 * 127.0.0.1, self-signed, made once with the openssl CLI). NOW is 10 days before near.crt ends.
 */

const NOW = Date.parse('2026-11-21T00:00:00Z');
const TLS = path.resolve(import.meta.dirname, '../fixtures/tls');
const pem = (name: string) => readFileSync(path.join(TLS, name), 'utf8');
const TRUST = [pem('near.crt'), pem('far.crt')];
const env = { ...process.env, ...GIT_ENV };

/** Requests being answered now, and the most seen at once. */
const inFlight = { now: 0, most: 0 };
/** Timers of slow answers, cleared when the server closes so nothing outlives the test. */
const timers = new Set<NodeJS.Timeout>();

function answer(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  inFlight.now++;
  inFlight.most = Math.max(inFlight.most, inFlight.now);
  const done = (status: number, body: string) => {
    inFlight.now--;
    res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
  };
  const delay = Number(url.searchParams.get('delay') ?? 0);
  const reply = () => {
    if (url.pathname === '/health') done(200, 'all systems ready');
    else if (url.pathname === '/broken') done(500, 'internal error');
    else if (url.pathname === '/moved') {
      inFlight.now--;
      res.writeHead(302, { location: '/health' }).end();
    } else done(404, 'not here');
  };
  if (!delay) return reply();
  const timer = setTimeout(() => {
    timers.delete(timer);
    reply();
  }, delay);
  timers.add(timer);
  res.on('close', () => {
    if (timers.delete(timer)) {
      clearTimeout(timer);
      inFlight.now--;
    }
  });
}

const listen = <S extends Server | ReturnType<typeof createTlsServer>>(server: S) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

let http: Server;
let base = '';
let near: ReturnType<typeof createTlsServer>;
let far: ReturnType<typeof createTlsServer>;
let nearPort = 0;
let farPort = 0;
let closedPort = 0;

before(async () => {
  http = createServer(answer);
  base = `http://127.0.0.1:${await listen(http)}`;
  near = createTlsServer({ key: pem('near.key'), cert: pem('near.crt') }, (s) => s.end());
  far = createTlsServer({ key: pem('far.key'), cert: pem('far.crt') }, (s) => s.end());
  nearPort = await listen(near);
  farPort = await listen(far);
  // A port that was just free: listened on, then closed, so a connection to it is refused.
  const gone = createNetServer();
  closedPort = await listen(gone as unknown as Server);
  await new Promise((resolve) => gone.close(resolve));
});

after(() => {
  for (const timer of timers) clearTimeout(timer);
  http.closeAllConnections();
  http.close();
  near.close();
  far.close();
});

/** A site with one component per probe, ids c1, c2, … */
function siteWith(...probes: object[]): Site {
  return siteSchema.parse({
    name: 'Probe Status',
    url: 'https://status.example.com/',
    time_zone: 'Etc/UTC',
    components: probes.map((probe, i) => ({ id: `c${i + 1}`, name: `C${i + 1}`, start_date: '2026-01-01', probe })),
  });
}

const one = async (probe: object, now = NOW): Promise<ProbeResult> => (await runProbes(siteWith(probe), { now, trust: TRUST }))[0]!;

describe('HTTP probes', () => {
  it('reports a healthy answer as up, at the run’s now', async () => {
    const r = await one({ http: `${base}/health`, keyword: 'ready' });
    assert.deepEqual({ ...r, ms: 0 }, { id: 'c1', target: `http ${base}/health`, at: '2026-11-21T00:00:00.000Z', ok: true, ms: 0 });
    assert.ok(r.ms >= 0);
  });

  it('says a good answer slower than degraded_ms is slow, and still up', async () => {
    const r = await one({ http: `${base}/health?delay=300`, degraded_ms: 50 });
    assert.equal(r.ok, true);
    assert.equal(r.slow, true);
    assert.equal(r.error, undefined);
  });

  it('fails an answer that does not come within timeout_ms, saying so', async () => {
    const r = await one({ http: `${base}/health?delay=5000`, timeout_ms: 150 });
    assert.equal(r.ok, false);
    assert.equal(r.error, 'no answer within 150 ms');
  });

  it('fails a status outside 200–399, or other than expect:', async () => {
    assert.equal((await one({ http: `${base}/broken` })).error, 'HTTP 500, expected 200–399');
    assert.equal((await one({ http: `${base}/broken`, expect: 500 })).ok, true);
    assert.equal((await one({ http: `${base}/health`, expect: 204 })).error, 'HTTP 200, expected 204');
    // A redirect is an answer of its own: not followed.
    assert.equal((await one({ http: `${base}/moved` })).ok, true);
    assert.equal((await one({ http: `${base}/moved`, expect: 200 })).error, 'HTTP 302, expected 200');
  });

  it('fails an answer without the keyword', async () => {
    const r = await one({ http: `${base}/health`, keyword: 'all systems operational' });
    assert.equal(r.error, 'the answer does not contain "all systems operational"');
  });

  it('names a refused connection', async () => {
    assert.equal((await one({ http: `http://127.0.0.1:${closedPort}/` })).error, 'connection refused (ECONNREFUSED)');
  });
});

describe('TCP probes', () => {
  it('is up when the port accepts a connection, and names a refused one', async () => {
    const [open, closed] = await runProbes(siteWith({ tcp: base.slice('http://'.length) }, { tcp: `127.0.0.1:${closedPort}` }), { now: NOW });
    assert.equal(open!.ok, true);
    assert.deepEqual([closed!.ok, closed!.error], [false, 'connection refused (ECONNREFUSED)']);
  });
});

describe('TLS probes', () => {
  it('fails a certificate within warn_days of its end, with the days left; passes one far from it', async () => {
    const [soon, later] = await runProbes(siteWith({ tls: `localhost:${nearPort}` }, { tls: `127.0.0.1:${farPort}` }), { now: NOW, trust: TRUST });
    assert.deepEqual([soon!.ok, soon!.error], [false, 'certificate expires in 10 days, on 2026-12-01 (warn_days: 14)']);
    assert.deepEqual([later!.ok, later!.error], [true, undefined]);
  });

  it('compares the certificate with the run’s now, not the machine’s clock', async () => {
    assert.equal((await one({ tls: `localhost:${nearPort}`, warn_days: 7 })).ok, true);
    assert.equal((await one({ tls: `localhost:${nearPort}` }, Date.parse('2026-12-04T00:00:00Z'))).error, 'certificate expired on 2026-12-01 (3 days ago)');
    assert.equal((await one({ tls: `localhost:${farPort}` }, Date.parse('2025-06-01T00:00:00Z'))).error, 'certificate not valid before 2026-01-01');
  });

  it('fails a certificate nobody vouches for', async () => {
    const [untrusted] = await runProbes(siteWith({ tls: `localhost:${farPort}` }), { now: NOW });
    assert.match(untrusted!.error ?? '', /^certificate not trusted: (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/);
  });

  it('fails a port that does not speak TLS', async () => {
    const r = await one({ tls: base.slice('http://'.length), timeout_ms: 2000 });
    assert.equal(r.ok, false);
    assert.ok(r.error, 'a reason');
  });
});

describe('a probe run', () => {
  it('runs no more checks at once than the limit', async () => {
    inFlight.most = 0;
    const probes = Array.from({ length: 12 }, () => ({ http: `${base}/health?delay=40` }));
    const results = await runProbes(siteWith(...probes), { now: NOW, concurrency: 3 });
    assert.equal(results.filter((r) => r.ok).length, 12);
    assert.ok(inFlight.most <= 3 && inFlight.most >= 1, `${inFlight.most} at once`);
    assert.deepEqual(results.map((r) => r.id), probes.map((_, i) => `c${i + 1}`));
  });

  it('ends every check still running at the deadline', async () => {
    const results = await runProbes(siteWith({ http: `${base}/health?delay=5000` }, { http: `${base}/health` }), { now: NOW, deadlineMs: 200 });
    assert.deepEqual(results.map((r) => [r.ok, r.error]), [[false, 'the probe run ran out of time'], [true, undefined]]);
  });

  it('measures a run of 50 HTTP checks, 10 of them slow', async () => {
    const probes = Array.from({ length: 50 }, (_, i) => ({ http: `${base}/health${i % 5 === 0 ? '?delay=500' : ''}`, degraded_ms: 250 }));
    const start = performance.now();
    const results = await runProbes(siteWith(...probes), { now: NOW });
    const seconds = (performance.now() - start) / 1000;
    assert.equal(results.filter((r) => r.ok).length, 50);
    assert.equal(results.filter((r) => r.slow).length, 10);
    console.log(`50 HTTP checks (10 answering after 500 ms), 10 at once: ${seconds.toFixed(2)} s`);
  });
});

describe('series', () => {
  const line = (at: string) => JSON.stringify({ at, ok: true, ms: 5 });

  it(`keeps ${SERIES_DAYS} days, appending in order, and keeps a line whose time it cannot read`, () => {
    const old = [line('2026-10-20T23:59:00.000Z'), line('2026-10-21T00:00:00.000Z'), 'not json', ''].join('\n');
    assert.equal(appendSeries(old, [line('2026-11-21T00:00:00.000Z')], NOW), `${line('2026-10-21T00:00:00.000Z')}\nnot json\n${line('2026-11-21T00:00:00.000Z')}\n`);
    assert.equal(appendSeries(undefined, ['x'], NOW), 'x\n');
  });
});

describe('markdown-status probe', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'status-probe-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  /** A status repository's content with three probed components (one down, one slow) and one without. */
  const content = (dir: string) => {
    mkdirSync(path.join(dir, 'content'), { recursive: true });
    writeFileSync(path.join(dir, 'content/site.yml'), `name: Probe Status
url: https://status.example.com/
time_zone: Etc/UTC
components:
  - id: web
    name: Web
    start_date: 2026-01-01
    probe: { http: "${base}/health", keyword: ready }
  - id: api
    name: API
    start_date: 2026-01-01
    probe: { http: "${base}/health?delay=200", degraded_ms: 20 }
  - id: db
    name: Database
    start_date: 2026-01-01
    probe: { tcp: "127.0.0.1:${closedPort}" }
  - id: docs
    name: Docs
    start_date: 2026-01-01
`);
  };

  it('prints one line per check and appends to the series of --out, exit 0 with a check down', async () => {
    const dir = path.join(root, 'local');
    content(dir);
    const first = await runCommand(['probe', '--out', 'series', '--now', '2026-11-21T00:00:00Z'], {}, dir);
    assert.equal(first.status, 0, first.stderr);
    const lines = first.stdout.trim().split('\n');
    assert.match(lines[0]!, /^ok {4}web .* ms {2}http http:\/\/127\.0\.0\.1:\d+\/health$/);
    assert.match(lines[1]!, /^slow {2}api /);
    assert.match(lines[2]!, /^FAIL {2}db .* tcp 127\.0\.0\.1:\d+ — connection refused \(ECONNREFUSED\)$/);
    assert.match(lines[3]!, /^3 checks: 2 up \(1 slow\), 1 down; recorded to 3 series in series$/);
    await runCommand(['probe', '--out', 'series', '--now', '2026-11-21T00:05:00Z'], {}, dir);
    const db = readFileSync(path.join(dir, 'series/db.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ProbeResult);
    assert.deepEqual(db.map((r) => [r.at, r.ok, r.error]), [
      ['2026-11-21T00:00:00.000Z', false, 'connection refused (ECONNREFUSED)'],
      ['2026-11-21T00:05:00.000Z', false, 'connection refused (ECONNREFUSED)'],
    ]);
    // What it wrote is what the build reads.
    const loaded = loadContent(path.join(dir, 'content'), { probes: path.join(dir, 'series') });
    assert.deepEqual(loaded.warnings, []);
    assert.deepEqual([...loaded.probes!.keys()].sort(), ['api', 'db', 'web']);
  });

  it('records nothing with --dry-run', async () => {
    const dir = path.join(root, 'dry');
    content(dir);
    const r = await runCommand(['probe', '--dry-run', '--out', 'series', '--now', '2026-11-21T00:00:00Z'], {}, dir);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /nothing recorded \(--dry-run\)\n$/);
    assert.throws(() => readFileSync(path.join(dir, 'series/web.jsonl')));
  });

  it('appends to probes/ on the state branch in one commit per run, which the build then reads', async () => {
    const remote = gitRemote();
    try {
      const a = remote.clone('a');
      content(a);
      const r = await runCommand(['probe', '--now', '2026-11-21T00:00:00Z'], { ...GIT_ENV }, a);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /recorded to probes\/ on branch status-state of origin\n$/);
      await runCommand(['probe', '--now', '2026-11-21T00:05:00Z'], { ...GIT_ENV }, a);
      assert.equal(git(remote.bare, 'rev-list', '--count', 'status-state'), '2');
      assert.equal(git(remote.bare, 'ls-tree', '-r', '--name-only', 'status-state'), 'probes/api.jsonl\nprobes/db.jsonl\nprobes/web.jsonl');
      assert.equal(git(remote.bare, 'log', '-1', '--format=%s', 'status-state'), 'Record probe results');
      assert.equal(git(a, 'status', '--porcelain'), '?? content/', 'the checkout is left alone');
      // The build's side: another clone reads the series from the branch.
      const b = remote.clone('b');
      // The firing alerts file kept beside the series travels with them.
      const firing = '{"firing":[]}\n';
      await branchFolder({ cwd: a, branch: 'status-state', folder: 'probes', env }).update(() => new Map([['alerts.json', firing]]));
      const folder = await fetchSeries({ cwd: b, branch: 'status-state', env }, path.join(b, '.cache/status-probes'));
      assert.equal(readFileSync(path.join(folder!, 'web.jsonl'), 'utf8').trim().split('\n').length, 2);
      assert.equal(readFileSync(path.join(folder!, 'alerts.json'), 'utf8'), firing);
      assert.equal(await fetchSeries({ cwd: b, branch: 'nothing-here', env }, path.join(b, '.cache/x')), undefined);
      content(b);
      const built = await runCommand(['build', '--probes-branch', 'status-state', '--now', '2026-11-21T00:10:00Z'], { ...GIT_ENV }, b);
      assert.equal(built.status, 0, built.stderr);
      const metrics = JSON.parse(readFileSync(path.join(b, '_site/api/v2/metrics/db.json'), 'utf8')) as { windows: { window: string; probes: number; failures: number }[] };
      // Both runs' checks of the database, both failed, drawn from the branch's series.
      assert.deepEqual(metrics.windows.map((w) => [w.probes, w.failures]), metrics.windows.map(() => [2, 2]));
    } finally {
      rmSync(remote.root, { recursive: true, force: true });
    }
  });

  it('exits 1 when the results cannot be recorded, after printing the checks', async () => {
    const remote = gitRemote();
    try {
      const a = remote.clone('a');
      content(a);
      const r = await runCommand(['probe', '--state-remote', 'gone', '--now', '2026-11-21T00:00:00Z'], { ...GIT_ENV }, a);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /^ok {4}web /);
      assert.match(r.stderr, /could not fetch branch status-state from the remote "gone"/);
      await assert.rejects(recordToBranch({ cwd: root, branch: 'status-state', env }, [], NOW), /is not in a git repository/);
    } finally {
      rmSync(remote.root, { recursive: true, force: true });
    }
  });
});
