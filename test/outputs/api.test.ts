import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { z } from 'zod';
import { API_LIST_LIMIT, API_PAGE_SIZE, apiFiles } from '../../src/outputs/api.ts';
import { madeFiles } from '../../src/outputs/index.ts';
import type { Content, Incident } from '../../src/content/index.ts';
import { siteSchema } from '../../src/content/schema.ts';
import { stateAt } from '../../src/state/status.ts';
import { outputsOnly, sampleSite } from '../helpers/build.ts';

/*
 * Statuspage's public API v2 responses, written from its documentation (the status page's
 * /api/v2 reference) and checked against real responses kept in test/fixtures/statuspage.
 * Strict objects: an extra or missing field fails.
 */
const time = z.iso.datetime({ offset: true });
const nullableTime = time.nullable();
const COMPONENT_STATUS = z.enum(['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance']);

const page = z.strictObject({ id: z.string().min(1), name: z.string(), url: z.url(), time_zone: z.string(), updated_at: time });
const component = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
  status: COMPONENT_STATUS,
  created_at: time,
  updated_at: time,
  position: z.number().int().positive(),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.iso.date().nullable(),
  group_id: z.string().nullable(),
  page_id: z.string(),
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
  components: z.array(z.string()).optional(),
});
const affected = z.strictObject({ code: z.string(), name: z.string(), old_status: COMPONENT_STATUS, new_status: COMPONENT_STATUS });
const update = (statuses: readonly [string, ...string[]]) =>
  z.strictObject({
    id: z.string().min(1),
    status: z.enum(statuses),
    body: z.string(),
    incident_id: z.string(),
    created_at: time,
    updated_at: time,
    display_at: time,
    affected_components: z.array(affected),
    deliver_notifications: z.boolean(),
    custom_tweet: z.string().nullable(),
    tweet_id: z.string().nullable(),
  });
const incidentFields = {
  id: z.string().min(1),
  name: z.string(),
  created_at: time,
  updated_at: time,
  monitoring_at: nullableTime,
  resolved_at: nullableTime,
  shortlink: z.url(),
  started_at: time,
  page_id: z.string(),
  components: z.array(component),
};
const incident = z.strictObject({
  ...incidentFields,
  status: z.enum(['investigating', 'identified', 'monitoring', 'resolved', 'postmortem']),
  impact: z.enum(['none', 'minor', 'major', 'critical']),
  incident_updates: z.array(update(['investigating', 'identified', 'monitoring', 'resolved'])),
  reminder_intervals: z.null(),
});
const MAINTENANCE_STATUS = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
const maintenance = z.strictObject({
  ...incidentFields,
  status: z.enum(MAINTENANCE_STATUS),
  impact: z.enum(['none', 'minor', 'major', 'critical', 'maintenance']),
  incident_updates: z.array(update(MAINTENANCE_STATUS)),
  scheduled_for: time,
  scheduled_until: time,
});
const status = z.strictObject({
  indicator: z.enum(['none', 'minor', 'major', 'critical', 'maintenance']),
  description: z.string(),
});
const RESPONSES = {
  'summary.json': z.strictObject({ page, components: z.array(component), incidents: z.array(incident), scheduled_maintenances: z.array(maintenance), status }),
  'status.json': z.strictObject({ page, status }),
  'components.json': z.strictObject({ page, components: z.array(component) }),
  'incidents.json': z.strictObject({ page, incidents: z.array(incident) }),
  'incidents/unresolved.json': z.strictObject({ page, incidents: z.array(incident) }),
  'scheduled-maintenances.json': z.strictObject({ page, scheduled_maintenances: z.array(maintenance) }),
  'scheduled-maintenances/upcoming.json': z.strictObject({ page, scheduled_maintenances: z.array(maintenance) }),
  'scheduled-maintenances/active.json': z.strictObject({ page, scheduled_maintenances: z.array(maintenance) }),
};
// Beyond Statuspage: one file per incident and maintenance, and the paginated index.
const oneIncident = z.strictObject({ page, incident });
const oneMaintenance = z.strictObject({ page, scheduled_maintenance: maintenance });
const indexPage = z.strictObject({
  page,
  incidents: z.array(incident),
  pagination: z.strictObject({
    page: z.number().int().positive(),
    per_page: z.number().int().positive(),
    total_pages: z.number().int().positive(),
    total_incidents: z.number().int().nonnegative(),
    previous: z.url().nullable(),
    next: z.url().nullable(),
  }),
});

