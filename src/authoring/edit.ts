import { DateTime } from 'luxon';
import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLSeq, type Document, type Node } from 'yaml';
import { StatusError } from '../shared/errors.ts';
import { type ComponentState, type Impact, KINDS, type MaintenanceStatus, type OutageState, type UpdateStatus } from '../content/index.ts';

/**
 * Edits of incident files that keep everything a person wrote: we locate the place through
 * the parsed YAML document and splice new lines in, so comments, blank lines, quoting and key
 * order stay byte for byte. Only whole new items are serialised.
 */

export interface NewUpdate {
  at: number;
  /** An incident status, or a maintenance one (scheduled, in_progress, …). */
  status: UpdateStatus | MaintenanceStatus;
  body: string;
  components?: Record<string, ComponentState>;
}

export interface NewIncident {
  title: string;
  impact: Impact;
  components: Record<string, OutageState>;
  /** The first update. */
  update: NewUpdate & { status: UpdateStatus };
}

export interface NewMaintenance {
  title: string;
  from: number;
  to: number;
  components: string[];
  /** The announcement, posted as a `scheduled` update. */
  notice?: { at: number; body: string };
  /** What will happen and what users should expect. */
  description?: string;
}

const YAML_OPTIONS = { version: '1.2', lineWidth: 0, flowCollectionPadding: false } as const;

/** How the tools write a time: the site zone with an explicit offset, `Z` for UTC. */
export function writtenTime(ms: number, zone: string): string {
  const dt = DateTime.fromMillis(ms, { zone });
  const text = dt.toFormat(dt.millisecond ? "yyyy-MM-dd'T'HH:mm:ss.SSSZZ" : "yyyy-MM-dd'T'HH:mm:ssZZ");
  return dt.offset === 0 ? text.replace(/\+00:00$/, 'Z') : text;
}

/** `Delayed SMS (carrier) — UK` → `delayed-sms-carrier-uk`, at most about 60 characters. */
export function slugify(title: string): string {
  return slugWords(title) || 'incident';
}

/** The words of a text as an id (ID_PATTERN), at most about 60 characters; empty when it has no letter or digit in a-z, 0-9. */
export function slugWords(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= 60) return slug;
  const cut = slug.slice(0, 61);
  return cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : 60).replace(/-+$/, '');
}

/** The content convention for ids and file names: the start day in the site zone, then the title. */
export function incidentId(title: string, startedAt: number, zone: string): string {
  return `${DateTime.fromMillis(startedAt, { zone }).toFormat('yyyy-MM-dd')}-${slugify(title)}`;
}

/** The text of a new incident file. */
export function newIncidentText(incident: NewIncident, zone: string): string {
  const doc = parseDocument('{}', YAML_OPTIONS);
  const data: Record<string, unknown> = { title: incident.title, impact: incident.impact };
  if (Object.keys(incident.components).length) data.components = incident.components;
  data.updates = [updateData(incident.update, zone)];
  doc.contents = doc.createNode(data) as typeof doc.contents;
  quoteTimes(doc.contents);
  return `---\n${doc.toString(YAML_OPTIONS)}---\n`;
}

/** The text of a new maintenance file; components are written as a flow list, like the samples. */
export function newMaintenanceText(m: NewMaintenance, zone: string): string {
  const doc = parseDocument('{}', YAML_OPTIONS);
  const data: Record<string, unknown> = {
    title: m.title,
    scheduled_for: writtenTime(m.from, zone),
    scheduled_until: writtenTime(m.to, zone),
    components: m.components,
  };
  if (m.notice) data.updates = [updateData({ ...m.notice, status: 'scheduled' }, zone)];
  doc.contents = doc.createNode(data) as typeof doc.contents;
  quoteTimes(doc.contents);
  const list = doc.get('components', true);
  if (isSeq(list)) list.flow = true;
  const body = m.description?.trim();
  return `---\n${doc.toString(YAML_OPTIONS)}---\n${body ? `${body}\n` : ''}`;
}

function updateData(update: NewUpdate, zone: string): Record<string, unknown> {
  const data: Record<string, unknown> = { at: writtenTime(update.at, zone), status: update.status, body: update.body.trim() };
  if (update.components && Object.keys(update.components).length) data.components = update.components;
  return data;
}

