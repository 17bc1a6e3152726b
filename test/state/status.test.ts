import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Content, Incident } from '../../src/content/index.ts';
import { siteSchema, type ComponentState, type Impact, type OutageState, type UpdateStatus } from '../../src/content/schema.ts';
import { stateAt, type StatusState } from '../../src/state/status.ts';

/** Content built in code, so each case shows every input that matters. */
const site = siteSchema.parse({
  name: 'Test',
  url: 'https://status.example.test/',
  time_zone: 'Etc/UTC',
  groups: [{ id: 'core', name: 'Core', order: 1 }],
  components: [
    { id: 'api', name: 'API', group: 'core', order: 2, start_date: '2026-01-01' },
    { id: 'web', name: 'Web', group: 'core', order: 1, start_date: '2026-01-01' },
    // Ungrouped components come before every group on the page.
    { id: 'sms', name: 'SMS', order: 1, start_date: '2026-01-01' },
  ],
});

const t = (iso: string) => Date.parse(iso);

type UpdateRow = [at: string, status: UpdateStatus, components?: Record<string, ComponentState>];

function incident(
  id: string,
  impact: Impact,
  components: Record<string, OutageState>,
  updates: UpdateRow[],
  postmortem?: string,
): Incident {
  return {
    id,
    file: `content/incidents/${id}.md`,
    title: `Incident ${id}`,
    impact,
    components,
    updates: updates.map(([at, status, changes]) => ({ at: t(at), status, body: `${status} at ${at}`, components: changes ?? {} })),
    postmortem: postmortem ? { at: t(postmortem), body: 'What happened.' } : undefined,
  };
}

const content = (...incidents: Incident[]): Content => ({ site, incidents, warnings: [] });
const componentState = (state: StatusState, id: string) => state.components.find((c) => c.component.id === id)!.state;

