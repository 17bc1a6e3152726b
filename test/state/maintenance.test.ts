import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Content, Incident } from '../../src/content/index.ts';
import type { Maintenance, MaintenanceStatus } from '../../src/content/maintenance.ts';
import { maintenanceAt } from '../../src/state/maintenance.ts';
import { loadLocale, viewContext } from '../../src/view/index.ts';
import { maintenanceBlocks } from '../../src/view/maintenance.ts';
import { nextChange } from '../../src/state/next-change.ts';
import { siteSchema } from '../../src/content/schema.ts';
import { siteOrder, stateAt } from '../../src/state/status.ts';

const t = (iso: string) => Date.parse(iso);

const site = siteSchema.parse({
  name: 'Test',
  url: 'https://status.example.test/',
  time_zone: 'Etc/UTC',
  groups: [{ id: 'core', name: 'Core', order: 1 }],
  components: [
    { id: 'api', name: 'API', group: 'core', order: 2, start_date: '2026-01-01' },
    { id: 'web', name: 'Web', group: 'core', order: 1, start_date: '2026-01-01' },
    { id: 'sms', name: 'SMS', start_date: '2026-01-01' },
  ],
});

function maintenance(id: string, window: [string, string], updates: [string, MaintenanceStatus][] = [], components = ['api', 'web']): Maintenance {
  return {
    id,
    file: `content/maintenance/${id}.md`,
    title: `Maintenance ${id}`,
    scheduledFor: t(window[0]),
    scheduledUntil: t(window[1]),
    components,
    updates: updates.map(([at, status]) => ({ at: t(at), status, body: `${status} at ${at}` })),
    description: 'What will happen.',
  };
}

const content = (maintenances: Maintenance[], incidents: Incident[] = []): Content => ({ site, incidents, maintenances, warnings: [] });
const order = siteOrder(content([]));

describe('maintenanceAt: the clock moves a maintenance on', () => {
  const planned = maintenance('db', ['2026-12-01T02:00:00Z', '2026-12-01T04:00:00Z'], [
    ['2026-11-18T10:00:00Z', 'scheduled'],
    ['2026-12-01T03:00:00Z', 'verifying'],
  ]);
  const cases: { now: string; status?: MaintenanceStatus; labels?: string[]; active?: boolean; upcoming?: boolean }[] = [
    { now: '2026-11-18T09:59:59Z' },
    { now: '2026-11-18T10:00:00Z', status: 'scheduled', labels: ['Scheduled'], active: false, upcoming: true },
    { now: '2026-12-01T02:00:00Z', status: 'in_progress', labels: ['Scheduled', 'In progress*'], active: true, upcoming: false },
    { now: '2026-12-01T03:00:00Z', status: 'verifying', labels: ['Scheduled', 'In progress*', 'Verifying'], active: true, upcoming: false },
    { now: '2026-12-01T04:00:00Z', status: 'completed', labels: ['Scheduled', 'In progress*', 'Verifying', 'Completed*'], active: false, upcoming: false },
    { now: '2027-01-01T00:00:00Z', status: 'completed', labels: ['Scheduled', 'In progress*', 'Verifying', 'Completed*'], active: false, upcoming: false },
  ];
  for (const c of cases) {
    it(`at ${c.now}: ${c.status ?? 'not announced yet'}`, () => {
      const s = maintenanceAt(planned, t(c.now), order);
      if (!c.status) return assert.equal(s, undefined);
      assert.equal(s!.status, c.status);
      // `*` marks the updates the clock posted.
      assert.deepEqual(s!.updates.map((u) => u.label + (u.automatic ? '*' : '')), c.labels);
      assert.equal(s!.active, c.active);
      assert.equal(s!.upcoming, c.upcoming);
      assert.equal(s!.createdAt, t('2026-11-18T10:00:00Z'));
      assert.equal(s!.updatedAt, s!.updates.at(-1)!.at);
      assert.deepEqual(s!.componentIds, ['web', 'api']);
    });
  }

  it('lets written updates lead the clock: started early, completed early', () => {
    const early = maintenance('early', ['2026-12-01T02:00:00Z', '2026-12-01T04:00:00Z'], [
      ['2026-12-01T01:50:00Z', 'in_progress'],
      ['2026-12-01T03:10:00Z', 'completed'],
    ]);
    const s = maintenanceAt(early, t('2026-12-02T00:00:00Z'), order)!;
    assert.deepEqual(s.updates.map((u) => [u.label, u.automatic]), [['In progress', false], ['Completed', false]]);
    assert.equal(s.startedAt, t('2026-12-01T01:50:00Z'));
    assert.equal(s.completedAt, t('2026-12-01T03:10:00Z'));
    assert.equal(s.createdAt, t('2026-12-01T01:50:00Z'));
  });

  it('marks each update with the component state before and after it', () => {
    const s = maintenanceAt(maintenance('x', ['2026-12-01T02:00:00Z', '2026-12-01T04:00:00Z'], [['2026-11-30T00:00:00Z', 'scheduled']]), t('2026-12-01T05:00:00Z'), order)!;
    assert.deepEqual(s.updates.map((u) => [u.from, u.to]), [
      ['operational', 'operational'],
      ['operational', 'under_maintenance'],
      ['under_maintenance', 'operational'],
    ]);
  });

  it('shows a maintenance without updates from the start, created at its window', () => {
    const s = maintenanceAt(maintenance('bare', ['2026-12-01T02:00:00Z', '2026-12-01T04:00:00Z']), t('2026-11-01T00:00:00Z'), order)!;
    assert.equal(s.status, 'scheduled');
    assert.deepEqual(s.updates, []);
    assert.equal(s.createdAt, t('2026-12-01T02:00:00Z'));
  });
});