/** Keys holding a time, in any kind of file. */
const TIME_KEYS = new Set(Object.values(KINDS).flatMap((kind) => kind.timeKeys));

/** Times are quoted so YAML 1.1 readers (and CMS editors) keep them as text. */
export function quoteTimes(node: unknown) {
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items) quoteTimes(item);
  } else if (node && typeof node === 'object' && 'key' in node && 'value' in node) {
    const { key, value } = node as { key: unknown; value: unknown };
    if (isScalar(key) && TIME_KEYS.has(String(key.value)) && isScalar(value)) value.type = Scalar.QUOTE_DOUBLE;
    else quoteTimes(value);
  }
}

/** An incident file split into its front matter and the Markdown after it. */
interface Parts {
  /** `---` line and everything before the YAML text. */
  head: string;
  yaml: string;
  /** The closing `---` line and the postmortem text. */
  tail: string;
}

function split(text: string, file: string): Parts {
  const m = /^(---[ \t]*\r?\n)([\s\S]*?)(^---[ \t]*(?:\r?\n|$)[\s\S]*)$/m.exec(text);
  if (!m) throw new StatusError('CONTENT', `${file} has no front matter between two --- lines`);
  return { head: m[1]!, yaml: m[2]!, tail: m[3]! };
}

function parse(yaml: string, file: string): Document.Parsed {
  const doc = parseDocument(yaml, YAML_OPTIONS);
  if (doc.errors.length) {
    throw new StatusError('CONTENT', `${file} cannot be read as YAML; run \`npm run check\` to see where`);
  }
  if (!isMap(doc.contents)) throw new StatusError('CONTENT', `${file}: the front matter is not a map of keys`);
  return doc;
}

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;

/** Indents every line but blank ones. */
const indent = (text: string, by: string) => text.replace(/^(?=.)/gm, by);

/** Inserts an update at the top of `updates:` (the file lists them newest first). */
export function addUpdate(text: string, update: NewUpdate, zone: string, file = 'the incident file'): string {
  const { head, yaml, tail } = split(text, file);
  const doc = parse(yaml, file);
  const updates = doc.get('updates', true);
  const item = itemText(update, zone);
  let result: string;
  if (isSeq(updates) && updates.items.length && !updates.flow) {
    const first = updates.items[0] as Node;
    const at = lineStart(yaml, first.range![0]);
    const column = yaml.slice(at, first.range![0]).replace(/-\s*$/, '');
    // Keep the spacing the author uses between items: a blank line if the second item has one.
    const gap = (updates.items[1] as Node | undefined)?.spaceBefore ? '\n' : '';
    result = yaml.slice(0, at) + indent(item, column) + gap + yaml.slice(at);
  } else if ((isSeq(updates) && !updates.items.length) || updates === undefined || (isScalar(updates) && updates.value === null)) {
    // `updates: []`, `updates:` or no key at all: write a one-item block list.
    const pair = findPair(doc, 'updates');
    const list = indent(item, '  ');
    if (pair) {
      const keyStart = lineStart(yaml, (pair.key as Node).range![0]);
      const end = (pair.value as Node | null)?.range?.[2] ?? (pair.key as Node).range![2];
      const lineEnd = yaml.indexOf('\n', end - 1);
      const after = lineEnd < 0 ? '' : yaml.slice(lineEnd + 1);
      result = `${yaml.slice(0, keyStart)}updates:\n${list}${after}`;
    } else {
      result = `${yaml}${yaml.endsWith('\n') || !yaml ? '' : '\n'}updates:\n${list}`;
    }
  } else {
    throw new StatusError('CONTENT', `${file}: updates is not a list the tool can add to; fix it by hand first`);
  }
  verify(result, yaml, file, (before) => {
    const list = (before.updates as unknown[] | null | undefined) ?? [];
    before.updates = [updateData(update, zone), ...list];
  });
  return head + result + tail;
}

