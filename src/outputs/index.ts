import type { Markdown } from '../shared/markdown.ts';
import type { StatusState } from '../state/index.ts';
import { apiFiles } from './api.ts';
import { badgeFiles } from './badges.ts';
import { calendarFiles } from './calendar.ts';
import { cmsFiles } from './cms.ts';
import { embedFiles } from './embed.ts';
import { feedFiles } from './feeds.ts';
import type { KeyedFile, OutputFile } from './files.ts';
import { hostFiles } from './headers.ts';
import { nextChangeFiles } from './next-change.ts';

/** Files the build writes besides the HTML pages, and the one list of what makes them. */

export { API_BASE, API_SUMMARY, apiGroupId, apiIncidentOpen, type ApiIncidentStatus } from './api-rules.ts';
export { apiObjects, type ApiComponent, type ApiIncident, type ApiMaintenance, type ApiObjects, type ApiPage, type ApiStatus, type ApiSummary, type ApiUpdate } from './api-objects.ts';
export { brandAssets, brandCss, brandFiles, type BrandAssets, type BrandFile } from './brand.ts';
export { EMBED_TEXTS_SLOT } from './embed.ts';
export { assetPath, madeFiles, type KeyedFile, type OutputFile } from './files.ts';
export { CORS_HEADERS, HOST_FILES, headersFor, SECURITY_HEADERS, type FileHeaders } from './headers.ts';
export { buildSearchIndex, closeSearch, SEARCH_DIR, searchShards } from './search.ts';

/** What producers share within one build. */
export interface OutputTools {
  /** Rendered Markdown, the same the pages used. */
  markdown: Markdown;
  /** The status embed's bundled script, with EMBED_TEXTS_SLOT where its strings go (made by src/client/, asked for only when written). */
  embedScript: () => string;
}

/**
 * Each producer turns the derived state into files; add new producers here. A producer checks what
 * it must when called, and may hand back a lazy list: the large ones (API, feeds: 20,000 files and
 * 250 MB on a large site) make each file only as it is written, so they are never all in memory.
 */
export type Producer = (state: StatusState, tools: OutputTools) => Iterable<OutputFile | KeyedFile>;

const producers: Producer[] = [
  hostFiles,
  (state, { markdown }) => feedFiles(state, markdown),
  apiFiles,
  badgeFiles,
  (state, { markdown }) => calendarFiles(state, markdown),
  nextChangeFiles,
  (state) => cmsFiles(state),
  (state, { embedScript }) => embedFiles(state, embedScript),
];

/** Every producer's files, in order; can be walked more than once. */
export function generatedFiles(state: StatusState, tools: OutputTools): Iterable<OutputFile | KeyedFile> {
  const lists = producers.map((produce) => produce(state, tools));
  return {
    *[Symbol.iterator]() {
      for (const list of lists) yield* list;
    },
  };
}
