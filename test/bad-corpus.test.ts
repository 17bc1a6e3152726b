import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatProblem } from '../src/shared/errors.ts';
import { loadContent } from '../src/content/load.ts';
import { buildModel } from '../src/build/index.ts';
import { build } from './helpers/build.ts';
import { corpus, CorpusSite, GENERATED, MAINTENANCE } from './helpers/bad-corpus.ts';
import { GOOD_INCIDENT } from './helpers/mini-site.ts';

/*
 * The bad-input corpus (test/helpers/bad-corpus.ts says how it is laid out): each broken file must
 * give exactly the problems of its .expected file, each with its line and a fix. Run with
 * UPDATE_EXPECTED=1 to (re)write the .expected files, then review the diff.
 */

const NOW = '2026-11-21T00:00:00Z';
const UPDATE = process.env.UPDATE_EXPECTED === '1';

let site: CorpusSite;
let content = '';
const place = (target: string, bytes: Buffer) => site.place(target, bytes);
const restore = () => site.restore();

before(async () => {
  site = new CorpusSite();
  content = site.content;
});
after(() => site.remove());

describe('the bad-input corpus', () => {
  const cases = corpus();

  it('holds at least 50 broken files, each with its expected problems', async () => {
    assert.ok(cases.length >= 50, `only ${cases.length} files`);
    if (!UPDATE) for (const c of cases) assert.ok(c.expected !== undefined, `${c.name} has no .expected file`);
  });

  it('starts from a base site that loads', async () => {
    const loaded = loadContent(content);
    assert.equal(loaded.incidents.length, 1);
    assert.equal(loaded.maintenances?.length, 1);
  });

  for (const c of [...cases, ...GENERATED]) {
    it(`${c.name}: every problem names its line and a fix`, async () => {
      const { text, problems } = site.problemsOf(c);
      assert.ok(problems.length > 0, 'the file must be refused');
      for (const p of problems) {
        assert.equal(p.severity, 'error');
        assert.ok(Number.isInteger(p.line) && p.line >= 1, `line ${p.line}`);
        assert.ok(p.code, `no catalogue code: ${formatProblem(p)}`);
        assert.ok(p.message.trim(), 'a message');
        assert.ok(p.hint.trim(), `no fix hint: ${formatProblem(p)}`);
        assert.doesNotMatch(p.message + p.hint, /node_modules|\(\S+:\d+:\d+\)|\bundefined\b|\[object /, 'no internals in the text');
      }
      if (UPDATE && c.expectedFile) writeFileSync(c.expectedFile, text);
      else assert.equal(text, c.expected);
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
    it(`loads site, incident and maintenance files with ${what}, exactly as without`, async () => {
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

  before(async () => {
    out = path.join(path.dirname(content), 'site');
    const first = await build({ content, out, now: NOW });
    assert.equal(first.status, 0, first.stderr);
    good = snapshot(out);
  });

  it('the same site written with a byte-order mark and CRLF line ends builds the same bytes', async () => {
    try {
      for (const file of ['site.yml', 'incidents/2026-11-10-api-errors.md', MAINTENANCE]) {
        place(file, Buffer.from(`\uFEFF${readFileSync(path.join(content, file), 'utf8').replace(/\n/g, '\r\n')}`));
      }
      const windows = path.join(path.dirname(content), 'windows');
      const result = await build({ content, out: windows, now: NOW });
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(snapshot(windows), good);
    } finally {
      restore();
    }
  });

  for (const name of SAMPLE) {
    it(`${name}: prints file:line problems, exits non-zero, keeps the previous output`, async () => {
      const c = corpus().find((k) => k.name === name);
      assert.ok(c?.expected, `no corpus case ${name}`);
      place(c.target, c.bytes);
      try {
        const result = await build({ content, out, now: NOW });
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
