import { closest, StatusError, type Problem } from '../shared/errors.ts';
import { lineAt, parseYamlDocument, PROBLEMS, problemAt, schemaProblems, type Said, type Site, type YamlSource } from '../content/index.ts';
import { ALERT_SOURCES, instant, summaryLine, type AlertEvent, type AlertSource } from './event.ts';
import { FIELD_EXAMPLES, SOURCES, type Draft } from './sources.ts';

/**
 * One payload a monitoring service posted, made into events: which service sent it (named by its
 * `source`, or told by its shape), each alert's key, status, summary and start, and the component
 * of the site file it is about. A component the alert names but the site does not know is
 * reported, never guessed.
 */

/** The largest payload read: GitHub takes a dispatch's client_payload up to 64 KB, a file may be larger. */
export const PAYLOAD_MAX_BYTES = 1024 * 1024;

/** A payload as read, remembering its text so a problem can name the line. */
export interface AlertPayload {
  /** As problems name it: a file, `stdin`, or the event file of a workflow run. */
  file: string;
  /** The whole JSON document read. */
  root: unknown;
  /** Where the payload is in it: [] for a payload of its own, ['client_payload', 'payload'] in a dispatch event. */
  within: PropertyKey[];
  data: unknown;
  yaml: YamlSource;
}

/** How the site names components for alerts: its ids, and alerts.components. */
export interface AlertComponents {
  ids: readonly string[];
  map: Readonly<Record<string, string>>;
}

export const alertComponents = (site: Site): AlertComponents => ({ ids: site.components.map((c) => c.id), map: site.alerts?.components ?? {} });

export interface Normalised {
  source: AlertSource;
  events: AlertEvent[];
  /** Warnings about events that were made (a component the site does not know). */
  problems: Problem[];
}

/** Reads a payload's text (JSON); `within` picks the payload out of a larger document. Throws a USAGE error when it is not JSON. */
export function readAlertPayload(text: string, file: string, within: PropertyKey[] = []): AlertPayload {
  let root: unknown;
  try {
    root = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    const reason = (error as Error).message;
    const position = /position (\d+)/.exec(reason);
    // Node names the position in some versions only; the line-keeping parser finds it in the rest.
    const yamlError = parseYamlDocument(text, file).source.doc.errors[0];
    // …and some give only the text around the mistake: `..."status": }" is not valid JSON`.
    const around = /"(?:\.\.\.)?([^]*?)(?:\.\.\.)?" is not valid JSON/.exec(reason)?.[1];
    const found = around ? text.indexOf(around) : -1;
    const offset = position ? Number(position[1]) : found >= 0 ? found : yamlError?.pos[0];
    const line = /line (\d+)/.exec(reason)?.[1] ?? (offset === undefined ? 1 : text.slice(0, offset).split('\n').length);
    throw unusable([problemAt(file)(Number(line), PROBLEMS.alertNotJson(reason.charAt(0).toLowerCase() + reason.slice(1)))]);
  }
  let data = root;
  for (const k of within) data = data !== null && typeof data === 'object' ? (data as Record<PropertyKey, unknown>)[k] : undefined;
  let parsed: YamlSource | undefined;
  // The line-keeping parser (JSON is YAML) runs only when a problem needs a line.
  const get = () => (parsed ??= parseYamlDocument(text, file).source);
  const yaml: YamlSource = { file, firstLine: 1, get doc() { return get().doc; }, get lines() { return get().lines; } };
  return { file, root, within, data, yaml };
}

/** The events of one payload; throws a USAGE error, with every problem, when it cannot be read. */
export function normaliseAlerts(payload: AlertPayload, options: { components?: AlertComponents; source?: AlertSource } = {}): Normalised {
  const { data } = payload;
  const at = (path: PropertyKey[], said: Said) => problemAt(payload.file)(lineAt(payload.yaml, [...payload.within, ...path]), said);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw unusable([at([], PROBLEMS.alertShapeUnknown(Array.isArray(data) ? 'it is a list' : `it is ${data === undefined ? 'missing' : JSON.stringify(data).slice(0, 40)}`))]);
  }
  const record = data as Record<string, unknown>;
  const named = options.source ?? (typeof record.source === 'string' ? record.source : undefined);
  const reader = named === undefined ? SOURCES.find((s) => s.looksLike(record)) : SOURCES.find((s) => s.name === named);
  if (!reader) {
    const keys = Object.keys(record);
    throw unusable([named === undefined
      ? at([], PROBLEMS.alertShapeUnknown(keys.length ? `its keys are ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}` : 'it is empty'))
      : at(['source'], PROBLEMS.alertSourceUnknown(named, closest(named, ALERT_SOURCES), ALERT_SOURCES))]);
  }
  const reading = reader.read(data);
  if ('issues' in reading) {
    const issues = reading.issues.map((i) => ({ ...i, path: [...payload.within, ...i.path] }));
    throw unusable(schemaProblems(payload.yaml, issues, payload.root, { keys: reader.keys, examples: FIELD_EXAMPLES, examplesFirst: true }), `the ${reader.name} alert`);
  }
  const problems: Problem[] = [];
  const events = reading.drafts.map((draft) => {
    const { id, unknown } = componentOf(draft, options.components);
    if (unknown) problems.push(at(draft.path, PROBLEMS.alertComponentUnknown(draft.key, unknown, options.components?.ids ?? [])));
    const event: AlertEvent = {
      source: reader.name,
      key: draft.key,
      status: draft.status,
      ...(id ? { component: id } : {}),
      summary: summaryLine(draft.summary) || `alert ${draft.key}`,
      // The schema checked that it is one.
      startsAt: instant(draft.startsAt)!,
    };
    return event;
  });
  return { source: reader.name, events, problems };
}

/** The component an alert names: alerts.components first, then a component id; else what it named, to report. */
function componentOf(draft: Draft, components: AlertComponents | undefined): { id?: string; unknown?: string[] } {
  if (!components || !draft.names.length) return {};
  for (const { value } of draft.names) {
    const id = Object.hasOwn(components.map, value) ? components.map[value] : components.ids.includes(value) ? value : undefined;
    if (id) return { id };
  }
  return { unknown: draft.names.map((n) => `${n.from} "${n.value}"`) };
}

function unusable(problems: Problem[], what = 'the alert'): StatusError {
  return new StatusError('USAGE', `${what} cannot be read: ${problems.length} problem${problems.length === 1 ? '' : 's'}`, problems);
}
