import { readFileSync } from 'node:fs';
import path from 'node:path';
import { StatusError } from '../shared/errors.ts';
import type { StatusState } from '../state/index.ts';
import { EMBED_SCRIPT_URL, embedTexts, loadLocale } from '../view/index.ts';
import type { OutputFile } from './files.ts';

/**
 * The status embed: a script other sites include with one tag, at the path Statuspage's own embed
 * uses, so a migrating site changes only the host name. It finds the site from its own address and
 * reads api/v2/summary.json at run time; the build only writes the site's language into it.
 */

export const EMBED_SCRIPT = EMBED_SCRIPT_URL.slice(1);
/** Plain JavaScript, served as written but for its strings: no build step. */
export const EMBED_SOURCE = path.resolve(import.meta.dirname, '../../layouts/assets/embed.js');
/** Path pattern and content type, for hosting headers (CORS, so hosts may load it with crossorigin). */
export const EMBED_CONTENT_TYPES = [{ path: EMBED_SCRIPT_URL, type: 'text/javascript; charset=utf-8' }];

/** The object literal between these markers in the source holds its interface strings. */
const TEXTS = /\/\*texts\*\/[^]*?\/\*end\*\//;

/** Producer: embed/script.js, with the strings of the site's language. */
export function embedFiles(state: StatusState): OutputFile[] {
  const texts = embedTexts(loadLocale(state.content.site.locale));
  const source = readFileSync(EMBED_SOURCE, 'utf8');
  if (!TEXTS.test(source)) throw new StatusError('IO', `${EMBED_SOURCE} has lost its /*texts*/ … /*end*/ markers; put them back around TEXT`);
  // A function, so "$" in a translation is not read as a replacement pattern.
  return [{ path: EMBED_SCRIPT, content: source.replace(TEXTS, () => `/*texts*/ ${JSON.stringify(texts)} /*end*/`) }];
}
