import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatProblem, StatusError } from '../src/shared/errors.ts';
import { loadContent } from '../src/content/load.ts';
import { buildModel } from '../src/build/index.ts';
import { build } from './helpers/build.ts';
import { GOOD_INCIDENT, MINI } from './helpers/mini-site.ts';

/*
 * The bad-input corpus: every file under fixtures/bad/<kind>/ is one broken content file, and
 * `<name>.expected` next to it holds the exact problems it must give (`file:line: message — hint`,
 * one per line, the file named relative to the content folder). Each file is dropped into a copy of
 * the mini site, which is otherwise valid, and loaded in-process; a few go through the real build.
 * Run with UPDATE_EXPECTED=1 to (re)write the .expected files, then review the diff.
 */

const BAD = path.resolve(import.meta.dirname, 'fixtures/bad');
const NOW = '2026-11-21T00:00:00Z';
const UPDATE = process.env.UPDATE_EXPECTED === '1';

/** A valid maintenance in the base site, so a second file can collide with its id. */
const MAINTENANCE = 'maintenance/2026-12-01-db-upgrade.md';
const GOOD_MAINTENANCE = `---
title: Database upgrade
scheduled_for: 2026-12-01 02:00
scheduled_until: 2026-12-01 04:00
components: [web-apps, api]
updates:
  - at: 2026-11-18 10:00
    status: scheduled
    body: We will upgrade the database.
---
Forms submitted meanwhile are queued.
`;


interface Case {
  name: string;
  /** Where the file goes in the content folder. */
  target: string;
  bytes: Buffer;
  /** The .expected file, for corpus cases. */
  expectedFile?: string;
  expected?: string;
}

/** The corpus on disk: incidents/*.md, maintenance/*.md and site/*.yml (each used as site.yml). */
function corpus(): Case[] {
  const cases: Case[] = [];
  for (const kind of ['incidents', 'maintenance', 'site']) {
    for (const name of readdirSync(path.join(BAD, kind)).filter((f) => !f.endsWith('.expected')).sort()) {
      const file = path.join(BAD, kind, name);
      const expectedFile = `${file}.expected`;
      cases.push({
        name: `${kind}/${name}`,
        target: kind === 'site' ? 'site.yml' : `${kind}/${name}`,
        bytes: readFileSync(file),
        expectedFile,
        expected: existsSync(expectedFile) ? readFileSync(expectedFile, 'utf8') : undefined,
      });
    }
  }
  return cases;
}

/** Cases too big or too odd to commit: written by the test. */
const GENERATED: Case[] = [
  {
    name: 'incidents/huge.md (over 1 MB)',
    target: 'incidents/huge.md',
    bytes: Buffer.from(`${GOOD_INCIDENT}\n${'A very long postmortem line. '.repeat(40_000)}\n`),
    expected: 'incidents/huge.md:1: the file is 1133 KB, over the 1024 KB limit — shorten it; link to long documents instead\n',
  },
  {
    name: 'site.yml over 1 MB',
    target: 'site.yml',
    bytes: Buffer.from(`${readFileSync(path.join(MINI, 'site.yml'), 'utf8')}description: "${'x'.repeat(1_100_000)}"\n`),
    expected: 'site.yml:1: the file is 1074 KB, over the 1024 KB limit — shorten it; link to long documents instead\n',
  },
];

let content = '';
const pristine = new Map<string, Buffer | undefined>();

