import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from './helpers/build.ts';
import { GOOD_INCIDENT, MINI } from './helpers/mini-site.ts';

const INCIDENT = 'incidents/2026-11-20-bad.md';
const NOW = '2026-11-21T00:00:00Z';

/** A valid incident to break in one place per case. */
const GOOD = GOOD_INCIDENT;

interface BadCase {
  name: string;
  /** Files to write over the mini site, relative to its content folder. */
  files: Record<string, string | Buffer>;
  /** Expected `file:line: message` (a regular expression over stderr). */
  expect: RegExp[];
}

const edit = (from: string, to: string) => GOOD.replace(from, to);

const CASES: BadCase[] = [
  { name: 'unknown impact', files: { [INCIDENT]: edit('impact: minor', 'impact: huge') },
    expect: [/incidents\/2026-11-20-bad\.md:3: impact must be one of none, minor, major, critical — got "huge" — write one of/] },
  { name: 'misspelt impact', files: { [INCIDENT]: edit('impact: minor', 'impact: mjor') }, expect: [/2026-11-20-bad\.md:3: .*did you mean "major"\?/] },
  { name: 'unknown component', files: { [INCIDENT]: edit('web-apps: degraded', 'web-app: degraded') },
    expect: [/2026-11-20-bad\.md:5: unknown component "web-app" — did you mean "web-apps"\?/] },
  { name: 'unknown component state', files: { [INCIDENT]: edit('degraded_performance', 'down') },
    expect: [/2026-11-20-bad\.md:5: components\.web-apps must be one of degraded_performance, partial_outage, major_outage — got "down"/] },
  { name: 'missing title', files: { [INCIDENT]: edit('title: Slow pages\n', '') }, expect: [/2026-11-20-bad\.md:2: title is missing — add a line like {2}title:/] },
  { name: 'unknown status', files: { [INCIDENT]: edit('status: resolved', 'status: fixed') },
    expect: [/2026-11-20-bad\.md:8: updates\[1\]\.status must be one of investigating, identified, monitoring, resolved — got "fixed"/] },
  { name: 'not a time', files: { [INCIDENT]: edit('at: 2026-11-20 10:30', 'at: yesterday') },
    expect: [/2026-11-20-bad\.md:7: updates\[1\]\.at is not valid: "yesterday" — write a time like 2026-11-20 14:05/] },
  { name: 'impossible date', files: { [INCIDENT]: edit('at: 2026-11-20 10:30', 'at: 2026-02-30 10:30') },
    expect: [/2026-11-20-bad\.md:7: updates\[1\]\.at: "2026-02-30 10:30" is not a real date and time/] },
  { name: 'updates out of order', files: { [INCIDENT]: edit('at: 2026-11-20 10:30', 'at: 2026-11-20 09:30') },
    expect: [/2026-11-20-bad\.md:7: this update is not later than the one below it/] },
  { name: 'update after resolved', files: { [INCIDENT]: GOOD.replace('updates:\n', 'updates:\n  - at: 2026-11-20 11:00\n    status: monitoring\n    body: Watching.\n') },
    expect: [/2026-11-20-bad\.md:7: this update comes after the incident was resolved/] },
  { name: 'tab indentation', files: { [INCIDENT]: edit('  web-apps:', '\tweb-apps:') }, expect: [/2026-11-20-bad\.md:5: a tab is used for indentation — indent with spaces/] },
  { name: 'duplicate key', files: { [INCIDENT]: edit('impact: minor\n', 'impact: minor\nimpact: major\n') }, expect: [/2026-11-20-bad\.md:4: this key appears twice — keep one/] },
  { name: 'front matter never closed', files: { [INCIDENT]: GOOD.replace(/---\n$/, '') }, expect: [/2026-11-20-bad\.md:1: the front matter is never closed/] },
  { name: 'empty file', files: { [INCIDENT]: '' }, expect: [/2026-11-20-bad\.md:1: the file is empty/] },
  { name: 'no front matter', files: { [INCIDENT]: 'Pages are slow.\n' }, expect: [/2026-11-20-bad\.md:1: the file does not start with ---/] },
  { name: 'postmortem without time', files: { [INCIDENT]: `${GOOD}\n## What happened\n\nA slow disk.\n` },
    expect: [/2026-11-20-bad\.md:15: the file has a postmortem .* but no postmortem_at — add a line like {2}postmortem_at:/] },
  { name: 'misspelt key', files: { [INCIDENT]: edit('title:', 'titel:') }, expect: [/2026-11-20-bad\.md:2: unknown key "titel" — did you mean "title"\?/, /title is missing/] },
  { name: 'body is not text', files: { [INCIDENT]: edit('body: Pages are fast again.', 'body: true') },
    expect: [/2026-11-20-bad\.md:9: updates\[1\]\.body must be text — got true — put the text in quotes/] },
  { name: 'binary junk', files: { [INCIDENT]: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]) }, expect: [/2026-11-20-bad\.md:1: the file is binary/] },
  { name: 'duplicate incident id', files: { [INCIDENT]: GOOD.replace('title:', 'id: 2026-11-10-api-errors\ntitle:') },
    expect: [/2026-11-20-bad\.md:2: incident id "2026-11-10-api-errors" is already used by .*2026-11-10-api-errors\.md/] },
  { name: 'site: unknown group', files: { 'site.yml': readFileSync(path.join(MINI, 'site.yml'), 'utf8').replace('group: core', 'group: cor') },
    expect: [/site\.yml:10: component "web-apps" names group "cor", which is not in groups — did you mean "core"\?/] },
  { name: 'site: bad time zone', files: { 'site.yml': readFileSync(path.join(MINI, 'site.yml'), 'utf8').replace('Europe/Berlin', 'Berlin') },
    expect: [/site\.yml:3: time_zone is not valid: "Berlin" — use an IANA time zone name/] },
  { name: 'several problems at once', files: { [INCIDENT]: edit('impact: minor', 'impact: huge'), 'incidents/2026-11-19-other.md': edit('status: resolved', 'status: done') },
    expect: [/2026-11-19-other\.md:8: /, /2026-11-20-bad\.md:3: /, /2 problems in the content/] },
];

