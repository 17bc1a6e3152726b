import { clientScripts } from '../client/index.ts';
import { type Content, loadContent } from '../content/index.ts';
import { brandAssets, type BrandAssets, generatedFiles, type KeyedFile, type OutputFile } from '../outputs/index.ts';
import { Markdown } from '../shared/markdown.ts';
import type { Memo } from '../shared/memo.ts';
import { stateAt, type StatusState } from '../state/index.ts';
import { type IncidentPage, siteView, type SiteView } from '../view/index.ts';

/**
 * The pipeline's entry: content (loaded and valid) → state at `now` → view models → output files.
 * Pages are rendered from `view` by Eleventy and src/render/; the deploy and notify stages read the result.
 */

/** Everything one build needs, derived once from the content at `now`. */
export interface Model {
  content: Content;
  state: StatusState;
  view: SiteView;
  /** Feeds, API and other non-page files, each made as it is read. */
  files: Iterable<OutputFile | KeyedFile>;
  /** Path part of the site URL ("/" or "/status/"), for Eleventy's pathPrefix. */
  basePath: string;
  /** The site's brand: its logo and favicon are in `files`; `brand.css` goes at the end of style.css. */
  brand: BrandAssets;
}

/** What a build cache keeps from one build to the next, beyond the loaded files. */
export interface ModelMemos {
  /** Rendered Markdown by text. */
  markdown?: Memo<string>;
  /** Incident page models by source key and locale. */
  pages?: Memo<IncidentPage>;
}

export function buildModel(content: Content, now: number, memos: ModelMemos = {}): Model {
  const state = stateAt(content, now);
  const markdown = new Markdown(memos.markdown);
  const brand = brandAssets(content.site, content.dir);
  const generated = generatedFiles(state, { markdown, embedScript: () => clientScripts()['embed.js'] });
  return {
    content,
    state,
    view: siteView(state, { markdown, pages: memos.pages, brand: brand.links }),
    files: {
      *[Symbol.iterator]() {
        yield* generated;
        yield* brand.files;
      },
    },
    basePath: new URL(content.site.url).pathname,
    brand,
  };
}

/** Loads the content folder (and its probes folder, if given) and builds its model (for callers without a build cache). */
export const modelFor = (contentDir: string, now: number, probes?: string): Model => buildModel(loadContent(contentDir, { probes }), now);
