import { z } from 'zod';
import type { Problem } from '../shared/errors.ts';
import { checkComponentIds, fileId, orderProblem, uniqueIds } from './checks.ts';
import { PROBLEMS, problemAt } from './problems/index.ts';
import { idLine } from './files.ts';
import { componentSchema, updateSchema, type Site } from './schema.ts';
import { MAINTENANCE_STATUSES, type MaintenanceStatus } from './vocabulary.ts';
import { lineAt, lineOfKey, pathText, readFrontMatter, schemaProblems, timeReader, type YamlSource } from './yaml-source.ts';

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
    problems.push(at(lineAt(source, ['scheduled_until']), PROBLEMS.windowEndsFirst()));
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
      problems.push(at(line(), PROBLEMS.scheduledAfterStart()));
    } else if (u.at > scheduledUntil && u.status !== 'completed') {
      problems.push(at(line(), PROBLEMS.updateAfterWindow(u.status)));
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

/** The shared problem wording, knowing the maintenance keys and examples; and two mistakes of this kind of file. */
function issueProblem(source: YamlSource, issue: z.core.$ZodIssue, data: unknown): Problem {
  const at = problemAt(source.file);
  if (issue.code === 'invalid_union' && issue.path.at(-1) === 'components') return at(lineAt(source, issue.path), PROBLEMS.maintenanceComponents());
  // Components are under maintenance for the whole window: an update cannot change them.
  if (issue.code === 'unrecognized_keys' && issue.path.length && issue.keys.length === 1 && issue.keys[0] === 'components') {
    return at(lineOfKey(source, issue.path, 'components'), PROBLEMS.componentsInUpdate(pathText(issue.path)));
  }
  return schemaProblems(source, [issue], data, { keys: KEYS, examples: EXAMPLES })[0]!;
}
