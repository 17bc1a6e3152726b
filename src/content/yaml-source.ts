import { isMap, isPair, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import matter from 'gray-matter';
import { load as loadYaml } from 'js-yaml';
import type { z } from 'zod';
import { closest, type Problem } from '../shared/errors.ts';
import { parseTimestamp } from '../shared/time.ts';
import { FORMATS, PROBLEMS, problemAt, type FormatEntry, type Said } from './problems/index.ts';
import { brandColorsSchema, EXAMPLES, KNOWN_KEYS } from './schema.ts';

/** A YAML document that remembers where each value came from, so problems can name a line. */
export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** Line of the file on which the YAML text starts (front matter starts after `---`). */
  firstLine: number;
}

/**
 * Reads YAML text. Most files are valid, and js-yaml reads them about 8× faster than the
 * line-keeping parser, so that parser runs only when a problem needs a line number (or the
 * text has anchors or aliases, which it checks more carefully).
 */
export function parseYaml(text: string, file: string, firstLine = 1): { source: YamlSource; problems: Problem[]; data: unknown } {
  if (!/[*&]/.test(text)) {
    try {
      // js-yaml's default is the YAML 1.2 core schema, like ours; it rejects repeated keys and tabs too.
      return { source: lazySource(text, file, firstLine), problems: [], data: loadYaml(text) };
    } catch {
      // Fall through: the line-keeping parser describes the problem.
    }
  }
  const { source, problems } = parseYamlDocument(text, file, firstLine);
  return { source, problems, data: problems.length ? undefined : source.doc.toJS() };
}

function lazySource(text: string, file: string, firstLine: number): YamlSource {
  let parsed: YamlSource | undefined;
  const get = () => (parsed ??= parseYamlDocument(text, file, firstLine).source);
  return {
    file,
    firstLine,
    get doc() {
      return get().doc;
    },
    get lines() {
      return get().lines;
    },
  };
}

export function parseYamlDocument(text: string, file: string, firstLine = 1): { source: YamlSource; problems: Problem[] } {
  const lines = new LineCounter();
  // `uniqueKeys` makes a repeated key an error instead of a silent overwrite.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const source = { file, doc, lines, firstLine };
  const at = (pos: number) => firstLine - 1 + lines.linePos(pos).line;
  const problems: Problem[] = [];
  const put = problemAt(file);
  const seenLines = new Set<number>();
  for (const e of [...doc.errors, ...doc.warnings]) {
    // An unclosed quote, { or [ is reported where the text ends; point at the one that opened it.
    const quote = e.code === 'MISSING_CHAR' ? /closing (["'])/.exec(e.message)?.[1] : undefined;
    const bracket = e.code === 'BAD_INDENT' ? /^Flow (?:map|sequence) .*end with an? ([}\]])/.exec(e.message)?.[1] : undefined;
    const openBracket = bracket === '}' ? '{' : bracket === ']' ? '[' : undefined;
    const opener = quote ?? openBracket;
    const line = at(opener ? Math.max(0, text.lastIndexOf(opener, e.pos[0] - 1)) : e.pos[0]);
    // Later errors on the same line are knock-on effects of the first one.
    if (seenLines.has(line)) continue;
    seenLines.add(line);
    // A value starting with one of YAML's indicator characters (like Markdown's **bold**) needs quotes.
    const special = /^\s*(?:-\s+)?(?:([^:#\s][^:#]*):\s+)?([*&@`].*?)\s*$/.exec(text.split('\n')[line - firstLine] ?? '');
    problems.push(put(line, openBracket ? PROBLEMS.unclosedBracket(openBracket)
      : quote || !special || e.code === 'DUPLICATE_KEY' || e.code === 'TAB_AS_INDENT' ? yamlProblem(e.code, e.message, quote)
      : PROBLEMS.specialCharacter(special[2]!, special[1])));
  }
  // Only a file with a `*` can hold an alias; skip the walk for the rest.
  if (!problems.length && text.includes('*')) problems.push(...aliasProblems(source, at));
  return { source, problems };
}

/**
 * `toJS()` throws on an alias without its anchor and on aliases that expand too far (a
 * "billion laughs" file); find those here so they are reported like any other mistake.
 */
function aliasProblems(source: YamlSource, at: (pos: number) => number): Problem[] {
  const aliases: { name: string; line: number; resolved: boolean }[] = [];
  visit(source.doc, {
    Alias: (_key, node) => {
      aliases.push({ name: node.source, line: node.range ? at(node.range[0]) : source.firstLine, resolved: node.resolve(source.doc) !== undefined });
    },
  });
  if (!aliases.length) return [];
  const put = problemAt(source.file);
  const unresolved = aliases.filter((a) => !a.resolved);
  if (unresolved.length) return unresolved.map((a) => put(a.line, PROBLEMS.unknownAlias(a.name)));
  try {
    source.doc.toJS();
  } catch {
    return [put(aliases[0]!.line, PROBLEMS.aliasBomb())];
  }
  return [];
}

/** The catalogue's words for an error code of the YAML parser, whose own messages name its internals. */
function yamlProblem(code: string, message: string, quote?: string): Said {
  const first = message.split('\n')[0]!;
  if (code === 'DUPLICATE_KEY') return PROBLEMS.duplicateKey();
  if (code === 'TAB_AS_INDENT') return PROBLEMS.tabIndent();
  if (quote) return PROBLEMS.unclosedQuote(quote);
  if (code === 'BLOCK_AS_IMPLICIT_KEY') return PROBLEMS.valueReadsAsKey();
  if (code === 'MULTILINE_IMPLICIT_KEY') return PROBLEMS.multilineKey();
  if (code === 'BAD_INDENT') return PROBLEMS.badIndent(first);
  if (code === 'TAG_RESOLVE_FAILED') return PROBLEMS.unknownTag(message.replace(/^Unresolved tag:\s*/, ''));
  if (code === 'MULTIPLE_DOCS') return PROBLEMS.secondDocument();
  return PROBLEMS.yamlUnreadable(first);
}

/** The line of the value at `path`, or of its nearest existing parent. */
export function lineAt(source: YamlSource, path: ReadonlyArray<PropertyKey>): number {
  let node: unknown = source.doc.contents;
  let found = node;
  for (const key of path) {
    if (!isMap(node) && !(node && typeof node === 'object' && 'items' in node)) break;
    const next = isMap(node)
      ? node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key)
      : (node as { items: unknown[] }).items[Number(key)];
    if (next === undefined) break;
    node = isPair(next) ? (next.value ?? next.key) : next;
    found = isPair(next) && next.value === null ? next.key : node;
  }
  const range = (found as { range?: [number, number] } | null)?.range;
  return source.firstLine - 1 + (range ? source.lines.linePos(range[0]).line : 1);
}

/** Line of a key itself (for unknown keys). */
export function lineOfKey(source: YamlSource, path: ReadonlyArray<PropertyKey>, key: string): number {
  const parent = source.doc.getIn(path as unknown[], true);
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
    const range = (pair?.key as { range?: [number, number] } | undefined)?.range;
    if (range) return source.firstLine - 1 + source.lines.linePos(range[0]).line;
  }
  return lineAt(source, path);
}

export const describe = (value: unknown): string =>
  value === undefined ? 'nothing' : value === null ? 'an empty value' : Array.isArray(value) ? 'a list'
    : value instanceof Uint8Array ? 'binary data (a !!binary tag)' : typeof value === 'object' ? 'a map'
    : typeof value === 'number' && !Number.isFinite(value) ? String(value)
    : typeof value === 'string' ? quoted(value) : JSON.stringify(value);

/** A value as written, short enough for one line, with invisible characters made visible. */
const quoted = (text: string): string =>
  JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text)
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Keys whose value is free text: quoting is the fix when YAML read it as a number or a list. */
const FREE_TEXT = new Set(['title', 'body', 'name', 'description']);