describe('stateAt: incident status over time', () => {
  const lifecycle = incident(
    'lifecycle',
    'major',
    { web: 'partial_outage' },
    [
      ['2026-11-10T10:00:00Z', 'investigating'],
      ['2026-11-10T10:30:00Z', 'identified'],
      ['2026-11-10T11:00:00Z', 'identified'],
      ['2026-11-10T12:00:00Z', 'monitoring'],
      ['2026-11-10T13:00:00Z', 'resolved'],
    ],
    '2026-11-12T09:00:00Z',
  );
  const cases: {
    now: string;
    visible: boolean;
    status?: UpdateStatus;
    labels?: string[];
    open?: boolean;
    updatedAt?: string;
    monitoringAt?: string;
    resolvedAt?: string;
    postmortem?: boolean;
  }[] = [
    { now: '2026-11-10T09:59:59.999Z', visible: false },
    { now: '2026-11-10T10:00:00Z', visible: true, status: 'investigating', labels: ['Investigating'], open: true, updatedAt: '2026-11-10T10:00:00Z' },
    { now: '2026-11-10T10:15:00Z', visible: true, status: 'investigating', labels: ['Investigating'], open: true, updatedAt: '2026-11-10T10:00:00Z' },
    { now: '2026-11-10T10:30:00Z', visible: true, status: 'identified', labels: ['Investigating', 'Identified'], open: true, updatedAt: '2026-11-10T10:30:00Z' },
    { now: '2026-11-10T11:00:00Z', visible: true, status: 'identified', labels: ['Investigating', 'Identified', 'Update'], open: true, updatedAt: '2026-11-10T11:00:00Z' },
    {
      now: '2026-11-10T12:59:59Z', visible: true, status: 'monitoring', labels: ['Investigating', 'Identified', 'Update', 'Monitoring'],
      open: true, updatedAt: '2026-11-10T12:00:00Z', monitoringAt: '2026-11-10T12:00:00Z',
    },
    {
      now: '2026-11-10T13:00:00Z', visible: true, status: 'resolved', labels: ['Investigating', 'Identified', 'Update', 'Monitoring', 'Resolved'],
      open: false, updatedAt: '2026-11-10T13:00:00Z', monitoringAt: '2026-11-10T12:00:00Z', resolvedAt: '2026-11-10T13:00:00Z', postmortem: false,
    },
    // The postmortem is posted later than the last update: hidden until then, and it moves updatedAt.
    {
      now: '2026-11-12T08:59:59Z', visible: true, status: 'resolved', labels: ['Investigating', 'Identified', 'Update', 'Monitoring', 'Resolved'],
      open: false, updatedAt: '2026-11-10T13:00:00Z', resolvedAt: '2026-11-10T13:00:00Z', postmortem: false,
    },
    {
      now: '2026-11-12T09:00:00Z', visible: true, status: 'resolved', labels: ['Investigating', 'Identified', 'Update', 'Monitoring', 'Resolved'],
      open: false, updatedAt: '2026-11-12T09:00:00Z', resolvedAt: '2026-11-10T13:00:00Z', postmortem: true,
    },
    {
      now: '2027-06-01T00:00:00Z', visible: true, status: 'resolved', labels: ['Investigating', 'Identified', 'Update', 'Monitoring', 'Resolved'],
      open: false, updatedAt: '2026-11-12T09:00:00Z', resolvedAt: '2026-11-10T13:00:00Z', postmortem: true,
    },
  ];
  for (const c of cases) {
    it(`at ${c.now}: ${c.visible ? c.status : 'not shown yet'}`, () => {
      const state = stateAt(content(lifecycle), t(c.now));
      if (!c.visible) {
        assert.deepEqual(state.incidents, []);
        assert.deepEqual(state.open, []);
        return;
      }
      assert.equal(state.incidents.length, 1);
      const i = state.incidents[0]!;
      assert.equal(i.status, c.status);
      assert.deepEqual(i.updates.map((u) => u.label), c.labels);
      // Updates timestamped after now are not shown.
      assert.ok(i.updates.every((u) => u.at <= t(c.now)));
      assert.equal(i.open, c.open);
      assert.deepEqual(state.open.map((o) => o.incident.id), c.open ? ['lifecycle'] : []);
      assert.equal(i.startedAt, t('2026-11-10T10:00:00Z'));
      assert.equal(i.updatedAt, t(c.updatedAt!));
      if (c.monitoringAt) assert.equal(i.monitoringAt, t(c.monitoringAt));
      assert.equal(i.resolvedAt, c.resolvedAt ? t(c.resolvedAt) : undefined);
      if (c.postmortem !== undefined) assert.equal(i.postmortem !== undefined, c.postmortem);
    });
  }

  it('labels a status "Update" only when it repeats the one just before', () => {
    const flapping = incident('flap', 'minor', {}, [
      ['2026-11-10T10:00:00Z', 'investigating'],
      ['2026-11-10T10:10:00Z', 'investigating'],
      ['2026-11-10T10:20:00Z', 'investigating'],
      ['2026-11-10T10:30:00Z', 'identified'],
      ['2026-11-10T10:40:00Z', 'investigating'],
      ['2026-11-10T10:50:00Z', 'monitoring'],
      ['2026-11-10T11:00:00Z', 'monitoring'],
      ['2026-11-10T11:10:00Z', 'resolved'],
    ]);
    const [i] = stateAt(content(flapping), t('2026-11-11T00:00:00Z')).incidents;
    assert.deepEqual(i!.updates.map((u) => u.label), [
      'Investigating', 'Update', 'Update', 'Identified', 'Investigating', 'Monitoring', 'Update', 'Resolved',
    ]);
  });

  it('lists visible incidents newest start first and open ones separately', () => {
    const older = incident('older', 'minor', {}, [['2026-11-01T10:00:00Z', 'investigating'], ['2026-11-01T11:00:00Z', 'resolved']]);
    const newer = incident('newer', 'minor', {}, [['2026-11-05T10:00:00Z', 'investigating']]);
    const future = incident('future', 'minor', {}, [['2026-11-30T10:00:00Z', 'investigating']]);
    const state = stateAt(content(older, future, newer), t('2026-11-10T00:00:00Z'));
    assert.deepEqual(state.incidents.map((i) => i.incident.id), ['newer', 'older']);
    assert.deepEqual(state.open.map((i) => i.incident.id), ['newer']);
  });

  it('gives the affected components in site order (ungrouped first, then by group and order)', () => {
    const all = incident('all', 'minor', { api: 'degraded_performance', sms: 'degraded_performance', web: 'degraded_performance' }, [
      ['2026-11-10T10:00:00Z', 'investigating'],
    ]);
    const [i] = stateAt(content(all), t('2026-11-10T12:00:00Z')).incidents;
    assert.deepEqual(i!.componentIds, ['sms', 'web', 'api']);
  });
});

