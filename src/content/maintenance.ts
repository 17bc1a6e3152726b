import { z } from 'zod';
import { closest, type Problem } from '../shared/errors.ts';
import { checkComponentIds, fileId, orderProblem, problemAt, uniqueIds } from './checks.ts';
import { idLine } from './files.ts';
import { componentSchema, updateSchema, type Site } from './schema.ts';
import { MAINTENANCE_STATUSES, type MaintenanceStatus } from './vocabulary.ts';
import { lineAt, readFrontMatter, schemaProblems, timeReader, type YamlSource } from './yaml-source.ts';

/**
 * Scheduled maintenance files under content/maintenance/: their schema and loading. Their state
 * at an instant is in src/state/maintenance.ts, what pages show of them in src/view/maintenance.ts.
 */

export type { MaintenanceStatus };

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
  const list = files.flatMap(({ file, text }) => (text === undefined ? [] : (loadMaintenance(file, text, site, problems) ?? [])));
  return uniqueIds('maintenance', list, (m) => idLine(m.file), problems);
}

/** Validates one maintenance file; pushes each problem found, with its line, and returns undefined if any. */
export function loadMaintenance(file: string, text: string, site: Site, problems: Problem[]): Maintenance | undefined {
  const at = problemAt(file);
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
    problems.push(at(lineAt(source, ['scheduled_until']), { message: 'scheduled_until is not later than scheduled_for', hint: 'the window ends at scheduled_until; check both times' }));
  }

  const components = Array.isArray(fm.components) ? fm.components : Object.keys(fm.components);
  checkComponentIds(site, components, (cid, i) => lineAt(source, Array.isArray(fm.components) ? ['components', i] : ['components', cid]), at, problems);

  // Written newest first, as the page shows them; kept oldest first.
  const updates = fm.updates
    .map((u, i) => ({ at: time(u.at, ['updates', i, 'at']), status: u.status, body: u.body.trim(), index: i }))
    .reverse();
  updates.forEach((u, i) => {
    if (Number.isNaN(u.at)) return;
    // Only a problem needs the line; finding it parses the file again.
    const line = () => lineAt(source, ['updates', u.index, 'at']);
    const older = updates[i - 1];
    const problem = orderProblem('maintenance', u, older);
    if (problem) {
      problems.push(at(line(), problem));
    } else if (u.status === 'scheduled' && (u.at >= scheduledFor || (older && older.status !== 'scheduled'))) {
      problems.push(at(line(), { message: 'a scheduled update must come before the maintenance starts', hint: 'to move the window, change scheduled_for and scheduled_until instead' }));
    } else if (u.at > scheduledUntil && u.status !== 'completed') {
      problems.push(at(line(), { message: `this ${u.status} update is after scheduled_until, when the maintenance completes by itself`, hint: 'to extend the window, change scheduled_until; after it, only a completed update can be added' }));
    }
  });

  const maintenanceId = fileId('maintenance', file, fm.id, () => lineAt(source, ['id']), at, problems);
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
