import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

/**
 * The pipeline is the architecture: each stage is a folder of src/, and imports point down the
 * pipeline only. This test reads every import (type-only and dynamic ones too) and names each one
 * that runs against the direction, reaches into another stage past its index.ts, or closes a circle.
 */

const SRC = path.resolve(import.meta.dirname, '../src');

/** Each folder's place in the pipeline: a file may import its own folder and folders ranked below. */
const RANK: Record<string, number> = {
  shared: 0,
  content: 1,
  state: 2,
  view: 3,
  outputs: 4,
  // The browser scripts apply rules of the stages above (and read the API's shapes); the build bundles them.
  client: 5,
  render: 6,
  authoring: 6,
  // Alerts from monitoring read the site file's components; the relay stands alone.
  alerts: 6,
  deploy: 7,
  notify: 7,
  // Probes read the site file's components and write their series to the state branch.
  monitor: 7,
  build: 7,
  // Incident drafts: alerts written as incidents (authoring's edits) through GitHub's REST API.
  drafts: 7,
  '.': 8,
};
/** Data files that src/ may read by import: the interface strings. */
const DATA = path.resolve(SRC, '../locales');
/** Folders whose modules are imported directly: small helpers with no public surface to name. */
const OPEN = new Set(['shared']);
const MAX_LINES = 350;

const files = readdirSync(SRC, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts'))
  .map((e) => path.join(e.parentPath, e.name))
  .sort();
const rel = (file: string) => path.relative(SRC, file);
const folderOf = (file: string) => rel(file).split(path.sep).slice(0, -1)[0] ?? '.';

/** Every src/ file each file imports, with the line of the import. */
const imports = new Map<string, { target: string; line: number }[]>(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const found = ts.preProcessFile(text, true, true).importedFiles.filter((i) => i.fileName.startsWith('.'));
    const lineOf = (pos: number) => text.slice(0, pos).split('\n').length;
    return [file, found.map((i) => ({ target: path.resolve(path.dirname(file), i.fileName), line: lineOf(i.pos) }))];
  }),
);

describe('architecture', () => {
  it('keeps every folder of src/ in the pipeline, and only the public API at its root', () => {
    const unknown = [...new Set(files.map(folderOf))].filter((f) => !(f in RANK));
    assert.deepEqual(unknown, [], 'give each new folder its place in RANK (test/architecture.test.ts)');
    assert.deepEqual(files.filter((f) => folderOf(f) === '.').map(rel), ['index.ts']);
    const stages = Object.keys(RANK).filter((f) => f !== '.' && !OPEN.has(f) && files.some((file) => folderOf(file) === f));
    for (const stage of stages) assert.ok(files.includes(path.join(SRC, stage, 'index.ts')), `src/${stage}/ needs an index.ts naming what it offers`);
  });

  it('has imports that point down the pipeline, into other stages through their index.ts', () => {
    const wrong: string[] = [];
    for (const [file, list] of imports) {
      const from = folderOf(file);
      for (const { target, line } of list) {
        if (target.startsWith(DATA + path.sep) && target.endsWith('.json')) continue;
        if (!target.startsWith(SRC + path.sep)) {
          wrong.push(`src/${rel(file)}:${line} imports ${path.relative(path.dirname(SRC), target)}, outside src/`);
          continue;
        }
        const to = folderOf(target);
        if (to === from) continue;
        if (!(RANK[to]! < RANK[from]!)) wrong.push(`src/${rel(file)}:${line} imports src/${rel(target)}: ${from} may not depend on ${to}`);
        else if (!OPEN.has(to) && path.basename(target) !== 'index.ts') wrong.push(`src/${rel(file)}:${line} imports src/${rel(target)}: import src/${to}/index.ts instead`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('has no import cycle, type-only imports included', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const { target } of imports.get(file) ?? []) {
        if (state.get(target) === 'open') cycles.push([...stack.slice(stack.indexOf(target)), target].map(rel).join(' -> '));
        else if (!state.has(target) && imports.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    assert.deepEqual(cycles, []);
  });

  it('has the command-line shells and the Eleventy glue reach src/ only through each stage\'s index.ts', () => {
    const ROOT = path.dirname(SRC);
    const shells = [
      ...readdirSync(path.join(ROOT, 'scripts'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name))
        .map((e) => path.join(e.parentPath, e.name)),
      path.join(ROOT, '.eleventy.js'),
    ];
    const wrong: string[] = [];
    for (const file of shells) {
      const text = readFileSync(file, 'utf8');
      for (const i of ts.preProcessFile(text, true, true).importedFiles) {
        const target = path.resolve(path.dirname(file), i.fileName);
        if (!i.fileName.startsWith('.') || !target.startsWith(SRC + path.sep)) continue;
        const stage = folderOf(target);
        const line = text.slice(0, i.pos).split('\n').length;
        if (stage !== '.' && !OPEN.has(stage) && path.basename(target) !== 'index.ts') {
          wrong.push(`${path.relative(ROOT, file)}:${line} imports src/${rel(target)}: import src/${stage}/index.ts instead`);
        }
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('keeps the browser scripts to modules of src/, and reached only by the bundler', () => {
    // What they import in turn is checked where they are bundled (src/client/bundle.ts): nothing node-only may come along.
    const BROWSER = path.join(SRC, 'client', 'browser') + path.sep;
    const wrong: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const i of ts.preProcessFile(text, true, true).importedFiles) {
        const line = text.slice(0, i.pos).split('\n').length;
        const target = path.resolve(path.dirname(file), i.fileName);
        if (file.startsWith(BROWSER) && !i.fileName.startsWith('.')) wrong.push(`src/${rel(file)}:${line} imports ${i.fileName}: browser code imports only modules of src/`);
        if (!file.startsWith(BROWSER) && target.startsWith(BROWSER)) wrong.push(`src/${rel(file)}:${line} imports src/${rel(target)}: browser code is bundled, not imported`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it(`keeps each file of src/ under ${MAX_LINES} lines`, () => {
    const long = files.map((f) => [rel(f), readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > MAX_LINES);
    assert.deepEqual(long, [], 'split the file by concern');
  });
});
