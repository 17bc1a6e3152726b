// A build with a cache (STATUS_CACHE) reuses the last build's work and updates its output in place;
// whatever the change, the result must be the same bytes as a cold build of the same content.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from './helpers/build.ts';

const SAMPLE = path.resolve(import.meta.dirname, '../content');
const SEED = 'incidents/2021-02-18-web-apps-intermittent-errors.md';

/** Every file of a folder with its bytes, by relative path. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(path.relative(dir, path.join(entry.parentPath, entry.name)), readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return files;
}

function assertSameTree(actual: string, expected: string) {
  const a = tree(actual);
  const e = tree(expected);
  assert.deepEqual([...a.keys()].sort(), [...e.keys()].sort(), 'the same files');
  for (const [file, bytes] of e) assert.ok(a.get(file)!.equals(bytes), `${file} has the same bytes`);
}

// One cache and one output folder carried through the steps below, in order: each step changes the
// content, builds with the cache and compares with a cold build of the same content.
describe('warm and incremental builds write the same bytes as cold builds', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'status-incremental-'));
  const content = path.join(work, 'content');
  const cache = path.join(work, 'cache');
  const out = path.join(work, 'site');
  const incidents = path.join(content, 'incidents');
  const seed = path.join(content, SEED);
  before(() => cpSync(SAMPLE, content, { recursive: true }));
  after(() => rmSync(work, { recursive: true, force: true }));

  const warm = async (now?: string) => {
    const result = await build({ content, out, now, env: { STATUS_CACHE: cache } });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout;
  };
  const coldMatches = async (step: string, now?: string) => {
    const cold = await build({ content, out: path.join(work, `cold-${step}`), now });
    assert.equal(cold.status, 0, cold.stderr);
    assertSameTree(out, cold.out);
  };

  it('a first build with an empty cache writes every file into a fresh folder', async () => {
    assert.match(await warm(), /files written\)/);
    await coldMatches('first');
  });

  it('nothing changed: nothing is written again', async () => {
    assert.match(await warm(), /\(0 files written in place\)/);
    await coldMatches('unchanged');
  });

  it('a refused change leaves the output as it was; a new postmortem is written in place', async () => {
    // One new update at the top of the seed's updates list: the seed is resolved already, so refused.
    const text = readFileSync(seed, 'utf8');
    writeFileSync(seed, text.replace('updates:\n', 'updates:\n  - at: 2021-02-26 09:00\n    status: resolved\n    body: A follow-up note on the **fix**.\n\n'));
    const before = tree(out);
    const refused = await build({ content, out, env: { STATUS_CACHE: cache } });
    assert.notEqual(refused.status, 0);
    assert.deepEqual([...tree(out).keys()].sort(), [...before.keys()].sort());
    for (const [file, bytes] of before) assert.ok(tree(out).get(file)!.equals(bytes), `${file} untouched after a refused build`);
    writeFileSync(seed, text.replace(/\n---\n[\s\S]*$/, '\n---\nA longer postmortem, rewritten.\n'));
    assert.match(await warm(), /in place\)/);
    await coldMatches('postmortem');
  });

  it('a new incident, and one removed', async () => {
    const [first] = readdirSync(incidents).sort();
    writeFileSync(
      path.join(incidents, '2026-11-20-new-incident.md'),
      readFileSync(path.join(incidents, first!), 'utf8').replace(/^title: .*$/m, 'title: A new incident'),
    );
    unlinkSync(path.join(incidents, readdirSync(incidents).sort()[1]!));
    await warm();
    await coldMatches('added-removed');
  });

  it('an outage changes every other incident that lists the component', async () => {
    // Every other incident that lists the component shows its current state in the API.
    writeFileSync(
      path.join(incidents, '2026-11-20-web-apps-down.md'),
      '---\ntitle: Web Apps down\nimpact: major\ncomponents:\n  web-apps: major_outage\nupdates:\n  - at: 2026-11-20 23:00\n    status: investigating\n    body: Web Apps does not load.\n---\n',
    );
    await warm();
    await coldMatches('outage');
  });

  it('a change to the site file changes every page', async () => {
    const site = path.join(content, 'site.yml');
    writeFileSync(site, readFileSync(site, 'utf8').replace(/^name: .*$/m, 'name: Renamed HQ'));
    await warm();
    await coldMatches('site');
  });

  it('a file deleted from the output: the build notices and starts from a clean folder', async () => {
    rmSync(path.join(out, 'index.html'));
    assert.doesNotMatch(await warm(), /in place/);
    await coldMatches('repaired');
  });

  it('another moment in time, with the cache', async () => {
    await warm('2026-11-22T12:00:00Z');
    await coldMatches('later', '2026-11-22T12:00:00Z');
  });
});
