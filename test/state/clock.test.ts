import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Content } from '../../src/content/index.ts';
import type { Maintenance, MaintenanceStatus } from '../../src/content/maintenance.ts';
import { siteSchema } from '../../src/content/schema.ts';
import { clockSteps, MAX_CLOCK_STEPS } from '../../src/state/clock.ts';
import { stateAt } from '../../src/state/status.ts';

const t = (iso: string) => Date.parse(iso);

const site = siteSchema.parse({
  name: 'Test',
  url: 'https://status.example.test/',
  time_zone: 'Etc/UTC',
  components: [
    { id: 'web', name: 'Web', order: 1, start_date: '2026-01-01' },
    { id: 'api', name: 'API', order: 2, start_date: '2026-01-01' },
  ],
});

const maintenance = (id: string, window: [string, string], updates: [string, MaintenanceStatus][] = [], components = ['api', 'web']): Maintenance => ({
  id,
  file: `content/maintenance/${id}.md`,
  title: id,
  scheduledFor: t(window[0]),
  scheduledUntil: t(window[1]),
  components,
  updates: updates.map(([at, status]) => ({ at: t(at), status, body: `${status} at ${at}` })),
  description: '',
});

const steps = (maintenances: Maintenance[], now: string) =>
  clockSteps(stateAt({ site, incidents: [], maintenances, warnings: [] } satisfies Content, t(now)));

describe('clockSteps', () => {
  it('lists each window opening and closing after now, with the components it covers, in site order', () => {
    const a = maintenance('a', ['2026-11-20T21:00:00Z', '2026-11-21T00:00:00Z'], [['2026-11-18T10:00:00Z', 'scheduled']]);
    const b = maintenance('b', ['2026-11-20T23:00:00Z', '2026-11-21T02:00:00Z'], [], ['api']);
    assert.deepEqual(steps([a, b], '2026-11-20T20:00:00Z'), [
      { at: t('2026-11-20T21:00:00Z'), maintenances: { a: 'in_progress', b: 'scheduled' }, maintained: ['web', 'api'] },
      { at: t('2026-11-20T23:00:00Z'), maintenances: { a: 'in_progress', b: 'in_progress' }, maintained: ['web', 'api'] },
      { at: t('2026-11-21T00:00:00Z'), maintenances: { a: 'completed', b: 'in_progress' }, maintained: ['api'] },
      { at: t('2026-11-21T02:00:00Z'), maintenances: { a: 'completed', b: 'completed' }, maintained: [] },
    ]);
  });

  it('reads only what is public at now: a later written update changes nothing, and completed ones are left out', () => {
    const early = maintenance('early', ['2026-11-20T21:00:00Z', '2026-11-21T00:00:00Z'], [
      ['2026-11-18T10:00:00Z', 'scheduled'],
      ['2026-11-20T20:30:00Z', 'completed'],
    ]);
    const done = maintenance('done', ['2026-11-01T21:00:00Z', '2026-11-02T00:00:00Z']);
    assert.deepEqual(steps([early, done], '2026-11-20T20:00:00Z').map((s) => s.maintenances), [{ early: 'in_progress' }, { early: 'completed' }]);
    // Once the early completion is written and public, the window moves nothing.
    assert.deepEqual(steps([early, done], '2026-11-20T20:45:00Z'), []);
  });

  it('is bounded', () => {
    const many = Array.from({ length: MAX_CLOCK_STEPS }, (_, i) =>
      maintenance(`m${i}`, [`2026-12-${String(i % 28 + 1).padStart(2, '0')}T0${i % 5}:00:00Z`, `2026-12-${String(i % 28 + 1).padStart(2, '0')}T0${i % 5 + 5}:00:00Z`]),
    );
    assert.equal(steps(many, '2026-11-20T20:00:00Z').length, MAX_CLOCK_STEPS);
  });
});
