import { z } from 'zod';
import { affectedText } from '../view/affected.ts';
import { closest, type Problem } from '../shared/errors.ts';
import { iso, stamp, type Clock } from '../shared/format.ts';
import { renderMarkdown } from '../shared/markdown.ts';
import { componentSchema, updateSchema, type ComponentState, type Site } from './schema.ts';
import type { StatusState } from '../state/status.ts';
import type { Stamp, UpdateView } from '../view/site.ts';
import { lineAt, readFrontMatter, schemaProblems, timeReader, type YamlSource } from './yaml-source.ts';

/**
 * Scheduled maintenance: files under content/maintenance/, their state at an instant, and
 * what the home page shows of them. The clock moves a maintenance on by itself: in progress at
 * `scheduled_for`, completed at `scheduled_until`; updates written in the file add to that.
 */

export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

export const MAINTENANCE_LABELS: Record<MaintenanceStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

/** What a component shows: its incident state, or under_maintenance while a maintenance on it runs. */
export type ShownState = ComponentState | 'under_maintenance';
export const UNDER_MAINTENANCE_LABEL = 'Under Maintenance';

/** Ids that would collide with the API's fixed files under scheduled-maintenances/. */
const RESERVED_IDS = ['active', 'upcoming'];

const id = componentSchema.shape.id;
const timestamp = updateSchema.shape.at;

export const maintenanceUpdateSchema = updateSchema
  .omit({ components: true })
  .extend({ status: z.enum(MAINTENANCE_STATUSES) });

export const maintenanceSchema = z.strictObject({
  id: id.optional(),
  title: z.string().trim().min(1),
  scheduled_for: timestamp,
  scheduled_until: timestamp,
  /** A list of ids, or a map `id: under_maintenance` (the shape incidents use). */
  components: z.union([z.array(id), z.record(id, z.literal('under_maintenance').nullable())]).default([]),
  updates: z.array(maintenanceUpdateSchema).default([]),
});

const KEYS = [...new Set([...Object.keys(maintenanceSchema.shape), ...Object.keys(maintenanceUpdateSchema.shape)])];

const EXAMPLES: Record<string, string> = {
  title: 'title: Database upgrade',
  scheduled_for: 'scheduled_for: 2026-11-22 02:00',
  scheduled_until: 'scheduled_until: 2026-11-22 04:00',
  components: 'components: [web-apps, api]',
  status: 'status: scheduled',
  at: 'at: 2026-11-18 10:00',
  body: 'body: We will upgrade the database; forms submitted meanwhile are queued.',
};

export interface MaintenanceUpdate {
  at: number;
  status: MaintenanceStatus;
  body: string;
}

export interface Maintenance {
  id: string;
  /** Path of the source file, relative to the working directory. */
  file: string;
  title: string;
  scheduledFor: number;
  scheduledUntil: number;
  /** Component ids, as written. */
  components: string[];
  /** Written updates, oldest first. */
  updates: MaintenanceUpdate[];
  /** Markdown after the front matter: what will happen and what users should expect. */
  description: string;
}

/** Reads every maintenance file; `text` is undefined for a file that could not be read (already reported). */
export function loadMaintenances(files: { file: string; text: string | undefined }[], site: Site, problems: Problem[]): Maintenance[] {
  const list: Maintenance[] = [];
  const seen = new Map<string, string>();
  for (const { file, text } of files) {
    const m = text === undefined ? undefined : loadMaintenance(file, text, site, problems);
    if (!m) continue;
    const first = seen.get(m.id);
    if (first) {
      problems.push({
        file, line: 1, severity: 'error',
        message: `maintenance id "${m.id}" is already used by ${first}`,
        hint: 'give one of them a different file name (or `id:`); never change an id once published',
      });
      continue;
    }
    seen.set(m.id, file);
    list.push(m);
  }
  return list;
}

