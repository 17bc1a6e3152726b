import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFiring } from '../../src/content/index.ts';
import type { Problem } from '../../src/shared/errors.ts';

/* The firing alerts file (probes/alerts.json): read, checked, each mistake at its line. */

const IDS = ['web-apps', 'api'];

const read = (text: string) => {
  const problems: Problem[] = [];
  return { alerts: parseFiring(text, 'probes/alerts.json', IDS, problems), problems };
};

describe('the firing alerts file', () => {
  it('reads each alert, its start as epoch milliseconds', () => {
    const { alerts, problems } = read('{"firing": [\n  {"key": "k1", "component": "api", "summary": "Errors", "since": "2026-11-20T14:05:00+01:00"}\n]}\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(alerts, [{ key: 'k1', component: 'api', summary: 'Errors', since: Date.parse('2026-11-20T13:05:00Z') }]);
    assert.deepEqual(read('{"firing": []}').alerts, []);
  });

  it('firing-not-json: a file that is not JSON, at the line of the mistake', () => {
    const { alerts, problems } = read('{"firing": [\n  {"key": "k1",}\n]}\n');
    assert.deepEqual(alerts, []);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.code, 'firing-not-json');
    assert.equal(problems[0]!.line, 2);
    assert.match(problems[0]!.hint, /"firing": \[/);
  });

  it('reports a component the site does not know, and keeps the other alerts', () => {
    const { alerts, problems } = read('{"firing": [\n {"key": "a", "component": "api", "summary": "x", "since": "2026-11-20T14:05:00Z"},\n {"key": "b", "component": "apj", "summary": "y", "since": "2026-11-20T14:05:00Z"}\n]}');
    assert.deepEqual(alerts.map((a) => a.key), ['a']);
    assert.deepEqual(problems.map((p) => [p.code, p.line]), [['unknown-component', 3]]);
    assert.match(problems[0]!.hint, /did you mean "api"/);
  });
});