describe('stateAt: component states', () => {
  const degraded = incident('degraded', 'minor', { api: 'degraded_performance' }, [
    ['2026-11-10T10:00:00Z', 'investigating'],
    ['2026-11-10T14:00:00Z', 'resolved'],
  ]);
  const partial = incident('partial', 'major', { api: 'partial_outage', web: 'degraded_performance' }, [
    ['2026-11-10T11:00:00Z', 'investigating'],
    ['2026-11-10T12:00:00Z', 'resolved'],
  ]);
  const cases: { now: string; api: ComponentState; web: ComponentState; apiIncidents: string[] }[] = [
    { now: '2026-11-10T09:00:00Z', api: 'operational', web: 'operational', apiIncidents: [] },
    { now: '2026-11-10T10:00:00Z', api: 'degraded_performance', web: 'operational', apiIncidents: ['degraded'] },
    { now: '2026-11-10T11:30:00Z', api: 'partial_outage', web: 'degraded_performance', apiIncidents: ['partial', 'degraded'] },
    { now: '2026-11-10T12:00:00Z', api: 'degraded_performance', web: 'operational', apiIncidents: ['degraded'] },
    { now: '2026-11-10T14:00:00Z', api: 'operational', web: 'operational', apiIncidents: [] },
  ];
  for (const c of cases) {
    it(`at ${c.now}: api ${c.api}, web ${c.web} (worst of the open incidents)`, () => {
      const state = stateAt(content(degraded, partial), t(c.now));
      assert.equal(componentState(state, 'api'), c.api);
      assert.equal(componentState(state, 'web'), c.web);
      assert.equal(componentState(state, 'sms'), 'operational');
      assert.deepEqual(state.components.find((s) => s.component.id === 'api')!.incidents.map((i) => i.incident.id), c.apiIncidents);
    });
  }

  describe('updates that change component states', () => {
    const escalating = incident('escalating', 'critical', { web: 'partial_outage', api: 'partial_outage' }, [
      ['2026-11-10T10:00:00Z', 'investigating'],
      ['2026-11-10T11:00:00Z', 'identified', { web: 'major_outage' }],
      ['2026-11-10T12:00:00Z', 'monitoring', { api: 'operational' }],
      ['2026-11-10T13:00:00Z', 'resolved'],
    ]);
    const cases: { now: string; web: ComponentState; api: ComponentState }[] = [
      { now: '2026-11-10T10:30:00Z', web: 'partial_outage', api: 'partial_outage' },
      { now: '2026-11-10T11:00:00Z', web: 'major_outage', api: 'partial_outage' },
      { now: '2026-11-10T12:30:00Z', web: 'major_outage', api: 'operational' },
      { now: '2026-11-10T13:00:00Z', web: 'operational', api: 'operational' },
    ];
    for (const c of cases) {
      it(`at ${c.now}: web ${c.web}, api ${c.api}`, () => {
        const state = stateAt(content(escalating), t(c.now));
        assert.deepEqual(state.incidents[0]!.componentStates, { web: c.web, api: c.api });
        assert.equal(componentState(state, 'web'), c.web);
        assert.equal(componentState(state, 'api'), c.api);
      });
    }

    it('records each transition on the update that made it', () => {
      const [i] = stateAt(content(escalating), t('2026-11-11T00:00:00Z')).incidents;
      const transitions = i!.updates.map((u) =>
        u.changes.filter((c) => c.from !== c.to).map(({ id, from, to }) => `${id}: ${from} → ${to}`).sort(),
      );
      assert.deepEqual(transitions, [
        ['api: operational → partial_outage', 'web: operational → partial_outage'],
        ['web: partial_outage → major_outage'],
        ['api: partial_outage → operational'],
        ['web: major_outage → operational'],
      ]);
    });

    it('records outage intervals at the state they had, ending at the change', () => {
      const [i] = stateAt(content(escalating), t('2026-11-11T00:00:00Z')).incidents;
      const outages = i!.outages
        .map((o) => `${o.component} ${o.state} ${new Date(o.from).toISOString()}–${new Date(o.to).toISOString()}`)
        .sort();
      assert.deepEqual(outages, [
        'api partial_outage 2026-11-10T10:00:00.000Z–2026-11-10T12:00:00.000Z',
        'web major_outage 2026-11-10T11:00:00.000Z–2026-11-10T13:00:00.000Z',
        'web partial_outage 2026-11-10T10:00:00.000Z–2026-11-10T11:00:00.000Z',
      ]);
    });

    it('ends an open outage at now, not at a future update', () => {
      const [i] = stateAt(content(escalating), t('2026-11-10T11:30:00Z')).incidents;
      assert.equal(i!.updates.length, 2);
      const web = i!.outages.filter((o) => o.component === 'web').map((o) => [o.state, o.to]);
      assert.deepEqual(web, [
        ['partial_outage', t('2026-11-10T11:00:00Z')],
        ['major_outage', t('2026-11-10T11:30:00Z')],
      ]);
    });

    it('adds a component first named by a later update', () => {
      const spreading = incident('spreading', 'major', { web: 'degraded_performance' }, [
        ['2026-11-10T10:00:00Z', 'investigating'],
        ['2026-11-10T11:00:00Z', 'identified', { sms: 'major_outage' }],
      ]);
      const state = stateAt(content(spreading), t('2026-11-10T12:00:00Z'));
      assert.equal(componentState(state, 'sms'), 'major_outage');
      assert.deepEqual(state.incidents[0]!.componentIds, ['sms', 'web']);
      assert.deepEqual(
        state.incidents[0]!.updates[1]!.changes.filter((c) => c.id === 'sms'),
        [{ id: 'sms', from: 'operational', to: 'major_outage' }],
      );
    });
  });
});

