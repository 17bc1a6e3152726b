import path from 'node:path';
import { closest, type Problem } from '../shared/errors.ts';
import { PROBLEMS, finalStatus, problemAt, type At, type FileKind } from './problems/index.ts';
import { ID_PATTERN, type Site } from './schema.ts';

/**
 * The checks incident and maintenance files share: component ids, update order, and the file's
 * id (from `id:` or the file name), which pages, API file names and shortlinks are built from.
 */

/** Reports each id that is not a component of the site, at the line `lineOf` gives for it. */
export function checkComponentIds(site: Site, ids: readonly string[], lineOf: (id: string, index: number) => number, at: At, problems: Problem[]) {
  const known = site.components.map((c) => c.id);
  ids.forEach((id, i) => {
    if (!known.includes(id)) problems.push(at(lineOf(id, i), PROBLEMS.unknownComponent(id, closest(id, known), known)));
  });
}

/**
 * What is wrong with an update given the one before it in time, if anything: it must be later,
 * and nothing follows the final status (resolved, completed). Invalid times were reported already.
 */
export function orderProblem(kind: FileKind, update: { at: number }, older: { at: number; status: string } | undefined) {
  if (!older || Number.isNaN(update.at)) return undefined;
  if (!Number.isNaN(older.at) && update.at <= older.at) return PROBLEMS.updateNotLater();
  if (older.status === finalStatus(kind)) return PROBLEMS.updateAfterFinal(kind);
  return undefined;
}

/** Ids the API's own files use: an incident or maintenance with one would overwrite them. */
const RESERVED: Record<FileKind, { ids: readonly string[]; use: (id: string) => string }> = {
  incident: { ids: ['unresolved'], use: (id) => `the API uses api/v2/incidents/${id}.json for its own list` },
  maintenance: { ids: ['active', 'upcoming'], use: () => 'the API uses that name' },
};

/**
 * A file's id: its `id:`, or else its file name without `.md`. Either must work in a page address;
 * pushes a problem (at `idLine`, or line 1 for the file name) when it does not, or when the API uses it.
 */
export function fileId(kind: FileKind, file: string, declared: string | undefined, idLine: () => number, at: At, problems: Problem[]): string {
  const id = declared ?? path.basename(file, '.md');
  if (declared === undefined && !ID_PATTERN.test(id)) {
    const suggestion = id.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
    problems.push(at(1, PROBLEMS.fileNameNotId(path.basename(file), suggestion)));
  } else if (RESERVED[kind].ids.includes(id)) {
    problems.push(at(declared === undefined ? 1 : idLine(), PROBLEMS.reservedId(kind, id, RESERVED[kind].use(id))));
  }
  return id;
}

/**
 * Keeps the first file of each id, in file order, and reports every later one at its `id:` line
 * (line 1 when the id comes from the file name). `idLine` reads the file again, on this error path only.
 */
export function uniqueIds<T extends { id: string; file: string }>(kind: FileKind, items: T[], idLine: (item: T) => number, problems: Problem[]): T[] {
  const seen = new Map<string, string>();
  return items.filter((item) => {
    const first = seen.get(item.id);
    if (first === undefined) {
      seen.set(item.id, item.file);
      return true;
    }
    problems.push(problemAt(item.file)(idLine(item), PROBLEMS.duplicateId(kind, item.id, first)));
    return false;
  });
}
