import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { StatusError } from './errors.ts';

/** Folder of the search index inside the built site; the history page's script reads it. */
export const SEARCH_DIR = 'pagefind';

/**
 * Builds the self-hosted search index over the built pages (Pagefind's binary ships inside its
 * npm package: nothing is downloaded). Only incident pages are marked `data-pagefind-body`, so
 * only incidents and their postmortems are indexed.
 */
export async function buildSearchIndex(outDir: string): Promise<{ pages: number }> {
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw searchError(errors);
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length) throw searchError(added.errors);
    const outputPath = path.join(outDir, SEARCH_DIR);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw searchError(written.errors);
    // The history page has its own small search script; Pagefind's ready-made UIs are not served.
    for (const file of readdirSync(outputPath)) {
      if (/^pagefind-(.*ui|highlight)\.(js|css)$/.test(file)) rmSync(path.join(outputPath, file));
    }
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}

const searchError = (errors: string[]) =>
  new StatusError('IO', `the search index could not be built: ${errors.join('; ') || 'unknown error'}`);
