import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIRING_FILE, PROBE_FILE_EXT } from '../content/index.ts';
import { branchFolder, type BranchOptions } from '../shared/git-branch.ts';
import type { ProbeResult } from './run.ts';

/**
 * Where a run's results go: one line appended to each component's series, probes/<id>.jsonl, on
 * the state branch (all of a run's files in one commit) or in a local folder. A series keeps the
 * last SERIES_DAYS days only: the longest window the page charts is 30 days, and a check every
 * 5 minutes for 31 days is about 8,900 lines (some 500 KB) per component.
 */

export const SERIES_DAYS = 31;
/** The folder of the series on the state branch, as the build reads it (content/probes by default). */
export const PROBES_FOLDER = 'probes';

const DAY = 86_400_000;

/** One result as a line of its series, in the shape src/content/probes.ts reads. */
export function probeLine(result: ProbeResult): string {
  const { at, ok, ms, error, slow } = result;
  return JSON.stringify({ at, ok, ms, ...(error === undefined ? {} : { error }), ...(slow ? { slow } : {}) });
}

/**
 * The series `old` with `lines` appended, without the lines older than SERIES_DAYS before `now`.
 * A line whose time cannot be read is kept, so that the build reports it rather than it vanishing.
 */
export function appendSeries(old: string | undefined, lines: readonly string[], now: number): string {
  const cutoff = now - SERIES_DAYS * DAY;
  const kept = (old ?? '').split('\n').filter((line) => {
    if (!line.trim()) return false;
    try {
      const at = Date.parse((JSON.parse(line) as { at?: unknown }).at as string);
      return Number.isNaN(at) || at >= cutoff;
    } catch {
      return true;
    }
  });
  return `${[...kept, ...lines].join('\n')}\n`;
}

/** Each series file's new text, from what is there now (by file name) and the run's results. */
export function nextSeries(old: ReadonlyMap<string, string>, results: readonly ProbeResult[], now: number): Map<string, string> {
  return new Map(results.map((r) => {
    const name = `${r.id}${PROBE_FILE_EXT}`;
    return [name, appendSeries(old.get(name), [probeLine(r)], now)];
  }));
}

/** Appends the results to the series in `dir` (made when missing); each file is replaced whole, never left half written. */
export function recordToFolder(dir: string, results: readonly ProbeResult[], now: number): string[] {
  mkdirSync(dir, { recursive: true });
  const files = results.map((r) => path.join(dir, `${r.id}${PROBE_FILE_EXT}`));
  const old = new Map(files.filter(existsSync).map((f) => [path.basename(f), readFileSync(f, 'utf8')]));
  for (const [name, text] of nextSeries(old, results, now)) {
    const file = path.join(dir, name);
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
  }
  return files;
}

/** Appends the results to the series in probes/ on the state branch, in one commit (retried when another run pushed first). */
export async function recordToBranch(options: BranchOptions, results: readonly ProbeResult[], now: number): Promise<string> {
  const folder = branchFolder({ message: 'Record probe results', ...options, now, folder: PROBES_FOLDER });
  await folder.update((old) => nextSeries(old, results, now));
  return folder.where;
}

/**
 * Copies the series of probes/ on the state branch, and its firing alerts file, into `into`
 * (emptied first), for a build to read. Undefined when the branch or its probes/ folder is missing: the build then reads its usual
 * folder, so a page whose probes have not run yet builds as before.
 */
export async function fetchSeries(options: BranchOptions, into: string): Promise<string | undefined> {
  const files = await branchFolder({ ...options, folder: PROBES_FOLDER }).read();
  const series = [...files].filter(([name]) => name.endsWith(PROBE_FILE_EXT) || name === FIRING_FILE);
  if (!series.length) return undefined;
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into, { recursive: true });
  for (const [name, text] of series) writeFileSync(path.join(into, name), text);
  return into;
}
