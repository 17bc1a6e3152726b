import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pageValidator } from './helpers/html-validator.ts';
import ICAL from 'ical.js';
import { SaxesParser } from 'saxes';
import { formatProblem, StatusError } from '../src/shared/errors.ts';
import { loadContent, type Content } from '../src/content/load.ts';
import { buildModel } from '../src/build/index.ts';
import { madeFiles, type OutputFile } from '../src/outputs/index.ts';
import { build, SAMPLE_NOW } from './helpers/build.ts';
import { prng } from '../scripts/bench/prng.ts';

/*
 * Mutates the sample content at random (seeded, so every run tries the same mutants) and checks
 * that each mutant either is refused with clean file:line problems or loads and derives outputs
 * that parse. Mutants that load are combined into one content tree and built for real once,
 * with every page validated.
 */

const SAMPLE = path.resolve(import.meta.dirname, '../content');
/** A slice of the sample, to keep 200 loads fast: postmortems, many updates, the open incident, both maintenance files. */
const FILES = [
  'site.yml',
  'incidents/2021-02-18-web-apps-intermittent-errors.md',
  'incidents/2026-09-02-commcare-hq-unavailable.md',
  'incidents/2026-10-29-web-apps-slow-loading.md',
  'incidents/2026-11-11-form-processing-delays.md',
  'incidents/2026-11-20-delayed-sms-delivery-carrier.md',
  'maintenance/2026-10-18-database-server-upgrade.md',
  'maintenance/2026-11-28-sms-gateway-connection-upgrade.md',
];
const SEED = 20261121;
const MUTANTS = 200;
const NOW = Date.parse(SAMPLE_NOW);

type Rng = ReturnType<typeof prng>;

/** Characters and strings that mean something to YAML, Markdown, HTML or the loader. */
const SIGNIFICANT = [
  ':', ': ', '-', '- ', '#', ' #', '&a ', '*a', '!', '!!str ', '|', '>', "'", '"', '[', ']', '{', '}', '%', '@', '`',
  ',', '?', '\\', '\t', '\n', '\r', '---\n', '...\n', '~', 'null', 'true', '0x1F', '<<: ', '<script>', '</', '&amp;',
  ']]>', '\u202e', '\u200b', '\ufeff', '\u00e9', '😀', '\u0007', '\u2028', '9', '0', '13', '99',
];

type Mutation = (bytes: Buffer, rng: Rng) => Buffer;

const lines = (b: Buffer) => b.toString('latin1').split('\n');
const join = (l: string[]) => Buffer.from(l.join('\n'), 'latin1');

const MUTATIONS: Record<string, Mutation> = {
  'flip a bit': (b, r) => {
    const copy = Buffer.from(b);
    if (copy.length) copy[r.below(copy.length)]! ^= 1 << r.below(8);
    return copy;
  },
  'delete a line': (b, r) => {
    const l = lines(b);
    l.splice(r.below(l.length), 1);
    return join(l);
  },
  'repeat a line': (b, r) => {
    const l = lines(b);
    const i = r.below(l.length);
    l.splice(i, 0, l[i]!);
    return join(l);
  },
  'swap two lines': (b, r) => {
    const l = lines(b);
    const i = r.below(Math.max(1, l.length - 1));
    [l[i], l[i + 1]] = [l[i + 1] ?? '', l[i]!];
    return join(l);
  },
  'shift an indent': (b, r) => {
    const l = lines(b);
    const i = r.below(l.length);
    l[i] = r.below(2) ? ` ${l[i]}` : l[i]!.replace(/^ {1,2}/, '');
    return join(l);
  },
  'insert a significant character': (b, r) => {
    const at = r.below(b.length + 1);
    return Buffer.concat([b.subarray(0, at), Buffer.from(r.pick(SIGNIFICANT)), b.subarray(at)]);
  },
  'change a digit': (b, r) => {
    const digits = [...b.keys()].filter((i) => b[i]! >= 0x30 && b[i]! <= 0x39);
    const copy = Buffer.from(b);
    if (digits.length) copy[r.pick(digits)] = 0x30 + r.below(10);
    return copy;
  },
  'delete a character': (b, r) => {
    const at = r.below(b.length);
    return Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]);
  },
  truncate: (b, r) => b.subarray(0, r.below(b.length)),
};

interface Mutant {
  index: number;
  file: string;
  steps: string[];
  bytes: Buffer;
}

/** Mutants are generated up front, so each one can be named and reproduced from SEED and its index. */
function mutants(files: string[]): Mutant[] {
  const rng = prng(SEED);
  return Array.from({ length: MUTANTS }, (_, index) => {
    const file = rng.pick(files);
    let bytes: Buffer = readFileSync(path.join(SAMPLE, file));
    const steps: string[] = [];
    for (let n = 1 + rng.below(3); n > 0; n--) {
      const name = rng.pick(Object.keys(MUTATIONS));
      bytes = MUTATIONS[name]!(bytes, rng);
      steps.push(name);
    }
    return { index, file, steps, bytes };
  });
}

function wellFormedXml(xml: string, name: string) {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => assert.fail(`${name} is not well-formed XML: ${error.message}`));
  parser.write(xml).close();
}

