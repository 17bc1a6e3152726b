import { isMap, isPair, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import matter from 'gray-matter';
import { load as loadYaml } from 'js-yaml';
import type { z } from 'zod';
import { closest, type Problem } from '../shared/errors.ts';
import { parseTimestamp, TIMESTAMP_HINT } from '../shared/time.ts';
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
  const seenLines = new Set<number>();
  for (const e of [...doc.errors, ...doc.warnings]) {
    // An unclosed quote, { or [ is reported where the text ends; point at the one that opened it.
    const quote = e.code === 'MISSING_CHAR' ? /closing (["'])/.exec(e.message)?.[1] : undefined;
    const bracket = e.code === 'BAD_INDENT' ? /^Flow (?:map|sequence) .*end with an? ([}\]])/.exec(e.message)?.[1] : undefined;
    const opener = quote ?? (bracket === '}' ? '{' : bracket === ']' ? '[' : undefined);
    const line = at(opener ? Math.max(0, text.lastIndexOf(opener, e.pos[0] - 1)) : e.pos[0]);
    // Later errors on the same line are knock-on effects of the first one.
    if (seenLines.has(line)) continue;
    seenLines.add(line);
    // A value starting with one of YAML's indicator characters (like Markdown's **bold**) needs quotes.
    const special = /^\s*(?:-\s+)?(?:([^:#\s][^:#]*):\s+)?([*&@`].*?)\s*$/.exec(text.split('\n')[line - firstLine] ?? '');
    const [message, hint] = bracket
      ? [`this ${opener} is never closed`, `end it with ${bracket} on the same line, like  components: ${opener === '{' ? '{ web-apps: partial_outage }' : '[web-apps, api]'}  or write one entry per line instead`]
      : quote || !special || e.code === 'DUPLICATE_KEY' || e.code === 'TAB_AS_INDENT'
      ? [yamlMessage(e.code, e.message, quote), yamlHint(e.code, quote)]
      : [`the value on this line starts with "${special[2]!.charAt(0)}", which YAML reads as a special character`,
        `put the whole value in quotes${special[1] ? `:  ${special[1]}: "${special[2]!.replace(/["\\]/g, '\\$&')}"` : ''}`];
    problems.push({ file, line, message, hint, severity: 'error' });
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
  const where = { file: source.file, severity: 'error' as const };
  const unresolved = aliases.filter((a) => !a.resolved);
  if (unresolved.length) {
    return unresolved.map((a) => ({
      ...where, line: a.line,
      message: `*${a.name} refers to an anchor &${a.name} that is not defined above it`,
      hint: `write the value out instead, or put text starting with "*" in quotes`,
    }));
  }
  try {
    source.doc.toJS();
  } catch {
    return [{ ...where, line: aliases[0]!.line, message: 'the aliases (*name) in this file expand to too much data', hint: 'write the values out instead of repeating them with & and *' }];
  }
  return [];
}

function yamlMessage(code: string, message: string, quote?: string): string {
  if (code === 'DUPLICATE_KEY') return 'this key appears twice';
  if (code === 'TAB_AS_INDENT') return 'a tab is used for indentation';
  if (quote) return `this ${quote} quote is never closed`;
  if (code === 'BLOCK_AS_IMPLICIT_KEY') return 'a value on this line reads as a new key: it contains ": " or is indented too far';
  if (code === 'MULTILINE_IMPLICIT_KEY') return 'a key runs over more than one line (a line without ": " or a wrong indent)';
  if (code === 'BAD_INDENT') return `the indentation is wrong: ${message.split('\n')[0]}`;
  if (code === 'TAG_RESOLVE_FAILED') return `unknown YAML tag: ${message.replace(/^Unresolved tag:\s*/, '')}`;
  if (code === 'MULTIPLE_DOCS') return 'the front matter holds a second YAML document (after a line with only ... or ---)';
  return `the YAML cannot be read: ${message.split('\n')[0]}`;
}

function yamlHint(code: string, quote?: string): string {
  if (code === 'DUPLICATE_KEY') return 'keep one of the two lines';
  if (code === 'TAB_AS_INDENT') return 'indent with spaces, not tabs';
  if (quote) return `end the text with ${quote}, or remove the opening ${quote}`;
  if (code === 'BLOCK_AS_IMPLICIT_KEY') return 'put text that contains ": " in quotes, like  body: "Error: timeout"; line up the keys of one item under each other';
  if (code === 'TAG_RESOLVE_FAILED') return 'remove the word starting with "!", or put the whole value in quotes';
  if (code === 'MULTIPLE_DOCS') return 'remove the ... or --- line inside the front matter';
  return 'check the indentation and put text containing ": " or "#" in quotes';
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

const describe = (value: unknown): string =>
  value === undefined ? 'nothing' : value === null ? 'an empty value' : Array.isArray(value) ? 'a list'
    : value instanceof Uint8Array ? 'binary data (a !!binary tag)' : typeof value === 'object' ? 'a map'
    : typeof value === 'number' && !Number.isFinite(value) ? String(value)
    : typeof value === 'string' ? quoted(value) : JSON.stringify(value);

/** A value as written, short enough for one line, with invisible characters made visible. */
const quoted = (text: string): string =>
  JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text)
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const TYPE_NAMES: Record<string, string> = { string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'a map', record: 'a map' };

/** Keys whose value is free text: quoting is the fix when YAML read it as a number or a list. */
const FREE_TEXT = new Set(['title', 'body', 'name', 'description']);

const COLOUR_KEYS = new Set(Object.keys(brandColorsSchema.shape));

/** Examples that depend on where the key is (a component's name is not the site's name). */
const EXAMPLES_IN: Record<string, string> = {
  'components.name': 'name: Web Apps',
  'groups.name': 'name: Core services',
  feed_limit: 'feed_limit: 50',
};

function exampleFor(path: ReadonlyArray<PropertyKey>, key: string): string | undefined {
  const parent = [...path].reverse().filter((k) => typeof k === 'string')[1];
  return EXAMPLES_IN[`${String(parent)}.${key}`] ?? EXAMPLES_IN[key] ?? EXAMPLES[key];
}

/** Turns schema issues into problems that say where, what, and what to write instead. */
export function schemaProblems(source: YamlSource, issues: z.core.$ZodIssue[], data: unknown): Problem[] {
  return issues.map((issue) => {
    const path = issue.path;
    const key = String([...path].reverse().find((k) => typeof k === 'string') ?? 'value');
    const where = path.length ? pathText(path) : 'the file';
    const input = valueAt(data, path);
    const example = exampleFor(path, key);
    const problem = (message: string, hint?: string, line = lineAt(source, path)): Problem => ({
      file: source.file, line, message, hint, severity: 'error',
    });
    const missing = () => problem(`${where} is missing`, example ? `add a line like  ${example}` : undefined);
    switch (issue.code) {
      case 'invalid_type':
        // `accent: #6b21a8` unquoted reads as an empty value followed by a comment.
        if (input === null && COLOUR_KEYS.has(key)) return problem(`${where} is empty`, `put the colour in quotes, like  ${key}: "#6b21a8"  (unquoted, # starts a comment)`);
        if (input === undefined || input === null) return missing();
        if (!path.length) {
          return problem(`the file must be a map of keys — got ${describe(input)}`, 'write one  key: value  pair per line, starting at the left edge; see README "Content format"');
        }
        if (issue.expected === 'record') {
          return problem(`${where} must be a map — got ${describe(input)}`, path[0] === 'strings'
            ? 'nest language, section and key, like  strings: { en: { site: { history: Past incidents } } }  (the keys of locales/en.json)'
            : `write one  id: state  line per item under it, indented, like    web-apps: partial_outage`);
        }
        return problem(
          `${where} must be ${TYPE_NAMES[issue.expected] ?? issue.expected} — got ${describe(input)}`,
          issue.expected === 'string' && (FREE_TEXT.has(key) || !example) ? 'put the text in quotes' : example ? `write it like  ${example}` : undefined,
        );
      case 'invalid_value': {
        const options = issue.values.map(String);
        if (input === undefined) {
          // The shared example may name a value this schema does not allow (maintenance statuses).
          const line = example && options.includes(example.replace(/^[^:]*:\s*/, '')) ? example : `${key}: ${options[0]}`;
          return problem(`${where} is missing`, `add a line like  ${line}`);
        }
        const guess = typeof input === 'string' ? closest(input, options) : undefined;
        // "status: resolved We restarted …": the text belongs on its own line.
        const runOn = typeof input === 'string' ? options.find((o) => input.startsWith(`${o} `)) : undefined;
        return problem(
          `${where} must be one of ${options.join(', ')} — got ${describe(input)}`,
          runOn ? `write  ${key}: ${runOn}  and put the rest on a line of its own` : guess ? `did you mean "${guess}"?` : `write one of: ${options.join(', ')}`,
        );
      }
      case 'unrecognized_keys':
        return problem(
          `unknown key "${issue.keys.join('", "')}"${path.length ? ` in ${where}` : ''}`,
          hintForUnknownKey(issue.keys[0] ?? ''),
          lineOfKey(source, path, issue.keys[0] ?? ''),
        );
      case 'too_small': {
        const least = issue.inclusive === false ? `more than ${String(issue.minimum)}` : `at least ${String(issue.minimum)}`;
        const message = issue.origin === 'array' ? `${where} needs at least ${String(issue.minimum)} item`
          : issue.origin === 'number' ? `${where} must be ${least} — got ${describe(input)}`
          : `${where} is empty`;
        return problem(message, example ? `write it like  ${example}` : issue.origin === 'number' ? `write a number ${least}` : undefined);
      }
      case 'invalid_key': {
        const parent = path.slice(0, -1).map((k) => (typeof k === 'number' ? `[${k + 1}]` : k)).join('.').replace(/\.\[/g, '[');
        return problem(`${parent || 'the file'} has a key that is not a valid id: ${describe(String(path.at(-1)))}`, issue.issues[0]?.message ?? 'use lowercase letters, digits and dashes, like web-apps');
      }
      case 'invalid_format':
      case 'custom':
      default:
        return problem(`${where} is not valid: ${describe(input)}`, issue.message);
    }
  });
}

function hintForUnknownKey(key: string): string {
  if (key === '<<') return 'YAML merge keys (<<) are not supported: write the keys out';
  const guess = closest(key, KNOWN_KEYS);
  return guess && guess !== key ? `did you mean "${guess}"?` : 'remove it, or check its indentation';
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
  const at = (message: string, hint: string): Problem => ({ file, line: 1, message, hint, severity: 'error' });
  if (!text.trim()) {
    problems.push(at('the file is empty', 'start it with a front matter block between two --- lines (see "Content format" in the README)'));
    return undefined;
  }
  if (!/^---[ \t]*\n/.test(text)) {
    problems.push(at('the file does not start with ---', `put the front matter (${keys}) between two --- lines at the top`));
    return undefined;
  }
  if (!/\n---[ \t]*(\n|$)/.test(text.slice(3))) {
    problems.push(at('the front matter is never closed', 'add a line with only --- after the front matter'));
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
    problems.push({ file: source.file, line: lineAt(source, pathTo), message: `${pathText(pathTo)}: ${result.error}`, hint: TIMESTAMP_HINT, severity: 'error' });
    return NaN;
  };
}