const COLOUR_KEYS = new Set(Object.keys(brandColorsSchema.shape));

/** Examples that depend on where the key is (a component's name is not the site's name). */
const EXAMPLES_IN: Record<string, string> = {
  'components.name': 'name: Web Apps',
  'groups.name': 'name: Core services',
  feed_limit: 'feed_limit: 50',
};

function exampleFor(path: ReadonlyArray<PropertyKey>, key: string, local: Record<string, string>, localFirst: boolean): string | undefined {
  const parent = [...path].reverse().filter((k) => typeof k === 'string')[1];
  if (localFirst && local[key]) return local[key];
  return EXAMPLES_IN[`${String(parent)}.${key}`] ?? EXAMPLES_IN[key] ?? EXAMPLES[key] ?? local[key];
}

/** The formats the schema checks, by the hint each check carries as its issue's text. */
const FORMAT_BY_HINT = new Map<string, FormatEntry>(Object.values(FORMATS).map((f) => [f.hint, f]));

/** What a kind of file knows (src/content/kinds.ts): its keys, for "did you mean" (the site file's by default), and example lines beyond the shared ones. */
export interface FileKeys {
  keys?: readonly string[];
  examples?: Record<string, string>;
  /** The examples are of another format (an alert's JSON), so they win over the content files' own. */
  examplesFirst?: boolean;
}

/** Turns schema issues into problems that say where, what, and what to write instead. */
export function schemaProblems(source: YamlSource, issues: z.core.$ZodIssue[], data: unknown, known: FileKeys = {}): Problem[] {
  const at = problemAt(source.file);
  return issues.map((issue) => {
    const path = issue.path;
    if (issue.code === 'unrecognized_keys') return at(lineOfKey(source, path, issue.keys[0] ?? ''), unknownKey(issue.keys, path, known.keys ?? KNOWN_KEYS));
    if (issue.code === 'invalid_key') return at(lineAt(source, path), PROBLEMS.idKey(path.length > 1 ? pathText(path.slice(0, -1)) : 'the file', describe(String(path.at(-1)))));
    return at(lineAt(source, path), issueSaid(issue, path, valueAt(data, path), known.examples ?? {}, known.examplesFirst ?? false));
  });
}

