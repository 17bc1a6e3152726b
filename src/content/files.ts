import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../shared/errors.ts';
import { PROBLEMS, problemAt } from './problems/index.ts';

/** Reading content files as text: size, encoding and line-end checks, and how files are named in problems. */

const MAX_FILE_KB = 1024;

/** The Markdown files of a folder, sorted; none when the folder does not exist. */
export function listMarkdown(dir: string): string[] {
  if (!exists(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** A path as problems name it: relative to the working directory. */
export const display = (file: string) => path.relative(process.cwd(), file) || file;

/** Text as editors write it: without a byte-order mark and with LF line ends. */
export function readText(file: string, problems: Problem[], bytes: Uint8Array = readFileSync(file)): string | undefined {
  const at = problemAt(display(file));
  if (bytes.length > MAX_FILE_KB * 1024) {
    problems.push(at(1, PROBLEMS.fileTooLarge(Math.round(bytes.length / 1024), MAX_FILE_KB)));
    return undefined;
  }
  if (bytes.includes(0)) {
    problems.push(at(1, PROBLEMS.binaryFile()));
    return undefined;
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    // Editors set to Latin-1 or Windows-1252 write bytes that would show as "�" on the page.
    const line = Buffer.from(bytes).toString('utf8').split('\uFFFD')[0]!.split(/\r\n?|\n/).length;
    problems.push(at(line, PROBLEMS.notUtf8()));
    return undefined;
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });


/** The line of a front matter's `id:` key, or 1: for the rare problem that points at it. */
export function idLine(file: string): number {
  const lines = readFileSync(file, 'utf8').split(/\r\n?|\n/);
  if (lines[0]?.trim() !== '---') return 1;
  for (let i = 1; i < lines.length && lines[i]!.trim() !== '---'; i++) if (/^id\s*:/.test(lines[i]!)) return i + 1;
  return 1;
}