type Incidents = z.infer<typeof incident>[];
type Api = {
  [K in keyof typeof RESPONSES]: z.infer<(typeof RESPONSES)[K]>;
} & { all: Incidents; one: Map<string, z.infer<typeof oneIncident>>; maintenances: Map<string, z.infer<typeof oneMaintenance>> };

/** Reads and validates every file under api/v2 of a built site. */
function readApi(out: string): Api {
  const dir = path.join(out, 'api/v2');
  const json = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as unknown;
  const parse = <T extends z.ZodType>(schema: T, file: string): z.infer<T> => {
    const result = schema.safeParse(json(file));
    assert.ok(result.success, `${file}: ${result.success ? '' : z.prettifyError(result.error)}`);
    return result.data;
  };
  const api = Object.fromEntries(Object.entries(RESPONSES).map(([file, schema]) => [file, parse(schema, file)])) as unknown as Api;
  const pages = readdirSync(path.join(dir, 'incidents/all')).sort((a, b) => parseInt(a) - parseInt(b));
  api.all = pages.flatMap((file, i) => {
    const p = parse(indexPage, `incidents/all/${file}`);
    assert.equal(file, `${i + 1}.json`);
    assert.equal(p.pagination.page, i + 1);
    assert.equal(p.pagination.total_pages, pages.length);
    return p.incidents;
  });
  api.one = new Map(
    readdirSync(path.join(dir, 'incidents'))
      .filter((f) => f.endsWith('.json') && f !== 'unresolved.json')
      .map((f) => [f.replace(/\.json$/, ''), parse(oneIncident, `incidents/${f}`)]),
  );
  api.maintenances = new Map(
    readdirSync(path.join(dir, 'scheduled-maintenances'))
      .filter((f) => f !== 'upcoming.json' && f !== 'active.json')
      .map((f) => [f.replace(/\.json$/, ''), parse(oneMaintenance, `scheduled-maintenances/${f}`)]),
  );
  return api;
}

const newestFirst = (times: string[], what: string) =>
  times.forEach((t, i) => i && assert.ok(Date.parse(times[i - 1]!) >= Date.parse(t), `${what}: ${times[i - 1]} before ${t}`));

/** Statuspage's rules for status.indicator, from its documentation. */
function expectedStatus(api: Api): { indicator: string; description: string } {
  const rank = ['none', 'minor', 'major', 'critical'];
  const fromComponents = { operational: 0, under_maintenance: 0, degraded_performance: 1, partial_outage: 2, major_outage: 3 };
  const worstComponent = Math.max(0, ...api['components.json'].components.filter((c) => !c.group).map((c) => fromComponents[c.status]));
  const worstImpact = Math.max(0, ...api['incidents/unresolved.json'].incidents.map((i) => rank.indexOf(i.impact)));
  const level = Math.max(worstComponent, worstImpact);
  if (level === 0) {
    return api['scheduled-maintenances/active.json'].scheduled_maintenances.length
      ? { indicator: 'maintenance', description: 'Service Under Maintenance' }
      : { indicator: 'none', description: 'All Systems Operational' };
  }
  const degradedOnly = api['components.json'].components.some((c) => c.status === 'degraded_performance') && worstComponent === 1;
  const descriptions = ['', degradedOnly ? 'Partially Degraded Service' : 'Minor Service Outage', 'Partial System Outage', 'Major System Outage'];
  return { indicator: rank[level]!, description: descriptions[level]! };
}

