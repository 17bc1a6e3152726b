import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Content, FiringAlert, Incident, Probe } from '../../src/content/index.ts';
import type { Maintenance } from '../../src/content/maintenance.ts';
import { automationOf, siteSchema } from '../../src/content/schema.ts';
import { automaticState, failingRun, stateAt, type StatusState } from '../../src/state/index.ts';

/*
 * Statuspage's component automation: failed checks in a row, or a firing alert, set a component's
 * state, unless a person's incident or maintenance is open on it. Content made in code.
 */

const t = (iso: string) => Date.parse(iso);
const NOW = t('2026-11-20T12:00:00Z');
const MIN = 60_000;

const siteWith = (automation: unknown) =>
  siteSchema.parse({
    name: 'Test',
    url: 'https://status.example.test/',
    time_zone: 'Etc/UTC',
    components: [
      { id: 'api', name: 'API', order: 1, start_date: '2026-01-01' },
      { id: 'web', name: 'Web', order: 2, start_date: '2026-01-01' },
    ],
    ...(automation === undefined ? {} : { automation }),
  });

const ON = siteWith(null);

/** A series of checks a minute apart ending `end` minutes before now: `x` fails, `.` passes. */
const series = (pattern: string, end = 0, error = 'connection refused'): Probe[] =>
  [...pattern].map((c, i) => ({ at: NOW - (pattern.length - 1 - i + end) * MIN, ok: c === '.', ms: 100, ...(c === 'x' ? { error } : {}) }));

const alert = (component: string, since: number, key = 'k1'): FiringAlert => ({ key, component, summary: 'API error rate above 5%', since });

function incident(components: Record<string, 'partial_outage' | 'degraded_performance'>, resolvedAt?: number): Incident {
  const at = NOW - 30 * MIN;
  return {
    id: 'by-hand',
    file: 'content/incidents/by-hand.md',
    title: 'Written by a person',
    impact: 'minor',
    components,
    updates: [
      { at, status: 'investigating', body: 'Looking.', components: {} },
      ...(resolvedAt ? [{ at: resolvedAt, status: 'resolved' as const, body: 'Fixed.', components: {} }] : []),
    ],
  };
}

const maintenance = (from: number, until: number): Maintenance => ({
  id: 'upgrade',
  file: 'content/maintenance/upgrade.md',
  title: 'Upgrade',
  scheduledFor: from,
  scheduledUntil: until,
  components: ['api'],
  updates: [],
  description: 'An upgrade.',
});

const content = (parts: Partial<Content> = {}): Content => ({ site: ON, incidents: [], warnings: [], ...parts });
const api = (state: StatusState) => state.components.find((c) => c.component.id === 'api')!;

describe('failingRun: checks in a row', () => {
  it('needs fail_after failures in a row, the last at or before now', () => {
    assert.equal(failingRun(series('...xx'), NOW, 3), undefined);
    const run = failingRun(series('..xxx'), NOW, 3);
    assert.deepEqual(run, { since: NOW, failures: 3, error: 'connection refused' });
    // Five in a row: it began when the third failed.
    assert.deepEqual(failingRun(series('xxxxx'), NOW, 3)?.since, NOW - 2 * MIN);
    assert.deepEqual(failingRun(series('xxxxx'), NOW, 1)?.since, NOW - 4 * MIN);
  });

  it('is reset by one passing check', () => {
    assert.equal(failingRun(series('xxxxx.'), NOW, 3), undefined);
    assert.equal(failingRun(series('xx.xx'), NOW, 3), undefined);
    assert.ok(failingRun(series('xx.xxx'), NOW, 3));
  });

  it('ignores checks after now, and reads a series in any order', () => {
    // Three failures up to now, then a pass a minute later: the pass has not happened yet.
    const later = [...series('xxx'), { at: NOW + MIN, ok: true, ms: 90 }];
    assert.ok(failingRun(later, NOW, 3));
    assert.equal(failingRun(later, NOW + MIN, 3), undefined);
    // Failures written after now do not count either.
    const future = [...series('..'), { at: NOW + MIN, ok: false, ms: 0 }, { at: NOW + 2 * MIN, ok: false, ms: 0 }, { at: NOW + 3 * MIN, ok: false, ms: 0 }];
    assert.equal(failingRun(future, NOW, 3), undefined);
    assert.deepEqual(failingRun([...series('x..xxx')].reverse(), NOW, 3)?.failures, 3);
  });

  it('gives nothing for an empty series or too few checks', () => {
    assert.equal(failingRun([], NOW, 3), undefined);
    assert.equal(failingRun(series('xx'), NOW, 3), undefined);
  });
});

