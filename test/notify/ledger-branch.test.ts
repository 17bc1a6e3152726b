import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadContent } from '../../src/content/load.ts';
import { gitLedgerStore, LEDGER_FILE, parseLedger, runNotify, serializeLedger, type GitLedgerOptions, type NotifyReport } from '../../src/notify/index.ts';
import { git, GIT_ENV, gitRemote } from '../helpers/git-remote.ts';
import { startHttpReceiver, type HttpReceiver } from '../helpers/receivers.ts';
import { freshSite } from './sequence.ts';

const BIN = path.resolve(import.meta.dirname, '../../scripts/markdown-status.js');
/** `markdown-status notify …` in the clone `cwd`: exit code and output. */
const cli = (cwd: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [BIN, 'notify', ...args], { cwd, env, timeout: 120_000 }, (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: unknown }).code) : 0, stdout, stderr }));
  });

const SECRET = 'test-signing-secret';
const ROOMY = { attempts: 3, timeoutMs: 5000, baseDelayMs: 10, maxDelayMs: 1000, totalMs: 20_000 };
const START = '2026-11-20T08:00:00Z';

let http: HttpReceiver;
before(async () => {
  http = await startHttpReceiver();
});
after(() => http.close());

/** The notification test site with its HTTP channels only: every message reaches one receiver. */
function httpSite(): string {
  const dir = freshSite();
  const file = path.join(dir, 'site.yml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/\n {2}email:[\s\S]*$/, '\n'));
  return dir;
}

const envFor = () => ({ ...process.env, ...GIT_ENV, NOTIFY_SLACK_URL: `${http.url}/slack`, NOTIFY_TEAMS_URL: `${http.url}/teams`, NOTIFY_DISCORD_URL: `${http.url}/discord`, NOTIFY_WEBHOOK_URL: `${http.url}/webhook`, NOTIFY_WEBHOOK_SECRET: SECRET });

/** One run of `npm run notify -- --ledger-branch status-state` from the clone `cwd`. */
function notify(cwd: string, dir: string, now: string, extra: Partial<GitLedgerOptions> & { dryRun?: boolean } = {}): Promise<NotifyReport> {
  const env = envFor();
  return runNotify({
    content: loadContent(dir),
    contentDir: dir,
    now: Date.parse(now),
    env,
    store: gitLedgerStore({ cwd, env, now: Date.parse(now), ...extra }),
    dryRun: extra.dryRun,
    retry: ROOMY,
  });
}

/** An incident opened and resolved at `at` (minutes apart), its id and component of the caller's. */
function writeIncident(dir: string, id: string, at: number) {
  const t = (m: number) => new Date(at + m * 60_000).toISOString();
  writeFileSync(
    path.join(dir, `incidents/${id}.md`),
    `---\ntitle: Incident ${id}\nimpact: minor\ncomponents: { sms: partial_outage }\nupdates:\n  - at: "${t(1)}"\n    status: resolved\n    body: Fixed.\n  - at: "${t(0)}"\n    status: investigating\n    body: Looking.\n---\n`,
  );
}

/** A message as the receiver saw it: the same message sent twice gives the same key. */
const keyOf = (r: { path: string; headers: Record<string, unknown>; body: string }) => `${r.path} ${r.headers['x-status-event-id'] ?? r.body}`;

interface Race {
  expected: number;
  received: number;
  duplicates: number;
  lost: number;
  refused: number;
  held: number;
  sent: number[];
}

/** Two clones notify at once, as of `now`; what the receiver got, against what a dry run said was due. */
async function race(a: string, b: string, dir: string, now: string): Promise<Race> {
  const due = await notify(a, dir, now, { dryRun: true });
  http.reset();
  const counts = { refused: 0, held: 0 };
  const onRetry = (what: 'refused' | 'held') => void counts[what]++;
  const reports = await Promise.all([notify(a, dir, now, { onRetry }), notify(b, dir, now, { onRetry })]);
  for (const r of reports) assert.equal(r.pending, 0, r.summary);
  const keys = http.received.map(keyOf);
  const unique = new Set(keys).size;
  return { expected: due.pending, received: keys.length, duplicates: keys.length - unique, lost: due.pending - unique, ...counts, sent: reports.map((r) => r.sent) };
}

describe('the ledger on a branch of the status repository', () => {
  const remote = gitRemote();
  const dir = httpSite();
  const a = remote.clone('a');
  const b = remote.clone('b', { shallow: true });
  after(() => {
    rmSync(remote.root, { recursive: true, force: true });
    rmSync(path.dirname(dir), { recursive: true, force: true });
  });
  const onBranch = () => parseLedger(git(remote.bare, 'show', `status-state:${LEDGER_FILE}`), 'branch');

  it('is created on the first run, which sends nothing, and read back by the next run from another clone', async () => {
    assert.equal(git(remote.bare, 'branch', '--list', 'status-state'), '');
    const first = await notify(a, dir, START);
    assert.equal(first.sent, 0);
    assert.equal(http.attempts.length, 0);
    assert.deepEqual(Object.keys(onBranch().channels).sort(), ['discord:NOTIFY_DISCORD_URL', 'hooks', 'slack:NOTIFY_SLACK_URL', 'teams:NOTIFY_TEAMS_URL']);
    assert.equal(git(remote.bare, 'show', 'status-state:notify-hold.json'), '{\n "holder": null\n}', 'the hold was given back');
    const store = gitLedgerStore({ cwd: b, env: envFor(), now: Date.parse(START) });
    assert.equal(store.where, 'notify-ledger.json on branch status-state of origin');
    assert.deepEqual(await store.read(), onBranch());
    assert.equal(git(a, 'status', '--porcelain'), '');
    assert.equal(git(a, 'branch', '--show-current'), 'main');
  });

  it('merges a write with what another run wrote meanwhile', async () => {
    const now = Date.parse(START);
    const mine = gitLedgerStore({ cwd: a, env: envFor(), now });
    const theirs = gitLedgerStore({ cwd: b, env: envFor(), now });
    const base = (await mine.read())!;
    const x = structuredClone(base);
    x.channels['hooks']!.sent.push('test/x');
    const y = structuredClone(base);
    y.channels['hooks']!.sent.push('test/y');
    const written = await Promise.all([mine.write(x), theirs.write(y)]);
    assert.deepEqual(onBranch().channels['hooks']!.sent, ['test/x', 'test/y']);
    assert.ok(written.some((w) => serializeLedger(w) === serializeLedger(onBranch())), 'the last writer returns the merged ledger');
  });

  it('two runs at once: one sends, the other waits for its hold, reads what it sent, and sends nothing more', async () => {
    writeIncident(dir, 'race-first', Date.parse('2026-11-20T09:00:00Z'));
    const result = await race(a, b, dir, '2026-11-20T09:05:00Z');
    assert.ok(result.expected > 0);
    assert.deepEqual({ received: result.received, duplicates: result.duplicates, lost: result.lost }, { received: result.expected, duplicates: 0, lost: 0 });
    assert.deepEqual([...result.sent].sort((m, n) => m - n), [0, result.expected]);
  });

  // A race is about 30 s of git on two busy cores: 2 rounds in the suite, STATUS_LEDGER_RACES=20 for more.
  const rounds = Math.min(Number(process.env.STATUS_LEDGER_RACES) || 2, 50);
  it(`the same race ${rounds} times: no duplicate, no loss`, async () => {
    const total = { rounds: 0, expected: 0, received: 0, duplicates: 0, lost: 0, refused: 0, held: 0, splits: 0 };
    for (let i = 0; i < rounds; i++) {
      const at = Date.parse('2026-11-21T00:00:00Z') + i * 3_600_000;
      writeIncident(dir, `race-${i}`, at);
      const r = await race(a, b, dir, new Date(at + 5 * 60_000).toISOString());
      total.rounds++;
      total.expected += r.expected;
      total.received += r.received;
      total.duplicates += r.duplicates;
      total.lost += r.lost;
      total.refused += r.refused;
      total.held += r.held;
      if (r.sent.every((n) => n > 0)) total.splits++;
    }
    console.log(`${rounds} races of two runs: ${JSON.stringify(total)}`);
    assert.equal(total.duplicates, 0);
    assert.equal(total.lost, 0);
    assert.equal(total.received, total.expected);
    assert.ok(total.expected >= rounds * 4);
  });

  it('a run that cannot get the hold in time says who holds it, and sends nothing', async () => {
    const now = '2026-11-22T00:00:00Z';
    const holder = gitLedgerStore({ cwd: a, env: envFor(), now: Date.parse(now) });
    const release = await holder.hold!(Date.parse(now));
    writeIncident(dir, 'held', Date.parse('2026-11-21T23:00:00Z'));
    http.reset();
    await assert.rejects(notify(b, dir, now, { waitMs: 300 }), /another notification run has held notify-ledger\.json on branch status-state of origin since 2026-11-22T00:00:00\.000Z .* sent nothing — run again later/);
    assert.equal(http.attempts.length, 0);
    await release();
    const after = await notify(b, dir, now);
    assert.ok(after.sent > 0 && after.pending === 0, after.summary);
  });

  it('is what `notify --ledger-branch` (STATUS_LEDGER_BRANCH) and `--ledger-remote` use', async () => {
    writeIncident(dir, 'cli', Date.parse('2026-11-24T00:00:00Z'));
    const now = '2026-11-24T00:05:00Z';
    const dry = await cli(a, ['--content', dir, '--ledger-branch', 'status-state', '--dry-run', '--now', now], envFor());
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /would send {2}slack:NOTIFY_SLACK_URL {2}incident\/cli\/update\/2026-11-24T00:00:00\.000Z/);
    const gone = await cli(a, ['--content', dir, '--ledger-remote', 'nope', '--now', now], { ...envFor(), STATUS_LEDGER_BRANCH: 'status-state' });
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /could not fetch branch status-state from the remote "nope"/);
  });

  it('takes over a hold that has lapsed (its run was killed)', async () => {
    const then = Date.parse('2026-11-23T00:00:00Z');
    await gitLedgerStore({ cwd: a, env: envFor(), now: then }).hold!(then);
    const later = new Date(then + 11 * 60_000).toISOString();
    const report = await notify(b, dir, later, { waitMs: 0 });
    assert.equal(report.pending, 0, report.summary);
  });
});