/** The cross-checks between files that Statuspage clients rely on. */
function crossCheck(api: Api) {
  const summary = api['summary.json'];
  // One page object everywhere.
  for (const [file, body] of Object.entries(api)) if (body && 'page' in body) assert.deepEqual(body.page, summary.page, file);
  assert.deepEqual(api['status.json'].status, summary.status);
  assert.deepEqual(summary.status, expectedStatus(api));
  assert.deepEqual(api['components.json'].components, summary.components);

  // Every referenced component exists; groups and members point at each other.
  const components = new Map(summary.components.map((c) => [c.id, c]));
  assert.equal(components.size, summary.components.length, 'component ids are unique');
  for (const c of summary.components) {
    if (c.group) {
      assert.ok(c.components?.length, `group ${c.id} lists its components`);
      for (const id of c.components!) assert.equal(components.get(id)?.group_id, c.id, `${id} is in group ${c.id}`);
    } else {
      assert.equal(c.components, undefined);
      if (c.group_id) assert.ok(components.get(c.group_id)?.group, `group ${c.group_id} of ${c.id} exists`);
    }
  }
  const everything = [...api.all, ...[...api.maintenances.values()].map((m) => m.scheduled_maintenance)];
  for (const i of everything) {
    for (const c of i.components) assert.deepEqual(c, components.get(c.id), `${i.id}: component ${c.id}`);
    for (const u of i.incident_updates) {
      assert.equal(u.incident_id, i.id);
      for (const a of u.affected_components) assert.ok(components.has(a.code), `${i.id}: affected component ${a.code}`);
    }
    newestFirst(i.incident_updates.map((u) => u.display_at), `${i.id} updates`);
  }

  // Lists: newest first, the 50-incident cap, unresolved = not resolved or postmortem = summary.incidents.
  newestFirst(api.all.map((i) => i.created_at), 'incident index');
  assert.deepEqual(api['incidents.json'].incidents, api.all.slice(0, API_LIST_LIMIT));
  const unresolved = api.all.filter((i) => i.status !== 'resolved' && i.status !== 'postmortem');
  assert.deepEqual(api['incidents/unresolved.json'].incidents, unresolved);
  assert.deepEqual(summary.incidents, unresolved);
  for (const i of api.all) assert.deepEqual(api.one.get(i.id)?.incident, i, `incidents/${i.id}.json`);
  assert.equal(api.one.size, api.all.length);

  // Maintenance: upcoming = scheduled, active = in progress or verifying; summary has both.
  const upcoming = api['scheduled-maintenances/upcoming.json'].scheduled_maintenances;
  const active = api['scheduled-maintenances/active.json'].scheduled_maintenances;
  assert.ok(upcoming.every((m) => m.status === 'scheduled'));
  assert.ok(active.every((m) => m.status === 'in_progress' || m.status === 'verifying'));
  assert.deepEqual(summary.scheduled_maintenances, [...active, ...upcoming]);
  const all = [...api.maintenances.values()].map((m) => m.scheduled_maintenance);
  assert.deepEqual(new Set(api['scheduled-maintenances.json'].scheduled_maintenances.map((m) => m.id)), new Set(all.map((m) => m.id)));
  for (const m of [...upcoming, ...active]) assert.deepEqual(api.maintenances.get(m.id)?.scheduled_maintenance, m);
}

/** Real Statuspage responses, for field order. */
const REAL = path.join(import.meta.dirname, '../fixtures/statuspage/githubstatus');
const realJson = (file: string) => JSON.parse(readFileSync(path.join(REAL, file), 'utf8')) as Record<string, unknown[]> & { page: object };