describe('automaticState', () => {
  const config = automationOf(ON);

  it('is off without the site file’s automation:', () => {
    assert.equal(automationOf(siteWith(undefined)), undefined);
    assert.equal(automaticState(undefined, series('xxxxx'), [alert('api', NOW)], 'api', NOW), undefined);
  });

  it('fills in the defaults: 3 failures, major outage, alerts count', () => {
    assert.deepEqual(config, { fail_after: 3, state: 'major_outage', alerts: true });
    assert.deepEqual(automationOf(siteWith({ fail_after: 5, state: 'partial_outage', alerts: false })), { fail_after: 5, state: 'partial_outage', alerts: false });
  });

  it('sets the state from the probes, with the last error as summary', () => {
    assert.deepEqual(automaticState(config, series('.xxx'), [], 'api', NOW), { state: 'major_outage', since: NOW, reason: 'probes', failures: 3, summary: 'connection refused' });
  });

  it('sets it from an alert firing since before now, naming the component', () => {
    assert.deepEqual(automaticState(config, undefined, [alert('api', NOW - MIN)], 'api', NOW), { state: 'major_outage', since: NOW - MIN, reason: 'alert', summary: 'API error rate above 5%' });
    assert.equal(automaticState(config, undefined, [alert('web', NOW - MIN)], 'api', NOW), undefined);
    assert.equal(automaticState(config, undefined, [alert('api', NOW + MIN)], 'api', NOW), undefined, 'an alert that starts later');
  });

  it('ignores alerts when the site says alerts: false', () => {
    const noAlerts = automationOf(siteWith({ alerts: false }));
    assert.equal(automaticState(noAlerts, series('...'), [alert('api', NOW - MIN)], 'api', NOW), undefined);
  });

  it('gives the cause that began first when both hold', () => {
    assert.equal(automaticState(config, series('xxx'), [alert('api', NOW - 10 * MIN)], 'api', NOW)?.reason, 'alert');
    assert.equal(automaticState(config, series('xxxxxxxxxx'), [alert('api', NOW - MIN)], 'api', NOW)?.reason, 'probes');
  });
});

describe('stateAt with automation', () => {
  const failing = new Map([['api', series('..xxx')]]);

  it('shows the automatic state after N failures in a row, and the overall status follows', () => {
    const state = stateAt(content({ probes: failing }), NOW);
    assert.equal(api(state).state, 'major_outage');
    assert.equal(api(state).shown, 'major_outage');
    assert.deepEqual(api(state).automatic, { state: 'major_outage', since: NOW, reason: 'probes', failures: 3, summary: 'connection refused' });
    assert.deepEqual([state.indicator, state.description], ['critical', 'Major System Outage']);
    assert.equal(state.components.find((c) => c.component.id === 'web')!.automatic, undefined);
  });

  it('sets the configured state', () => {
    const state = stateAt(content({ site: siteWith({ fail_after: 2, state: 'degraded_performance' }), probes: new Map([['api', series('.xx')]]) }), NOW);
    assert.equal(api(state).shown, 'degraded_performance');
    assert.deepEqual([state.indicator, state.description], ['minor', 'Partially Degraded Service']);
  });

  it('clears it once a check passes', () => {
    const state = stateAt(content({ probes: new Map([['api', series('xxxx.')]]) }), NOW);
    assert.equal(api(state).shown, 'operational');
    assert.equal(api(state).automatic, undefined);
    assert.equal(state.indicator, 'none');
  });

  it('does nothing without automation: in the site file', () => {
    const state = stateAt(content({ site: siteWith(undefined), probes: failing, firing: [alert('api', NOW - MIN)] }), NOW);
    assert.equal(api(state).shown, 'operational');
    assert.equal(api(state).automatic, undefined);
  });

  it('follows an alert: firing sets the state, resolved (out of the file) clears it', () => {
    const firing = stateAt(content({ firing: [alert('api', NOW - 5 * MIN)] }), NOW);
    assert.equal(api(firing).shown, 'major_outage');
    assert.equal(api(firing).automatic?.reason, 'alert');
    assert.equal(api(firing).automatic?.summary, 'API error rate above 5%');
    const resolved = stateAt(content({ firing: [] }), NOW);
    assert.equal(api(resolved).shown, 'operational');
  });

  it('is ignored while a person’s incident is open on the component: the person’s state shows', () => {
    const open = stateAt(content({ probes: failing, incidents: [incident({ api: 'degraded_performance' })] }), NOW);
    assert.equal(api(open).shown, 'degraded_performance');
    assert.equal(api(open).automatic, undefined);
    // The incident's impact and the component it set, not automation's major outage.
    assert.equal(open.indicator, 'minor');
    // Another component's incident does not stop it.
    const elsewhere = stateAt(content({ probes: failing, incidents: [incident({ web: 'degraded_performance' })] }), NOW);
    assert.equal(api(elsewhere).shown, 'major_outage');
    // Once the incident is resolved, automation applies again.
    const resolved = stateAt(content({ probes: failing, incidents: [incident({ api: 'degraded_performance' }, NOW - 10 * MIN)] }), NOW);
    assert.equal(api(resolved).shown, 'major_outage');
  });

  it('is ignored while a maintenance on the component is in progress', () => {
    const running = stateAt(content({ probes: failing, firing: [alert('api', NOW - MIN)], maintenances: [maintenance(NOW - 60 * MIN, NOW + 60 * MIN)] }), NOW);
    assert.equal(api(running).shown, 'under_maintenance');
    assert.equal(api(running).automatic, undefined);
    assert.equal(running.indicator, 'maintenance');
    // A maintenance not yet started does not.
    const later = stateAt(content({ probes: failing, maintenances: [maintenance(NOW + 60 * MIN, NOW + 120 * MIN)] }), NOW);
    assert.equal(api(later).shown, 'major_outage');
  });

  it('is the same at the same now, whatever the order of the series', () => {
    const a = stateAt(content({ probes: failing }), NOW);
    const b = stateAt(content({ probes: new Map([['api', [...series('..xxx')].reverse()]]) }), NOW);
    assert.deepEqual(api(a).automatic, api(b).automatic);
  });
});
