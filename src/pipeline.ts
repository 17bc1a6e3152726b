import { loadContent, type Content } from './content/load.ts';
import { generatedFiles, type KeyedFile, type OutputFile } from './outputs/index.ts';
import { stateAt, type StatusState } from './state/status.ts';
import { siteView, type SiteView } from './view/site.ts';

/** Everything one build needs, derived once from the content at `now`. */
export interface Model {
  content: Content;
  state: StatusState;
  view: SiteView;
  /** Feeds, API and other non-page files, each made as it is read. */
  files: Iterable<OutputFile | KeyedFile>;
  /** Path part of the site URL ("/" or "/status/"), for Eleventy's pathPrefix. */
  basePath: string;
}

export function buildModel(content: Content, now: number): Model {
  const state = stateAt(content, now);
  return { content, state, view: siteView(state), files: generatedFiles(state), basePath: new URL(content.site.url).pathname };
}

let provided: { contentDir: string; now: number; model: Model } | undefined;

/**
 * Lets the build script hand over the model of content it already validated, so the content is
 * read once and work that needs only the model (the search index) can start before Eleventy does.
 */
export function provideModel(contentDir: string, now: number, model: Model) {
  provided = { contentDir, now, model };
}

export function modelFor(contentDir: string, now: number): Model {
  if (provided?.contentDir === contentDir && provided.now === now) return provided.model;
  return buildModel(loadContent(contentDir), now);
}
