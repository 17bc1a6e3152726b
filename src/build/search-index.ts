// Builds the search index of a build in Pagefind's own process, alongside the rest of the build.
import path from 'node:path';
import { buildSearchIndex, closeSearch, SEARCH_DIR, searchShards } from '../outputs/index.ts';
import { searchablePages, type SiteView } from '../view/index.ts';
import type { OutputWriter } from './output.ts';

const SHARDS_AT_ONCE = 2;

/**
 * Starts building every part of the search index of `view` into `outputDir`: the build script
 * starts it as soon as the model exists (before Eleventy has even loaded) and hands the promise to
 * the Eleventy glue. Parts whose incidents are unchanged since the last build (with a build cache,
 * through `writer`) are kept as they are.
 */
export function searchIndexFor(view: SiteView, outputDir: string, writer: OutputWriter): Promise<void> {
  const dir = path.resolve(outputDir);
  const language = view.meta.locale;
  const queue = searchShards(searchablePages(view), view.t.incident, language);
  // Two parts at a time: Pagefind spreads each over every core already, and indexing all ten
  // years of a large site at once took it 470 MB instead of 200 MB, for no time saved. Each
  // part's records are made when its turn comes, so only two years' text is held here too.
  const next = async (): Promise<void> => {
    const shard = queue.shift();
    if (!shard) return;
    const folder = `${SEARCH_DIR}/${shard.id}`;
    await writer.folder(folder, shard.inputs, () => buildSearchIndex(path.join(dir, folder), shard.records(), language));
    return next();
  };
  const done = Promise.all(Array.from({ length: SHARDS_AT_ONCE }, next))
    .then(() => undefined)
    .finally(closeSearch);
  // Failures surface when the build awaits it, not as an unhandled rejection meanwhile.
  done.catch(() => {});
  return done;
}
