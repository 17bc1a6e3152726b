// Reads the built output folder: every file with its hash, headers and, for pages, what they link to.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { StatusError } from '../shared/errors.ts';
import { type FileHeaders, headersFor, HOST_FILES } from '../outputs/index.ts';
import { localReferences, type SiteLocation } from './links.ts';

/** One file of the built site, as the deploy sees it. */
export interface LocalFile {
  /** Path inside the output folder, with forward slashes ("incidents/x/index.html"). */
  key: string;
  /** Where it is on disk. */
  file: string;
  size: number;
  sha256: string;
  headers: FileHeaders;
  /** Keys of the site's files this page refers to (pages only; empty otherwise). */
  links: string[];
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Every file of the output folder, sorted by key; host configuration files are left out. */
export function scanSite(dir: string, site: SiteLocation): LocalFile[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  } catch (error) {
    throw new StatusError('USAGE', `cannot read the built site in ${dir}: run \`npm run build\` first (or pass --dir)`, [], { cause: error });
  }
  const files: LocalFile[] = [];
  for (const file of entries) {
    const key = path.relative(dir, file).split(path.sep).join('/');
    if (HOST_FILES.has(key)) continue;
    const bytes = readFileSync(file);
    const headers = headersFor(key);
    const links = headers.kind === 'page' ? localReferences(bytes.toString('utf8'), key, site) : [];
    files.push({ key, file, size: bytes.length, sha256: sha256(bytes), headers, links });
  }
  if (files.length === 0) throw new StatusError('USAGE', `${dir} has no files: run \`npm run build\` first (or pass --dir)`);
  return files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
