import { readFileSync } from 'node:fs';
import { StatusError, type Problem } from '../shared/errors.ts';
import { branchFolder, type BranchOptions } from '../shared/git-branch.ts';
import { FIRING_FILE, firingFileSchema, parseFiring, type FiringFile } from '../content/index.ts';
import type { AlertEvent } from './event.ts';

/**
 * The probes folder's alerts.json kept up to date from events: a firing event adds its alert, a
 * resolved one takes it out by key. The build reads the file (src/content/firing.ts) and, with the
 * site file's `automation:`, sets the state of each component an alert names.
 */

/**
 * The file after `events`, in order. An alert already firing keeps its place and its earliest
 * start, taking the latest summary and component; an event that names no component is not kept
 * (there is no component to set). Pure: `file` is not changed.
 */
export function applyAlertEvents(file: FiringFile, events: readonly AlertEvent[]): FiringFile {
  const firing = [...file.firing];
  for (const e of events) {
    const i = firing.findIndex((a) => a.key === e.key);
    if (e.status === 'resolved' || !e.component) {
      if (i >= 0) firing.splice(i, 1);
      continue;
    }
    const since = i >= 0 && Date.parse(firing[i]!.since) < Date.parse(e.startsAt) ? firing[i]!.since : e.startsAt;
    const alert = { key: e.key, component: e.component, summary: e.summary, since };
    if (i >= 0) firing[i] = alert;
    else firing.push(alert);
  }
  return { firing };
}

/** The file's text: one alert a line, so a change in a repository's history reads as the alert it is. */
export const firingFileText = (file: FiringFile): string =>
  file.firing.length ? `{"firing": [\n${file.firing.map((a) => `  ${JSON.stringify(a)}`).join(',\n')}\n]}\n` : '{"firing": []}\n';

/** The file as it is on disk, checked (no file: nothing firing); throws a USAGE error naming each mistake's line. */
export function readFiringFile(file: string, componentIds: readonly string[]): FiringFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { firing: [] };
    throw new StatusError('USAGE', `cannot read ${file}: ${(error as Error).message}`);
  }
  return parseFiringFile(text, file, componentIds);
}

function parseFiringFile(text: string, file: string, componentIds: readonly string[]): FiringFile {
  text = text.replace(/^\ufeff/, '');
  const problems: Problem[] = [];
  parseFiring(text, file, componentIds, problems);
  if (problems.length) throw new StatusError('USAGE', `${file} (${FIRING_FILE}, the alerts firing) cannot be read: ${problems.length} problem${problems.length === 1 ? '' : 's'}`, problems);
  return firingFileSchema.parse(JSON.parse(text));
}

/**
 * Applies the events to the firing alerts file kept beside the probe series on the state branch
 * (probes/alerts.json), where `build --probes-branch` reads it: one commit, with the branch's
 * compare-and-swap, so two alerts arriving at once both count.
 */
export async function recordFiringOnBranch(options: BranchOptions, events: readonly AlertEvent[], componentIds: readonly string[]): Promise<string> {
  const folder = branchFolder({ ...options, folder: 'probes' });
  await folder.update((old) => {
    const text = old.get(FIRING_FILE);
    const before = text === undefined ? { firing: [] } : parseFiringFile(text, `${FIRING_FILE} on branch ${options.branch}`, componentIds);
    return new Map([[FIRING_FILE, firingFileText(applyAlertEvents(before, events))]]);
  });
  return folder.where;
}