describe('stateAt: overall indicator', () => {
  const open = (id: string, impact: Impact, components: Record<string, OutageState>, changes?: Record<string, ComponentState>) =>
    incident(id, impact, components, [
      ['2026-11-10T10:00:00Z', 'investigating'],
      ...(changes ? [['2026-11-10T11:00:00Z', 'identified', changes] as UpdateRow] : []),
    ]);
  const resolved = (id: string, impact: Impact, components: Record<string, OutageState>) =>
    incident(id, impact, components, [
      ['2026-11-10T10:00:00Z', 'investigating'],
      ['2026-11-10T11:00:00Z', 'resolved'],
    ]);
  const cases: { name: string; incidents: Incident[]; indicator: string; description: string }[] = [
    { name: 'no incidents', incidents: [], indicator: 'none', description: 'All Systems Operational' },
    { name: 'only resolved incidents', incidents: [resolved('r', 'critical', { web: 'major_outage' })], indicator: 'none', description: 'All Systems Operational' },
    { name: 'open, impact none, no components', incidents: [open('a', 'none', {})], indicator: 'none', description: 'All Systems Operational' },
    { name: 'impact none, a degraded component', incidents: [open('a', 'none', { web: 'degraded_performance' })], indicator: 'minor', description: 'Partially Degraded Service' },
    { name: 'impact none, a partial outage', incidents: [open('a', 'none', { web: 'partial_outage' })], indicator: 'major', description: 'Partial System Outage' },
    { name: 'impact none, a major outage', incidents: [open('a', 'none', { web: 'major_outage' })], indicator: 'critical', description: 'Major System Outage' },
    { name: 'impact minor, no components', incidents: [open('a', 'minor', {})], indicator: 'minor', description: 'Minor Service Outage' },
    { name: 'impact minor, a degraded component', incidents: [open('a', 'minor', { web: 'degraded_performance' })], indicator: 'minor', description: 'Partially Degraded Service' },
    { name: 'impact major, a degraded component', incidents: [open('a', 'major', { web: 'degraded_performance' })], indicator: 'major', description: 'Partial System Outage' },
    { name: 'impact critical, a degraded component', incidents: [open('a', 'critical', { web: 'degraded_performance' })], indicator: 'critical', description: 'Major System Outage' },
    {
      name: 'the worst of several open incidents',
      incidents: [open('a', 'minor', { web: 'degraded_performance' }), open('b', 'major', { api: 'degraded_performance' })],
      indicator: 'major', description: 'Partial System Outage',
    },
    {
      name: 'a component that recovered while its incident stays open',
      incidents: [open('a', 'minor', { web: 'partial_outage' }, { web: 'operational' })],
      indicator: 'minor', description: 'Minor Service Outage',
    },
    {
      name: 'an outage that grew from partial to major',
      incidents: [open('a', 'major', { web: 'partial_outage' }, { web: 'major_outage' })],
      indicator: 'critical', description: 'Major System Outage',
    },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.indicator} "${c.description}"`, () => {
      const state = stateAt(content(...c.incidents), t('2026-11-10T12:00:00Z'));
      assert.equal(state.indicator, c.indicator);
      assert.equal(state.description, c.description);
    });
  }
});

describe('stateAt: uptime from incidents', () => {
  it('weights each part of an incident by the state it was in', () => {
    // Partial 10–11 (30 % of an hour), major 11–12, operational while monitoring 12–13.
    const escalating = incident('escalating', 'critical', { web: 'partial_outage' }, [
      ['2026-11-10T10:00:00Z', 'investigating'],
      ['2026-11-10T11:00:00Z', 'identified', { web: 'major_outage' }],
      ['2026-11-10T12:00:00Z', 'monitoring', { web: 'operational' }],
      ['2026-11-10T13:00:00Z', 'resolved'],
    ]);
    const state = stateAt(content(escalating), t('2026-11-21T12:00:00Z'));
    const web = state.components.find((c) => c.component.id === 'web')!.uptime;
    const day = web.days.find((d) => d.date === '2026-11-10')!;
    assert.equal(day.downSeconds, 3600 * 0.3 + 3600);
    assert.equal(day.uptime, 1 - (3600 * 0.3 + 3600) / 86400);
    assert.equal(day.worst, 'major_outage');
    assert.deepEqual(day.incidents, ['escalating']);
    // 89 whole days plus 12 hours of today.
    assert.equal(web.percent, 1 - (3600 * 0.3 + 3600) / (89 * 86400 + 43200));
  });

  it('counts an open incident up to now only', () => {
    const ongoing = incident('ongoing', 'critical', { api: 'major_outage' }, [
      ['2026-11-21T06:00:00Z', 'investigating'],
      ['2026-11-21T20:00:00Z', 'resolved'],
    ]);
    const state = stateAt(content(ongoing), t('2026-11-21T12:00:00Z'));
    const today = state.components.find((c) => c.component.id === 'api')!.uptime.days.at(-1)!;
    assert.equal(today.date, '2026-11-21');
    assert.equal(today.downSeconds, 6 * 3600);
    assert.equal(today.uptime, 0.5);
  });
});
