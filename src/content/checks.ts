import path from 'node:path';
import { closest, type Problem } from '../shared/errors.ts';
import { PROBLEMS, problemAt, type At, type Said } from './problems/index.ts';
import { ID_PATTERN, type Site } from './schema.ts';
import { lineAt, type YamlSource } from './yaml-source.ts';

/**
 * The checks every kind of content file shares: component ids, update order, and the file's id
 * (from `id:` or the file name), which pages, API file names and shortlinks are built from.
 */

/** What the shared checks know of a kind of file; the rest of its descriptor is in src/content/kinds.ts. */
export interface KindRules {
  /** One file of the kind, as messages name it: "incident", "maintenance". */
  name: string;
  /** The last status its updates may have, and what to do about an update after it. */
  final: { status: string; fix: string };
  /** Ids the API's own files use, so a file of this kind cannot have them, and why. */
  reserved: { ids: readonly string[]; use: (id: string) => string };
}

/** One file being read, past its schema: a kind's own checks add their problems here. */
export interface FileChecks {
  kind: KindRules;
  site: Site;
  source: YamlSource;
  at: At;
  problems: Problem[];
  /** A timestamp of the file in the site zone; NaN, and a problem at its line, when impossible. */
  time: (text: string, pathTo: (string | number)[]) => number;
}

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
export function orderProblem(kind: KindRules, update: { at: number }, older: { at: number; status: string } | undefined) {
  if (!older || Number.isNaN(update.at)) return undefined;
  if (!Number.isNaN(older.at) && update.at <= older.at) return PROBLEMS.updateNotLater();
  if (older.status === kind.final.status) return PROBLEMS.updateAfterFinal(kind.name, kind.final);
  return undefined;
}

/**
 * A file's updates as the model keeps them, oldest first, from `read` in file order (newest first),
 * each checked against the one before it in time; `also` is a kind's own check of that pair.
 */
export function orderedUpdates<T extends { at: number; status: string }>(file: FileChecks, read: T[], also?: (update: T, older: T | undefined) => Said | undefined): T[] {
  const updates = [...read].reverse();
  updates.forEach((u, i) => {
    if (Number.isNaN(u.at)) return;
    const problem = orderProblem(file.kind, u, updates[i - 1]) ?? also?.(u, updates[i - 1]);
    // Only a problem needs the line; finding it parses the file again.
    if (problem) file.problems.push(file.at(lineAt(file.source, ['updates', read.length - 1 - i, 'at']), problem));
  });
  return updates;
}

/**
 * A file's id: its `id:`, or else its file name without `.md`. Either must work in a page address;
 * pushes a problem (at `idLine`, or line 1 for the file name) when it does not, or when the API uses it.
 */
export function fileId(kind: KindRules, file: string, declared: string | undefined, idLine: () => number, at: At, problems: Problem[]): string {
  const id = declared ?? path.basename(file, '.md');
  if (declared === undefined && !ID_PATTERN.test(id)) {
    const suggestion = id.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
    problems.push(at(1, PROBLEMS.fileNameNotId(path.basename(file), suggestion)));
  } else if (kind.reserved.ids.includes(id)) {
    problems.push(at(declared === undefined ? 1 : idLine(), PROBLEMS.reservedId(kind.name, id, kind.reserved.use(id))));
  }
  return id;
}

/**
 * Keeps the first file of each id, in file order, and reports every later one at its `id:` line
 * (line 1 when the id comes from the file name). `idLine` reads the file again, on this error path only.
 */
export function uniqueIds<T extends { id: string; file: string }>(kind: string, items: T[], idLine: (item: T) => number, problems: Problem[]): T[] {
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
