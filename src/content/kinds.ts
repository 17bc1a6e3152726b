import type { z } from 'zod';
import type { Problem } from '../shared/errors.ts';
import { fileId, uniqueIds, type FileChecks, type KindRules } from './checks.ts';
import { display, idLine, readText } from './files.ts';
import { readIncident } from './incidents.ts';
import { maintenanceIssue, maintenanceSchema, readMaintenance } from './maintenance.ts';
import { problemAt } from './problems/index.ts';
import { incidentSchema, schemaFields, schemaKeys, timestampSchema, type Site } from './schema.ts';
import { lineAt, readFrontMatter, schemaProblems, timeReader, type FrontMatterFile, type YamlSource } from './yaml-source.ts';

/**
 * The kinds of content file, one descriptor each: what a kind's files are and check beyond what
 * every kind shares. Loading, the schema problems, the editing commands and the web editor go
 * through these, so a new kind is a schema, a `read` and one entry in KINDS.
 */

export interface ContentKind<FrontMatter extends { id?: string } = { id?: string }, Fields = unknown> extends KindRules {
  /** Its folder under the content folder, which is also the web editor's collection name. */
  folder: string;
  schema: z.ZodType<FrontMatter>;
  /** Every key its files may have, nested ones too: for "did you mean" on a misspelt key. From `schema`. */
  keys: readonly string[];
  /** Keys holding a timestamp, which the editing commands quote. From `schema`. */
  timeKeys: readonly string[];
  /** The keys a file starts with, named in the hint for a file without front matter. */
  mainKeys: readonly string[];
  /** Example lines for hints, for keys the shared examples (src/content/schema.ts) do not cover. */
  examples: Record<string, string>;
  /** A problem worded for this kind instead of the shared wording of a schema issue, if any. */
  issue?: (source: YamlSource, issue: z.core.$ZodIssue) => Problem | undefined;
  /** The kind's own checks, once the front matter fits the schema, and the model of the file but its id. */
  read: (fm: FrontMatter, file: FrontMatterFile, checks: FileChecks) => Fields;
}

function kind<F extends { id?: string }, Fields>(spec: Omit<ContentKind<F, Fields>, 'keys' | 'timeKeys'>): ContentKind<F, Fields> {
  const timeKeys = schemaFields(spec.schema).filter(([, value]) => value === timestampSchema).map(([key]) => key);
  return { ...spec, keys: schemaKeys(spec.schema), timeKeys: [...new Set(timeKeys)] };
}

export const KINDS = {
  incidents: kind({
    name: 'incident',
    folder: 'incidents',
    schema: incidentSchema,
    mainKeys: ['title', 'impact', 'components', 'updates'],
    examples: { impact: 'impact: minor' },
    final: { status: 'resolved', fix: 'remove it, or change the resolved update below it to monitoring' },
    reserved: { ids: ['unresolved'], use: (id) => `the API uses api/v2/incidents/${id}.json for its own list` },
    read: readIncident,
  }),
  maintenance: kind({
    name: 'maintenance',
    folder: 'maintenance',
    schema: maintenanceSchema,
    mainKeys: ['title', 'scheduled_for', 'scheduled_until', 'components'],
    examples: { scheduled_for: 'scheduled_for: 2026-11-22 02:00', scheduled_until: 'scheduled_until: 2026-11-22 04:00' },
    final: { status: 'completed', fix: 'remove it, or change the completed update below it' },
    reserved: { ids: ['active', 'upcoming'], use: () => 'the API uses that name' },
    issue: maintenanceIssue,
    read: readMaintenance,
  }),
};

export type KindName = keyof typeof KINDS;

/** Reads one file of `kind`; pushes each problem found, with its line, and returns undefined if any. `bytes`: the file, when already read. */
export function readKindFile<F extends { id?: string }, Fields>(kind: ContentKind<F, Fields>, file: string, site: Site, problems: Problem[], bytes?: Uint8Array): (Fields & { id: string; file: string }) | undefined {
  const shown = display(file);
  const text = readText(file, problems, bytes);
  if (text === undefined) return undefined;
  const read = readFrontMatter(text, shown, kind.mainKeys.join(', '), problems);
  if (!read) return undefined;
  const { source, data } = read;
  const parsed = kind.schema.safeParse(data ?? {});
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => kind.issue?.(source, issue) ?? schemaProblems(source, [issue], data, kind)[0]!));
    return undefined;
  }
  const before = problems.length;
  const at = problemAt(shown);
  const fields = kind.read(parsed.data, read, { kind, site, source, at, problems, time: timeReader(source, site.time_zone, problems) });
  const id = fileId(kind, file, parsed.data.id, () => lineAt(source, ['id']), at, problems);
  if (problems.length > before) return undefined;
  // A copy: strings the YAML parser and gray-matter cut from the file keep the whole file text
  // alive (V8 slices point into their parent), 34 MB for 10,000 files that are never read again.
  return structuredClone({ id, file: shown, ...fields });
}

/** Reads every file of `kind` (with `read`, when given, instead of readKindFile), keeping the first of each id. */
export function loadKind<F extends { id?: string }, Fields>(
  kind: ContentKind<F, Fields>,
  files: string[],
  site: Site,
  problems: Problem[],
  read: (file: string) => (Fields & { id: string; file: string }) | undefined = (file) => readKindFile(kind, file, site, problems),
): (Fields & { id: string; file: string })[] {
  const items = files.flatMap((file) => read(file) ?? []);
  return uniqueIds(kind.name, items, (item) => idLine(item.file), problems);
}
