import type { Problem } from '../shared/errors.ts';
import { checkComponentIds, orderedUpdates, type FileChecks } from './checks.ts';
import { PROBLEMS } from './problems/index.ts';
import type { ComponentState, Impact, IncidentFrontMatter, OutageState, UpdateStatus } from './schema.ts';
import { lineAt, type FrontMatterFile } from './yaml-source.ts';

/**
 * Incident files under content/incidents/: front matter with updates, and the postmortem as the
 * body. What every kind of file shares is read by src/content/kinds.ts; here is what only incidents check.
 */

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

/** An incident's own checks and model, once its front matter fits the schema. */
export function readIncident(fm: IncidentFrontMatter, read: FrontMatterFile, file: FileChecks): Omit<Incident, 'id' | 'file'> {
  const { source, at, problems, time } = file;
  const checkComponents = (ids: string[], pathTo: (string | number)[]) =>
    checkComponentIds(file.site, ids, (id) => lineAt(source, [...pathTo, id]), at, problems);
  checkComponents(Object.keys(fm.components), ['components']);

  const updates = orderedUpdates(file, fm.updates.map((u, i) => {
    if (u.components) checkComponents(Object.keys(u.components), ['updates', i, 'components']);
    return { at: time(u.at, ['updates', i, 'at']), status: u.status, body: u.body.trim(), components: u.components ?? {} };
  }));

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
  return { title: fm.title, impact: fm.impact, components: fm.components, updates, postmortem };
}
