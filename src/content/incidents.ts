import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Problem } from '../shared/errors.ts';
import { checkComponentIds, fileId, orderProblem, uniqueIds } from './checks.ts';
import { PROBLEMS, problemAt } from './problems/index.ts';
import { display, idLine, readText } from './files.ts';
import { incidentSchema, type ComponentState, type Impact, type OutageState, type Site, type UpdateStatus } from './schema.ts';
import { lineAt, readFrontMatter, schemaProblems, timeReader } from './yaml-source.ts';

/** Incident files under content/incidents/: front matter with updates, and the postmortem as the body. */

export interface Update {
  at: number;
  status: UpdateStatus;
  body: string;
  /** Component states set by this update. */
  components: Record<string, ComponentState>;
}

export interface Incident {
  id: string;
  /** Path of the source file, relative to the working directory. */
  file: string;
  title: string;
  impact: Impact;
  /** The state each affected component was in when the incident opened. */
  components: Record<string, OutageState>;
  updates: Update[];
  postmortem?: { at: number; body: string };
  /**
   * With a build cache: a hash of the file and the site file it was read from, so what is made
   * from this incident alone can be keyed without hashing it again.
   */
  source?: string;
}

/** A valid incident file as loaded before, with the warnings it gave. */
export interface LoadedIncident {
  incident: Incident;
  warnings: Problem[];
}

/**
 * Remembers valid incident files between builds, keyed by a hash of the file, its path and the
 * site file (which the checks read), so a warm build parses only the files that changed.
 */
export interface IncidentCache {
  get(key: string): LoadedIncident | undefined;
  set(key: string, value: LoadedIncident): void;
}

/** Reads every incident file; pushes each problem found. `siteFile` keys the cache. */
export function loadIncidents(files: string[], site: Site, siteFile: string, cache: IncidentCache | undefined, problems: Problem[]): Incident[] {
  const siteKey = cache && createHash('sha256').update(readFileSync(siteFile)).digest('hex');
  const incidents: Incident[] = [];
  for (const file of files) {
    const incident = cache ? loadCachedIncident(file, site, siteKey!, cache, problems) : loadIncident(file, site, problems);
    if (incident) incidents.push(incident);
  }
  return uniqueIds('incident', incidents, (i) => idLine(i.file), problems);
}

function loadCachedIncident(file: string, site: Site, siteKey: string, cache: IncidentCache, problems: Problem[]): Incident | undefined {
  const bytes = readFileSync(file);
  const key = createHash('sha256').update(siteKey).update('\0').update(display(file)).update('\0').update(bytes).digest('hex');
  const hit = cache.get(key);
  if (hit) {
    problems.push(...hit.warnings);
    return hit.incident;
  }
  const before = problems.length;
  const read = loadIncident(file, site, problems, bytes);
  if (!read) return undefined;
  const incident = { ...read, source: key };
  cache.set(key, { incident, warnings: problems.slice(before) });
  return incident;
}

function loadIncident(file: string, site: Site, problems: Problem[], bytes?: Uint8Array): Incident | undefined {
  const shown = display(file);
  const text = readText(file, problems, bytes);
  if (text === undefined) return undefined;
  const at = problemAt(shown);
  const read = readFrontMatter(text, shown, 'title, impact, components, updates', problems);
  if (!read) return undefined;
  const { source, data } = read;
  const parsed = incidentSchema.safeParse(data ?? {});
  if (!parsed.success) {
    problems.push(...schemaProblems(source, parsed.error.issues, data));
    return undefined;
  }
  const fm = parsed.data;
  const before = problems.length;
  const time = timeReader(source, site.time_zone, problems);
  const checkComponents = (ids: string[], pathTo: (string | number)[]) =>
    checkComponentIds(site, ids, (id) => lineAt(source, [...pathTo, id]), at, problems);
  checkComponents(Object.keys(fm.components), ['components']);

  // The file lists updates newest first, as the page shows them; the model keeps them oldest first.
  const updates = fm.updates
    .map((u, i) => {
      if (u.components) checkComponents(Object.keys(u.components), ['updates', i, 'components']);
      return { at: time(u.at, ['updates', i, 'at']), status: u.status, body: u.body.trim(), components: u.components ?? {}, index: i };
    })
    .reverse();
  updates.forEach((u, i) => {
    const problem = orderProblem('incident', u, updates[i - 1]);
    // Only a problem needs the line; finding it parses the file again.
    if (problem) problems.push(at(lineAt(source, ['updates', u.index, 'at']), problem));
  });

  let postmortem: Incident['postmortem'];
  const body = read.body;
  if (body) {
    if (!fm.postmortem_at) {
      problems.push(at(read.bodyLine, PROBLEMS.postmortemWithoutTime()));
    } else {
      postmortem = { at: time(fm.postmortem_at, ['postmortem_at']), body };
    }
  } else if (fm.postmortem_at) {
    problems.push(at(lineAt(source, ['postmortem_at']), PROBLEMS.postmortemTimeWithoutText()));
  }
  const id = fileId('incident', file, fm.id, () => lineAt(source, ['id']), at, problems);
  if (problems.length > before) return undefined;
  // A copy: strings the YAML parser and gray-matter cut from the file keep the whole file text
  // alive (V8 slices point into their parent), 34 MB for 10,000 files that are never read again.
  return structuredClone({
    id,
    file: shown,
    title: fm.title,
    impact: fm.impact,
    components: fm.components,
    updates: updates.map(({ index: _index, ...u }) => u),
    postmortem,
  });
}
