import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { applyAlertEvents, firingFileText, type AlertEvent } from '../../src/alerts/index.ts';
import { parseFiring, type FiringFile } from '../../src/content/index.ts';
import type { Problem } from '../../src/shared/errors.ts';
import { git, GIT_ENV, gitRemote } from '../helpers/git-remote.ts';
import { runCommand } from '../helpers/command.ts';

/* The alerts firing now (the probes folder's alerts.json), kept from alert events. */

const event = (key: string, status: AlertEvent['status'], startsAt = '2026-11-20T14:00:00Z', component: string | undefined = 'api', summary = `alert ${key}`): AlertEvent => ({
  source: 'generic',
  key,
  status,
  ...(component ? { component } : {}),
  summary,
  startsAt,
});

const EMPTY: FiringFile = { firing: [] };

describe('applyAlertEvents', () => {
  it('adds a firing alert and takes a resolved one out by key', () => {
    const one = applyAlertEvents(EMPTY, [event('a', 'firing'), event('b', 'firing', '2026-11-20T14:05:00Z', 'web')]);
    assert.deepEqual(one.firing.map((a) => [a.key, a.component, a.since]), [['a', 'api', '2026-11-20T14:00:00Z'], ['b', 'web', '2026-11-20T14:05:00Z']]);
    const two = applyAlertEvents(one, [event('a', 'resolved')]);
    assert.deepEqual(two.firing.map((a) => a.key), ['b']);
    assert.deepEqual(EMPTY.firing, [], 'the file given is not changed');
    assert.equal(one.firing.length, 2);
  });

  it('keeps an alert that fires again in its place, with its first start and its latest summary', () => {
    const once = applyAlertEvents(EMPTY, [event('a', 'firing', '2026-11-20T14:00:00Z'), event('b', 'firing')]);
    const again = applyAlertEvents(once, [event('a', 'firing', '2026-11-20T14:30:00Z', 'api', 'worse now')]);
    assert.deepEqual(again.firing[0], { key: 'a', component: 'api', summary: 'worse now', since: '2026-11-20T14:00:00Z' });
    assert.equal(again.firing.length, 2);
  });

  it('keeps no alert without a component, and ignores a resolved one it never had', () => {
    assert.deepEqual(applyAlertEvents(EMPTY, [event('x', 'firing', undefined, ''), event('y', 'resolved')]), EMPTY);
  });

  it('writes a file the build reads back, one alert a line; hostile text stays JSON text', () => {
    const file = applyAlertEvents(EMPTY, [event('a', 'firing', undefined, 'api', 'quote " newline \n <b>tag</b>'), event('b', 'firing')]);
    const text = firingFileText(file);
    assert.equal(text.split('\n').length, 5);
    const problems: Problem[] = [];
    const read = parseFiring(text, 'alerts.json', ['api'], problems);
    assert.deepEqual(problems, []);
    assert.deepEqual(read.map((a) => [a.key, a.summary]), [['a', 'quote " newline \n <b>tag</b>'], ['b', 'alert b']]);
    assert.deepEqual(parseFiring(firingFileText(EMPTY), 'alerts.json', ['api'], problems), []);
  });
});

describe('markdown-status alert --record', () => {
  const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/alerts');
  const temp = mkdtempSync(path.join(tmpdir(), 'status-firing-'));
  after(() => rmSync(temp, { recursive: true, force: true }));
  const env = { GITHUB_EVENT_NAME: '', GITHUB_EVENT_PATH: '', STATUS_CONTENT: '' };
  const alert = (payload: string, file: string) => runCommand(['alert', path.join(FIXTURES, payload), '--content', path.join(FIXTURES, 'content'), '--record', file], env);

  it('creates the file, adds each firing alert and takes it out when it resolves', async () => {
    const file = path.join(temp, 'alerts.json');
    for (const [payload, keys] of [['generic.json', ['synthetic-login-check']], ['pagerduty-triggered.json', ['synthetic-login-check', 'PGR0VU2']], ['pagerduty-resolved.json', ['synthetic-login-check']]] as const) {
      const r = await alert(payload, file);
      assert.equal(r.status, 0, r.stderr);
      const kept = JSON.parse(readFileSync(file, 'utf8')) as FiringFile;
      assert.deepEqual(kept.firing.map((a) => a.key), keys, payload);
    }
    assert.equal(readFileSync(file, 'utf8'), '{"firing": [\n  {"key":"synthetic-login-check","component":"web-apps","summary":"Sign-in fails from two of three probe locations","since":"2026-11-20T14:02:00Z"}\n]}\n');
  });

  it('refuses a file it cannot read, naming the line, and leaves it as it was', async () => {
    const file = path.join(temp, 'broken.json');
    writeFileSync(file, '{"firing": [\n  {"key": "a", "component": "nowhere", "summary": "x", "since": "2026-11-20T14:00:00Z"}\n]}\n');
    const before = readFileSync(file, 'utf8');
    const r = await alert('generic.json', file);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /broken\.json:2: unknown component "nowhere"/);
    assert.equal(readFileSync(file, 'utf8'), before);
  });

  it('--record-branch keeps the same file on the state branch, one commit per alert', async () => {
    const remote = gitRemote();
    try {
      const clone = remote.clone('a');
      for (const payload of ['generic.json', 'pagerduty-triggered.json', 'pagerduty-resolved.json']) {
        const r = await runCommand(['alert', path.join(FIXTURES, payload), '--content', path.join(FIXTURES, 'content'), '--record-branch', 'status-state', '--now', '2026-11-20T15:00:00Z'], { ...env, ...GIT_ENV }, clone);
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stderr, /recorded to probes\/ on branch status-state of origin\n$/);
      }
      assert.equal(git(remote.bare, 'rev-list', '--count', 'status-state'), '3');
      const kept = JSON.parse(git(remote.bare, 'show', 'status-state:probes/alerts.json')) as FiringFile;
      assert.deepEqual(kept.firing.map((a) => a.key), ['synthetic-login-check']);
      assert.equal(git(clone, 'status', '--porcelain'), '', 'the checkout is left alone');
    } finally {
      rmSync(remote.root, { recursive: true, force: true });
    }
  });
});
