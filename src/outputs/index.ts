import type { StatusState } from '../state/index.ts';
import type { KeyedFile, OutputFile, OutputTools } from './files.ts';
import { hostOutput } from './headers.ts';
import { OUTPUTS } from './list.ts';

/** Files the build writes besides the HTML pages, and the one list of what makes them. */

export { API_BASE, API_SUMMARY, apiGroupId, apiIncidentOpen, type ApiIncidentStatus } from './api-rules.ts';
export { apiObjects, type ApiComponent, type ApiIncident, type ApiMaintenance, type ApiObjects, type ApiPage, type ApiStatus, type ApiSummary, type ApiUpdate } from './api-objects.ts';
export { brandAssets, brandCss, brandFiles, type BrandAssets, type BrandFile } from './brand.ts';
export { EMBED_TEXTS_SLOT } from './embed.ts';
export { METRICS_DIR, metricsFiles, metricsPath } from './metrics.ts';
export { assetPath, madeFiles, type KeyedFile, type Output, type OutputFile, type OutputTools } from './files.ts';
export { CORS_HEADERS, HOST_FILES, headersFor, SECURITY_HEADERS, type FileHeaders } from './headers.ts';
export { buildSearchIndex, closeSearch, SEARCH_DIR, searchShards } from './search.ts';

/** Every output's files, in order (the hosts' files first); can be walked more than once. */
export function generatedFiles(state: StatusState, tools: OutputTools): Iterable<OutputFile | KeyedFile> {
  const lists = [hostOutput, ...OUTPUTS].map((output) => output.produce(state, tools));
  return {
    *[Symbol.iterator]() {
      for (const list of lists) yield* list;
    },
  };
}