describe('stateAt with maintenance', () => {
  const running = maintenance('run', ['2026-12-01T02:00:00Z', '2026-12-01T04:00:00Z']);
  const now = t('2026-12-01T03:00:00Z');
  const incident = (state: 'degraded_performance' | 'major_outage', impact: 'none' | 'minor'): Incident => ({
    id: 'inc', file: 'content/incidents/inc.md', title: 'Slow', impact, components: { api: state },
    updates: [{ at: t('2026-12-01T02:30:00Z'), status: 'investigating', body: 'Looking.', components: {} }],
  });

  it('shows the components under maintenance and the maintenance indicator', () => {
    const s = stateAt(content([running]), now);
    assert.deepEqual(s.components.map((c) => [c.component.id, c.state, c.shown]), [
      ['api', 'operational', 'under_maintenance'],
      ['web', 'operational', 'under_maintenance'],
      ['sms', 'operational', 'operational'],
    ]);
    assert.deepEqual(s.components[0]!.maintenances.map((m) => m.maintenance.id), ['run']);
    assert.equal(s.indicator, 'maintenance');
    assert.equal(s.description, 'Service Under Maintenance');
  });

  it('lets an open incident win over maintenance, for the component and the indicator', () => {
    const s = stateAt(content([running], [incident('degraded_performance', 'minor')]), now);
    assert.equal(s.components.find((c) => c.component.id === 'api')!.shown, 'degraded_performance');
    assert.equal(s.components.find((c) => c.component.id === 'web')!.shown, 'under_maintenance');
    assert.equal(s.indicator, 'minor');
  });

  it('keeps maintenance as the indicator beside an incident of no impact on an operational component', () => {
    const quiet: Incident = { ...incident('degraded_performance', 'none'), components: {} };
    assert.equal(stateAt(content([running], [quiet]), now).indicator, 'maintenance');
  });

  it('does not count maintenance as downtime', () => {
    const s = stateAt(content([running]), t('2026-12-02T00:00:00Z'));
    assert.equal(s.components[0]!.uptime.percent, 1);
  });

  it('lists maintenance soonest window first', () => {
    const later = maintenance('later', ['2026-12-05T02:00:00Z', '2026-12-05T04:00:00Z']);
    const s = stateAt(content([later, running]), t('2026-11-01T00:00:00Z'));
    assert.deepEqual(s.maintenances.map((m) => m.maintenance.id), ['run', 'later']);
  });
});

