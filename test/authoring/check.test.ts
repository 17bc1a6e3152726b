import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCommand } from '../helpers/command.ts';
import { after, describe, it } from 'node:test';
import { annotation, checkContent, summaryMarkdown, timeWarnings } from '../../src/authoring/check.ts';
import { loadContent } from '../../src/content/load.ts';

const root = path.resolve(import.meta.dirname, '../..');
const temp = mkdtempSync(path.join(tmpdir(), 'status-check-'));
after(() => rmSync(temp, { recursive: true, force: true }));

/** A content folder with the sample site file and the given incident files. */
function contentWith(incidents: Record<string, string>): string {
  const dir = mkdtempSync(path.join(temp, 'content-'));
  mkdirSync(path.join(dir, 'incidents'));
  copyFileSync(path.join(root, 'content/site.yml'), path.join(dir, 'site.yml'));
  for (const [name, text] of Object.entries(incidents)) writeFileSync(path.join(dir, 'incidents', name), text);
  return dir;
}

async function check(args: string[], env: Record<string, string | undefined> = {}) {
  const r = await runCommand(['check', ...args], { GITHUB_ACTIONS: undefined, GITHUB_STEP_SUMMARY: undefined, ...env });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

const OPEN = `---
title: Slow syncs
impact: minor
components:
  syncs: degraded_performance
updates:
  - at: 2026-11-01 10:00
    status: investigating
    body: We are looking into slow syncs.
---
`;

const BROKEN = `---
title: Broken
impact: huge
components:
  syncs: partial_outage
updates:
  - at: 2026-11-01 10:00
    status: investigating
    body: Hi
---
`;

describe('npm run check', () => {
  it('passes the sample content', async () => {
    const r = await check(['--now', '2026-11-21T00:00:00Z']);
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /Content OK: 16 incidents/);
  });

  it('prints every error as file:line: message — hint and exits 1', async () => {
    const dir = contentWith({ '2026-11-01-broken.md': BROKEN, '2026-11-01-typo.md': OPEN.replace('  syncs:', '  sync:') });
    const r = await check(['--content', dir, '--now', '2026-11-02T00:00:00Z']);
    assert.equal(r.status, 1);
    const file = (name: string) => path.relative(root, path.join(dir, 'incidents', name));
    assert.ok(r.err.includes(`${file('2026-11-01-broken.md')}:3: impact must be one of none, minor, major, critical — got "huge"`), r.err);
    assert.ok(r.err.includes(`${file('2026-11-01-typo.md')}:5: unknown component "sync" — did you mean "syncs"?`), r.err);
    assert.match(r.err, /2 errors, 0 warnings/);
    assert.doesNotMatch(r.out, /::error/, 'no annotations outside GitHub Actions');
  });

  it('adds GitHub annotations and a summary inside GitHub Actions', async () => {
    const dir = contentWith({ '2026-11-01-broken.md': BROKEN });
    const summary = path.join(temp, 'summary.md');
    const r = await check(['--content', dir, '--now', '2026-11-02T00:00:00Z'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    assert.equal(r.status, 1);
    const file = path.relative(root, path.join(dir, 'incidents/2026-11-01-broken.md'));
    assert.ok(r.out.includes(`::error file=${file},line=3,title=Content error::impact must be one of`), r.out);
    assert.match(readFileSync(summary, 'utf8'), /\| error \| `.*broken\.md:3` \|/);
  });

  it('warns about an incident open for over a week without failing', async () => {
    const dir = contentWith({ '2026-11-01-slow-syncs.md': OPEN });
    const r = await check(['--content', dir, '--now', '2026-11-20T00:00:00Z'], { GITHUB_ACTIONS: 'true' });
    assert.equal(r.status, 0, r.err);
    assert.match(r.err, /slow-syncs\.md:7: warning: this incident has been open for 18 days/);
    assert.match(r.out, /::warning file=.*slow-syncs\.md,line=7,/);
    assert.match(r.out, /1 warning/);
  });

  it('reports a missing site file as an error', async () => {
    const r = await check(['--content', path.join(temp, 'nowhere')]);
    assert.equal(r.status, 1);
    assert.match(r.err, /no site file/);
  });

  it('has --help', async () => {
    const r = await check(['--help']);
    assert.equal(r.status, 0);
    assert.match(r.out, /Usage: npm run check/);
    assert.match(r.out, /GitHub Actions/);
  });

  it('rejects an unknown flag with a usage error', async () => {
    const r = await check(['--contnet', 'x']);
    assert.equal(r.status, 2);
    assert.match(r.err, /--contnet/);
  });
});

describe('timeWarnings', () => {
  it('warns about updates dated in the future, on their line', async () => {
    const dir = contentWith({ '2026-11-01-slow-syncs.md': OPEN });
    const content = loadContent(dir);
    const [warning, ...rest] = timeWarnings(content, Date.parse('2026-10-31T00:00:00Z'));
    assert.equal(rest.length, 0);
    assert.equal(warning?.line, 7);
    assert.match(warning!.message, /in the future/);
    assert.equal(warning?.code, 'update-in-future');
    assert.equal(warning?.severity, 'warning');
    assert.ok(warning?.hint.trim());
  });

  it('warns about an incident open for over a week, at its first update, with the command that resolves it', async () => {
    const dir = contentWith({ '2026-11-01-slow-syncs.md': OPEN });
    const [warning, ...rest] = timeWarnings(loadContent(dir), Date.parse('2026-11-20T00:00:00Z'));
    assert.equal(rest.length, 0);
    assert.deepEqual([warning?.code, warning?.severity, warning?.line], ['open-too-long', 'warning', 7]);
    assert.match(warning!.message, /^this incident has been open for 18 days \(since /);
    assert.match(warning!.hint, /npm run incident -- resolve 2026-11-01-slow-syncs /);
  });

  it('says nothing about a fresh open incident', async () => {
    const dir = contentWith({ '2026-11-01-slow-syncs.md': OPEN });
    assert.deepEqual(checkContent(dir, Date.parse('2026-11-02T00:00:00Z')).problems, []);
  });
});

describe('checkContent', () => {
  it('reports a missing site file as a problem with a hint, not a crash', async () => {
    const { problems, content } = checkContent(path.join(temp, 'nowhere'), Date.parse('2026-11-02T00:00:00Z'));
    assert.equal(content, undefined);
    assert.deepEqual(problems.map((p) => [p.code, p.severity]), [['site-file-missing', 'error']]);
    assert.match(problems[0]!.message, /^no site file: expected .*nowhere.site\.yml$/);
    assert.match(problems[0]!.hint, /--content <dir>/);
  });
});

describe('annotation', () => {
  it('escapes data and properties as GitHub requires', async () => {
    const line = annotation({ file: 'a,b:c%.md', line: 4, code: 'test', severity: 'error', message: '50% done\nnext', hint: 'x: y, z' });
    assert.equal(line, '::error file=a%2Cb%3Ac%25.md,line=4,title=Content error::50%25 done%0Anext — x: y, z');
  });
  it('uses ::warning for warnings', async () => {
    assert.match(annotation({ file: 'f.md', line: 1, code: 'test', severity: 'warning', message: 'm', hint: '' }), /^::warning file=f\.md,line=1,title=Content warning::m$/);
  });
});

describe('summaryMarkdown', () => {
  it('escapes pipes in table cells', async () => {
    assert.match(summaryMarkdown([{ file: 'f.md', line: 2, code: 'test', severity: 'error', message: 'a | b', hint: 'c' }]), /a \\\| b/);
    assert.match(summaryMarkdown([]), /No problems/);
  });
});
