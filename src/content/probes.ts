import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Problem } from '../shared/errors.ts';
import { display, exists } from './files.ts';
import { PROBLEMS, problemAt } from './problems/index.ts';
import type { Site } from './schema.ts';

/**
 * Probe series: `<probes>/<component id>.jsonl`, one check of the component per line, appended by a
 * probe (the folder is content/probes unless the build is told otherwise). Lines are kept in the
 * order written; the state stage buckets them by time, so order and duplicates do not matter.
 */

/** One line of a probe file, as the probe writes it. Unknown keys are left out, so probes may add some. */
export const probeLineSchema = z.object({
  /** When the check ran: an ISO 8601 time with its offset, like 2026-11-20T14:05:00Z. */
  at: z.iso.datetime({ offset: true }),
  /** Whether the component answered as expected. */
  ok: z.boolean(),
  /** How long the answer took, in milliseconds (for a failed check, until it failed). */
  ms: z.number().finite().nonnegative(),
  /** What went wrong, when `ok` is false. */
  error: z.string().optional(),
});

/** One check, its time as epoch milliseconds. */
export interface Probe {
  at: number;
  ok: boolean;
  ms: number;
  error?: string;
}

/** The probe series by component id, for the components that have a file. */
export type ProbeSeries = Map<string, Probe[]>;

export const PROBE_FILE_EXT = '.jsonl';

/** Reads every probe file of `dir` (none when it does not exist); pushes a problem per bad line. */
export function loadProbes(dir: string, site: Site, problems: Problem[]): ProbeSeries {
  const series: ProbeSeries = new Map();
  if (!exists(dir)) return series;
  const ids = site.components.map((c) => c.id);
  for (const name of readdirSync(dir).filter((f) => f.endsWith(PROBE_FILE_EXT)).sort()) {
    const file = path.join(dir, name);
    const id = name.slice(0, -PROBE_FILE_EXT.length);
    if (!ids.includes(id)) {
      problems.push(problemAt(display(file))(1, PROBLEMS.probeFileName(name, ids)));
      continue;
    }
    series.set(id, parseProbes(readFileSync(file, 'utf8'), display(file), problems));
  }
  return series;
}

/** The checks of one file's text; blank lines are skipped, a probe may end the file with one. */
export function parseProbes(text: string, file: string, problems: Problem[]): Probe[] {
  const at = problemAt(file);
  const probes: Probe[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      problems.push(at(i + 1, PROBLEMS.probeLine(`it is not JSON: ${quote(line)}`)));
      return;
    }
    const parsed = probeLineSchema.safeParse(data);
    if (!parsed.success) {
      problems.push(at(i + 1, PROBLEMS.probeLine(issueText(parsed.error.issues[0]!, data))));
      return;
    }
    const { at: time, ok, ms, error } = parsed.data;
    probes.push({ at: Date.parse(time), ok, ms, ...(error === undefined ? {} : { error }) });
  });
  return probes;
}

const WHAT: Record<string, string> = { at: 'a time like 2026-11-20T14:05:00Z', ok: 'true or false', ms: 'a number of milliseconds, 0 or more', error: 'text' };

/** One zod issue as an editor reads it: the key, what it must be, and what was written. */
function issueText(issue: z.core.$ZodIssue, data: unknown): string {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return `it must be a JSON object — got ${quote(JSON.stringify(data))}`;
  const key = String(issue.path[0] ?? '');
  const written = (data as Record<string, unknown>)[key];
  if (written === undefined) return `"${key}" is missing`;
  return `"${key}" must be ${WHAT[key] ?? 'valid'} — got ${quote(JSON.stringify(written))}`;
}

const quote = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