function issueSaid(issue: z.core.$ZodIssue, path: ReadonlyArray<PropertyKey>, input: unknown, examples: Record<string, string>, examplesFirst: boolean): Said {
  const key = String([...path].reverse().find((k) => typeof k === 'string') ?? 'value');
  const where = path.length ? pathText(path) : 'the file';
  const example = exampleFor(path, key, examples, examplesFirst);
  switch (issue.code) {
    case 'invalid_type':
      if (input === null && COLOUR_KEYS.has(key)) return PROBLEMS.colourUnquoted(where, key);
      if (input === undefined || input === null) return PROBLEMS.missingKey(where, example, key);
      if (!path.length) return PROBLEMS.fileNotAMap(describe(input));
      if (issue.expected === 'record') return (path[0] === 'strings' ? PROBLEMS.stringsNotNested : path[0] === 'alerts' ? PROBLEMS.alertNamesNotAMap : PROBLEMS.statesNotAMap)(where, describe(input));
      return PROBLEMS.wrongType(where, issue.expected, describe(input), example, issue.expected === 'string' && (FREE_TEXT.has(key) || !example));
    case 'invalid_value': {
      const options = issue.values.map(String);
      if (input === undefined) {
        // The shared example may name a value this schema does not allow (maintenance statuses).
        return PROBLEMS.missingKey(where, example && options.includes(example.replace(/^[^:]*:\s*/, '')) ? example : `${key}: ${options[0]}`, key);
      }
      const text = typeof input === 'string' ? input : undefined;
      // "status: resolved We restarted …": the text belongs on its own line.
      const runOn = text === undefined ? undefined : options.find((o) => text.startsWith(`${o} `));
      return PROBLEMS.notOneOf(where, options, describe(input), key, text === undefined ? undefined : closest(text, options), runOn);
    }
    case 'too_small': {
      const least = `${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}`;
      return issue.origin === 'array' ? PROBLEMS.tooFewItems(where, Number(issue.minimum), example)
        : issue.origin === 'number' ? PROBLEMS.numberTooSmall(where, least, describe(input), example)
        : PROBLEMS.emptyValue(where, example);
    }
    default: {
      const format = FORMAT_BY_HINT.get(issue.message);
      return format ? format(where, describe(input)) : PROBLEMS.notValid(where, describe(input), issue.message);
    }
  }
}

function unknownKey(keys: readonly string[], path: ReadonlyArray<PropertyKey>, known: readonly string[]): Said {
  const where = path.length ? pathText(path) : undefined;
  const first = keys[0] ?? '';
  if (first === '<<') return PROBLEMS.mergeKey(where);
  const guess = closest(first, known);
  return PROBLEMS.unknownKey(keys, where, guess === first ? undefined : guess);
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** `updates[2].at`: where a value is, counting list items from 1 as people do. */
export function pathText(path: ReadonlyArray<PropertyKey>): string {
  return path.map((k) => (typeof k === 'number' ? `[${k + 1}]` : String(k))).join('.').replace(/\.\[/g, '[');
}

/** A Markdown file's front matter, read, and the Markdown after it. */
export interface FrontMatterFile {
  source: YamlSource;
  data: unknown;
  /** The Markdown after the closing `---`, trimmed. */
  body: string;
  /** Line on which that Markdown starts. */
  bodyLine: number;
}

/**
 * Splits a content file into front matter and body (gray-matter only splits; the front matter is
 * read by parseYaml, which can name lines). Problems go to `problems`; `keys` names the front
 * matter's main keys in the hint for a file that has none.
 */
export function readFrontMatter(text: string, file: string, keys: string, problems: Problem[]): FrontMatterFile | undefined {
  const at = problemAt(file);
  if (!text.trim()) {
    problems.push(at(1, PROBLEMS.emptyFile()));
    return undefined;
  }
  if (!/^---[ \t]*\n/.test(text)) {
    problems.push(at(1, PROBLEMS.noFrontMatter(keys)));
    return undefined;
  }
  if (!/\n---[ \t]*(\n|$)/.test(text.slice(3))) {
    problems.push(at(1, PROBLEMS.frontMatterNotClosed()));
    return undefined;
  }
  const split = matter(text, { engines: { yaml: () => ({}) } });
  const { source, data, problems: yamlProblems } = parseYaml(split.matter.replace(/^\n/, ''), file, 2);
  if (yamlProblems.length) {
    problems.push(...yamlProblems);
    return undefined;
  }
  return { source, data, body: split.content.trim(), bodyLine: text.slice(0, text.length - split.content.length).split('\n').length };
}

/** Reads content timestamps in the site zone; an impossible one becomes a problem on its own line, and NaN. */
export function timeReader(source: YamlSource, zone: string, problems: Problem[]) {
  return (text: string, pathTo: (string | number)[]): number => {
    const result = parseTimestamp(text, zone);
    if ('ms' in result) return result.ms;
    problems.push(problemAt(source.file)(lineAt(source, pathTo), PROBLEMS.impossibleTime(pathText(pathTo), result.error)));
    return NaN;
  };
}