describe('maintenanceBlocks', () => {
  it('gives the home page active and upcoming maintenance, formatted like the incidents', () => {
    const soon = maintenance('soon', ['2026-12-05T02:00:00Z', '2026-12-05T04:00:00Z'], [['2026-11-20T09:00:00Z', 'scheduled']]);
    const done = maintenance('done', ['2026-11-01T02:00:00Z', '2026-11-01T04:00:00Z']);
    const run = maintenance('run', ['2026-11-30T22:00:00Z', '2026-12-01T04:00:00Z'], [], ['sms', 'api']);
    const state = stateAt(content([soon, done, run]), t('2026-12-01T03:00:00Z'));
    const view = maintenanceBlocks(viewContext(state.content.site, loadLocale('en')), state.maintenances);
    assert.deepEqual(view.active.map((m) => m.id), ['run']);
    assert.deepEqual(view.upcoming.map((m) => m.id), ['soon']);
    const [active] = view.active;
    assert.equal(active!.anchor, 'maintenance-run');
    assert.equal(active!.statusLabel, 'In progress');
    assert.equal(active!.window, 'Nov 30, 2026 - 22:00 UTC to Dec 1, 2026 - 04:00 UTC');
    assert.equal(active!.from.iso, '2026-11-30T22:00:00.000Z');
    assert.equal(active!.affected, 'SMS, Core (API)');
    assert.equal(active!.html, '<p>What will happen.</p>');
    assert.deepEqual(active!.updates.map((u) => [u.label, u.posted.text]), [['In progress', 'Nov 30, 2026 - 22:00 UTC']]);
  });
});

describe('nextChange', () => {
  const withUpdates = maintenance('m', ['2026-12-01T02:00:00Z', '2026-12-01T04:00:00Z'], [['2026-11-25T09:00:00Z', 'scheduled']]);
  const future: Incident = {
    id: 'later', file: 'content/incidents/later.md', title: 'Later', impact: 'minor', components: {},
    updates: [
      { at: t('2026-11-20T10:00:00Z'), status: 'investigating', body: 'a', components: {} },
      { at: t('2026-11-20T15:00:00Z'), status: 'resolved', body: 'b', components: {} },
    ],
    postmortem: { at: t('2026-11-20T18:00:00Z'), body: 'c' },
  };
  const cases: { now: string; at: string; reason: string }[] = [
    { now: '2026-11-20T09:00:00Z', at: '2026-11-20T10:00:00Z', reason: 'an update to incident later appears' },
    { now: '2026-11-20T10:00:00Z', at: '2026-11-20T15:00:00Z', reason: 'an update to incident later appears' },
    { now: '2026-11-20T15:00:00Z', at: '2026-11-20T18:00:00Z', reason: 'the postmortem of incident later appears' },
    { now: '2026-11-20T18:00:00Z', at: '2026-11-21T00:00:00Z', reason: 'the day ends in Etc/UTC' },
    { now: '2026-11-25T00:00:00Z', at: '2026-11-25T09:00:00Z', reason: 'an update to maintenance m appears' },
    { now: '2026-12-01T00:00:00Z', at: '2026-12-01T02:00:00Z', reason: 'maintenance m starts' },
    { now: '2026-12-01T02:00:00Z', at: '2026-12-01T04:00:00Z', reason: 'maintenance m ends' },
  ];
  for (const c of cases) {
    it(`after ${c.now}: ${c.reason}`, () => {
      assert.deepEqual(nextChange(content([withUpdates], [future]), t(c.now)), { at: t(c.at), reason: c.reason });
    });
  }

  it('ends the day in the site zone', () => {
    const berlin: Content = { ...content([]), site: { ...site, time_zone: 'Europe/Berlin' } };
    assert.equal(nextChange(berlin, t('2026-11-20T12:00:00Z')).at, t('2026-11-20T23:00:00Z'));
  });
});
