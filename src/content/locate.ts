import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { closest, StatusError } from '../shared/errors.ts';
import { display } from './files.ts';
import { KINDS } from './kinds.ts';
import { PROBLEMS } from './problems/index.ts';
import { siteSchema, type Site } from './schema.ts';
import { siteSchemaProblems } from './site.ts';
import { parseYaml } from './yaml-source.ts';

/** Finding content files for the editing commands, without loading (and failing on) every incident. */

/** The content folder's site.yml (or site.yaml); loading the content and the editing commands both start here. */
export function siteFile(contentDir: string): string {
  for (const name of ['site.yml', 'site.yaml']) {
    const file = path.join(contentDir, name);
    if (existsSync(file)) return file;
  }
  const said = PROBLEMS.siteFileMissing(display(path.join(contentDir, 'site.yml')));
  throw new StatusError('IO', 'no site file', [{ file: display(contentDir), line: 1, ...said }]);
}

/** The validated site file: the editing commands need its zone and component ids. */
export function readSite(contentDir: string): Site {
  const file = siteFile(contentDir);
  const { source, problems } = parseYaml(readFileSync(file, 'utf8'), file);
  if (problems.length) throw new StatusError('CONTENT', `${file} has problems; fix them first`, problems);
  const data = source.doc.toJS() as unknown;
  const parsed = siteSchema.safeParse(data ?? {});
  if (!parsed.success) throw new StatusError('CONTENT', `${file} has problems; fix them first`, siteSchemaProblems(source, parsed.error.issues, data));
  return parsed.data;
}

/** The folder of a kind of file (KINDS) in a content folder. */
export const kindDir = (contentDir: string, kind: { folder: string }) => path.join(contentDir, kind.folder);

/**
 * The file of an incident (or, with `dir`, a maintenance), by id (file name without `.md`, or an
 * `id:` in the front matter), by a unique start of the id, or by path.
 */
export function findIncidentFile(contentDir: string, ref: string, dir = kindDir(contentDir, KINDS.incidents)): string {
  if (ref.endsWith('.md') && existsSync(ref)) return ref;
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')).sort() : [];
  const ids = files.map((f) => ({ file: path.join(dir, f), id: declaredId(path.join(dir, f)) ?? f.slice(0, -3) }));
  const exact = ids.find((i) => i.id === ref);
  if (exact) return exact.file;
  const starts = ids.filter((i) => i.id.startsWith(ref));
  if (starts.length === 1) return starts[0]!.file;
  if (starts.length > 1) {
    throw new StatusError('USAGE', `"${ref}" matches ${starts.length} incidents: ${starts.map((s) => s.id).join(', ')}; give more of the id`);
  }
  const guess = closest(ref, ids.map((i) => i.id));
  throw new StatusError('USAGE', `no incident "${ref}" in ${dir}${guess ? `; did you mean "${guess}"?` : '; the id is the file name without .md'}`);
}

function declaredId(file: string): string | undefined {
  const text = readFileSync(file, 'utf8');
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  return /^id:[ \t]*["']?([a-z0-9_-]+)["']?[ \t]*$/m.exec(front)?.[1];
}