/** The newest update of an incident file (the first of `updates:`): its status and time as written; undefined when it has none. */
export function newestUpdate(text: string, file = 'the incident file'): { status: string; at: string } | undefined {
  const first = parse(split(text, file).yaml, file).toJS() as { updates?: unknown };
  const item = Array.isArray(first.updates) ? (first.updates[0] as Record<string, unknown> | undefined) : undefined;
  return item && typeof item.status === 'string' && typeof item.at === 'string' ? { status: item.status, at: item.at } : undefined;
}

/**
 * Changes the status of the newest update, in place: when an alert fires again after it resolved,
 * its `resolved` becomes `monitoring` (an update may not follow a resolved one).
 */
export function setNewestStatus(text: string, status: UpdateStatus, file = 'the incident file'): string {
  const { head, yaml, tail } = split(text, file);
  const doc = parse(yaml, file);
  const updates = doc.get('updates', true);
  const first = isSeq(updates) ? updates.items[0] : undefined;
  const node = isMap(first) ? first.get('status', true) : undefined;
  if (!isScalar(node) || !node.range) throw new StatusError('CONTENT', `${file}: the newest update has no status the tool can change; fix it by hand first`);
  const result = yaml.slice(0, node.range[0]) + status + yaml.slice(node.range[1]);
  verify(result, yaml, file, (before) => {
    (before.updates as Record<string, unknown>[])[0]!.status = status;
  });
  return head + result + tail;
}

function itemText(update: NewUpdate, zone: string): string {
  const doc = parseDocument('[]', YAML_OPTIONS);
  const seq = new YAMLSeq();
  seq.items.push(doc.createNode(updateData(update, zone)));
  quoteTimes(seq);
  doc.contents = seq as typeof doc.contents;
  return doc.toString(YAML_OPTIONS);
}

function findPair(doc: Document.Parsed, key: string) {
  const map = doc.contents;
  if (!isMap(map)) return undefined;
  return map.items.find((p) => isScalar(p.key) && p.key.value === key);
}

/**
 * Sets `postmortem_at` (kept when already there) and, when the file has no postmortem text yet,
 * appends a skeleton to fill in. Returns the new text and whether anything changed.
 */
export function startPostmortem(text: string, at: number, zone: string, skeleton: string, file = 'the incident file'): { text: string; changed: boolean } {
  const { head, yaml, tail } = split(text, file);
  const doc = parse(yaml, file);
  let front = yaml;
  if (!findPair(doc, 'postmortem_at')) {
    const line = `postmortem_at: "${writtenTime(at, zone)}"\n`;
    // Put it just above `updates:`, where the sample files keep it.
    const updates = findPair(doc, 'updates');
    const where = updates ? lineStart(yaml, (updates.key as Node).range![0]) : yaml.length;
    const before = yaml.slice(0, where);
    front = `${before}${before && !before.endsWith('\n') ? '\n' : ''}${line}${yaml.slice(where)}`;
    verify(front, yaml, file, (data) => {
      data.postmortem_at = writtenTime(at, zone);
    });
  }
  const closing = /^---[ \t]*(?:\r?\n|$)/.exec(tail)![0];
  const body = tail.slice(closing.length);
  const newTail = body.trim() ? tail : `${closing.endsWith('\n') ? closing : `${closing}\n`}${skeleton.trim()}\n`;
  const result = head + front + newTail;
  return { text: result, changed: result !== text };
}

/** Guards the splice: the edited YAML must mean exactly the old data plus our change. */
function verify(edited: string, original: string, file: string, change: (data: Record<string, unknown>) => void) {
  const expected = parseDocument(original, YAML_OPTIONS).toJS() as Record<string, unknown>;
  change(expected);
  const actual = parseDocument(edited, YAML_OPTIONS);
  if (actual.errors.length || JSON.stringify(actual.toJS()) !== JSON.stringify(orderLike(expected, actual.toJS()))) {
    throw new StatusError('CONTENT', `${file}: could not add the lines safely (unusual layout); edit the file by hand`);
  }
}

/** Key order of `expected` rearranged like `actual`, so the comparison ignores where a new key went. */
function orderLike(expected: Record<string, unknown>, actual: unknown): Record<string, unknown> {
  if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return expected;
  const keys = [...Object.keys(actual), ...Object.keys(expected).filter((k) => !(k in actual))];
  return Object.fromEntries(keys.filter((k) => k in expected).map((k) => [k, expected[k]]));
}