/** Validates one maintenance file; pushes each problem found, with its line, and returns undefined if any. */
export function loadMaintenance(file: string, text: string, site: Site, problems: Problem[]): Maintenance | undefined {
  const at = (line: number, message: string, hint?: string): Problem => ({ file, line, message, hint, severity: 'error' });
  const read = readFrontMatter(text, file, 'title, scheduled_for, scheduled_until, components', problems);
  if (!read) return undefined;
  const { source, data } = read;
  const parsed = maintenanceSchema.safeParse(data ?? {});
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => issueProblem(source, issue, data)));
    return undefined;
  }
  const fm = parsed.data;
  const before = problems.length;
  const time = timeReader(source, site.time_zone, problems);
  const scheduledFor = time(fm.scheduled_for, ['scheduled_for']);
  const scheduledUntil = time(fm.scheduled_until, ['scheduled_until']);
  if (scheduledUntil <= scheduledFor) {
    problems.push(at(lineAt(source, ['scheduled_until']), 'scheduled_until is not later than scheduled_for', 'the window ends at scheduled_until; check both times'));
  }

  const componentIds = site.components.map((c) => c.id);
  const components = Array.isArray(fm.components) ? fm.components : Object.keys(fm.components);
  components.forEach((cid, i) => {
    if (componentIds.includes(cid)) return;
    const guess = closest(cid, componentIds);
    const line = lineAt(source, Array.isArray(fm.components) ? ['components', i] : ['components', cid]);
    problems.push(at(line, `unknown component "${cid}"`, guess ? `did you mean "${guess}"?` : `use an id from the site file: ${componentIds.join(', ')}`));
  });

  // Written newest first, as the page shows them; kept oldest first.
  const updates = fm.updates
    .map((u, i) => ({ at: time(u.at, ['updates', i, 'at']), status: u.status, body: u.body.trim(), index: i }))
    .reverse();
  updates.forEach((u, i) => {
    if (Number.isNaN(u.at)) return;
    // Only a problem needs the line; finding it parses the file again.
    const line = () => lineAt(source, ['updates', u.index, 'at']);
    const older = updates[i - 1];
    if (older && !Number.isNaN(older.at) && u.at <= older.at) {
      problems.push(at(line(), 'this update is not later than the one below it (updates are listed newest first)', 'put the newest update at the top of the list and check the times'));
    } else if (older?.status === 'completed') {
      problems.push(at(line(), 'this update comes after the maintenance was completed', 'remove it, or change the completed update below it'));
    } else if (u.status === 'scheduled' && (u.at >= scheduledFor || (older && older.status !== 'scheduled'))) {
      problems.push(at(line(), 'a scheduled update must come before the maintenance starts', 'to move the window, change scheduled_for and scheduled_until instead'));
    } else if (u.at > scheduledUntil && u.status !== 'completed') {
      problems.push(at(line(), `this ${u.status} update is after scheduled_until, when the maintenance completes by itself`, 'to extend the window, change scheduled_until; after it, only a completed update can be added'));
    }
  });

  const maintenanceId = fm.id ?? file.replace(/^.*[\\/]/, '').replace(/\.md$/, '');
  if (RESERVED_IDS.includes(maintenanceId)) {
    problems.push(at(fm.id ? lineAt(source, ['id']) : 1, `"${maintenanceId}" cannot be a maintenance id: the API uses that name`, 'rename the file, or set another `id:`'));
  }
  if (problems.length > before) return undefined;
  return {
    id: maintenanceId,
    file,
    title: fm.title,
    scheduledFor,
    scheduledUntil,
    components,
    updates: updates.map(({ index: _index, ...u }) => u),
    description: read.body,
  };
}

/** The shared problem wording, with hints that know the maintenance keys. */
function issueProblem(source: YamlSource, issue: z.core.$ZodIssue, data: unknown): Problem {
  const key = String([...issue.path].reverse().find((k) => typeof k === 'string') ?? '');
  if (issue.code === 'invalid_union' && key === 'components') {
    return {
      file: source.file, line: lineAt(source, issue.path), severity: 'error',
      message: 'components must be a list of component ids or a map of ids to under_maintenance',
      hint: 'write it like  components: [web-apps, api]',
    };
  }
  const problem = schemaProblems(source, [issue], data)[0]!;
  if (issue.code === 'unrecognized_keys') {
    const unknown = issue.keys[0] ?? '';
    const guess = closest(unknown, KEYS);
    const hint = unknown === 'components' ? 'list the components once, at the top: they are under maintenance for the whole window'
      : guess && guess !== unknown ? `did you mean "${guess}"?` : 'remove it, or check its indentation';
    return { ...problem, hint };
  }
  return problem.hint || !EXAMPLES[key] ? problem : { ...problem, hint: `add a line like  ${EXAMPLES[key]}` };
}

/* ------------------------------------------------------------------ state at an instant */

export interface MaintenanceUpdateState extends MaintenanceUpdate {
  /** "In progress", …, or "Update" when the status repeats the one before. */
  label: string;
  /** Posted by the clock at the start or end of the window rather than written in the file. */
  automatic: boolean;
  /** State of the maintenance's components just before and after this update. */
  from: ShownState;
  to: ShownState;
}

export interface MaintenanceState {
  maintenance: Maintenance;
  status: MaintenanceStatus;
  /** In progress or verifying: its components show under_maintenance. */
  active: boolean;
  /** Announced and not started. */
  upcoming: boolean;
  /** Updates shown at `now` (written and automatic), oldest first. */
  updates: MaintenanceUpdateState[];
  /** First written update, or the start of the window if that is earlier or nothing was written. */
  createdAt: number;
  updatedAt: number;
  startedAt?: number;
  completedAt?: number;
  /** Component ids in site order. */
  componentIds: string[];
}

export const AUTOMATIC_BODIES = {
  in_progress: 'The maintenance window has started.',
  completed: 'The maintenance window has ended.',
} as const;

