import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadContent } from '../../src/content/index.ts';
import { parseProbes } from '../../src/content/probes.ts';
import { StatusError, type Problem } from '../../src/shared/errors.ts';
import { load, miniSiteWith } from '../helpers/site-with.ts';

/* Probe series: content/probes/<component id>.jsonl, or the folder --probes names. Bad lines are in the corpus (test/fixtures/bad/probes/). */

const LINES = [
  '{"at": "2026-11-20T10:00:00Z", "ok": true, "ms": 182}',
  '{"at": "2026-11-20T11:30:00+01:00", "ok": false, "ms": 10000, "error": "timeout", "region": "eu"}',
  '',
];

describe('parseProbes', () => {
  it('reads each line as one check, times with their offset, unknown keys left out', () => {
    const problems: Problem[] = [];
    const probes = parseProbes(LINES.join('\n'), 'probes/api.jsonl', problems);
    assert.deepEqual(problems, []);
    assert.deepEqual(probes, [
      { at: Date.parse('2026-11-20T10:00:00Z'), ok: true, ms: 182 },
      { at: Date.parse('2026-11-20T10:30:00Z'), ok: false, ms: 10000, error: 'timeout' },
    ]);
  });

  it('reads CRLF line ends and blank lines the same', () => {
    const problems: Problem[] = [];
    const crlf = parseProbes(`\r\n${LINES.join('\r\n')}\r\n`, 'probes/api.jsonl', problems);
    assert.deepEqual(problems, []);
    assert.deepEqual(crlf, parseProbes(LINES.join('\n'), 'probes/api.jsonl', []));
  });

  it('names the file and the line of each bad line, and keeps the good ones', () => {
    const problems: Problem[] = [];
    const probes = parseProbes(`${LINES[0]}\n\nnot json\n${LINES[1]}\n`, 'probes/api.jsonl', problems);
    assert.equal(probes.length, 2);
    assert.deepEqual(problems.map((p) => [p.file, p.line, p.code]), [['probes/api.jsonl', 3, 'probe-line']]);
  });
});

describe('the probes folder', () => {
  it('gives each probed component its series; no folder, no series', () => {
    const bare = load(miniSiteWith(''));
    assert.deepEqual(bare.problems, []);
    assert.equal(bare.content?.probes?.size, 0);
    const loaded = load(miniSiteWith('', { 'probes/api.jsonl': LINES.join('\n'), 'probes/notes.txt': 'not a series' }));
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual([...(loaded.content?.probes?.keys() ?? [])], ['api']);
    assert.equal(loaded.content?.probes?.get('api')?.length, 2);
  });

  it('refuses a file not named after a component', () => {
    const content = miniSiteWith('', { 'probes/web-app.jsonl': LINES.join('\n') });
    assert.throws(() => loadContent(content), (error: unknown) => error instanceof StatusError && error.problems[0]?.code === 'probe-file-name');
    const { problems } = load(content);
    assert.deepEqual(problems, [
      'probes/web-app.jsonl:1: the probe file "web-app.jsonl" is not named after a component — name it <component id>.jsonl, with an id from the site file: web-apps, api',
    ]);
  });

  it('reads another folder when told', () => {
    const content = miniSiteWith('');
    const elsewhere = path.join(path.dirname(content), 'state', 'probes');
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(path.join(elsewhere, 'web-apps.jsonl'), LINES.join('\n'));
    assert.deepEqual([...(loadContent(content, { probes: elsewhere }).probes?.keys() ?? [])], ['web-apps']);
    assert.equal(loadContent(content).probes?.size, 0);
  });
});
