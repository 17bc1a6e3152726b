import path from 'node:path';
import { z } from 'zod';
import { closest, type Problem } from '../shared/errors.ts';
import { display, exists, readText } from './files.ts';
import { PROBLEMS, problemAt } from './problems/index.ts';
import type { Site } from './schema.ts';
import { lineAt, parseYamlDocument, schemaProblems, type YamlSource } from './yaml-source.ts';

/**
 * The alerts firing now: `<probes folder>/alerts.json`, kept by `markdown-status alert --record`
 * (an alert that fires is added, one that resolves is taken out by its key). With the site file's
 * `automation:`, a firing alert sets the state of the component it names (src/state/automation.ts).
 */

export const FIRING_FILE = 'alerts.json';

/** One alert firing, as the file holds it. */
export const firingAlertSchema = z.strictObject({
  /** The alert's key: the same for every event of one alert, from firing to resolved. */
  key: z.string().min(1),
  /** The component id it is about. */
  component: z.string().min(1),
  /** One line of plain text, as the monitoring service wrote it. */
  summary: z.string().min(1),
  /** When it began firing: an ISO 8601 time with its offset, like 2026-11-20T14:05:00Z. */
  since: z.iso.datetime({ offset: true, error: 'write a time with its offset, like "2026-11-20T14:05:00Z"' }),
});

export const firingFileSchema = z.strictObject({ firing: z.array(firingAlertSchema) });

export type FiringFile = z.infer<typeof firingFileSchema>;

/** A firing alert, its start as epoch milliseconds. */
export interface FiringAlert {
  key: string;
  component: string;
  summary: string;
  since: number;
}

const KEYS = ['firing', ...Object.keys(firingAlertSchema.shape)];
const EXAMPLES: Record<string, string> = {
  firing: '"firing": [ … ]',
  key: '"key": "5c2f1a"',
  component: '"component": "api"',
  summary: '"summary": "API error rate above 5%"',
  since: '"since": "2026-11-20T14:05:00Z"',
};

/** The firing alerts of a probes folder (none without the file); pushes a problem per mistake. */
export function loadFiring(dir: string, site: Site, problems: Problem[]): FiringAlert[] {
  const file = path.join(dir, FIRING_FILE);
  if (!exists(file)) return [];
  const text = readText(file, problems);
  return text === undefined ? [] : parseFiring(text, display(file), site.components.map((c) => c.id), problems);
}

/** The firing alerts of the file's text, checked against the component ids. */
export function parseFiring(text: string, file: string, ids: readonly string[], problems: Problem[]): FiringAlert[] {
  let data: unknown;
  // JSON is YAML: the line-keeping parser names lines, and runs only when a problem needs one.
  let parsed: YamlSource | undefined;
  const get = () => (parsed ??= parseYamlDocument(text, file).source);
  const source: YamlSource = { file, firstLine: 1, get doc() { return get().doc; }, get lines() { return get().lines; } };
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message;
    const offset = /position (\d+)/.exec(reason)?.[1] ?? get().doc.errors[0]?.pos[0];
    const line = /line (\d+)/.exec(reason)?.[1] ?? (offset === undefined ? 1 : text.slice(0, Number(offset)).split('\n').length);
    problems.push(problemAt(file)(Number(line), PROBLEMS.firingNotJson(reason.charAt(0).toLowerCase() + reason.slice(1))));
    return [];
  }
  const checked = firingFileSchema.safeParse(data);
  if (!checked.success) {
    problems.push(...schemaProblems(source, checked.error.issues, data, { keys: KEYS, examples: EXAMPLES, examplesFirst: true }));
    return [];
  }
  const at = problemAt(file);
  const alerts: FiringAlert[] = [];
  checked.data.firing.forEach((a, i) => {
    if (!ids.includes(a.component)) {
      problems.push(at(lineAt(source, ['firing', i, 'component']), PROBLEMS.unknownComponent(a.component, closest(a.component, ids), ids, `alert "${a.key}"`)));
    } else alerts.push({ key: a.key, component: a.component, summary: a.summary, since: Date.parse(a.since) });
  });
  return alerts;
}
