import { DateTime } from 'luxon';
import TurndownService from 'turndown';
import { parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { quoteTimes, slugify, writtenTime } from './edit.ts';
import { StatusError } from '../shared/errors.ts';
import { COMPONENT_STATES, type ComponentState, IMPACTS, MAINTENANCE_STATUSES, OUTAGE_STATES, UPDATE_STATUSES } from '../content/index.ts';

/**
 * Statuspage API v2 JSON (summary, incidents, scheduled maintenances, components) → our content
 * files. Ids, names, times, impacts, statuses, bodies and affected components are kept; HTML
 * bodies become Markdown. Pure: the command reads the JSON and writes the files.
 */

const time = z.string().refine((s) => DateTime.fromISO(s, { setZone: true }).isValid, { error: 'expected an ISO time' });
const loose = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);

const spComponent = loose({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  position: z.number().nullish(),
  group_id: z.string().nullish(),
  group: z.boolean().nullish(),
  only_show_if_degraded: z.boolean().nullish(),
  start_date: z.string().nullish(),
  created_at: time.nullish(),
  components: z.array(z.string()).nullish(),
});

const spUpdate = loose({
  id: z.string().nullish(),
  status: z.string(),
  body: z.string().nullish(),
  created_at: time,
  display_at: time.nullish(),
  affected_components: z.array(loose({ code: z.string(), name: z.string().nullish(), old_status: z.string().nullish(), new_status: z.string() })).nullish(),
});

const spIncident = loose({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  impact: z.string(),
  created_at: time,
  started_at: time.nullish(),
  scheduled_for: time.nullish(),
  scheduled_until: time.nullish(),
  postmortem_body: z.string().nullish(),
  postmortem_published_at: time.nullish(),
  incident_updates: z.array(spUpdate),
  components: z.array(spComponent).nullish(),
});

const spPage = loose({ id: z.string().nullish(), name: z.string(), url: z.string(), time_zone: z.string().nullish() });

export type SpComponent = z.infer<typeof spComponent>;
export type SpIncident = z.infer<typeof spIncident>;

/** Everything found in the source files, merged. */
export interface StatuspageData {
  page?: z.infer<typeof spPage>;
  components: SpComponent[];
  incidents: SpIncident[];
  maintenances: SpIncident[];
}

const spFile = loose({
  page: spPage.optional(),
  components: z.array(spComponent).optional(),
  incidents: z.array(spIncident).optional(),
  scheduled_maintenances: z.array(spIncident).optional(),
});

/** Merges parsed API responses (any of summary, incidents, scheduled-maintenances, components, or one incident). */
export function mergeSources(sources: { name: string; json: unknown }[]): StatuspageData {
  const data: StatuspageData = { components: [], incidents: [], maintenances: [] };
  const byId = <T extends { id: string }>(list: T[], items: T[]) => {
    for (const item of items) {
      const i = list.findIndex((x) => x.id === item.id);
      // Keep the fuller copy: incidents.json has every update, summary.json only open ones.
      if (i < 0) list.push(item);
      else if (JSON.stringify(item).length > JSON.stringify(list[i]).length) list[i] = item;
    }
  };
  for (const { name, json } of sources) {
    const single = spIncident.safeParse(json);
    if (single.success && 'incident_updates' in (json as object)) {
      byId(single.data.scheduled_for ? data.maintenances : data.incidents, [single.data]);
      continue;
    }
    const parsed = spFile.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new StatusError('USAGE', `${name} is not Statuspage API v2 JSON: ${issue.path.join('.') || 'the file'}: ${issue.message}`);
    }
    const f = parsed.data;
    if (!f.page && !f.components && !f.incidents && !f.scheduled_maintenances) {
      throw new StatusError('USAGE', `${name} has none of page, components, incidents or scheduled_maintenances; is it a Statuspage API v2 file?`);
    }
    data.page ??= f.page;
    byId(data.components, f.components ?? []);
    // Statuspage lists maintenances among incidents too: they are the ones with a window.
    byId(data.incidents, (f.incidents ?? []).filter((i) => !i.scheduled_for));
    byId(data.maintenances, [...(f.scheduled_maintenances ?? []), ...(f.incidents ?? []).filter((i) => i.scheduled_for)]);
  }
  return data;
}

export interface ImportedFile {
  /** Path inside the content folder. */
  path: string;
  content: string;
}

export interface ImportResult {
  files: ImportedFile[];
  /** What could not be carried over exactly, for the person running the import. */
  notes: string[];
  counts: { components: number; groups: number; incidents: number; maintenances: number };
}

const turndown = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced', emDelimiter: '_' });