describe('API of the sample site', () => {
  it('validates every file against the Statuspage schemas and passes the cross-checks', async () => {
    crossCheck(readApi(sampleSite()));
  });

  it('writes the fields in the order Statuspage does', async () => {
    // The raw files: parsing with zod would put the keys in the schema's order.
    const ours = (file: string) => JSON.parse(readFileSync(path.join(sampleSite(), 'api/v2', file), 'utf8')) as Record<string, unknown[]> & { page: object };
    const ourSummary = ours('summary.json');
    const ourIncident = ours('incidents.json').incidents![0] as { incident_updates: { affected_components: object[] }[] };
    const summary = realJson('summary.json');
    const incidents = realJson('incidents.json');
    const keys = (o: unknown) => Object.keys(o as object);
    const realIncident = incidents.incidents![0] as { incident_updates: object[] };
    assert.deepEqual(keys(ourSummary), keys(summary));
    assert.deepEqual(keys(ourSummary.page), keys(summary.page));
    const components = ourSummary.components as { group: boolean }[];
    assert.deepEqual(keys(components.find((c) => !c.group)), keys(summary.components![0]));
    assert.deepEqual(keys(components.find((c) => c.group)), [...keys(summary.components![0]), 'components']);
    assert.deepEqual(keys(ourIncident), keys(realIncident));
    assert.deepEqual(keys(ourIncident.incident_updates[0]), keys(realIncident.incident_updates[0]));
    const realAffected = (realIncident.incident_updates[0] as { affected_components: object[] }).affected_components[0];
    assert.deepEqual(keys(ourIncident.incident_updates[0]!.affected_components[0]), keys(realAffected));
    assert.deepEqual(keys((ourIncident as unknown as { components: object[] }).components[0]), keys(summary.components![0]));
  });

  it('maps the sample content: ids, statuses, shortlinks and component positions', async () => {
    const api = readApi(sampleSite());
    const open = api['incidents/unresolved.json'].incidents;
    assert.deepEqual(open.map((i) => [i.id, i.status, i.impact]), [['2026-11-20-delayed-sms-delivery-carrier', 'monitoring', 'minor']]);
    assert.equal(open[0]!.shortlink, 'https://status.example.org/incidents/2026-11-20-delayed-sms-delivery-carrier/');
    assert.deepEqual(open[0]!.incident_updates.map((u) => u.status), ['monitoring', 'identified', 'investigating', 'investigating']);
    assert.deepEqual(open[0]!.incident_updates.at(-1)!.affected_components, [{ code: 'sms', name: 'Messaging - SMS', old_status: 'operational', new_status: 'degraded_performance' }]);
    const withPostmortem = api.one.get('2021-02-18-web-apps-intermittent-errors')!.incident;
    assert.equal(withPostmortem.status, 'postmortem');
    const groups = api['components.json'].components.filter((c) => c.group);
    assert.deepEqual(groups.map((g) => [g.id, g.position]), [['www', 1], ['messaging', 2], ['integrations', 3]]);
    const sms = api['components.json'].components.find((c) => c.id === 'sms')!;
    assert.deepEqual([sms.status, sms.group_id, sms.position, sms.start_date, sms.created_at], ['degraded_performance', 'messaging', 1, '2019-06-01', '2019-06-01T00:00:00.000Z']);
    assert.equal(sms.updated_at, '2026-11-20T09:10:00.000Z');
    assert.match(api['summary.json'].page.id, /^[a-z0-9]{12}$/);
    assert.equal(api['summary.json'].page.url, 'https://status.example.org');
    assert.equal(api['summary.json'].page.updated_at, '2026-11-20T17:30:00.000Z');
    assert.deepEqual(api['scheduled-maintenances/upcoming.json'].scheduled_maintenances.map((m) => m.id), ['2026-11-28-sms-gateway-connection-upgrade']);
  });
});

describe('API of the subscribers fixture (maintenance running, base path)', () => {
  let out: string | undefined;
  const fixture = async () => {
    if (!out) {
      out = outputsOnly({ content: 'test/fixtures/subscribers', now: '2026-11-20T12:00:00Z' });
    }
    return out;
  };
  after(() => out && rmSync(path.dirname(out), { recursive: true, force: true }));

  it('validates and cross-checks', async () => {
    crossCheck(readApi(await fixture()));
  });

  it('shows maintenance: under_maintenance components, active and upcoming lists, clock-made updates', async () => {
    const api = readApi(await fixture());
    const sms = api['components.json'].components.find((c) => c.id === 'sms')!;
    assert.equal(sms.status, 'under_maintenance');
    assert.equal(sms.updated_at, '2026-11-20T11:00:00.000Z');
    // An open incident keeps the indicator at minor: maintenance shows only when nothing is worse.
    assert.deepEqual(api['status.json'].status, { indicator: 'minor', description: 'Partially Degraded Service' });
    const [active] = api['scheduled-maintenances/active.json'].scheduled_maintenances;
    assert.equal(active!.id, 'm-now');
    assert.equal(active!.impact, 'maintenance');
    assert.equal(active!.shortlink, 'https://example.test/status/maintenance/m-now/');
    assert.deepEqual(active!.incident_updates.map((u) => [u.status, u.display_at, u.affected_components[0]!.new_status]), [
      ['in_progress', '2026-11-20T11:00:00.000Z', 'under_maintenance'],
      ['scheduled', '2026-11-15T10:00:00.000Z', 'operational'],
    ]);
    assert.deepEqual(api['scheduled-maintenances/upcoming.json'].scheduled_maintenances.map((m) => [m.id, m.created_at]), [['m-later', '2026-11-25T02:00:00.000Z']]);
    assert.deepEqual(api['scheduled-maintenances.json'].scheduled_maintenances.map((m) => [m.id, m.status]), [
      ['m-later', 'scheduled'], ['m-now', 'in_progress'], ['m-done', 'completed'],
    ]);
    assert.equal(api.maintenances.get('m-done')!.scheduled_maintenance.resolved_at, '2026-11-02T02:40:00.000Z');
  });

  it('leaves out incidents whose first update is still in the future', async () => {
    const api = readApi(await fixture());
    assert.deepEqual(api.all.map((i) => i.id), ['d-open', 'c-hostile', 'b-quiet', 'a-older-postmortem']);
    assert.equal(api.one.has('e-future'), false);
  });
});

