// A build with a cache (STATUS_CACHE) reuses the last build's work and updates its output in place;
// whatever the change, the result must be the same bytes as a cold build of the same content.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
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

test('warm and incremental builds write the same bytes as cold builds', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'status-incremental-'));
  const content = path.join(work, 'content');
  cpSync(SAMPLE, content, { recursive: true });
  const cache = path.join(work, 'cache');
  const out = path.join(work, 'site');
  const warm = () => {
    const result = build({ content, out, env: { STATUS_CACHE: cache } });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout;
  };
  const coldMatches = (step: string) => {
    const cold = build({ content, out: path.join(work, `cold-${step}`) });
    assert.equal(cold.status, 0, cold.stderr);
    assertSameTree(out, cold.out);
  };

  // First build with an empty cache: a fresh folder, every file written.
  assert.match(warm(), /files written\)/);
  coldMatches('first');

  // Nothing changed: nothing is written again.
  assert.match(warm(), /\(0 files written in place\)/);
  coldMatches('unchanged');

  // One new update on the seed incident (the top of its updates list).
  const seed = path.join(content, SEED);
  const text = readFileSync(seed, 'utf8');
  writeFileSync(seed, text.replace('updates:\n', 'updates:\n  - at: 2021-02-26 09:00\n    status: resolved\n    body: A follow-up note on the **fix**.\n\n'));
  // The seed is resolved already, so this addition is refused: the output stays as it was.
  const before = tree(out);
  const refused = build({ content, out, env: { STATUS_CACHE: cache } });
  assert.notEqual(refused.status, 0);
  assert.deepEqual([...tree(out).keys()].sort(), [...before.keys()].sort());
  for (const [file, bytes] of before) assert.ok(tree(out).get(file)!.equals(bytes), `${file} untouched after a refused build`);
  writeFileSync(seed, text.replace(/\n---\n[\s\S]*$/, '\n---\nA longer postmortem, rewritten.\n'));
  assert.match(warm(), /in place\)/);
  coldMatches('postmortem');

  // A new incident, and one removed.
  const incidents = path.join(content, 'incidents');
  const [first] = readdirSync(incidents).sort();
  writeFileSync(
    path.join(incidents, '2026-11-20-new-incident.md'),
    readFileSync(path.join(incidents, first!), 'utf8').replace(/^title: .*$/m, 'title: A new incident'),
  );
  unlinkSync(path.join(incidents, readdirSync(incidents).sort()[1]!));
  warm();
  coldMatches('added-removed');

  // A new open incident puts a component in an outage: every other incident that lists the
  // component shows its current state in the API, so those files change too.
  writeFileSync(
    path.join(incidents, '2026-11-20-web-apps-down.md'),
    '---\ntitle: Web Apps down\nimpact: major\ncomponents:\n  web-apps: major_outage\nupdates:\n  - at: 2026-11-20 23:00\n    status: investigating\n    body: Web Apps does not load.\n---\n',
  );
  warm();
  coldMatches('outage');

  // The site file changes every page.
  const site = path.join(content, 'site.yml');
  writeFileSync(site, readFileSync(site, 'utf8').replace(/^name: .*$/m, 'name: Renamed HQ'));
  warm();
  coldMatches('site');

  // Someone deleted a file from the output: the build notices and starts from a clean folder.
  rmSync(path.join(out, 'index.html'));
  assert.doesNotMatch(warm(), /in place/);
  coldMatches('repaired');

  // Another moment in time, with the cache.
  const later = build({ content, out, now: '2026-11-22T12:00:00Z', env: { STATUS_CACHE: cache } });
  assert.equal(later.status, 0, later.stderr);
  const coldLater = build({ content, out: path.join(work, 'cold-later'), now: '2026-11-22T12:00:00Z' });
  assertSameTree(out, coldLater.out);
  rmSync(work, { recursive: true, force: true });
});
