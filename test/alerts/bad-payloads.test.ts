import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { alertComponents, normaliseAlerts, readAlertPayload } from '../../src/alerts/index.ts';
import { readSite } from '../../src/content/index.ts';
import { formatProblem, StatusError, type Problem } from '../../src/shared/errors.ts';

/*
 * Alerts that cannot be read, or name a component the site does not know (test/fixtures/alerts/bad/):
 * each gives exactly the problems of its .expected file, each with its line and what to send
 * instead, and the catalogue entries it is the case of. UPDATE_EXPECTED=1 (re)writes the
 * .expected files; review the diff.
 */

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/alerts');
const BAD = path.join(FIXTURES, 'bad');
const UPDATE = process.env.UPDATE_EXPECTED === '1';
const components = alertComponents(readSite(path.join(FIXTURES, 'content')));

/** The catalogue codes each case gives. */
const CODES: Record<string, string[]> = {
  'not-json.json': ['alert-not-json'],
  'shape-unknown.json': ['alert-shape-unknown'],
  'list.json': ['alert-shape-unknown'],
  'source-unknown.json': ['alert-source-unknown'],
  'time-without-offset.json': ['alert-time'],
  'generic-misspelt.json': ['not-one-of', 'unknown-key'],
  'alertmanager-version-3.json': ['not-one-of', 'missing-key'],
  'datadog-transition-unknown.json': ['not-one-of'],
  'pagerduty-incident-without-id.json': ['missing-key'],
  'component-unknown.json': ['alert-component-unknown'],
};

/** What the command prints about a payload on stderr, and whether it made events. */
function problemsOf(name: string): { problems: Problem[]; usable: boolean } {
  try {
    const { problems } = normaliseAlerts(readAlertPayload(readFileSync(path.join(BAD, name), 'utf8'), name), { components });
    return { problems, usable: true };
  } catch (error) {
    assert.ok(error instanceof StatusError, `not a StatusError: ${(error as Error)?.stack ?? String(error)}`);
    assert.equal(error.code, 'USAGE', 'an unusable alert exits with 2');
    return { problems: error.problems, usable: false };
  }
}

describe('alerts that cannot be read', () => {
  const cases = readdirSync(BAD).filter((f) => f.endsWith('.json')).sort();

  it('has a case for each file, and a file for each case', () => {
    assert.deepEqual(cases, Object.keys(CODES).sort());
  });

  for (const name of cases) {
    it(`${name}: ${CODES[name]!.join(', ')}`, () => {
      const { problems, usable } = problemsOf(name);
      const text = problems.map((p) => `${formatProblem(p)}\n`).join('');
      const expectedFile = path.join(BAD, `${name}.expected`);
      if (UPDATE) writeFileSync(expectedFile, text);
      assert.ok(existsSync(expectedFile), `${name} has no .expected file`);
      assert.equal(text, readFileSync(expectedFile, 'utf8'));
      assert.deepEqual([...new Set(problems.map((p) => p.code))].sort(), [...CODES[name]!].sort());
      for (const p of problems) assert.ok(p.message.trim() && p.hint.trim() && p.line >= 1, `${name}: ${formatProblem(p)}`);
      // A component the site does not know is a warning: the alert is still read.
      assert.equal(usable, name === 'component-unknown.json');
    });
  }
});
