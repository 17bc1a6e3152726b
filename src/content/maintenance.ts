import { z } from 'zod';
import type { Problem } from '../shared/errors.ts';
import { checkComponentIds, orderedUpdates, type FileChecks } from './checks.ts';
import { PROBLEMS, problemAt } from './problems/index.ts';
import { componentSchema, updateSchema } from './schema.ts';
import { MAINTENANCE_STATUSES, type MaintenanceStatus } from './vocabulary.ts';
import { lineAt, lineOfKey, pathText, type FrontMatterFile, type YamlSource } from './yaml-source.ts';

/**
 * Scheduled maintenance files under content/maintenance/: their schema and what only they check
 * (what every kind of file shares is read by src/content/kinds.ts). Their state at an instant is
 * in src/state/maintenance.ts, what pages show of them in src/view/maintenance.ts.
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

export type MaintenanceFrontMatter = z.infer<typeof maintenanceSchema>;

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

/** A maintenance's own checks and model, once its front matter fits the schema. */
export function readMaintenance(fm: MaintenanceFrontMatter, read: FrontMatterFile, file: FileChecks): Omit<Maintenance, 'id' | 'file'> {
  const { source, at, problems, time } = file;
  const scheduledFor = time(fm.scheduled_for, ['scheduled_for']);
  const scheduledUntil = time(fm.scheduled_until, ['scheduled_until']);
  if (scheduledUntil <= scheduledFor) {
    problems.push(at(lineAt(source, ['scheduled_until']), PROBLEMS.windowEndsFirst()));
  }

  const components = Array.isArray(fm.components) ? fm.components : Object.keys(fm.components);
  checkComponentIds(file.site, components, (cid, i) => lineAt(source, Array.isArray(fm.components) ? ['components', i] : ['components', cid]), at, problems);

  const written = fm.updates.map((u, i) => ({ at: time(u.at, ['updates', i, 'at']), status: u.status, body: u.body.trim() }));
  const updates = orderedUpdates(file, written, (u, older) => {
    if (u.status === 'scheduled' && (u.at >= scheduledFor || (older && older.status !== 'scheduled'))) return PROBLEMS.scheduledAfterStart();
    if (u.at > scheduledUntil && u.status !== 'completed') return PROBLEMS.updateAfterWindow(u.status);
    return undefined;
  });
  return { title: fm.title, scheduledFor, scheduledUntil, components, updates, description: read.body };
}

/** Two mistakes only maintenance files make, worded apart from the shared schema problems. */
export function maintenanceIssue(source: YamlSource, issue: z.core.$ZodIssue): Problem | undefined {
  const at = problemAt(source.file);
  if (issue.code === 'invalid_union' && issue.path.at(-1) === 'components') return at(lineAt(source, issue.path), PROBLEMS.maintenanceComponents());
  // Components are under maintenance for the whole window: an update cannot change them.
  if (issue.code === 'unrecognized_keys' && issue.path.length && issue.keys.length === 1 && issue.keys[0] === 'components') {
    return at(lineOfKey(source, issue.path, 'components'), PROBLEMS.componentsInUpdate(pathText(issue.path)));
  }
  return undefined;
}
