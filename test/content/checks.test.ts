import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkComponentIds, fileId, orderProblem, uniqueIds } from '../../src/content/checks.ts';
import { KINDS } from '../../src/content/kinds.ts';
import { problemAt } from '../../src/content/problems/index.ts';
import { siteSchema } from '../../src/content/schema.ts';
import type { Problem } from '../../src/shared/errors.ts';

const site = siteSchema.parse({
  name: 'Example',
  url: 'https://status.example.com/',
  time_zone: 'Etc/UTC',
  components: [
    { id: 'web-apps', name: 'Web Apps', start_date: '2024-01-01' },
    { id: 'api', name: 'API', start_date: '2024-01-01' },
  ],
});
const at = problemAt('incidents/x.md');

describe('content checks shared by incidents and maintenance', () => {
  it('name an unknown component with a guess, at its line', () => {
    const problems: Problem[] = [];
    checkComponentIds(site, ['web-aps', 'api', 'billing'], (_id, i) => 10 + i, at, problems);
    assert.deepEqual(problems.map((p) => [p.line, p.message, p.hint]), [
      [10, 'unknown component "web-aps"', 'did you mean "web-apps"?'],
      [12, 'unknown component "billing"', 'use an id from the site file: web-apps, api'],
    ]);
  });

  it('take the id from the file name, and refuse one that cannot be an address or is the API’s', () => {
    const problems: Problem[] = [];
    assert.equal(fileId(KINDS.maintenance, 'maintenance/2026-12-01-db.md', undefined, () => 2, at, problems), '2026-12-01-db');
    assert.equal(fileId(KINDS.maintenance, 'maintenance/Big Upgrade.md', undefined, () => 2, at, problems), 'Big Upgrade');
    assert.equal(fileId(KINDS.incidents, 'incidents/x.md', 'unresolved', () => 2, at, problems), 'unresolved');
    assert.equal(fileId(KINDS.maintenance, 'maintenance/active.md', undefined, () => 2, at, problems), 'active');
    assert.deepEqual(problems.map((p) => [p.line, p.message, p.hint]), [
      [1, 'the file name "Big Upgrade.md" cannot be used in the page address', 'rename it to big-upgrade.md (lowercase letters, digits and dashes)'],
      [2, '"unresolved" cannot be an incident id: the API uses api/v2/incidents/unresolved.json for its own list', 'rename the file, or set another `id:`'],
      [1, '"active" cannot be a maintenance id: the API uses that name', 'rename the file, or set another `id:`'],
    ]);
  });

  it('keep the first of each id and report the others at their id line', () => {
    const problems: Problem[] = [];
    const kept = uniqueIds('incident', [{ id: 'a', file: 'one.md' }, { id: 'b', file: 'two.md' }, { id: 'a', file: 'three.md' }], () => 4, problems);
    assert.deepEqual(kept.map((i) => i.file), ['one.md', 'two.md']);
    assert.deepEqual(problems.map((p) => `${p.file}:${p.line}: ${p.message}`), ['three.md:4: incident id "a" is already used by one.md']);
  });

  it('order updates the same way for both kinds, each with its own final status', () => {
    assert.equal(orderProblem(KINDS.incidents, { at: 5 }, { at: 5, status: 'monitoring' })?.message, 'this update is not later than the one below it (updates are listed newest first)');
    assert.equal(orderProblem(KINDS.incidents, { at: 6 }, { at: 5, status: 'resolved' })?.message, 'this update comes after the incident was resolved');
    assert.equal(orderProblem(KINDS.maintenance, { at: 6 }, { at: 5, status: 'completed' })?.message, 'this update comes after the maintenance was completed');
    assert.equal(orderProblem(KINDS.maintenance, { at: 6 }, { at: 5, status: 'resolved' }), undefined);
    assert.equal(orderProblem(KINDS.incidents, { at: Number.NaN }, { at: 5, status: 'resolved' }), undefined, 'an invalid time was reported already');
  });
});