/** Puts one file into the content folder, remembering what was there so it can be put back. */
function place(target: string, bytes: Buffer) {
  const file = path.join(content, target);
  if (!pristine.has(target)) pristine.set(target, existsSync(file) ? readFileSync(file) : undefined);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

function restore() {
  for (const [target, bytes] of pristine) {
    const file = path.join(content, target);
    if (bytes) writeFileSync(file, bytes);
    else rmSync(file, { force: true });
  }
  pristine.clear();
}

/** The problems of loading the content folder, as printed, with paths relative to it. */
function problemsOf(): { text: string; problems: StatusError['problems'] } {
  try {
    loadContent(content);
  } catch (error) {
    // Anything but a StatusError would reach the user as a stack trace.
    assert.ok(error instanceof StatusError, `not a StatusError: ${(error as Error)?.stack ?? String(error)}`);
    const prefix = `${path.relative(process.cwd(), content)}${path.sep}`;
    const local = (text: string) => text.split(prefix).join('');
    const problems = error.problems.map((p) => ({ ...p, file: local(p.file), message: local(p.message) }));
    return { text: problems.map((p) => `${formatProblem(p)}\n`).join(''), problems };
  }
  return { text: '', problems: [] };
}

before(() => {
  content = path.join(mkdtempSync(path.join(tmpdir(), 'status-corpus-')), 'content');
  cpSync(MINI, content, { recursive: true });
  mkdirSync(path.join(content, 'maintenance'));
  writeFileSync(path.join(content, MAINTENANCE), GOOD_MAINTENANCE);
});
after(() => rmSync(path.dirname(content), { recursive: true, force: true }));

describe('the bad-input corpus', () => {
  const cases = corpus();

  it('holds at least 50 broken files, each with its expected problems', () => {
    assert.ok(cases.length >= 50, `only ${cases.length} files`);
    if (!UPDATE) for (const c of cases) assert.ok(c.expected !== undefined, `${c.name} has no .expected file`);
  });

  it('starts from a base site that loads', () => {
    const loaded = loadContent(content);
    assert.equal(loaded.incidents.length, 1);
    assert.equal(loaded.maintenances?.length, 1);
  });

  for (const c of [...cases, ...GENERATED]) {
    it(`${c.name}: every problem names its line and a fix`, () => {
      place(c.target, c.bytes);
      try {
        const { text, problems } = problemsOf();
        assert.ok(problems.length > 0, 'the file must be refused');
        for (const p of problems) {
          assert.equal(p.severity, 'error');
          assert.ok(Number.isInteger(p.line) && p.line >= 1, `line ${p.line}`);
          assert.ok(p.message.trim(), 'a message');
          assert.ok(p.hint?.trim(), `no fix hint: ${formatProblem(p)}`);
          assert.doesNotMatch(p.message + p.hint, /node_modules|\(\S+:\d+:\d+\)|\bundefined\b|\[object /, 'no internals in the text');
        }
        if (UPDATE && c.expectedFile) writeFileSync(c.expectedFile, text);
        else assert.equal(text, c.expected);
      } finally {
        restore();
      }
    });
  }
});

describe('content as Windows editors write it', () => {
  const variants = {
    'a byte-order mark': (text: string) => `\uFEFF${text}`,
    'CRLF line ends': (text: string) => text.replace(/\n/g, '\r\n'),
    'a byte-order mark and CRLF line ends': (text: string) => `\uFEFF${text.replace(/\n/g, '\r\n')}`,
  };
  for (const [what, convert] of Object.entries(variants)) {
    it(`loads site, incident and maintenance files with ${what}, exactly as without`, () => {
      const plain = loadContent(content);
      const files = ['site.yml', 'incidents/2026-11-10-api-errors.md', MAINTENANCE];
      try {
        for (const file of files) place(file, Buffer.from(convert(readFileSync(path.join(content, file), 'utf8'))));
        place('incidents/2026-11-20-slow.md', Buffer.from(convert(GOOD_INCIDENT)));
        const loaded = loadContent(content);
        assert.deepEqual(loaded.site, plain.site);
        assert.deepEqual(loaded.maintenances, plain.maintenances);
        const api = loaded.incidents.find((i) => i.id === '2026-11-10-api-errors');
        assert.deepEqual(api, plain.incidents[0]);
        const slow = loaded.incidents.find((i) => i.id === '2026-11-20-slow');
        assert.deepEqual(slow?.updates.map((u) => u.body), ['Pages load slowly.', 'Pages are fast again.']);
        assert.doesNotMatch(JSON.stringify(loaded), /\\r|\\ufeff/i, 'no CR or BOM left in any value');
        buildModel(loaded, Date.parse(NOW));
      } finally {
        restore();
      }
    });
  }
});

/** Every file of a folder with its sha256, to prove a failed build left it alone. */
function snapshot(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(files.map((e) => {
    const file = path.join(e.parentPath, e.name);
    return [path.relative(dir, file), createHash('sha256').update(readFileSync(file)).digest('hex')];
  }));
}

// The build-level mechanism is covered by build.test.ts; a few corpus files prove it holds for them too.
describe('the real build with a corpus file', () => {
  const SAMPLE = ['incidents/at-dst-gap-berlin.md', 'incidents/alias-bomb.md', 'maintenance/ends-before-it-starts.md', 'site/feed-limit-zero.yml', 'site/brand-accent-low-contrast.yml'];
  let out = '';
  let good = new Map<string, string>();

  before(() => {
    out = path.join(path.dirname(content), 'site');
    const first = build({ content, out, now: NOW });
    assert.equal(first.status, 0, first.stderr);
    good = snapshot(out);
  });

  it('the same site written with a byte-order mark and CRLF line ends builds the same bytes', () => {
    try {
      for (const file of ['site.yml', 'incidents/2026-11-10-api-errors.md', MAINTENANCE]) {
        place(file, Buffer.from(`\uFEFF${readFileSync(path.join(content, file), 'utf8').replace(/\n/g, '\r\n')}`));
      }
      const windows = path.join(path.dirname(content), 'windows');
      const result = build({ content, out: windows, now: NOW });
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(snapshot(windows), good);
    } finally {
      restore();
    }
  });

  for (const name of SAMPLE) {
    it(`${name}: prints file:line problems, exits non-zero, keeps the previous output`, () => {
      const c = corpus().find((k) => k.name === name);
      assert.ok(c?.expected, `no corpus case ${name}`);
      place(c.target, c.bytes);
      try {
        const result = build({ content, out, now: NOW });
        assert.notEqual(result.status, 0, 'the build must fail');
        const prefix = `${path.relative(path.resolve(import.meta.dirname, '..'), content)}${path.sep}`;
        for (const line of c.expected.trimEnd().split('\n')) assert.ok(result.stderr.includes(prefix + line), `stderr lacks: ${line}\n${result.stderr}`);
        assert.doesNotMatch(result.stderr, /\n\s+at .*:\d+:\d+\)?\n/, 'no stack trace');
        assert.deepEqual(snapshot(out), good, 'the previous output is untouched');
      } finally {
        restore();
      }
    });
  }
});