/** Every non-page output parses with a real parser for its format. */
function checkOutputs(files: OutputFile[]) {
  assert.ok(files.some((f) => f.path === 'history.atom'), 'the feeds are produced');
  for (const { path: name, content } of files) {
    const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
    if (name.endsWith('.json')) assert.doesNotThrow(() => JSON.parse(text), name);
    else if (/\.(atom|rss|xml|svg)$/.test(name)) wellFormedXml(text, name);
    else if (name.endsWith('.ics')) assert.doesNotThrow(() => ICAL.parse(text), name);
  }
}

describe('random mutations of the sample content', { timeout: 180_000 }, () => {
  let work = '';
  let content = '';
  let files: string[] = [];
  let loadedMutants: Mutant[] = [];

  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'status-fuzz-'));
    content = path.join(work, 'content');
    files = FILES;
    for (const file of files) cpSync(path.join(SAMPLE, file), path.join(content, file));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it(`${MUTANTS} mutants each give clean file:line problems, or load and produce outputs that parse`, (t) => {
    const base = loadContent(content);
    const shown = new Set(files.map((f) => path.relative(process.cwd(), path.join(content, f))));
    const lineCount = (file: string, bytes: Buffer, mutated: string) =>
      (file === mutated ? bytes : readFileSync(path.join(content, file))).toString('latin1').split(/\r\n?|\n/).length;
    let refused = 0;
    for (const m of mutants(files)) {
      const target = path.join(content, m.file);
      const original = readFileSync(target);
      const name = `mutant ${m.index} (${m.file}: ${m.steps.join(', ')})`;
      writeFileSync(target, m.bytes);
      try {
        let loaded: Content | undefined;
        try {
          loaded = loadContent(content);
        } catch (error) {
          if (!(error instanceof StatusError)) assert.fail(`${name} crashed the loader:\n${(error as Error)?.stack ?? String(error)}`);
          refused++;
          assert.ok(error.problems.length > 0, `${name}: a refusal lists its problems`);
          for (const p of error.problems) {
            const where = `${name}: ${formatProblem(p)}`;
            assert.ok(shown.has(p.file), `${where}\n  names a file that is not in the content`);
            const shownFile = path.relative(content, path.resolve(p.file)).split(path.sep).join('/');
            assert.ok(Number.isInteger(p.line) && p.line >= 1 && p.line <= lineCount(shownFile, m.bytes, m.file) + 1, `${where}\n  line out of range`);
            assert.ok(p.message.trim() && p.hint?.trim(), `${where}\n  needs a message and a hint`);
          }
          continue;
        }
        let files: OutputFile[];
        try {
          // The producers make their files lazily: walking them is part of building the model.
          files = [...madeFiles(buildModel(loaded, NOW).files)];
        } catch (error) {
          assert.fail(`${name} loaded but the model crashed:\n${(error as Error)?.stack ?? String(error)}`);
        }
        checkOutputs(files);
        if (JSON.stringify(loaded) !== JSON.stringify(base)) loadedMutants.push(m);
      } finally {
        writeFileSync(target, original);
      }
    }
    t.diagnostic(`${refused} refused, ${MUTANTS - refused} loaded (${loadedMutants.length} of them changed the content)`);
    // The mix matters: a fuzzer whose mutants all fail (or all pass) tests nothing.
    assert.ok(refused > MUTANTS / 4 && refused < MUTANTS - 10, `${refused} of ${MUTANTS} refused`);
    assert.ok(loadedMutants.length >= 5, `only ${loadedMutants.length} mutants loaded with a change`);
  });

  it('a site made of the mutants that loaded builds, with valid pages and parseable feeds and JSON', async (t) => {
    assert.ok(loadedMutants.length, 'needs the mutants of the previous test');
    // One mutant per file, the last one wins; drop mutants until the mix loads (two can clash, like a repeated id).
    const chosen = new Map(loadedMutants.map((m) => [m.file, m]));
    for (;;) {
      for (const m of chosen.values()) writeFileSync(path.join(content, m.file), m.bytes);
      try {
        loadContent(content);
        break;
      } catch (error) {
        assert.ok(error instanceof StatusError);
        const last = [...chosen.keys()].at(-1)!;
        writeFileSync(path.join(content, last), readFileSync(path.join(SAMPLE, last)));
        chosen.delete(last);
        assert.ok(chosen.size > 0, 'no mix of mutants loads');
      }
    }
    const result = await build({ content, out: path.join(work, 'site') });
    t.diagnostic(`built with mutants ${[...chosen.values()].map((m) => m.index).join(', ')}`);
    assert.equal(result.status, 0, `${[...chosen.values()].map((m) => m.index).join(', ')}:\n${result.stderr}`);

    const outFiles = readdirSync(result.out, { recursive: true, encoding: 'utf8' }).map((f) => f.split(path.sep).join('/'));
    const failures: string[] = [];
    for (const file of outFiles.filter((f) => f.endsWith('.html'))) {
      const report = await pageValidator.validateString(readFileSync(path.join(result.out, file), 'utf8'), file);
      for (const r of report.results) for (const msg of r.messages) failures.push(`${file}:${msg.line}:${msg.column} ${msg.ruleId}: ${msg.message}`);
    }
    assert.deepEqual(failures, [], `mutants ${[...chosen.values()].map((m) => m.index).join(', ')}:\n${failures.join('\n')}`);
    const generated = outFiles
      .filter((f) => /\.(json|atom|rss|xml|svg|ics)$/.test(f) && !f.startsWith('pagefind/') && !f.startsWith('admin/'))
      .map((f) => ({ path: f, content: readFileSync(path.join(result.out, f), 'utf8') }));
    checkOutputs(generated);
  });
});
