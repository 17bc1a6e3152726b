// markdown-status rebuild against real parts: the published page is a loopback server serving
// next-change.txt, the host's build hook a loopback stand-in recording every POST (Netlify build
// hooks and Cloudflare Pages deploy hooks are a plain POST to a secret address), and the state
// branch lives in a bare repository that clones fetch from and push to.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { branchFile } from '../../src/shared/git-branch.ts';
import { CLAIM_LAPSE_MS, KEEP_REQUESTS, REBUILD_FILE, requestRebuild, serializeRebuildRecord, type RebuildRequest } from '../../src/deploy/index.ts';
import { runCommand } from '../helpers/command.ts';
import { git, GIT_ENV, gitRemote } from '../helpers/git-remote.ts';
import { startHttpReceiver, type HttpReceiver } from '../helpers/receivers.ts';

const NOW = Date.parse('2026-11-20T09:30:00Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
/** A request without its run's random id. */
const omitBy = (r: RebuildRequest | undefined) => r && { for: r.for, at: r.at, status: r.status };
const SECRET = 'b5f1c0ffee-secret-hook-id';
const HOOK_PATH = `/build_hooks/${SECRET}`;

/** The published page: next-change.txt says what it is told (404 when undefined); requests counted. */
async function startPage() {
  const page = { nextChange: undefined as string | undefined, requests: [] as string[], url: '', close: async () => {} };
  const server = createServer((req, res) => {
    page.requests.push(req.url ?? '');
    if (req.url?.startsWith('/status/next-change.txt') && page.nextChange !== undefined) res.writeHead(200, { 'content-type': 'text/plain' }).end(page.nextChange);
    else res.writeHead(404).end('Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  page.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/status/`;
  page.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return page;
}

describe('markdown-status rebuild', () => {
  const remote = gitRemote();
  const a = remote.clone('a');
  const b = remote.clone('b', { shallow: true });
  let page: Awaited<ReturnType<typeof startPage>>;
  let hook: HttpReceiver;
  before(async () => {
    page = await startPage();
    hook = await startHttpReceiver();
  });
  after(async () => {
    await page.close();
    await hook.close();
    rmSync(remote.root, { recursive: true, force: true });
  });

  const hookUrl = () => `${hook.url}${HOOK_PATH}`;
  const calls = () => hook.attempts.filter((r) => r.path === HOOK_PATH).length;
  const record = async (): Promise<RebuildRequest[]> => {
    const text = await branchFile({ cwd: a, branch: 'status-state', file: REBUILD_FILE, env: { ...process.env, ...GIT_ENV } }).read();
    return text === undefined ? [] : (JSON.parse(text) as { requested: RebuildRequest[] }).requested;
  };
  const rebuild = async (cwd: string, env: Record<string, string | undefined> = {}, args: string[] = []) => {
    const r = await runCommand(['rebuild', ...args, '--site-url', page.url], {
      ...GIT_ENV,
      STATUS_BUILD_HOOK_URL: hookUrl(),
      STATUS_NOW: at(0),
      STATUS_SITE_URL: undefined,
      STATUS_STATE_BRANCH: undefined,
      ...env,
    }, cwd);
    const all = r.stdout + r.stderr;
    assert.ok(!all.includes(SECRET), `the hook's address is never printed:\n${all}`);
    return r;
  };

  it('not set up: says so, exit code 0, reads and asks nothing', async () => {
    const r = await rebuild(a, { STATUS_BUILD_HOOK_URL: '' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^not set up yet: the variable STATUS_BUILD_HOOK_URL \(the host's build hook\) is not set/);
    assert.equal(calls(), 0);
    assert.deepEqual(page.requests, []);
    assert.equal(git(remote.bare, 'branch', '--list', 'status-state'), '');
  });

  it('a page out of reach, not published yet or unreadable: a notice, exit code 0, no call', async () => {
    const gone = await startPage();
    const closedUrl = gone.url;
    await gone.close();
    const unreachable = await rebuild(a, {}, ['--site-url', closedUrl]);
    assert.equal(unreachable.status, 0, unreachable.stderr);
    assert.match(unreachable.stdout, /^nothing to rebuild: no next-change time at http:\/\/127\.0\.0\.1:\d+\/status\/next-change\.txt \(ECONNREFUSED\) — not published yet, or out of reach/);
    const missing = await rebuild(a);
    assert.match(missing.stdout, /\(HTTP 404\)/);
    page.nextChange = '<!doctype html><title>Home</title>';
    const unreadable = await rebuild(a);
    assert.equal(unreadable.status, 0);
    assert.match(unreadable.stdout, /\(not an ISO 8601 time\)/);
    assert.equal(calls(), 0);
    assert.ok(page.requests.every((u) => /^\/status\/next-change\.txt\?t=\d+$/.test(u)), 'a query of its own, past caches');
  });

  it('not due: one line saying when, no call, nothing written', async () => {
    page.nextChange = `${at(30)}\n`;
    const r = await rebuild(a);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `not due: the page next changes by itself at ${at(30)}\n`);
    assert.equal(calls(), 0);
    assert.equal(git(remote.bare, 'branch', '--list', 'status-state'), '');
  });

  it('--dry-run when due: says it would start a build, asks and writes nothing', async () => {
    page.nextChange = `${at(-5)}\n`;
    const r = await rebuild(a, {}, ['--dry-run']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `would start a build: the page was due to change at ${at(-5)}\n`);
    assert.equal(calls(), 0);
    assert.equal(git(remote.bare, 'branch', '--list', 'status-state'), '');
  });

  it('due: exactly one empty POST to the hook, recorded on the state branch with its answer', async () => {
    const r = await rebuild(a);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `started a build: the page was due to change at ${at(-5)}; the build hook answered HTTP 200\n`);
    assert.equal(calls(), 1);
    assert.equal(hook.received.at(-1)!.body, '');
    assert.deepEqual((await record()).map(omitBy), [{ for: at(-5), at: at(0), status: 200 }]);
    assert.equal(git(a, 'status', '--porcelain'), '', 'the checkout is left alone');
  });

  it('run again for the same instant, from another (shallow) clone: no second call', async () => {
    const r = await rebuild(b, { STATUS_NOW: at(10) });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `already requested: a build for ${at(-5)} was asked for at ${at(0)} (HTTP 200)\n`);
    const dry = await rebuild(b, { STATUS_NOW: at(10) }, ['--dry-run']);
    assert.match(dry.stdout, /^already requested/);
    assert.equal(calls(), 1);
  });

  it('the next due instant: a new call, both kept in the record', async () => {
    page.nextChange = `${at(20)}\n`;
    const r = await rebuild(b, { STATUS_NOW: at(25) });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(calls(), 2);
    assert.deepEqual((await record()).map((q) => [q.for, q.status]), [[at(-5), 200], [at(20), 200]]);
  });

  it('two runs racing from two clones for one instant: one call', async () => {
    const env = { ...process.env, ...GIT_ENV };
    // Bounded: a few rounds, each a new instant. Both runs have the same now, as runs given one
    // STATUS_NOW would: their claims differ only by each run's id.
    for (let round = 1; round <= 3; round++) {
      page.nextChange = `${at(30 + round)}\n`;
      const before = calls();
      const lines: string[] = [];
      const run = (cwd: string) => requestRebuild({ siteUrl: page.url, hookUrl: hookUrl(), now: NOW + 40 * 60_000, cwd, env, print: (l) => lines.push(l) });
      const reports = await Promise.all([run(a), run(b)]);
      assert.deepEqual(reports.map((q) => q.outcome).sort(), ['already requested', 'requested'], lines.join('\n'));
      assert.equal(calls() - before, 1, `round ${round}`);
    }
    const requested = await record();
    assert.deepEqual(requested.slice(-3).map((q) => [q.for, q.status]), [1, 2, 3].map((k) => [at(30 + k), 200]));
  });

  it('a hook answering 500 then 200: asked again within the run, exit code 0', async () => {
    page.nextChange = `${at(50)}\n`;
    hook.plan(HOOK_PATH, [500]);
    const before = calls();
    const r = await rebuild(a, { STATUS_NOW: at(55) });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^the build hook answered HTTP 500; trying again in \d\.\d s\nstarted a build/);
    assert.equal(calls() - before, 2);
    assert.equal((await record()).at(-1)!.status, 200);
  });

  it('a hook that keeps failing: exit code 1 after the bounded tries, and the next run asks again', async () => {
    page.nextChange = `${at(60)}\n`;
    hook.plan(HOOK_PATH, [500, 500, 500]);
    const before = calls();
    const failed = await rebuild(a, { STATUS_NOW: at(61) });
    assert.equal(failed.status, 1);
    assert.match(failed.stdout, /error: the build hook answered HTTP 500 after 3 tries; the next run asks again — check STATUS_BUILD_HOOK_URL/);
    assert.equal(calls() - before, 3);
    assert.deepEqual(omitBy((await record()).at(-1)), { for: at(60), at: at(61), status: 500 });
    const next = await rebuild(b, { STATUS_NOW: at(71) });
    assert.equal(next.status, 0, next.stdout);
    assert.equal(calls() - before, 4);
    assert.deepEqual(omitBy((await record()).at(-1)), { for: at(60), at: at(71), status: 200 });
  });

  it('a hook refusing (400): not retried within the run, exit code 1', async () => {
    page.nextChange = `${at(80)}\n`;
    hook.plan(HOOK_PATH, [400]);
    const before = calls();
    const r = await rebuild(a, { STATUS_NOW: at(81) });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /answered HTTP 400 after 1 try/);
    assert.equal(calls() - before, 1);
  });

  it('a claim of a run that died: waited for while fresh, taken over once it lapsed', async () => {
    page.nextChange = `${at(90)}\n`;
    const state = branchFile({ cwd: a, branch: 'status-state', file: REBUILD_FILE, env: { ...process.env, ...GIT_ENV } });
    await state.update((old) => serializeRebuildRecord([...JSON.parse(old!).requested, { for: at(90), at: at(91), status: 'claimed' }]));
    const before = calls();
    const fresh = await rebuild(a, { STATUS_NOW: at(92) });
    assert.match(fresh.stdout, /^already requested: a build for .* \(claimed\)/);
    assert.equal(calls() - before, 0);
    const lapsed = await rebuild(a, { STATUS_NOW: new Date(Date.parse(at(91)) + CLAIM_LAPSE_MS + 1000).toISOString() });
    assert.match(lapsed.stdout, /^started a build/);
    assert.equal(calls() - before, 1);
  });

  it(`keeps the last ${KEEP_REQUESTS} requests`, async () => {
    const state = branchFile({ cwd: a, branch: 'status-state', file: REBUILD_FILE, env: { ...process.env, ...GIT_ENV } });
    const many = Array.from({ length: 60 }, (_, k) => ({ for: at(100 + k), at: at(100 + k), status: 200 }));
    await state.update(() => serializeRebuildRecord(many));
    page.nextChange = `${at(200)}\n`;
    await rebuild(a, { STATUS_NOW: at(201) });
    const requested = await record();
    assert.equal(requested.length, KEEP_REQUESTS);
    assert.equal(requested.at(-1)!.for, at(200));
  });

  it('a hook address that is not one, or a record it does not understand: says what to do', async () => {
    const bad = await rebuild(a, { STATUS_BUILD_HOOK_URL: `not a url ${SECRET}` });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /STATUS_BUILD_HOOK_URL is not an http\(s\) address — copy the build hook's address/);
    const state = branchFile({ cwd: a, branch: 'status-state', file: REBUILD_FILE, env: { ...process.env, ...GIT_ENV } });
    await state.update(() => '{"requested": "yes"}\n');
    page.nextChange = `${at(300)}\n`;
    const before = calls();
    const r = await rebuild(a, { STATUS_NOW: at(301) });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /rebuild\.json on branch status-state of origin is not a record of rebuilds this version understands — delete the file/);
    assert.equal(calls() - before, 0);
  });

  it('--hook-env and --state-branch name another variable and branch; the site file gives the address', async () => {
    const c = remote.clone('c');
    mkdirSync(path.join(c, 'content'));
    writeFileSync(path.join(c, 'content/site.yml'), `name: Example Status\nurl: ${page.url}\ntime_zone: UTC\ncomponents:\n  - id: web\n    name: Website\n    start_date: 2024-01-01\n`);
    page.nextChange = `${at(400)}\n`;
    const before = calls();
    const r = await runCommand(['rebuild', '--hook-env', 'OTHER_HOOK', '--state-branch', 'other-state'], { ...GIT_ENV, STATUS_BUILD_HOOK_URL: undefined, OTHER_HOOK: hookUrl(), STATUS_NOW: at(401), STATUS_SITE_URL: undefined, STATUS_STATE_BRANCH: undefined }, c);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^started a build/);
    assert.ok(!(r.stdout + r.stderr).includes(SECRET));
    assert.equal(calls() - before, 1);
    assert.notEqual(git(remote.bare, 'branch', '--list', 'other-state'), '');
  });
});
