import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { closest, type Problem } from './errors.ts';
import { EXAMPLES, KNOWN_KEYS } from './schema.ts';

/** A YAML document that remembers where each value came from, so problems can name a line. */
export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** Line of the file on which the YAML text starts (front matter starts after `---`). */
  firstLine: number;
}

export function parseYaml(text: string, file: string, firstLine = 1): { source: YamlSource; problems: Problem[] } {
  const lines = new LineCounter();
  // `uniqueKeys` makes a repeated key an error instead of a silent overwrite.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const source = { file, doc, lines, firstLine };
  const problems = [...doc.errors, ...doc.warnings].map((e): Problem => ({
    file,
    line: firstLine - 1 + lines.linePos(e.pos[0]).line,
    message: yamlMessage(e.code, e.message),
    hint: yamlHint(e.code),
    severity: 'error',
  }));
  return { source, problems };
}

function yamlMessage(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'this key appears twice';
  if (code === 'TAB_AS_INDENT') return 'a tab is used for indentation';
  return `the YAML cannot be read: ${message.split('\n')[0]}`;
}

function yamlHint(code: string): string {
  if (code === 'DUPLICATE_KEY') return 'keep one of the two lines';
  if (code === 'TAB_AS_INDENT') return 'indent with spaces, not tabs';
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
function lineOfKey(source: YamlSource, path: ReadonlyArray<PropertyKey>, key: string): number {
  const parent = source.doc.getIn(path as unknown[], true);
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
    const range = (pair?.key as { range?: [number, number] } | undefined)?.range;
    if (range) return source.firstLine - 1 + source.lines.linePos(range[0]).line;
  }
  return lineAt(source, path);
}

const describe = (value: unknown): string =>
  value === undefined ? 'nothing' : value === null ? 'an empty value' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : JSON.stringify(value);

const TYPE_NAMES: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a map' };

/** Turns schema issues into problems that say where, what, and what to write instead. */
export function schemaProblems(source: YamlSource, issues: z.core.$ZodIssue[], data: unknown): Problem[] {
  return issues.map((issue) => {
    const path = issue.path;
    const key = String([...path].reverse().find((k) => typeof k === 'string') ?? 'value');
    const where = path.length ? path.map((k) => (typeof k === 'number' ? `[${k + 1}]` : k)).join('.').replace(/\.\[/g, '[') : 'the file';
    const input = valueAt(data, path);
    const problem = (message: string, hint?: string, line = lineAt(source, path)): Problem => ({
      file: source.file, line, message, hint, severity: 'error',
    });
    switch (issue.code) {
      case 'invalid_type':
        if (input === undefined || input === null) {
          return problem(`${where} is missing`, EXAMPLES[key] ? `add a line like  ${EXAMPLES[key]}` : undefined);
        }
        return problem(
          `${where} must be ${TYPE_NAMES[issue.expected] ?? issue.expected} — got ${describe(input)}`,
          issue.expected === 'string' ? 'put the text in quotes' : EXAMPLES[key] ? `write it like  ${EXAMPLES[key]}` : undefined,
        );
      case 'invalid_value': {
        const options = issue.values.map(String);
        const guess = typeof input === 'string' ? closest(input, options) : undefined;
        return problem(
          `${where} must be one of ${options.join(', ')} — got ${describe(input)}`,
          guess ? `did you mean "${guess}"?` : `write one of: ${options.join(', ')}`,
        );
      }
      case 'unrecognized_keys':
        return problem(
          `unknown key "${issue.keys.join('", "')}"${path.length ? ` in ${where}` : ''}`,
          hintForUnknownKey(issue.keys[0] ?? ''),
          lineOfKey(source, path, issue.keys[0] ?? ''),
        );
      case 'too_small':
        return problem(
          issue.origin === 'array' ? `${where} needs at least ${String(issue.minimum)} item` : `${where} is empty`,
          EXAMPLES[key] ? `write it like  ${EXAMPLES[key]}` : undefined,
        );
      case 'invalid_format':
      case 'custom':
      default:
        return problem(`${where} is not valid: ${describe(input)}`, issue.message);
    }
  });
}

function hintForUnknownKey(key: string): string {
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
