import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadContent, type Content } from '../../src/content/index.ts';
import { formatProblem, StatusError } from '../../src/shared/errors.ts';
import { MINI } from './mini-site.ts';

/** A one-pixel purple PNG, for logo and favicon tests. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPIVlwBAAIvATXo6PqmAAAAAElFTkSuQmCC', 'base64');
export const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="#6b21a8"/></svg>\n';

/**
 * A copy of the mini site with `siteYml` appended to its site file (its first line is line 15)
 * and `files` written into the content folder; returns the folder.
 */
export function miniSiteWith(siteYml: string, files: Record<string, string | Buffer> = {}): string {
  const content = path.join(mkdtempSync(path.join(tmpdir(), 'status-brand-')), 'content');
  cpSync(MINI, content, { recursive: true });
  writeFileSync(path.join(content, 'site.yml'), `${readFileSync(path.join(MINI, 'site.yml'), 'utf8')}${siteYml}`);
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(content, name)), { recursive: true });
    writeFileSync(path.join(content, name), bytes);
  }
  return content;
}

/** Loads a content folder: the content, or its problems as printed, files named relative to the folder. */
export function load(content: string): { content?: Content; problems: string[] } {
  try {
    return { content: loadContent(content), problems: [] };
  } catch (error) {
    if (!(error instanceof StatusError)) throw error;
    const prefix = `${path.relative(process.cwd(), content)}${path.sep}`;
    return { problems: error.problems.map((p) => formatProblem(p).split(prefix).join('')) };
  }
}