describe('apiFiles: the full index beyond 50 incidents', () => {
  const site = siteSchema.parse({
    name: 'Busy', url: 'https://busy.example.test/', time_zone: 'Etc/UTC',
    components: [{ id: 'api', name: 'API', start_date: '2020-01-01' }],
  });
  const incident = (n: number): Incident => ({
    id: `i${String(n).padStart(4, '0')}`, file: `content/incidents/i${n}.md`, title: `Incident ${n}`, impact: 'minor',
    components: { api: 'degraded_performance' },
    updates: [
      { at: Date.UTC(2021, 0, 1) + n * 3_600_000, status: 'investigating', body: 'Looking.', components: {} },
      { at: Date.UTC(2021, 0, 1) + n * 3_600_000 + 60_000, status: 'resolved', body: 'Fixed.', components: {} },
    ],
  });
  const content = (incidents: Incident[]): Content => ({ site, incidents, maintenances: [], warnings: [] });
  const files = (c: Content) => new Map([...madeFiles(apiFiles(stateAt(c, Date.UTC(2026, 0, 1))))].map((f) => [f.path, JSON.parse(f.content as string)]));

  it(`pages every incident, ${API_PAGE_SIZE} a page, while incidents.json keeps the newest ${API_LIST_LIMIT}`, async () => {
    const api = files(content(Array.from({ length: 230 }, (_, n) => incident(n))));
    assert.equal(api.get('api/v2/incidents.json').incidents.length, 50);
    assert.equal(api.get('api/v2/incidents.json').incidents[0].id, 'i0229');
    const pages = [1, 2, 3].map((n) => api.get(`api/v2/incidents/all/${n}.json`));
    assert.deepEqual(pages.map((p) => p.incidents.length), [100, 100, 30]);
    assert.deepEqual(pages.map((p) => p.pagination.next), ['https://busy.example.test/api/v2/incidents/all/2.json', 'https://busy.example.test/api/v2/incidents/all/3.json', null]);
    assert.equal(pages[2].incidents.at(-1).id, 'i0000');
    assert.equal(api.has('api/v2/incidents/all/4.json'), false);
    assert.ok(api.has('api/v2/incidents/i0117.json'));
  });

  it('writes page 1 of the index when there are no incidents', async () => {
    const api = files(content([]));
    assert.deepEqual(api.get('api/v2/incidents/all/1.json').incidents, []);
    assert.equal(api.get('api/v2/incidents/all/1.json').pagination.total_pages, 1);
  });

  it('keeps ids stable: the same content gives the same page and update ids', async () => {
    const a = files(content([incident(1)])).get('api/v2/incidents/i0001.json');
    const b = files(content([incident(1), incident(2)])).get('api/v2/incidents/i0001.json');
    assert.equal(a.page.id, b.page.id);
    assert.deepEqual(a.incident.incident_updates.map((u: { id: string }) => u.id), b.incident.incident_updates.map((u: { id: string }) => u.id));
  });
});