const RUNNING: MaintenanceStatus[] = ['in_progress', 'verifying'];
const shown = (status: MaintenanceStatus): ShownState => (RUNNING.includes(status) ? 'under_maintenance' : 'operational');

/** The maintenance at `now`, or undefined before its first written update. */
export function maintenanceAt(m: Maintenance, now: number, order: Map<string, number>): MaintenanceState | undefined {
  const firstWritten = m.updates[0];
  if (firstWritten && firstWritten.at > now) return undefined;

  const updates: MaintenanceUpdateState[] = [];
  let status = 'scheduled' as MaintenanceStatus; // (`as`: TypeScript does not see `apply` change it)
  let startedAt: number | undefined;
  let completedAt: number | undefined;
  const apply = (u: MaintenanceUpdate, automatic: boolean) => {
    updates.push({ ...u, automatic, label: updates.at(-1)?.status === u.status ? 'Update' : MAINTENANCE_LABELS[u.status], from: shown(status), to: shown(u.status) });
    if (RUNNING.includes(u.status)) startedAt ??= u.at;
    if (u.status === 'completed') completedAt ??= u.at;
    status = u.status;
  };
  // Written updates and the clock's two transitions in time order; a written update wins a tie.
  const written = m.updates.filter((u) => u.at <= now);
  let next = 0;
  const clock = [
    { at: m.scheduledFor, status: 'in_progress' as const },
    { at: m.scheduledUntil, status: 'completed' as const },
  ];
  for (const tick of clock) {
    if (tick.at > now) break;
    while (next < written.length && written[next]!.at <= tick.at) apply(written[next++]!, false);
    const moves = tick.status === 'in_progress' ? status === 'scheduled' : status !== 'completed';
    if (moves) apply({ at: tick.at, status: tick.status, body: AUTOMATIC_BODIES[tick.status] }, true);
  }
  while (next < written.length) apply(written[next++]!, false);

  const createdAt = Math.min(firstWritten?.at ?? Infinity, m.scheduledFor);
  return {
    maintenance: m,
    status,
    active: RUNNING.includes(status),
    upcoming: status === 'scheduled',
    updates,
    createdAt,
    updatedAt: updates.at(-1)?.at ?? createdAt,
    startedAt,
    completedAt,
    componentIds: [...m.components].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
  };
}

/** Soonest window first, so the next maintenance leads every list. */
export const bySchedule = (a: MaintenanceState, b: MaintenanceState) =>
  a.maintenance.scheduledFor - b.maintenance.scheduledFor || a.maintenance.id.localeCompare(b.maintenance.id);

/* ------------------------------------------------------------------ home page view model */

export interface MaintenanceView {
  id: string;
  /** Element id on the home page, which the API's shortlink points at. */
  anchor: string;
  url: string;
  title: string;
  status: MaintenanceStatus;
  statusLabel: string;
  from: Stamp;
  until: Stamp;
  /** "Nov 22, 2026 - 02:00 UTC to Nov 22, 2026 - 04:00 UTC". */
  window: string;
  /** Affected components by name, as incident pages write them. */
  affected: string;
  /** The description (file body) as safe HTML; empty when there is none. */
  html: string;
  /** Newest first, as on the page. */
  updates: UpdateView[];
}

export const maintenanceAnchor = (id: string) => `maintenance-${id}`;
export const maintenanceUrl = (id: string) => `/#${maintenanceAnchor(id)}`;

/** Active and upcoming maintenance for the home page, soonest first. */
export function maintenanceView(state: StatusState): { active: MaintenanceView[]; upcoming: MaintenanceView[] } {
  const { site } = state.content;
  const clock: Clock = { zone: site.time_zone, locale: site.locale };
  const at = (ms: number): Stamp => ({ text: stamp(ms, clock), iso: iso(ms) });
  const view = (s: MaintenanceState): MaintenanceView => {
    const from = at(s.maintenance.scheduledFor);
    const until = at(s.maintenance.scheduledUntil);
    return {
      id: s.maintenance.id,
      anchor: maintenanceAnchor(s.maintenance.id),
      url: maintenanceUrl(s.maintenance.id),
      title: s.maintenance.title,
      status: s.status,
      statusLabel: MAINTENANCE_LABELS[s.status],
      from,
      until,
      window: `${from.text} to ${until.text}`,
      affected: affectedText(site, s.componentIds),
      html: s.maintenance.description ? renderMarkdown(s.maintenance.description) : '',
      updates: s.updates
        .map((u): UpdateView => ({ label: u.label, status: u.status, html: renderMarkdown(u.body), posted: at(u.at) }))
        .reverse(),
    };
  };
  return {
    active: state.maintenances.filter((m) => m.active).map(view),
    upcoming: state.maintenances.filter((m) => m.upcoming).map(view),
  };
}