/** Every file of a folder with its sha256, to prove a failed build left it alone. */
function snapshot(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(
    files.map((e) => {
      const file = path.join(e.parentPath, e.name);
      return [path.relative(dir, file), createHash('sha256').update(readFileSync(file)).digest('hex')];
    }),
  );
}

describe('a build with bad content', () => {
  let work: string;
  let out: string;
  let good: Map<string, string>;
  before(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'status-bad-'));
    out = path.join(work, 'site');
    const first = await build({ content: MINI, out, now: NOW });
    assert.equal(first.status, 0, first.stderr);
    good = snapshot(out);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  for (const c of CASES) {
    it(`${c.name}: names file and line, exits non-zero, keeps the previous output`, async () => {
      const content = path.join(work, c.name.replace(/\W+/g, '-'));
      cpSync(MINI, content, { recursive: true });
      for (const [file, text] of Object.entries(c.files)) writeFileSync(path.join(content, file), text);
      const result = await build({ content, out, now: NOW });
      assert.notEqual(result.status, 0, 'the build must fail');
      for (const pattern of c.expect) assert.match(result.stderr, pattern);
      assert.doesNotMatch(result.stderr, /\n\s+at .*:\d+:\d+\)?\n/, 'no stack trace');
      assert.deepEqual(snapshot(out), good, 'the previous output is untouched');
    });
  }
});

describe('content as Windows editors write it', () => {
  it('builds a file with a byte-order mark and CRLF line endings', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'status-crlf-'));
    const content = path.join(work, 'content');
    cpSync(MINI, content, { recursive: true });
    writeFileSync(path.join(content, INCIDENT), `\uFEFF${GOOD.replace(/\n/g, '\r\n')}`);
    const result = await build({ content, out: path.join(work, 'site'), now: NOW });
    assert.equal(result.status, 0, result.stderr);
    const page = readFileSync(path.join(work, 'site/incidents/2026-11-20-bad/index.html'), 'utf8');
    assert.match(page, /Pages load slowly\./);
    rmSync(work, { recursive: true, force: true });
  });
});