/** Statuspage bodies are plain text with line breaks, or HTML; both become Markdown. */
export function bodyToMarkdown(body: string): string {
  const text = body.replace(/\r\n?/g, '\n').trim();
  if (!/<\/?[a-z][a-z0-9]*\b[^>]*>/i.test(text)) return text;
  // Line breaks in mixed text are meant as breaks; HTML would collapse them.
  return turndown.turndown(text.replace(/\n/g, '<br>')).replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

export function importStatuspage(data: StatuspageData): ImportResult {
  if (!data.page) throw new StatusError('USAGE', 'no page found: include summary.json (or any file with a "page" object) in the source');
  const zone = data.page.time_zone && DateTime.local().setZone(data.page.time_zone).isValid ? data.page.time_zone : 'Etc/UTC';
  const notes: string[] = [];
  if (zone !== data.page.time_zone) notes.push(`page time zone "${data.page.time_zone ?? ''}" is not an IANA zone; using Etc/UTC`);

  // Components referenced only by incidents (since deleted on the page) are added so ids resolve.
  const components = [...data.components];
  for (const c of [...data.incidents, ...data.maintenances].flatMap((i) => i.components ?? [])) {
    if (!components.some((x) => x.id === c.id)) {
      components.push(c);
      notes.push(`component "${c.name}" (${c.id}) is named by an incident but not listed on the page; added it`);
    }
  }
  const groups = components.filter((c) => c.group);
  const leaves = components.filter((c) => !c.group);

  const files: ImportedFile[] = [{ path: 'site.yml', content: siteText(data.page, zone, groups, leaves) }];
  const used = new Set<string>();
  const fileName = (folder: string, at: number, title: string, id: string) => {
    const base = `${DateTime.fromMillis(at, { zone }).toFormat('yyyy-MM-dd')}-${slugify(title)}`;
    const name = used.has(`${folder}/${base}`) ? `${base}-${id}` : base;
    used.add(`${folder}/${name}`);
    return `${folder}/${name}.md`;
  };
  const sortedByStart = (list: SpIncident[]) => [...list].sort((a, b) => ms(a.started_at ?? a.created_at) - ms(b.started_at ?? b.created_at));
  for (const incident of sortedByStart(data.incidents)) {
    const { text, start } = incidentText(incident, zone, notes);
    files.push({ path: fileName('incidents', start, incident.name, incident.id), content: text });
  }
  for (const m of sortedByStart(data.maintenances)) {
    files.push({ path: fileName('maintenance', ms(m.scheduled_for!), m.name, m.id), content: maintenanceText(m, zone, notes) });
  }
  return { files, notes, counts: { components: leaves.length, groups: groups.length, incidents: data.incidents.length, maintenances: data.maintenances.length } };
}

const ms = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toMillis();
const when = (update: z.infer<typeof spUpdate>) => ms(update.display_at ?? update.created_at);
/** Statuspage ids are lowercase letters and digits already; anything else is made to fit. */
const safeId = (id: string) => id.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[-_]+/, '') || 'x';

function yamlText(data: unknown, header?: string): string {
  const doc = parseDocument('{}', { version: '1.2' }) as Document;
  doc.contents = doc.createNode(data) as typeof doc.contents;
  if (header) doc.commentBefore = header;
  quoteTimes(doc.contents);
  return doc.toString({ lineWidth: 0 });
}

function siteText(page: NonNullable<StatuspageData['page']>, zone: string, groups: SpComponent[], leaves: SpComponent[]): string {
  const startDate = (c: SpComponent) =>
    c.start_date ?? (c.created_at ? DateTime.fromISO(c.created_at, { zone }).toFormat('yyyy-MM-dd') : '2000-01-01');
  const site = {
    name: page.name,
    url: page.url.endsWith('/') ? page.url : `${page.url}/`,
    time_zone: zone,
    groups: groups.map((g) => ({ id: safeId(g.id), name: g.name, ...(g.description ? { description: g.description } : {}), order: g.position ?? 0 })),
    components: leaves.map((c) => ({
      id: safeId(c.id),
      name: c.name,
      ...(c.description ? { description: c.description } : {}),
      ...(c.group_id ? { group: safeId(c.group_id) } : {}),
      order: c.position ?? 0,
      start_date: startDate(c),
      ...(c.only_show_if_degraded ? { only_show_if_degraded: true } : {}),
    })),
  };
  if (!site.groups.length) delete (site as Partial<typeof site>).groups;
  return yamlText(site, ` Imported from the Statuspage page ${page.name}${page.id ? ` (${page.id})` : ''}. Ids are Statuspage's: keep them.`);
}

const isOutage = (s: string): s is (typeof OUTAGE_STATES)[number] => (OUTAGE_STATES as readonly string[]).includes(s);
const isState = (s: string): s is ComponentState => (COMPONENT_STATES as readonly string[]).includes(s);

function incidentText(incident: SpIncident, zone: string, notes: string[]): { text: string; start: number } {
  const where = `incident ${incident.id} "${incident.name}"`;
  let updates = [...incident.incident_updates].sort((a, b) => when(a) - when(b));
  let postmortem = incident.postmortem_body ? { at: incident.postmortem_published_at ?? incident.created_at, body: incident.postmortem_body } : undefined;
  // A "postmortem" update is the postmortem itself, not a status change.
  const pm = updates.filter((u) => u.status === 'postmortem');
  if (pm.length) {
    updates = updates.filter((u) => u.status !== 'postmortem');
    postmortem ??= { at: pm.at(-1)!.display_at ?? pm.at(-1)!.created_at, body: pm.map((u) => u.body ?? '').join('\n\n') };
  }
  if (!updates.length) throw new StatusError('CONTENT', `${where} has no updates; Statuspage always has one — is the file complete?`);

  const impact = (IMPACTS as readonly string[]).includes(incident.impact) ? incident.impact : 'none';
  if (impact !== incident.impact) notes.push(`${where}: impact "${incident.impact}" is not one of ${IMPACTS.join(', ')}; wrote none`);

  // Component states as our model replays them, to write only what each update changes.
  const states = new Map<string, ComponentState>();
  const opening: Record<string, string> = {};
  let last = -Infinity;
  const written = updates.map((u, i) => {
    let at = when(u);
    if (at <= last) {
      notes.push(`${where}: two updates share the time ${DateTime.fromMillis(at, { zone: 'utc' }).toISO()}; the later one is written 1 ms later`);
      at = last + 1;
    }
    last = at;
    let status = (UPDATE_STATUSES as readonly string[]).includes(u.status) ? u.status : 'investigating';
    if (status !== u.status) notes.push(`${where}: update status "${u.status}" is not one of ${UPDATE_STATUSES.join(', ')}; wrote investigating`);
    // Our format ends an incident at its resolved update; Statuspage allows more after it.
    if (status === 'resolved' && i < updates.length - 1) {
      notes.push(`${where}: updates follow a resolved one; that resolved update is written as monitoring`);
      status = 'monitoring';
    }
    if (status === 'resolved') {
      for (const id of states.keys()) states.set(id, 'operational');
    }
    const changes: Record<string, ComponentState> = {};
    for (const a of u.affected_components ?? []) {
      const id = safeId(a.code);
      if (!isState(a.new_status)) {
        notes.push(`${where}: component state "${a.new_status}" is not one of ${COMPONENT_STATES.join(', ')}; left out`);
        continue;
      }
      if (i === 0 && isOutage(a.new_status)) opening[id] = a.new_status;
      else if (states.get(id) !== a.new_status) changes[id] = a.new_status;
      states.set(id, a.new_status);
    }
    return { at: writtenTime(at, zone), status, body: bodyToMarkdown(u.body ?? '') || '(no text)', ...(Object.keys(changes).length ? { components: changes } : {}) };
  });
  // Components Statuspage lists on the incident but no update names: affected from the start.
  for (const c of incident.components ?? []) {
    const id = safeId(c.id);
    if (!states.has(id)) {
      notes.push(`${where}: component ${c.name} is listed on the incident but no update gives its state; wrote it as degraded_performance`);
      opening[id] = 'degraded_performance';
    }
  }
  const front: Record<string, unknown> = { id: safeId(incident.id), title: incident.name, impact };
  if (Object.keys(opening).length) front.components = opening;
  if (postmortem) front.postmortem_at = writtenTime(Math.max(ms(postmortem.at), last + 1), zone);
  front.updates = written.reverse();
  const text = `---\n${yamlText(front)}---\n${postmortem ? `${bodyToMarkdown(postmortem.body)}\n` : ''}`;
  return { text, start: when(updates[0]!) };
}

function maintenanceText(m: SpIncident, zone: string, notes: string[]): string {
  const where = `maintenance ${m.id} "${m.name}"`;
  const updates = [...m.incident_updates].sort((a, b) => when(a) - when(b));
  let last = -Infinity;
  const written = updates.flatMap((u) => {
    if (!(MAINTENANCE_STATUSES as readonly string[]).includes(u.status)) {
      notes.push(`${where}: update status "${u.status}" is not one of ${MAINTENANCE_STATUSES.join(', ')}; left out`);
      return [];
    }
    const at = Math.max(when(u), last + 1);
    last = at;
    return [{ at: writtenTime(at, zone), status: u.status, body: bodyToMarkdown(u.body ?? '') || '(no text)' }];
  });
  const ids = [...new Set([...(m.components ?? []).map((c) => c.id), ...updates.flatMap((u) => (u.affected_components ?? []).map((a) => a.code))])].map(safeId);
  const front = {
    id: safeId(m.id),
    title: m.name,
    scheduled_for: writtenTime(ms(m.scheduled_for!), zone),
    scheduled_until: writtenTime(ms(m.scheduled_until ?? m.scheduled_for!), zone),
    components: ids,
    updates: written.reverse(),
  };
  return `---\n${yamlText(front)}---\n`;
}
